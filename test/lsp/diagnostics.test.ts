// Diagnostics over real JSON-RPC: closed files of the workspace, files that are not Kubernetes,
// open buffers taking precedence over disk, and a closed buffer reverting to disk.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { codes, LspClient, TempWorkspace } from './harness';

const POLICY_WITH_DUPLICATE_PORT = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-egress
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: api
  policyTypes:
  - Egress
  egress:
  - to: []
    ports:
    - protocol: TCP
      port: 443
      port: 80
`;

const SERVICE_WITH_SYNTAX_ERROR = `apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: shop
spec:
  selector: {app: api
  ports:
  - port: 80
`;

const CLEAN_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
`;

// Files that are YAML but not Kubernetes: each has a mistake that would be flagged in a manifest.
const NOT_KUBERNETES: Record<string, string> = {
  '.github/workflows/ci.yml': `name: ci
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    runs-on: ubuntu-22.04
    steps:
    - uses: actions/checkout@v4
`,
  'docker-compose.yml': `services:
  web:
    image: nginx
    ports:
    - "80:80"
    image: httpd
`,
  'kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
- service.yaml
resources:
- deployment.yaml
`,
  'chart/templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Values.name }}
spec:
  replicas: {{ .Values.replicas }}
  {{- if .Values.extra }}
  extra: true
  {{- end }}
`,
};

describe('diagnostics', () => {
  let ws: TempWorkspace;
  let client: LspClient;

  before(async () => {
    ws = await TempWorkspace.create({
      'policies/api-egress.yaml': POLICY_WITH_DUPLICATE_PORT,
      'services/api.yaml': SERVICE_WITH_SYNTAX_ERROR,
      'services/web.yaml': CLEAN_SERVICE,
      ...NOT_KUBERNETES,
    });
    client = await LspClient.start({ folders: [ws.root] });
    await client.waitForIndexed();
  });

  after(async () => {
    await client?.stop();
    await ws?.dispose();
  });

  it('reports a duplicate key in a closed file at the second key', async () => {
    const uri = ws.uri('policies/api-egress.yaml');
    const diagnostics = await client.waitForDiagnostics(uri, 'a duplicate-key error', (d) => codes(d).includes('duplicate-key'));
    const dup = diagnostics.find((d) => d.code === 'duplicate-key')!;
    // `      port: 80` is line 16 (0-based); the key starts at column 6.
    assert.deepEqual(dup.range.start, { line: 16, character: 6 });
    assert.equal(dup.severity, DiagnosticSeverity.Error);
    assert.equal(dup.source, 'kube-netlens');
    assert.equal(dup.codeDescription?.href, 'https://github.com/kube-netlens/kube-netlens/blob/main/docs/rules.md#duplicate-key');
  });

  it('reports a YAML syntax error in a closed file', async () => {
    const uri = ws.uri('services/api.yaml');
    const diagnostics = await client.waitForDiagnostics(uri, 'a yaml-syntax error', (d) => codes(d).includes('yaml-syntax'));
    assert.ok(diagnostics.every((d) => d.source === 'kube-netlens'));
  });

  it('leaves files that are not Kubernetes alone', () => {
    for (const rel of Object.keys(NOT_KUBERNETES)) {
      assert.deepEqual(client.diagnostics.get(ws.uri(rel)) ?? [], [], `${rel} got diagnostics`);
    }
  });

  it('checks an open buffer instead of the file on disk, and the disk again after close', async () => {
    const uri = ws.uri('services/web.yaml');
    await client.open(uri, CLEAN_SERVICE.replace('  - port: 80\n', '  - port: 80\n    port: 81\n'));
    await client.waitForDiagnostics(uri, 'duplicate-key from the buffer', (d) => codes(d).includes('duplicate-key'));

    await client.change(uri, CLEAN_SERVICE.replace('app: web', 'app: [web'));
    const edited = await client.waitForDiagnostics(uri, 'yaml-syntax after the edit', (d) => codes(d).includes('yaml-syntax'));
    assert.ok(!codes(edited).includes('duplicate-key'), 'the diagnostics of the previous buffer text are gone');

    // Closing reverts to disk, where the YAML is fine.
    await client.close(uri);
    await client.waitForDiagnostics(uri, 'YAML findings gone after close', (d) => !codes(d).includes('yaml-syntax') && !codes(d).includes('duplicate-key'));
  });

  it('fixing a closed file in a buffer clears its diagnostics; closing brings them back from disk', async () => {
    const uri = ws.uri('policies/api-egress.yaml');
    await client.waitForDiagnostics(uri, 'duplicate-key from disk', (d) => codes(d).includes('duplicate-key'));
    await client.open(uri, POLICY_WITH_DUPLICATE_PORT.replace('      port: 80\n', ''));
    await client.waitForDiagnostics(uri, 'duplicate-key gone from the fixed buffer', (d) => !codes(d).includes('duplicate-key'));
    await client.close(uri);
    await client.waitForDiagnostics(uri, 'duplicate-key back from disk', (d) => codes(d).includes('duplicate-key'));
  });

  it('publishes the version of the open buffer it checked', async () => {
    const uri = ws.uri('services/web.yaml');
    const since = client.publishes.length;
    await client.open(uri, CLEAN_SERVICE.replace('  - port: 80\n', '  - port: 80\n    port: 81\n'));
    await client.waitForDiagnostics(uri, 'duplicate-key', (d) => codes(d).includes('duplicate-key'), since);
    const published = client.publishes.slice(since).filter((p) => p.uri === uri).at(-1)!;
    assert.equal(published.version, 1);
    await client.close(uri);
    await client.waitForDiagnostics(uri, 'duplicate-key gone after close', (d) => !codes(d).includes('duplicate-key'), since);
  });

  it('checks untitled buffers and clears them when closed', async () => {
    const uri = 'untitled:Untitled-1';
    await client.open(uri, POLICY_WITH_DUPLICATE_PORT);
    await client.waitForDiagnostics(uri, 'duplicate-key', (d) => codes(d).includes('duplicate-key'));
    await client.close(uri);
    await client.waitForDiagnostics(uri, 'cleared', (d) => d.length === 0);
  });

  it('never publishes for a Helm template, even when it is opened and edited', async () => {
    const uri = ws.uri('chart/templates/deployment.yaml');
    await client.open(uri, NOT_KUBERNETES['chart/templates/deployment.yaml']!);
    await client.change(uri, `${NOT_KUBERNETES['chart/templates/deployment.yaml']}  image: {{ .Values.image }}\n  image: x\n`);
    // The symbol request is answered after the pending edit is applied, so the check has run.
    assert.deepEqual(await client.documentSymbols(uri), []);
    assert.ok(!client.publishes.some((p) => p.uri === uri && p.diagnostics.length > 0));
    await client.close(uri);
  });
});
