// Settings as the server reads them through workspace/configuration: files.exclude, maxFileSize
// (too-large files get one notice, no crash), rule levels, diagnostics scope, and changes to them.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, type SymbolInformation } from 'vscode-languageserver-protocol/node';
import { codes, LspClient, TempWorkspace } from './harness';

const BROKEN = `apiVersion: v1
kind: Service
metadata:
  name: broken
spec:
  ports: [port: 80
`;

const DUPLICATE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: dup
  name: dup2
`;

const SMALL_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: small
spec:
  ports:
  - port: 80
`;

/** A valid manifest over 1,000 bytes (the smallest maxFileSize allowed). */
const BIG_MANIFEST = `apiVersion: v1
kind: ConfigMap
metadata:
  name: big
data:
${Array.from({ length: 60 }, (_, i) => `  key${i}: value-number-${i}`).join('\n')}
`;

const BIG_DATA = JSON.stringify({ rows: Array.from({ length: 100, }, (_, i) => ({ i, text: 'some data' })) });

describe('settings', () => {
  let ws: TempWorkspace;
  let client: LspClient;

  before(async () => {
    ws = await TempWorkspace.create({
      'generated/broken.yaml': BROKEN,
      'kept/broken.yaml': BROKEN,
      'kept/dup.yaml': DUPLICATE,
      'kept/small.yaml': SMALL_SERVICE,
      'big/manifest.yaml': BIG_MANIFEST,
      'big/data.json': BIG_DATA,
    });
    assert.ok(Buffer.byteLength(BIG_MANIFEST) > 1000 && Buffer.byteLength(BIG_DATA) > 1000);
    client = await LspClient.start({
      folders: [ws.root],
      settings: { maxFileSize: 1000, rules: { 'duplicate-key': 'warning' } },
      filesExclude: { '**/generated': true },
    });
    await client.waitForIndexed();
  });

  after(async () => {
    await client?.stop();
    await ws?.dispose();
  });

  it('does not index files matched by files.exclude', async () => {
    await client.waitForDiagnostics(ws.uri('kept/broken.yaml'), 'yaml-syntax', (d) => codes(d).includes('yaml-syntax'));
    assert.equal(client.diagnostics.get(ws.uri('generated/broken.yaml')), undefined);
    const symbols = (await client.workspaceSymbols('broken')) as SymbolInformation[];
    assert.deepEqual(symbols.map((s) => s.location.uri), [ws.uri('kept/broken.yaml')]);
  });

  it('applies the level set in kube-netlens.rules', async () => {
    const d = await client.waitForDiagnostics(ws.uri('kept/dup.yaml'), 'duplicate-key', (ds) => codes(ds).includes('duplicate-key'));
    assert.equal(d.find((x) => x.code === 'duplicate-key')?.severity, DiagnosticSeverity.Warning);
  });

  it('gives a too-large manifest one informational notice and keeps serving', async () => {
    const uri = ws.uri('big/manifest.yaml');
    const notice = await client.waitForDiagnostics(uri, 'the size notice', (d) => d.length > 0);
    assert.equal(notice.length, 1);
    assert.equal(notice[0]!.severity, DiagnosticSeverity.Information);
    assert.match(JSON.stringify(notice[0]!.message), /maxFileSize/);
    assert.equal(client.publishes.filter((p) => p.uri === uri).length, 1);
    assert.equal(client.logs.filter((l) => l.message.includes('manifest.yaml')).length, 1);
    // Not read: its resource is not in the index; the server still answers.
    assert.deepEqual(await client.workspaceSymbols('big'), []);
    assert.equal(client.process.exitCode, null);
  });

  it('only logs a too-large file that does not look like a manifest', () => {
    assert.equal(client.diagnostics.get(ws.uri('big/data.json')), undefined);
    assert.equal(client.logs.filter((l) => l.message.includes('data.json')).length, 1);
  });

  it('re-indexes when files.exclude changes, without repeating the size notices', async () => {
    await client.changeSettings(client.settings, {});
    await client.waitForDiagnostics(ws.uri('generated/broken.yaml'), 'yaml-syntax once no longer excluded', (d) => codes(d).includes('yaml-syntax'));
    assert.equal(client.logs.filter((l) => l.message.includes('manifest.yaml')).length, 1);
    assert.equal(client.publishes.filter((p) => p.uri === ws.uri('big/manifest.yaml')).length, 1);
  });

  it('re-publishes when a rule is turned off', async () => {
    await client.changeSettings({ ...client.settings, rules: { 'duplicate-key': 'off' } });
    await client.waitForDiagnostics(ws.uri('kept/dup.yaml'), 'duplicate-key gone', (d) => !codes(d).includes('duplicate-key'));
  });

  it('reads a larger maxFileSize: the file is analysed and its notice goes away', async () => {
    await client.changeSettings({ ...client.settings, maxFileSize: 100_000 });
    await client.waitForDiagnostics(ws.uri('big/manifest.yaml'), 'notice gone', (d) => !d.some((x) => /maxFileSize/.test(JSON.stringify(x.message))));
    const symbols = (await client.workspaceSymbols('ConfigMap big')) as SymbolInformation[];
    assert.deepEqual(symbols.map((s) => s.name), ['ConfigMap default/big']);
  });

  it('with diagnostics.scope openFiles, reports only open files', async () => {
    await client.changeSettings({ ...client.settings, diagnostics: { scope: 'openFiles' } });
    await client.waitForDiagnostics(ws.uri('kept/broken.yaml'), 'cleared while closed', (d) => d.length === 0);
    await client.waitForDiagnostics(ws.uri('generated/broken.yaml'), 'cleared while closed', (d) => d.length === 0);
    const uri = ws.uri('kept/small.yaml');
    await client.open(uri, BROKEN);
    await client.waitForDiagnostics(uri, 'yaml-syntax for the open file', (d) => codes(d).includes('yaml-syntax'));
    await client.close(uri);
    await client.waitForDiagnostics(uri, 'cleared when closed again', (d) => d.length === 0);
  });
});
