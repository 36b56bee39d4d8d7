// Edit-to-diagnostics latency through the real language server (dist/server.js --stdio), spoken to
// over JSON-RPC like any editor would: initialize the workspace, wait until it is indexed and
// checked, open one file, then time didChange → publishDiagnostics for that file.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const rpc = require('vscode-languageserver-protocol/node');

const READY_TIMEOUT_MS = 300_000;
const EDIT_TIMEOUT_MS = 3_000;
/** The server sends its status at most every 250 ms. */
const STATUS_THROTTLE_MS = 300;
/** Pause between edits in the typing series: a fast typist, slower than the server's edit delay. */
const TYPING_PAUSE_MS = 150;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function peakRssKB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { peakRssKB: kb('VmHWM'), rssKB: kb('VmRSS') };
  } catch {
    return { peakRssKB: undefined, rssKB: undefined };
  }
}

function samePath(uri, fsPath) {
  try {
    return fileURLToPath(uri) === fsPath;
  } catch {
    return false;
  }
}

/**
 * Edits alternate between the original text and a variant whose diagnostics differ (the server
 * only publishes changes); `variants` are tried in order until one makes the server publish.
 * Two series: `isolated` waits until the server is idle before each edit (the latency of one
 * edit), `typing` sends the next edit 150 ms after the last publish (background re-checks of
 * dependent files may still be running).
 */
export async function measureEditLatency({ serverJs, workspace, file, edits, variants, nodeArgs = [] }) {
  const proc = spawn(process.execPath, [...nodeArgs, serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  const waiters = new Set();
  let publishes = 0;
  let status = { indexing: true, checking: true, resources: 0 };
  const statusWaiters = new Set();

  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    publishes++;
    for (const w of [...waiters]) if (samePath(p.uri, w.fsPath)) w.resolve(p);
  });
  connection.onNotification('kube-netlens/status', (p) => {
    status = p;
    for (const w of [...statusWaiters]) w();
  });
  connection.onNotification('window/logMessage', () => undefined);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  connection.onNotification('$/progress', () => undefined);
  connection.listen();

  const waitForPublish = (fsPath, timeoutMs) =>
    new Promise((resolve) => {
      const w = { fsPath, resolve: (p) => (waiters.delete(w), clearTimeout(timer), resolve(p)) };
      const timer = setTimeout(() => (waiters.delete(w), resolve(undefined)), timeoutMs);
      waiters.add(w);
    });

  const rootUri = pathToFileURL(workspace).href;
  const started = performance.now();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: path.basename(workspace) }],
    capabilities: { window: { workDoneProgress: true }, workspace: { workspaceFolders: true, configuration: true } },
    initializationOptions: {},
  });
  await connection.sendNotification('initialized', {});

  // Ready: indexed and every file checked.
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not finish indexing in time')), READY_TIMEOUT_MS);
    const check = () => {
      if (status.resources > 0 && !status.indexing && !status.checking) {
        clearTimeout(timer);
        statusWaiters.delete(check);
        resolve();
      }
    };
    statusWaiters.add(check);
  });
  await ready;
  const readyMs = performance.now() - started;
  const afterIndex = peakRssKB(proc.pid);

  const original = readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: original } });
  await sleep(500);

  // Waits until the server reports no checking in progress (its status is throttled, so look
  // only after it had time to report the work an edit started).
  const idle = async () => {
    await sleep(STATUS_THROTTLE_MS);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (status.checking && Date.now() < deadline) await sleep(20);
  };

  let version = 1;
  let variantIndex = 0;
  /** One edit; resolves with its latency, or undefined when no diagnostics came. */
  const edit = async (text) => {
    version++;
    const published = waitForPublish(file, EDIT_TIMEOUT_MS);
    const t0 = performance.now();
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    const p = await published;
    return p ? performance.now() - t0 : undefined;
  };

  // Find an edit this build reports: the server publishes only when diagnostics change.
  while (variantIndex < variants.length) {
    const probe = await edit(variants[variantIndex].edit(original));
    await edit(original);
    await idle();
    if (probe !== undefined) break;
    variantIndex++;
  }
  if (variantIndex === variants.length) throw new Error('no edit variant changed the diagnostics');
  const variant = variants[variantIndex];

  /** Alternates original and variant; `between` runs after each edit. */
  const series = async (between) => {
    const latencies = [];
    let misses = 0;
    for (let i = 0; i < edits; i++) {
      const latency = await edit(i % 2 === 0 ? variant.edit(original) : original);
      if (latency === undefined) misses++;
      else latencies.push(latency);
      await between();
    }
    // End on the original text, so the next series starts from it.
    if (edits % 2 === 1) {
      await edit(original);
      await idle();
    }
    return { latencies, misses };
  };
  const isolated = await series(idle);
  await idle();
  const typing = await series(() => sleep(TYPING_PAUSE_MS));

  const rss = peakRssKB(proc.pid);
  await connection.sendRequest('shutdown').catch(() => undefined);
  await connection.sendNotification('exit').catch(() => undefined);
  await new Promise((r) => {
    const timer = setTimeout(() => (proc.kill(), r()), 3000);
    proc.on('exit', () => (clearTimeout(timer), r()));
  });
  connection.dispose();
  return {
    readyMs,
    isolated,
    typing,
    publishes,
    variant: variant.name,
    resources: status.resources,
    files: status.files,
    peakRssAfterIndexKB: afterIndex.peakRssKB,
    peakRssKB: rss.peakRssKB,
    rssKB: rss.rssKB,
  };
}
