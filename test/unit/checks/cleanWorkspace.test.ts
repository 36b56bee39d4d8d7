// Acceptance: a clean, realistic workspace (Services of every type, an Ingress with TLS and its
// Secret, default-deny with DNS allowed, a GitHub workflow, a compose file, a Helm template, a
// kustomization with a patch, CRD instances) gives no warning and no error.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { WorkspaceIndex } from '../../../server/src/index/workspaceIndex';
import { findingsForFile } from '../../../server/src/checks/run';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const fixture = path.join(repoRoot, 'test', 'fixtures', 'checks', 'clean-workspace');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(name) ? [p] : [];
  });
}

test('a clean realistic workspace gives no warning or error', (t) => {
  const index = new WorkspaceIndex();
  const files = yamlFiles(fixture);
  for (const file of files) index.update(`file:///clean/${path.relative(fixture, file).split(path.sep).join('/')}`, readFileSync(file, 'utf8'));
  // Every kind of file was read, and only the manifests count as Kubernetes.
  const status = (rel: string) => index.getFile(`file:///clean/${rel}`)?.status;
  assert.equal(status('.github/workflows/ci.yaml'), 'not-kubernetes');
  assert.equal(status('docker-compose.yaml'), 'not-kubernetes');
  assert.equal(status('chart/templates/service.yaml'), 'skipped');
  assert.equal(status('k8s/base/kustomization.yaml'), 'not-kubernetes');
  assert.equal(status('k8s/base/certificate.yaml'), 'kubernetes');
  assert.ok(index.resourceCount >= 25, `expected a realistic workspace, got ${index.resourceCount} resources`);

  const all = [...index.allFiles()].flatMap((f) => findingsForFile(index, f.uri, { rules: {} }));
  const serious = all.filter((f) => f.severity === 'warning' || f.severity === 'error');
  assert.deepEqual(
    serious.map((f) => `${f.uri}: ${f.rule}: ${f.message}`),
    [],
  );
  for (const f of all) t.diagnostic(`${f.severity} ${f.uri}: ${f.rule}: ${f.message}`);
  // With every rule turned on, the namespaces are covered by their default-deny too.
  const withHints = [...index.allFiles()].flatMap((f) => findingsForFile(index, f.uri, { rules: { 'namespace-no-default-deny': 'hint' } }));
  assert.deepEqual(
    withHints.filter((f) => f.rule === 'namespace-no-default-deny').map((f) => f.message),
    ["Namespace 'ingress-nginx' has workloads but no default-deny NetworkPolicy: every pod accepts traffic from anywhere."],
  );
});
