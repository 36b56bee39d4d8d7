// Adversarial fixtures for the NetworkPolicy rules, from the API semantics.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSilent, deployment, docs, makeIndex, ruleHits, settingsWith, textsOf } from './helpers';

const pods = docs(
  deployment('api', { app: 'api' }, [['http', 8080]], 'shop'),
  deployment('db', { app: 'db' }, [['pg', 5432]], 'shop'),
);
const np = (name: string, spec: string, ns = 'shop') => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${spec}`;
const sel = (app: string) => `    matchLabels:\n      app: ${app}\n`;

test('review: netpol-selects-nothing in sibling folders; matchExpressions Exists', () => {
  const bad = np('p', `  podSelector:\n${sel('dbb')}  policyTypes: [Ingress]\n`);
  assert.equal(textsOf(makeIndex({ 'apps/pods.yaml': pods, 'policies/p.yaml': bad }), 'policies/p.yaml', 'netpol-selects-nothing').length, 1);
  assertSilent(makeIndex({ 'apps/pods.yaml': pods, 'policies/p.yaml': bad.replace('dbb', 'db') }), 'netpol-selects-nothing');
  const exists = np('p', '  podSelector:\n    matchExpressions:\n    - key: app\n      operator: Exists\n  policyTypes: [Ingress]\n');
  assertSilent(makeIndex({ 'a.yaml': pods, 'p.yaml': exists }), 'netpol-selects-nothing');
  const notExists = exists.replace('Exists', 'DoesNotExist');
  assert.equal(textsOf(makeIndex({ 'a.yaml': pods, 'p.yaml': notExists }), 'p.yaml', 'netpol-selects-nothing').length, 1);
});

test('review: netpol-peer-selects-nothing, pod peer typo and namespaceSelector with Namespaces defined', () => {
  const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    team: shop\n';
  const spec = (peer: string) => `  podSelector:\n${sel('db')}  ingress:\n  - from:\n${peer}`;
  const typo = np('p', spec('    - podSelector:\n        matchLabels:\n          app: apii\n'));
  assert.equal(textsOf(makeIndex({ 'a.yaml': pods, 'ns.yaml': ns, 'p.yaml': typo }), 'p.yaml', 'netpol-peer-selects-nothing').length, 1);
  assertSilent(makeIndex({ 'a.yaml': pods, 'ns.yaml': ns, 'p.yaml': typo.replace('apii', 'api') }), 'netpol-peer-selects-nothing');
  const nsSel = np('p', spec('    - namespaceSelector:\n        matchLabels:\n          team: shopp\n'));
  assert.equal(textsOf(makeIndex({ 'a.yaml': pods, 'ns.yaml': ns, 'p.yaml': nsSel }), 'p.yaml', 'netpol-peer-selects-nothing').length, 1);
  assertSilent(makeIndex({ 'a.yaml': pods, 'ns.yaml': ns, 'p.yaml': nsSel.replace('shopp', 'shop') }), 'netpol-peer-selects-nothing');
  // The automatic kubernetes.io/metadata.name label names a namespace.
  const byName = np('p', spec('    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: shop\n'));
  assertSilent(makeIndex({ 'a.yaml': pods, 'ns.yaml': ns, 'p.yaml': byName }), 'netpol-peer-selects-nothing');
});

test('review: netpol-invalid-cidr and netpol-except-outside-cidr', () => {
  const spec = (cidr: string, except?: string) => `  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - ipBlock:\n        cidr: ${cidr}\n${except ? `        except:\n        - ${except}\n` : ''}`;
  for (const bad of ['10.0.0.0', '300.0.0.0/8', '10.0.0.0/-1', 'fd00::/129']) {
    assert.equal(textsOf(makeIndex({ 'p.yaml': np('p', spec(bad)) }), 'p.yaml', 'netpol-invalid-cidr').length, 1, bad);
  }
  assertSilent(makeIndex({ 'p.yaml': np('p', spec('0.0.0.0/0', '169.254.169.254/32')) }), 'netpol-invalid-cidr');
  assertSilent(makeIndex({ 'p.yaml': np('p', spec('0.0.0.0/0', '169.254.169.254/32')) }), 'netpol-except-outside-cidr');
  assert.equal(textsOf(makeIndex({ 'p.yaml': np('p', spec('10.0.0.0/16', '10.0.0.0/16')) }), 'p.yaml', 'netpol-except-outside-cidr').length, 1);
  assert.equal(textsOf(makeIndex({ 'p.yaml': np('p', spec('10.0.0.0/16', '10.1.0.0/24')) }), 'p.yaml', 'netpol-except-outside-cidr').length, 1);
});

test('review: netpol-named-port-missing judges ingress ports on the selected pods and egress ports on the destinations', () => {
  const ingressBad = np('p', `  podSelector:\n${sel('db')}  ingress:\n  - from:\n    - podSelector:\n${sel('api').replace(/^(?=.)/gm, '    ')}    ports:\n    - port: http\n`);
  // 'http' is the api pods' port, not the db pods' (the policy's selected pods).
  assert.deepEqual(textsOf(makeIndex({ 'a.yaml': pods, 'p.yaml': ingressBad }), 'p.yaml', 'netpol-named-port-missing'), ['http']);
  assertSilent(makeIndex({ 'a.yaml': pods, 'p.yaml': ingressBad.replace('port: http', 'port: pg') }), 'netpol-named-port-missing');
  const egressBad = np('p', `  podSelector:\n${sel('api')}  egress:\n  - to:\n    - podSelector:\n${sel('db').replace(/^(?=.)/gm, '    ')}    ports:\n    - port: http\n`);
  assert.deepEqual(textsOf(makeIndex({ 'a.yaml': pods, 'p.yaml': egressBad }), 'p.yaml', 'netpol-named-port-missing'), ['http']);
  assertSilent(makeIndex({ 'a.yaml': pods, 'p.yaml': egressBad.replace('port: http', 'port: pg') }), 'netpol-named-port-missing');
});

test('review: netpol-endport-invalid', () => {
  const spec = (ports: string) => `  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - ports:\n${ports}`;
  assert.equal(ruleHits(makeIndex({ 'p.yaml': np('p', spec('    - port: 32000\n      endPort: 31000\n')) }), 'netpol-endport-invalid').length, 1);
  assert.equal(ruleHits(makeIndex({ 'p.yaml': np('p', spec('    - port: http\n      endPort: 31000\n')) }), 'netpol-endport-invalid').length, 1);
  assertSilent(makeIndex({ 'p.yaml': np('p', spec('    - port: 32000\n      endPort: 32768\n')) }), 'netpol-endport-invalid');
  assertSilent(makeIndex({ 'p.yaml': np('p', spec('    - port: 32000\n      endPort: 32000\n')) }), 'netpol-endport-invalid');
});

test('review: netpol-policytypes-ignored-rules', () => {
  const bad = np('p', `  podSelector:\n${sel('api')}  policyTypes:\n  - Ingress\n  egress:\n  - to:\n    - podSelector:\n${sel('db').replace(/^(?=.)/gm, '    ')}`);
  assert.equal(textsOf(makeIndex({ 'a.yaml': pods, 'p.yaml': bad }), 'p.yaml', 'netpol-policytypes-ignored-rules').length, 1);
  assertSilent(makeIndex({ 'a.yaml': pods, 'p.yaml': bad.replace('  - Ingress\n', '  - Ingress\n  - Egress\n') }), 'netpol-policytypes-ignored-rules');
});

const denyEgress = np('deny', '  podSelector: {}\n  policyTypes: [Ingress, Egress]\n');
const apiToDb = np('api-to-db', `  podSelector:\n${sel('api')}  policyTypes: [Egress]\n  egress:\n  - to:\n    - podSelector:\n${sel('db').replace(/^(?=.)/gm, '    ')}    ports:\n    - port: 5432\n`);
const kubeDns = deployment('coredns', { 'k8s-app': 'kube-dns' }, [['dns', 53, 'UDP'], ['dns-tcp', 53, 'TCP']], 'kube-system');

test('review: netpol-egress-blocks-dns: a separate allow-dns policy to the kube-dns pods by selector silences it', () => {
  const bad = makeIndex({ 'a.yaml': pods, 'deny.yaml': denyEgress, 'p.yaml': apiToDb });
  assert.ok(ruleHits(bad, 'netpol-egress-blocks-dns').length >= 1);
  const allowDns = np('allow-dns', '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: kube-system\n      podSelector:\n        matchLabels:\n          k8s-app: kube-dns\n    ports:\n    - port: 53\n      protocol: UDP\n    - port: 53\n      protocol: TCP\n');
  assertSilent(makeIndex({ 'a.yaml': pods, 'deny.yaml': denyEgress, 'p.yaml': apiToDb, 'dns.yaml': allowDns }), 'netpol-egress-blocks-dns');
  assertSilent(makeIndex({ 'a.yaml': pods, 'dns-pods.yaml': kubeDns, 'deny.yaml': denyEgress, 'p.yaml': apiToDb, 'dns.yaml': allowDns }), 'netpol-egress-blocks-dns');
  // Named DNS port on the kube-dns pods counts as well.
  const named = allowDns.replace('    - port: 53\n      protocol: UDP\n', '    - port: dns\n      protocol: UDP\n');
  assertSilent(makeIndex({ 'a.yaml': pods, 'dns-pods.yaml': kubeDns, 'deny.yaml': denyEgress, 'p.yaml': apiToDb, 'dns.yaml': named }), 'netpol-egress-blocks-dns');
  // TCP 53 only does not count.
  const tcpOnly = allowDns.replace('    - port: 53\n      protocol: UDP\n', '');
  assert.ok(ruleHits(makeIndex({ 'a.yaml': pods, 'deny.yaml': denyEgress, 'p.yaml': apiToDb, 'dns.yaml': tcpOnly }), 'netpol-egress-blocks-dns').length >= 1);
  // DNS allowed in the same policy that allows the database.
  const both = apiToDb.replace('    - port: 5432\n', '    - port: 5432\n  - ports:\n    - port: 53\n      protocol: UDP\n');
  assertSilent(makeIndex({ 'a.yaml': pods, 'deny.yaml': denyEgress, 'p.yaml': both }), 'netpol-egress-blocks-dns');
});

test('review: netpol-not-enforced and namespace-no-default-deny levels', () => {
  const index = makeIndex({ 'a.yaml': pods, 'p.yaml': apiToDb });
  assert.equal(ruleHits(index, 'netpol-not-enforced', settingsWith({ cni: 'flannel' })).length, 1);
  assert.equal(ruleHits(index, 'netpol-not-enforced', settingsWith({ cni: 'kubenet' })).length, 1);
  assertSilent(index, 'netpol-not-enforced', settingsWith({ cni: 'cilium' }));
  assertSilent(index, 'namespace-no-default-deny');
  const on = settingsWith({ rules: { 'namespace-no-default-deny': 'info' } });
  assert.equal(ruleHits(index, 'namespace-no-default-deny', on).length, 1);
  assertSilent(makeIndex({ 'a.yaml': pods, 'deny.yaml': denyEgress }), 'namespace-no-default-deny', on);
});
