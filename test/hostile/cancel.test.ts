// A request the client cancels ($/cancelRequest) stops its work. Requests that wait behind a slow
// parse and are cancelled meanwhile (what an editor does when the cursor moves on) answer
// RequestCancelled (-32800) without being computed; a workspace-symbol search cancelled while it
// runs stops at its next slice; the same requests uncancelled answer in full, and the server goes on.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancellationTokenSource,
  DidChangeTextDocumentNotification,
  HoverRequest,
  LSPErrorCodes,
  ReferencesRequest,
  ResponseError,
  WorkspaceSymbolRequest,
  type CancellationToken,
} from 'vscode-languageserver-protocol/node';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { searchWorkspaceSymbols, workspaceSymbols } from '../../server/src/lsp/symbols';
import { LspClient, TempWorkspace } from '../lsp/harness';
import { manyDocuments } from './inputs';

const FILES = 40;
const PER_FILE = 1_000;
/** A buffer whose parse keeps the server busy for a while (about a second on a quiet machine). */
const SLOW_DOCUMENTS = 30_000;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
    - port: 80
`;

/** Sends a request and cancels it at once; the answer or the error. */
async function sendCancelled<R>(send: (token: CancellationToken) => Promise<R>): Promise<{ result?: R; error?: unknown }> {
  const source = new CancellationTokenSource();
  const pending = send(source.token);
  source.cancel();
  try {
    return { result: await pending };
  } catch (error) {
    return { error };
  }
}

function assertCancelled(outcome: { error?: unknown }, what: string): void {
  assert.ok(outcome.error instanceof ResponseError, `${what}: answered ${outcome.error === undefined ? 'a result' : String(outcome.error)} instead of RequestCancelled`);
  assert.equal(outcome.error.code, LSPErrorCodes.RequestCancelled, `${what}: ${outcome.error.message}`);
}

describe('cancelled requests in the server', { timeout: 300_000 }, () => {
  let ws: TempWorkspace;
  let client: LspClient;
  const referencesParams = () => ({ textDocument: { uri: ws.uri('service.yaml') }, position: { line: 3, character: 9 }, context: { includeDeclaration: true } });

  before(async () => {
    const files: Record<string, string> = { 'service.yaml': SERVICE };
    for (let f = 0; f < FILES; f++) files[`many/f${f}.yaml`] = manyDocuments(PER_FILE).replace(/name: c/g, `name: f${f}-c`);
    ws = await TempWorkspace.create(files);
    client = await LspClient.start({ folders: [ws.root] });
    await client.waitForIndexed();
  });

  after(async () => {
    await client?.stop();
    await ws?.dispose();
  });

  it('uncancelled, the requests answer in full', async (t) => {
    assert.equal((await client.workspaceSymbols('configmap')).length, 500); // the limit: there are 40,000
    const started = Date.now();
    assert.deepEqual(await client.workspaceSymbols('configmap zzz-none'), []);
    t.diagnostic(`a search through ${FILES * PER_FILE} resources: ${Date.now() - started} ms`);
    assert.ok(((await client.connection.sendRequest(ReferencesRequest.type, referencesParams())) ?? []).length >= 1);
  });

  it('requests cancelled while they wait behind a slow parse answer RequestCancelled, uncomputed', async (t) => {
    const slow = ws.uri('slow.yaml');
    const text = manyDocuments(SLOW_DOCUMENTS).replace(/name: c/g, 'name: slow-c');
    await client.open(slow, text);
    await client.documentSymbols(slow);
    // An edit, then a hover on the file: the hover applies the edit first (a long, blocking parse).
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: slow, version: 2 }, contentChanges: [{ text: `${text}# edited\n` }] });
    const started = Date.now();
    const hover = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: slow }, position: { line: 0, character: 1 } });
    // Meanwhile the client moves on: three requests, each cancelled as soon as sent.
    const outcomes = await Promise.all([
      sendCancelled((token) => client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'configmap zzz-none' }, token)),
      sendCancelled((token) => client.connection.sendRequest(ReferencesRequest.type, referencesParams(), token)),
      sendCancelled((token) => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: ws.uri('service.yaml') }, position: { line: 3, character: 9 } }, token)),
    ]);
    await hover;
    t.diagnostic(`the slow parse took ${Date.now() - started} ms`);
    assertCancelled(outcomes[0]!, 'workspace symbols');
    assertCancelled(outcomes[1]!, 'references');
    assertCancelled(outcomes[2]!, 'hover');
  });

  it('the server goes on answering and logs no error', async () => {
    assert.equal((await client.workspaceSymbols('f39-c999')).length, 1);
    assert.deepEqual(client.logs.filter((l) => l.type === 1).map((l) => l.message), []);
  });
});

describe('a workspace-symbol search cancelled while it runs', () => {
  const index = new WorkspaceIndex();
  for (let f = 0; f < 8; f++) index.update(`file:///cancel/f${f}.yaml`, manyDocuments(1_000).replace(/name: c/g, `name: f${f}-c`), 1);

  it('stops at its next slice with RequestCancelled', async () => {
    let checks = 0;
    // Not cancelled when it starts; cancelled from its first pause on (the client's $/cancelRequest arrived meanwhile).
    const token = {
      get isCancellationRequested(): boolean {
        return checks++ > 0;
      },
    };
    await assert.rejects(searchWorkspaceSymbols(index, 'configmap zzz-none', token, 500, 0), (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled);
    assert.equal(checks, 2, 'checked when it started and at the first pause');
  });

  it('uncancelled, finds what the plain search finds', async () => {
    const never = { isCancellationRequested: false };
    for (const query of ['configmap', 'f7-c99', 'zzz']) {
      assert.deepEqual(await searchWorkspaceSymbols(index, query, never, 500, 0), workspaceSymbols(index, query));
    }
  });
});
