// Outline and workspace symbols: one symbol per resource, named `Kind namespace/name`.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-protocol/node';
import { LspClient, TempWorkspace } from './harness';

const APP = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: shop
spec:
  selector:
    app: api
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  namespace: shop
  name: api
spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: example/api:1
`;

const LIST = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: settings
- apiVersion: v1
  kind: Service
  metadata:
    name: cache
    namespace: infra
`;

describe('symbols', () => {
  let ws: TempWorkspace;
  let client: LspClient;

  before(async () => {
    ws = await TempWorkspace.create({ 'app.yaml': APP, 'list.yaml': LIST, 'values.yaml': 'replicas: 3\n' });
    client = await LspClient.start({ folders: [ws.root], settings: { defaultNamespace: 'team' } });
    await client.waitForIndexed();
  });

  after(async () => {
    await client?.stop();
    await ws?.dispose();
  });

  it('outlines a closed file: one symbol per resource, the name value selected', async () => {
    const symbols = await client.documentSymbols(ws.uri('app.yaml'));
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['Namespace shop', 'Service shop/api', 'Deployment shop/api'],
    );
    assert.deepEqual(
      symbols.map((s) => s.kind),
      [SymbolKind.Namespace, SymbolKind.Interface, SymbolKind.Class],
    );
    const service = symbols[1]!;
    assert.equal(service.range.start.line, 5); // `apiVersion: v1` of the second document
    assert.deepEqual(service.selectionRange, { start: { line: 8, character: 8 }, end: { line: 8, character: 11 } });
    const deployment = symbols[2]!;
    assert.deepEqual(deployment.selectionRange.start, { line: 20, character: 8 }); // name after namespace
  });

  it('outlines List items, with the configured default namespace', async () => {
    const symbols = await client.documentSymbols(ws.uri('list.yaml'));
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['ConfigMap team/settings', 'Service infra/cache'],
    );
  });

  it('has no symbols for a file that is not Kubernetes', async () => {
    assert.deepEqual(await client.documentSymbols(ws.uri('values.yaml')), []);
  });

  it('finds workspace symbols by every word of the query', async () => {
    const found = (await client.workspaceSymbols('shop api')) as SymbolInformation[];
    assert.deepEqual(found.map((s) => s.name).sort(), ['Deployment shop/api', 'Service shop/api']);
    const service = found.find((s) => s.name === 'Service shop/api')!;
    assert.equal(service.location.uri, ws.uri('app.yaml'));
    assert.equal(service.containerName, 'shop');
    assert.equal(service.location.range.start.line, 5);
  });

  it('matches kinds and namespaces case-insensitively, and returns nothing for no match', async () => {
    const inInfra = (await client.workspaceSymbols('INFRA')) as SymbolInformation[];
    assert.deepEqual(inInfra.map((s) => s.name), ['Service infra/cache']);
    assert.deepEqual(await client.workspaceSymbols('no-such-thing'), []);
  });

  it('lists every resource for an empty query', async () => {
    const all = await client.workspaceSymbols('');
    assert.equal(all.length, 5);
  });

  // Last: the other tests read the file as it is on disk.
  it('outlines an open buffer as it is now', async () => {
    const uri = ws.uri('app.yaml');
    await client.open(uri, APP.replace('  name: api\n  namespace: shop', '  name: backend\n  namespace: shop'));
    const symbols = await client.documentSymbols(uri);
    assert.ok(symbols.some((s) => s.name === 'Service shop/backend'), JSON.stringify(symbols.map((s) => s.name)));
    await client.close(uri);
  });
});
