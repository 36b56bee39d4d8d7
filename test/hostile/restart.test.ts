// Crash recovery at the protocol level: when the server process dies (killed, mid-work or idle),
// a new server started and initialised the way a client restarts it brings back every diagnostic,
// for files on disk and for the open buffer (which the client sends again). A server whose client
// goes away (its stdin closes) exits rather than linger. (The VS Code client's own restart is
// tested end to end in code-server.)

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspClient, TempWorkspace } from '../lsp/harness';

const FILES = 400;

const onDisk = (i: number): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: disk-${i}\ndata:\n  mode: a\n${i % 4 === 0 ? '  mode: b\n' : ''}`;

/** The open buffer differs from the disk: a Service whose selector matches nothing, and a duplicate key. */
const BUFFER = `apiVersion: v1
kind: Service
metadata:
  name: edited
spec:
  selector:
    app: nobody
  ports:
    - port: 80
      port: 81
`;

function snapshot(client: LspClient): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [uri, diagnostics] of client.diagnostics) {
    if (diagnostics.length > 0) out.set(uri, diagnostics.map((d: Diagnostic) => JSON.stringify([d.range, d.code, d.message])).sort());
  }
  return out;
}

function exited(client: LspClient): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (client.process.exitCode !== null || client.process.signalCode !== null) resolve({ code: client.process.exitCode, signal: client.process.signalCode });
    else client.process.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

describe('the server process dies and is started again', { timeout: 300_000 }, () => {
  let ws: TempWorkspace;
  let expected: Map<string, string[]>;
  const bufferUri = (): string => ws.uri('edited.yaml');

  /** A client session as an editor runs one: initialise, wait for the index, open the buffer. */
  async function session(): Promise<LspClient> {
    const client = await LspClient.start({ folders: [ws.root] });
    await client.waitForIndexed();
    await client.open(bufferUri(), BUFFER);
    await client.documentSymbols(bufferUri());
    return client;
  }

  /** Waits until a client shows exactly the expected diagnostics. */
  async function restored(client: LspClient): Promise<void> {
    await client.waitFor('every diagnostic back', () => {
      const now = snapshot(client);
      return now.size === expected.size && [...expected].every(([uri, d]) => JSON.stringify(now.get(uri)) === JSON.stringify(d));
    });
  }

  before(async () => {
    const files: Record<string, string> = { 'edited.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: on-disk-version\n' };
    for (let i = 0; i < FILES; i++) files[`m/f${i}.yaml`] = onDisk(i);
    ws = await TempWorkspace.create(files);
    const reference = await session();
    await reference.waitFor('diagnostics of the disk files and the buffer', () => snapshot(reference).size === FILES / 4 + 1);
    expected = snapshot(reference);
    await reference.stop();
  });

  after(async () => {
    await ws?.dispose();
  });

  it('killed while idle: a new server restores every diagnostic', async () => {
    const first = await session();
    await restored(first);
    first.process.kill('SIGKILL');
    assert.equal((await exited(first)).signal, 'SIGKILL');
    first.connection.dispose();

    const second = await session();
    try {
      await restored(second);
      assert.deepEqual(second.logs.filter((l) => l.type === 1), []);
    } finally {
      await second.stop();
    }
  });

  it('killed in the middle of indexing: a new server restores every diagnostic', async () => {
    const first = await LspClient.start({ folders: [ws.root] });
    await first.waitFor('indexing to start', () => first.statuses.some((s) => s.indexing));
    first.process.kill('SIGKILL');
    await exited(first);
    first.connection.dispose();

    const second = await session();
    try {
      await restored(second);
    } finally {
      await second.stop();
    }
  });

  it('a server whose client went away (stdin closed, no shutdown) exits by itself', async () => {
    const orphan = await session();
    orphan.process.stdin!.end();
    const timeout = new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 10_000).unref());
    const outcome = await Promise.race([exited(orphan), timeout]);
    if (outcome === 'still running') orphan.process.kill('SIGKILL');
    orphan.connection.dispose();
    assert.notEqual(outcome, 'still running', 'the server outlived its client by 10 s');
  });
});
