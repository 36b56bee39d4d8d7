// The committed schema bundle: what it covers, that it is what the generator makes today, and how
// fast validation runs (measured and reported, not asserted: timings vary by machine).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { BUNDLE, KUBERNETES_VERSION, definitionIdFor, schemaAt } from '../../../server/src/schema/bundle';
import { validateResource } from '../../../server/src/schema/validate';
import { parseFile } from '../../../server/src/model/parse';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

test('the bundle names its Kubernetes release and picks schemas by apiVersion and kind', () => {
  assert.match(KUBERNETES_VERSION, /^1\.\d+$/);
  assert.equal(definitionIdFor('apps/v1', 'Deployment'), 'IoK8sApiAppsV1Deployment');
  assert.equal(definitionIdFor('v1', 'Deployment'), undefined);
  assert.equal(definitionIdFor('apps/v1', 'Widget'), undefined);
  assert.equal(Object.keys(BUNDLE.kinds).length, 16);
});

test('every object schema closes its fields, and ports are integers', () => {
  for (const [id, def] of Object.entries(BUNDLE.definitions)) {
    if (def.properties) assert.equal(def.additionalProperties, false, `${id} rejects unknown fields`);
  }
  assert.equal(schemaAt('IoK8sApiCoreV1Service', ['spec', 'ports', 0, 'port'])?.type, 'integer');
  assert.deepEqual(schemaAt('IoK8sApiCoreV1Service', ['spec', 'ports', 0, 'targetPort'])?.type, ['integer', 'string']);
  assert.deepEqual(schemaAt('IoK8sApiCoreV1Service', ['spec', 'type'])?.enum, ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']);
  assert.equal(schemaAt('IoK8sApiCoreV1Pod', ['metadata', 'labels', 'app'])?.type, 'string');
});

test('the committed bundle is what scripts/gen-schemas.mjs generates', (t) => {
  if (!existsSync(path.join(REPO_ROOT, 'node_modules', 'kubernetes-models', 'package.json'))) {
    t.skip('kubernetes-models is not installed: cannot regenerate the bundle');
    return;
  }
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'gen-schemas.mjs'), '--check'], { encoding: 'utf8', cwd: REPO_ROOT });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
});

test('validation throughput on a bench-shaped workspace', (t) => {
  const text = (i: number): string =>
    [
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app-${i}, namespace: ns-${i % 20}, labels: {app: app-${i}}}`,
      `spec:\n  replicas: 2\n  selector: {matchLabels: {app: app-${i}}}\n  template:\n    metadata: {labels: {app: app-${i}}}`,
      `    spec:\n      containers:\n      - name: main\n        image: app:${i}\n        ports: [{name: http, containerPort: 8080}]`,
      `        resources: {requests: {cpu: 100m, memory: 64Mi}}\n---`,
      `apiVersion: v1\nkind: Service\nmetadata: {name: app-${i}, namespace: ns-${i % 20}}`,
      `spec: {selector: {app: app-${i}}, ports: [{name: http, port: 80, targetPort: http}]}\n---`,
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-${i}, namespace: ns-${i % 20}}`,
      `spec:\n  podSelector: {matchLabels: {app: app-${i}}}\n  ingress: [{from: [{podSelector: {}}], ports: [{port: http}]}]\n`,
    ].join('\n');
  const resources = [];
  for (let i = 0; i < 1000; i++) resources.push(...parseFile(`file:///bench/${i}.yaml`, text(i)).resources);
  assert.equal(resources.length, 3000);
  let start = performance.now();
  for (const r of resources.slice(0, 3)) validateResource(r);
  const compileMs = performance.now() - start;
  start = performance.now();
  let findings = 0;
  for (const r of resources) findings += validateResource(r).length;
  const ms = performance.now() - start;
  assert.equal(findings, 0);
  t.diagnostic(`first use of 3 kinds (compiling validators): ${compileMs.toFixed(1)} ms`);
  t.diagnostic(`validated ${resources.length} resources in ${ms.toFixed(1)} ms (${((ms * 1000) / resources.length).toFixed(2)} ms per 1,000)`);
});
