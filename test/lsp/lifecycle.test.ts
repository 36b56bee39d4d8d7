// The server process: command line, initialize handshake, capabilities, dynamic registrations,
// work-done progress during indexing, shutdown.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fork, spawnSync } from 'node:child_process';
import {
  createProtocolConnection,
  ExitNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  ShutdownRequest,
  TextDocumentSyncKind,
} from 'vscode-languageserver-protocol/node';
import { LspClient, SERVER_JS, TempWorkspace } from './harness';

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  ports:
  - port: 80
`;

describe('server command line', () => {
  it('refuses to start without a transport, with usage on stderr', () => {
    const r = spawnSync(process.execPath, [SERVER_JS], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--stdio/);
    assert.equal(r.stdout, '');
  });

  it('prints usage for --help', () => {
    const r = spawnSync(process.execPath, [SERVER_JS, '--help'], { encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /--node-ipc/);
  });
});

describe('initialize and shutdown', () => {
  let ws: TempWorkspace;
  let client: LspClient;

  before(async () => {
    ws = await TempWorkspace.create({ 'a.yaml': SERVICE, 'b.yaml': SERVICE.replace('name: api', 'name: web'), 'c.json': '{}' });
    client = await LspClient.start({ folders: [ws.root], workDoneProgress: true });
  });

  after(async () => {
    await client?.stop();
    await ws?.dispose();
  });

  it('announces its capabilities', () => {
    const { capabilities, serverInfo } = client.initializeResult;
    assert.equal(serverInfo?.name, 'kube-netlens');
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: TextDocumentSyncKind.Incremental });
    assert.equal(capabilities.documentSymbolProvider, true);
    assert.equal(capabilities.workspaceSymbolProvider, true);
    assert.deepEqual(capabilities.workspace?.workspaceFolders, { supported: true, changeNotifications: true });
  });

  it('registers a watcher for YAML and JSON files', async () => {
    const reg = await client.waitFor('a didChangeWatchedFiles registration', () =>
      client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'),
    );
    assert.deepEqual(reg.registerOptions, { watchers: [{ globPattern: '**/*.{yaml,yml,json}' }] });
  });

  it('reports work-done progress while indexing, counting the files', async () => {
    await client.waitForIndexed();
    const token = client.progressCreated[0];
    assert.ok(token !== undefined, 'window/workDoneProgress/create was requested');
    const events = client.progress.filter((p) => p.token === token).map((p) => p.value);
    assert.equal(events[0]?.kind, 'begin');
    assert.equal(events.at(-1)?.kind, 'end');
    const messages = events.map((e) => ('message' in e ? e.message : undefined));
    assert.ok(messages.includes('Indexing 3 manifests'), `messages: ${JSON.stringify(messages)}`);
    for (const e of events) {
      if (e.kind !== 'end' && e.percentage !== undefined) assert.ok(e.percentage >= 0 && e.percentage <= 100);
    }
  });

  it('reports what it indexed in the status notification', async () => {
    const status = await client.waitForIndexed();
    assert.deepEqual(status, { files: 3, resources: 2, indexing: false, checking: false });
  });

  it('exits with code 0 after shutdown and exit', async () => {
    assert.equal(await client.stop(), 0);
  });
});

describe('the node-ipc transport (what the VS Code client uses)', () => {
  it('answers initialize over IPC', async () => {
    const child = fork(SERVER_JS, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    try {
      const result = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} });
      assert.equal(result.serverInfo?.name, 'kube-netlens');
      await connection.sendRequest(ShutdownRequest.type);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      await connection.sendNotification(ExitNotification.type);
      assert.equal(await exited, 0);
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});

describe('a client without work-done progress support', () => {
  it('gets no progress and no create request', async () => {
    const ws = await TempWorkspace.create({ 'a.yaml': SERVICE });
    const client = await LspClient.start({ folders: [ws.root] });
    try {
      await client.waitForIndexed();
      assert.deepEqual(client.progressCreated, []);
      assert.deepEqual(client.progress, []);
    } finally {
      await client.stop();
      await ws.dispose();
    }
  });
});
