// Hostile files in a workspace, through the real language server (dist/server.js): an alias bomb,
// a 50 MB manifest, a binary file named .yaml, invalid UTF-8, deep nesting. The server indexes
// them all, says one useful thing about each, logs no error, and its memory stays bounded.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, HoverRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { codes, LspClient, TempWorkspace } from '../lsp/harness';
import { billionLaughs, binaryBytes, deepFlow, invalidUtf8Manifest, writeBigManifest } from './inputs';
import { peakRssMb } from './memory';

const BIG_BYTES = 50_000_000;

const GOOD = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
      port: 81
`;

function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/** Log messages of type Error (window/logMessage), which the server sends for any exception it catches. */
function errorLogs(client: LspClient): string[] {
  return client.logs.filter((l) => l.type === 1).map((l) => l.message);
}

describe('hostile files in a workspace', () => {
  let ws: TempWorkspace;
  let client: LspClient;

  before(async () => {
    ws = await TempWorkspace.create({
      'bomb.yaml': billionLaughs(),
      'binary.yaml': binaryBytes(256 * 1024),
      'invalid-utf8.yaml': invalidUtf8Manifest(),
      'nested.yaml': deepFlow(10_000, '[', false),
      'good.yaml': GOOD,
    });
    await writeBigManifest(ws.path('big.yaml'), BIG_BYTES);
    client = await LspClient.start({ folders: [ws.root] });
    await client.waitForIndexed();
  });

  after(async () => {
    await client?.stop();
    await ws?.dispose();
  });

  it('the alias bomb gets one finding', async () => {
    const d = await client.waitForDiagnostics(ws.uri('bomb.yaml'), 'one finding', (d) => d.length > 0);
    assert.deepEqual(codes(d), ['yaml-syntax']);
    assert.match(messageOf(d[0]!), /not analysed/);
  });

  it('the 50 MB manifest is skipped with one notice, and never read whole', async (t) => {
    const d = await client.waitForDiagnostics(ws.uri('big.yaml'), 'the size notice', (d) => d.length > 0);
    assert.equal(d.length, 1);
    assert.equal(d[0]!.severity, DiagnosticSeverity.Information);
    assert.match(messageOf(d[0]!), /Not analysed: the file has 50\.\d MB, more than kube-netlens\.maxFileSize \(5\.0 MB\)/);
    const peak = peakRssMb(client.process.pid!);
    t.diagnostic(`server peak RSS after indexing the hostile workspace: ${peak?.toFixed(0)} MB`);
    if (peak !== undefined) assert.ok(peak < 300, `server peak RSS ${peak.toFixed(0)} MB`);
  });

  it('the binary file gets nothing; invalid UTF-8 is read around; deep nesting gets a few findings', async () => {
    const utf8 = await client.waitForDiagnostics(ws.uri('invalid-utf8.yaml'), 'duplicate-key', (d) => d.length > 0);
    assert.deepEqual(codes(utf8), ['duplicate-key']);
    const nested = await client.waitForDiagnostics(ws.uri('nested.yaml'), 'findings', (d) => d.length > 0);
    assert.ok(nested.length <= 3, `${nested.length} diagnostics`);
    await client.waitForDiagnostics(ws.uri('good.yaml'), 'duplicate-key', (d) => codes(d).includes('duplicate-key'));
    assert.equal(client.diagnostics.get(ws.uri('binary.yaml')), undefined);
  });

  it('answers requests on every hostile file and logs no error', async () => {
    for (const name of ['bomb.yaml', 'binary.yaml', 'invalid-utf8.yaml', 'nested.yaml', 'big.yaml', 'good.yaml']) {
      const uri = ws.uri(name);
      await client.documentSymbols(uri);
      for (const position of [{ line: 0, character: 0 }, { line: 5, character: 8 }, { line: 9999, character: 0 }]) {
        await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
      }
    }
    assert.deepEqual(errorLogs(client), []);
    assert.equal(client.process.exitCode, null);
  });

  it('with the size limit raised, the 50 MB manifest is parsed (HOSTILE_FULL=1), else the notice stays', async (t) => {
    if (process.env['HOSTILE_FULL'] !== '1') {
      t.skip('HOSTILE_FULL=1 raises the limit and parses 50 MB in the server (about 25 s and 1.3 GB)');
      return;
    }
    const since = client.publishes.length;
    const started = Date.now();
    await client.changeSettings({ maxFileSize: 60_000_000 });
    await client.waitForDiagnostics(ws.uri('big.yaml'), 'notice cleared', (d) => d.length === 0, since);
    t.diagnostic(`50 MB parsed and checked in the server: ${Date.now() - started} ms, peak RSS ${peakRssMb(client.process.pid!)?.toFixed(0)} MB`);
    const symbols = await client.documentSymbols(ws.uri('big.yaml'));
    assert.equal(symbols.length, 1);
    assert.deepEqual(errorLogs(client), []);
  });
});
