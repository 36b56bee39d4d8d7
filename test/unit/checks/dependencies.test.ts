// filesToRecheck must name every file whose findings change after an edit (and stay narrow).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { WorkspaceIndex } from '../../../server/src/index/workspaceIndex';
import { findingsForFile } from '../../../server/src/checks/run';
import { filesToRecheck } from '../../../server/src/checks/dependencies';
import type { CheckSettings } from '../../../server/src/checks/types';
import { deployment } from './helpers';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const fixture = path.join(repoRoot, 'test', 'fixtures', 'checks', 'clean-workspace');
const ALL_ON: CheckSettings = { rules: { 'namespace-no-default-deny': 'hint' } };

function load(index: WorkspaceIndex, dir: string): void {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) load(index, p);
    else if (/\.ya?ml$/.test(name)) index.update(`file:///clean/${path.relative(fixture, p).split(path.sep).join('/')}`, readFileSync(p, 'utf8'));
  }
}

function snapshot(index: WorkspaceIndex): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of index.allFiles()) {
    out.set(f.uri, JSON.stringify(findingsForFile(index, f.uri, ALL_ON).map((x) => [x.rule, x.range.start, x.range.end, x.message])));
  }
  return out;
}

const U = (rel: string) => `file:///clean/${rel}`;

test('every file whose findings change is in filesToRecheck', () => {
  const index = new WorkspaceIndex();
  load(index, fixture);
  index.update(U('analytics/reports.yaml'), deployment('reports', { app: 'reports' }, [['http', 8080]], 'analytics'));
  index.update(U('analytics/policy.yaml'), 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: analytics\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - podSelector: {}\n');
  // The first call records the workspace-wide facts.
  filesToRecheck(index, index.update(U('analytics/reports.yaml'), index.getFile(U('analytics/reports.yaml'))!.text));

  const workloads = index.getFile(U('k8s/base/workloads.yaml'))!.text;
  const edits: [string, string, string][] = [
    ['relabel the cache pods', 'k8s/base/workloads.yaml', workloads.replace('        app: cache\n    spec', '        app: kache\n    spec')],
    ['rename a port the api policy uses', 'k8s/base/workloads.yaml', workloads.replace('- name: postgres\n', '- name: pg\n')],
    ['relabel a Namespace used by namespaceSelectors', 'k8s/base/namespace.yaml', index.getFile(U('k8s/base/namespace.yaml'))!.text.replace('app.kubernetes.io/name: ingress-nginx', 'app.kubernetes.io/name: nginx')],
    ['a Service in another namespace, named from shop', 'analytics/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: report\n  namespace: analytics\nspec:\n  selector:\n    app: reports\n  ports:\n  - port: 8080\n'],
    ['a client naming it with a typo', 'k8s/base/client.yaml', deployment('client', { app: 'client' }, [], 'shop', '        env:\n        - name: REPORTS_URL\n          value: http://reports.analytics:8080')],
    ['the Service gets the right name', 'analytics/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: reports\n  namespace: analytics\nspec:\n  selector:\n    app: reports\n  ports:\n  - port: 8080\n'],
    ['a nodePort clash from another namespace', 'k8s/base/extra/np.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: np\n  namespace: analytics\nspec:\n  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 30080\n'],
    ['an Ingress path clash from another namespace', 'k8s/base/extra/ing.yaml', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: other\n  namespace: analytics\nspec:\n  ingressClassName: nginx\n  tls:\n  - hosts: [shop.example.com]\n  rules:\n  - host: shop.example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: reports\n            port:\n              number: 8080\n'],
    ['the IngressClass is renamed', 'k8s/base/ingress.yaml', index.getFile(U('k8s/base/ingress.yaml'))!.text.replace('  name: nginx\n', '  name: nginx-public\n')],
    ['the only Secret disappears', 'k8s/base/ingress.yaml', index.getFile(U('k8s/base/ingress.yaml'))!.text.replace(/---\napiVersion: v1\nkind: Secret[\s\S]*$/, '')],
    ['CoreDNS serves another domain', 'kube-system/coredns.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: coredns\n  namespace: kube-system\ndata:\n  Corefile: |\n    .:53 {\n        kubernetes corp.internal in-addr.arpa ip6.arpa\n    }\n'],
    ['a kustomization stops patching', 'k8s/overlays/prod/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- ../../base\n'],
  ];
  for (const [what, rel, text] of edits) {
    const before = snapshot(index);
    const change = index.update(U(rel), text, 1);
    const recheck = new Set(filesToRecheck(index, change));
    const after = snapshot(index);
    const changed = [...after.keys()].filter((uri) => before.get(uri) !== after.get(uri));
    assert.ok(changed.length > 0 || what === 'the Service gets the right name', `${what}: the scenario changes some findings`);
    for (const uri of changed) assert.ok(recheck.has(uri), `${what}: ${uri} changed but is not re-checked`);
  }
});

test('a change inside one namespace does not re-check unrelated namespaces', () => {
  const index = new WorkspaceIndex();
  load(index, fixture);
  index.update(U('analytics/reports.yaml'), deployment('reports', { app: 'reports' }, [['http', 8080]], 'analytics'));
  filesToRecheck(index, index.update(U('analytics/reports.yaml'), deployment('reports', { app: 'reports' }, [['http', 8081]], 'analytics')));
  const change = index.update(U('analytics/reports.yaml'), deployment('reports', { app: 'reports' }, [['http', 8082]], 'analytics'));
  const recheck = filesToRecheck(index, change);
  assert.ok(!recheck.includes(U('k8s/base/services.yaml')), 'shop Services are not re-checked');
  assert.ok(!recheck.includes(U('k8s/base/ingress.yaml')), 'shop Ingresses are not re-checked');
  assert.ok(recheck.includes(U('analytics/reports.yaml')));
  // Policies with namespaceSelectors may select the changed pods.
  assert.ok(recheck.includes(U('k8s/base/network-policies.yaml')));
});

test('an index edited step by step reports exactly what a fresh index of the final files reports', () => {
  const edited = new WorkspaceIndex();
  load(edited, fixture);
  const steps: [string, string | undefined][] = [
    ['k8s/base/extra/np.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: np\n  namespace: shop\nspec:\n  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 30080\n'],
    ['k8s/base/extra/secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: other\n  namespace: shop\n'],
    ['k8s/base/workloads.yaml', readFileSync(path.join(fixture, 'k8s/base/workloads.yaml'), 'utf8').replace('        app: api\n        tier: backend', '        app: apx\n        tier: backend')],
    ['k8s/base/extra/np.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: np\n  namespace: shop\nspec:\n  type: NodePort\n  selector:\n    app: api\n  ports:\n  - port: 80\n    nodePort: 30081\n'],
    ['k8s/base/extra/secret.yaml', undefined],
  ];
  for (const [rel, text] of steps) {
    if (text === undefined) edited.remove(U(rel));
    else edited.update(U(rel), text, 1);
    // Check in between, so the incremental tables are brought up to date at every step.
    snapshot(edited);
  }
  const fresh = new WorkspaceIndex();
  for (const f of edited.allFiles()) fresh.update(f.uri, f.text);
  assert.deepEqual([...snapshot(edited)].sort(), [...snapshot(fresh)].sort());
  // The relabelled pods make the Services' selectors match nothing: the comparison has substance.
  assert.ok([...snapshot(fresh).values()].some((v) => v.includes('service-selector-no-match')));
});
