// Files changing on disk (workspace/didChangeWatchedFiles) and edits in one file changing the
// diagnostics of another (cross-resource rules).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { RULES } from '../../server/src/checks/run';
import { codes, LspClient, TempWorkspace } from './harness';

// Each file gets its own ConfigMap name: two resources with one name are a finding of their own.
const duplicateKey = (name: string): string => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data:
  mode: a
  mode: b
`;

const clean = (name: string): string => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data:
  mode: a
`;

describe('files changing on disk', () => {
  let ws: TempWorkspace;
  let client: LspClient;

  before(async () => {
    ws = await TempWorkspace.create({ 'existing.yaml': clean('existing') });
    client = await LspClient.start({ folders: [ws.root] });
    await client.waitForIndexed();
  });

  after(async () => {
    await client?.stop();
    await ws?.dispose();
  });

  it('indexes a created file, follows its changes and forgets it when deleted', async () => {
    const uri = ws.uri('new.yaml');
    await ws.write('new.yaml', duplicateKey('new'));
    await client.watchedFilesChanged([{ uri, type: FileChangeType.Created }]);
    await client.waitForDiagnostics(uri, 'duplicate-key', (d) => codes(d).includes('duplicate-key'));

    await ws.write('new.yaml', clean('new').replace('mode: a', 'mode: [a'));
    await client.watchedFilesChanged([{ uri, type: FileChangeType.Changed }]);
    await client.waitForDiagnostics(uri, 'yaml-syntax', (d) => codes(d).includes('yaml-syntax') && !codes(d).includes('duplicate-key'));

    await ws.remove('new.yaml');
    await client.watchedFilesChanged([{ uri, type: FileChangeType.Deleted }]);
    await client.waitForDiagnostics(uri, 'cleared', (d) => d.length === 0);
  });

  it('ignores changes to excluded files', async () => {
    const excluded = ws.uri('node_modules/pkg/manifest.yaml');
    const included = ws.uri('later.yaml');
    await ws.write('node_modules/pkg/manifest.yaml', duplicateKey('vendored'));
    await ws.write('later.yaml', duplicateKey('later'));
    // One notification: its events are handled in order, so the second one's diagnostics mean the first was handled.
    await client.watchedFilesChanged([
      { uri: excluded, type: FileChangeType.Created },
      { uri: included, type: FileChangeType.Created },
    ]);
    await client.waitForDiagnostics(included, 'duplicate-key', (d) => codes(d).includes('duplicate-key'));
    assert.equal(client.diagnostics.get(excluded), undefined);
  });

  it('keeps the open buffer when the file changes on disk', async () => {
    const uri = ws.uri('existing.yaml');
    await client.open(uri, duplicateKey('existing'));
    await client.waitForDiagnostics(uri, 'duplicate-key from the buffer', (d) => codes(d).includes('duplicate-key'));
    await ws.write('existing.yaml', clean('existing').replace('mode: a', 'mode: [a'));
    const other = ws.uri('marker.yaml');
    await ws.write('marker.yaml', duplicateKey('marker'));
    await client.watchedFilesChanged([
      { uri, type: FileChangeType.Changed },
      { uri: other, type: FileChangeType.Created },
    ]);
    await client.waitForDiagnostics(other, 'duplicate-key', (d) => codes(d).includes('duplicate-key'));
    assert.deepEqual(codes(client.diagnostics.get(uri)), ['duplicate-key']);
    // Closing reads the disk, which now has a syntax error.
    await client.close(uri);
    await client.waitForDiagnostics(uri, 'yaml-syntax from disk', (d) => codes(d).includes('yaml-syntax'));
  });
});

describe('workspace folders added and removed', () => {
  it('indexes an added folder and forgets a removed one', async () => {
    const first = await TempWorkspace.create({ 'a.yaml': clean('a') });
    const second = await TempWorkspace.create({ 'b.yaml': duplicateKey('b') });
    const client = await LspClient.start({ folders: [first.root] });
    try {
      await client.waitForIndexed();
      const uri = second.uri('b.yaml');
      assert.equal(client.diagnostics.get(uri), undefined);
      await client.changeFolders([second.root], []);
      await client.waitForDiagnostics(uri, 'duplicate-key once the folder is added', (d) => codes(d).includes('duplicate-key'));
      await client.changeFolders([], [second.root]);
      await client.waitForDiagnostics(uri, 'cleared once the folder is removed', (d) => d.length === 0);
    } finally {
      await client.stop();
      await first.dispose();
      await second.dispose();
    }
  });
});

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: shop
spec:
  selector:
    app: api
  ports:
  - port: 80
    targetPort: 8080
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
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
        ports:
        - containerPort: 8080
`;

const CROSS_FILE_RULE = 'service-selector-no-match';

describe('an edit in one file updates another file', () => {
  let ws: TempWorkspace;
  let client: LspClient;
  const ruleMissing = !RULES.some((r) => r.id === CROSS_FILE_RULE);

  before(async () => {
    if (ruleMissing) return;
    ws = await TempWorkspace.create({ 'service.yaml': SERVICE, 'deployment.yaml': DEPLOYMENT });
    client = await LspClient.start({ folders: [ws.root] });
    await client.waitForIndexed();
  });

  after(async () => {
    await client?.stop();
    await ws?.dispose();
  });

  it('re-checks a closed Service when the workload it selects is edited', async (t) => {
    if (ruleMissing) {
      t.skip(`rule ${CROSS_FILE_RULE} is not in the rule catalog yet`);
      return;
    }
    const service = ws.uri('service.yaml');
    const deployment = ws.uri('deployment.yaml');
    assert.ok(!codes(client.diagnostics.get(service)).includes(CROSS_FILE_RULE), 'the Service matches at start');

    await client.open(deployment, DEPLOYMENT);
    await client.change(deployment, DEPLOYMENT.replace(/app: api/g, 'app: backend'));
    await client.waitForDiagnostics(service, `${CROSS_FILE_RULE} on the closed Service`, (d) => codes(d).includes(CROSS_FILE_RULE));

    await client.change(deployment, DEPLOYMENT);
    await client.waitForDiagnostics(service, 'cleared once the labels match again', (d) => !codes(d).includes(CROSS_FILE_RULE));
    await client.close(deployment);
  });

  it('re-checks it when the workload changes on disk', async (t) => {
    if (ruleMissing) {
      t.skip(`rule ${CROSS_FILE_RULE} is not in the rule catalog yet`);
      return;
    }
    const service = ws.uri('service.yaml');
    await ws.write('deployment.yaml', DEPLOYMENT.replace(/app: api/g, 'app: backend'));
    await client.watchedFilesChanged([{ uri: ws.uri('deployment.yaml'), type: FileChangeType.Changed }]);
    await client.waitForDiagnostics(service, CROSS_FILE_RULE, (d) => codes(d).includes(CROSS_FILE_RULE));
  });
});
