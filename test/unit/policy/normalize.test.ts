import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../../server/src/model/parse';
import { normalizeNetworkPolicy, type NetworkPolicyModel } from '../../../server/src/policy';
import { URI, worldFromYaml } from './helpers';

function policy(spec: string, header = 'metadata: {name: p, namespace: ns}'): NetworkPolicyModel {
  const text = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n${header}\nspec:\n${spec}`;
  const r = parseFile(URI, text).resources[0];
  assert.ok(r);
  return normalizeNetworkPolicy(r);
}

test('policyTypes default: Ingress always, Egress only with a non-empty egress list', () => {
  assert.deepEqual(policy('  podSelector: {}\n').affects, { ingress: true, egress: false });
  assert.deepEqual(policy('  podSelector: {}\n  egress: []\n').affects, { ingress: true, egress: false });
  assert.deepEqual(policy('  podSelector: {}\n  egress: [{}]\n').affects, { ingress: true, egress: true });
  assert.deepEqual(policy('  podSelector: {}\n  policyTypes: [Egress]\n  ingress: [{}]\n').affects, { ingress: false, egress: true });
});

test('rules of an unlisted type are ignored', () => {
  const p = policy('  podSelector: {}\n  policyTypes: [Egress]\n  ingress: [{}]\n  egress: [{}]\n');
  assert.equal(p.ingress.length, 0);
  assert.equal(p.egress.length, 1);
});

test('paths of the policy, rules, peers and ports are relative to the document root', () => {
  const p = policy(`  podSelector: {matchLabels: {app: db}}
  ingress:
    - from:
        - podSelector: {matchLabels: {app: api}}
        - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
      ports:
        - port: 5432
        - {port: metrics, protocol: TCP}
        - {port: 8000, endPort: 8100, protocol: UDP}
        - protocol: SCTP
`);
  assert.deepEqual(p.ref, { id: 'ns/p', namespace: 'ns', name: 'p', uri: URI, docIndex: 0, path: [] });
  const rule = p.ingress[0]!;
  assert.deepEqual(rule.path, ['spec', 'ingress', 0]);
  assert.deepEqual(rule.peers?.map((x) => [x.kind, x.path]), [
    ['pods', ['spec', 'ingress', 0, 'from', 0]],
    ['ipBlock', ['spec', 'ingress', 0, 'from', 1]],
  ]);
  assert.deepEqual(
    rule.ports?.map((x) => ({ ...x })),
    [
      { index: 0, path: ['spec', 'ingress', 0, 'ports', 0], protocol: 'TCP', kind: 'range', start: 5432, end: 5432 },
      { index: 1, path: ['spec', 'ingress', 0, 'ports', 1], protocol: 'TCP', kind: 'named', name: 'metrics' },
      { index: 2, path: ['spec', 'ingress', 0, 'ports', 2], protocol: 'UDP', kind: 'range', start: 8000, end: 8100 },
      { index: 3, path: ['spec', 'ingress', 0, 'ports', 3], protocol: 'SCTP', kind: 'protocol' },
    ],
  );
  assert.deepEqual(p.problems, []);
});

test('a policy inside a List keeps the items path', () => {
  const text = `apiVersion: v1
kind: List
items:
  - apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: p, namespace: ns}
    spec:
      podSelector: {}
      ingress: [{}]
`;
  const p = normalizeNetworkPolicy(parseFile(URI, text).resources[0]!);
  assert.deepEqual(p.ref.path, ['items', 0]);
  assert.deepEqual(p.ingress[0]!.path, ['items', 0, 'spec', 'ingress', 0]);
});

test('what the API server would reject is a problem and matches nothing', () => {
  const p = policy(`  podSelector: {}
  policyTypes: [Ingress, egress]
  ingress:
    - from:
        - {}
        - ipBlock: {cidr: 10.0.0.0/8}
          podSelector: {}
        - ipBlock: {cidr: 10.0.0.0/40}
        - podSelector:
            matchExpressions:
              - {key: app, operator: Matches, values: [x]}
      ports:
        - {port: http, endPort: 90}
        - {port: 80, protocol: tcp}
        - {port: 70000}
        - {port: 90, endPort: 80}
        - {port: "not a name!"}
`);
  const messages = p.problems.map((x) => x.message);
  assert.equal(messages.length, 10, messages.join('\n'));
  assert.deepEqual(
    p.ingress[0]!.peers!.map((x) => x.kind),
    ['invalid', 'invalid', 'invalid', 'pods'],
  );
  assert.deepEqual(
    p.ingress[0]!.ports!.map((x) => x.kind),
    ['invalid', 'invalid', 'invalid', 'invalid', 'invalid'],
  );
  assert.ok(messages.some((m) => m.includes('Unknown policyType "egress"')));
  assert.ok(messages.some((m) => m.includes('Unknown operator "Matches"')));
  assert.deepEqual(p.affects, { ingress: true, egress: false });
});

test('a missing podSelector selects every pod; a malformed one selects none', () => {
  const world = worldFromYaml(`apiVersion: v1
kind: Pod
metadata: {name: a, namespace: ns, labels: {app: a}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: no-selector, namespace: ns}
spec:
  policyTypes: [Ingress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: broken, namespace: ns}
spec:
  podSelector: [app]
  policyTypes: [Egress]
`);
  const iso = world.isolation.get('ns/Pod/a')!;
  assert.deepEqual(iso.ingress.map((p) => p.name), ['no-selector']);
  assert.deepEqual(iso.egress.map((p) => p.name), []);
});

test('only networking.k8s.io/v1 NetworkPolicies count', () => {
  const world = worldFromYaml(`apiVersion: extensions/v1beta1
kind: NetworkPolicy
metadata: {name: old, namespace: ns}
spec: {podSelector: {}}
---
apiVersion: crd.projectcalico.org/v1
kind: NetworkPolicy
metadata: {name: calico, namespace: ns}
spec: {selector: all()}
`);
  assert.equal(world.policies.length, 0);
});
