import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSilent, deployment, docs, makeIndex, settingsWith, textsOf, yaml } from './helpers';

const workloads = docs(
  deployment('api', { app: 'api', tier: 'backend' }, [['http', 8080]], 'prod'),
  deployment('web', { app: 'web' }, [['http', 80]], 'prod'),
  deployment('db', { app: 'db' }, [['pg', 5432]], 'data'),
);
const namespaces = yaml`
  apiVersion: v1
  kind: Namespace
  metadata:
    name: prod
    labels:
      env: production
  ---
  apiVersion: v1
  kind: Namespace
  metadata:
    name: data
`;

function policy(spec: string, name = 'p', ns = 'prod'): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${spec}`;
}

test('netpol-selects-nothing, with matchExpressions', () => {
  const bad = policy('  podSelector:\n    matchExpressions:\n    - key: app\n      operator: In\n      values: [apii]\n  policyTypes: [Ingress]\n');
  const index = makeIndex({ 'w.yaml': workloads, 'p.yaml': bad });
  assert.deepEqual(textsOf(index, 'p.yaml', 'netpol-selects-nothing'), ['matchExpressions:\n    - key: app\n      operator: In\n      values: [apii]']);
  assertSilent(makeIndex({ 'w.yaml': workloads, 'p.yaml': bad.replace('[apii]', '[api, other]') }), 'netpol-selects-nothing');
  // NotIn matches pods without the key too; an empty selector selects all.
  assertSilent(makeIndex({ 'w.yaml': workloads, 'p.yaml': bad.replace('operator: In', 'operator: NotIn') }), 'netpol-selects-nothing');
  assertSilent(makeIndex({ 'w.yaml': workloads, 'p.yaml': policy('  podSelector: {}\n') }), 'netpol-selects-nothing');
  // A namespace without workloads in the workspace: nothing to judge.
  assertSilent(makeIndex({ 'p.yaml': bad }), 'netpol-selects-nothing');
});

test('netpol-peer-selects-nothing: pod peers in their namespaces, namespace selectors against Namespaces', () => {
  const spec = yaml`
      podSelector:
        matchLabels:
          app: db
      ingress:
      - from:
        - podSelector:
            matchLabels:
              app: ap
          namespaceSelector:
            matchLabels:
              env: production
        - namespaceSelector:
            matchLabels:
              env: prod
        - podSelector:
            matchLabels:
              app: api
        - ipBlock:
            cidr: 10.0.0.0/8
  `.replace(/^/gm, '  ');
  const index = makeIndex({ 'w.yaml': workloads, 'ns.yaml': namespaces, 'p.yaml': policy(spec, 'p', 'data') });
  // 'app: ap' in production namespaces: none; 'env: prod' matches no Namespace; 'app: api' without namespaceSelector looks in 'data' only.
  assert.deepEqual(textsOf(index, 'p.yaml', 'netpol-peer-selects-nothing'), ['matchLabels:\n          app: ap', 'matchLabels:\n          env: prod', 'matchLabels:\n          app: api']);
  const good = spec.replace('app: ap\n', 'app: api\n').replace('env: prod\n', 'env: production\n').replace(/- podSelector:\n(\s+)matchLabels:\n(\s+)app: api\n(\s+)- ipBlock/, '- podSelector:\n$1matchLabels:\n$2app: db\n$3- ipBlock');
  assertSilent(makeIndex({ 'w.yaml': workloads, 'ns.yaml': namespaces, 'p.yaml': policy(good, 'p', 'data') }), 'netpol-peer-selects-nothing');
  // Without Namespace objects, a namespaceSelector on custom labels cannot be judged.
  assertSilent(makeIndex({ 'p.yaml': policy(good.replace('env: production', 'env: prod'), 'p', 'data') }), 'netpol-peer-selects-nothing');
});

test('netpol-invalid-cidr and netpol-except-outside-cidr', () => {
  const spec = (cidr: string, except: string) => `  podSelector: {}\n  egress:\n  - to:\n    - ipBlock:\n        cidr: ${cidr}\n        except:\n        - ${except}\n`;
  const bad = makeIndex({ 'p.yaml': policy(spec('10.0.0.0/33', '10.1.0.0/16')) });
  assert.deepEqual(textsOf(bad, 'p.yaml', 'netpol-invalid-cidr'), ['10.0.0.0/33']);
  assert.deepEqual(textsOf(makeIndex({ 'p.yaml': policy(spec('010.0.0.0/8', 'x')) }), 'p.yaml', 'netpol-invalid-cidr'), ['010.0.0.0/8', 'x']);
  for (const except of ['192.168.0.0/24', '10.0.0.0/8', '10.0.0.0/7', 'fd00::/64']) {
    assert.deepEqual(textsOf(makeIndex({ 'p.yaml': policy(spec('10.0.0.0/8', except)) }), 'p.yaml', 'netpol-except-outside-cidr'), [except], except);
  }
  const good = makeIndex({ 'p.yaml': policy(spec('10.0.0.0/8', '10.0.1.0/24')), 'q.yaml': policy(spec('2001:db8::/32', '2001:db8:1::/48'), 'q') });
  assertSilent(good, 'netpol-invalid-cidr');
  assertSilent(good, 'netpol-except-outside-cidr');
});

test('netpol-named-port-missing resolves on the destination pods, by name and protocol', () => {
  const spec = yaml`
      podSelector:
        matchLabels:
          app: api
      ingress:
      - ports:
        - port: http
        - port: http
          protocol: UDP
      egress:
      - to:
        - namespaceSelector: {}
          podSelector:
            matchLabels:
              app: db
        ports:
        - port: postgres
      - ports:
        - port: pg
  `.replace(/^/gm, '  ');
  const index = makeIndex({ 'w.yaml': workloads, 'p.yaml': policy(spec) });
  // 'http' UDP: the api pods declare http for TCP only; 'postgres' is not a port of db; 'pg' exists somewhere.
  assert.deepEqual(textsOf(index, 'p.yaml', 'netpol-named-port-missing'), ['http', 'postgres']);
  const good = spec.replace(/ +- port: http\n +protocol: UDP\n/, '').replace('port: postgres', 'port: pg');
  assertSilent(makeIndex({ 'w.yaml': workloads, 'p.yaml': policy(good) }), 'netpol-named-port-missing');
});

test('netpol-endport-invalid', () => {
  const spec = (port: string) => `  podSelector: {}\n  ingress:\n  - ports:\n    - ${port}\n      endPort: 8000\n`;
  assert.deepEqual(textsOf(makeIndex({ 'p.yaml': policy(spec('port: 9000\n')) }), 'p.yaml', 'netpol-endport-invalid'), ['8000']);
  assert.deepEqual(textsOf(makeIndex({ 'p.yaml': policy(spec('port: http\n')) }), 'p.yaml', 'netpol-endport-invalid'), ['8000']);
  assert.deepEqual(textsOf(makeIndex({ 'p.yaml': policy(spec('protocol: TCP\n')) }), 'p.yaml', 'netpol-endport-invalid'), ['8000']);
  assertSilent(makeIndex({ 'p.yaml': policy(spec('port: 7000\n')) }), 'netpol-endport-invalid');
});

test('netpol-policytypes-ignored-rules', () => {
  const spec = (types: string) => `  podSelector: {}\n  policyTypes: ${types}\n  ingress:\n  - {}\n  egress:\n  - to:\n    - podSelector: {}\n`;
  assert.deepEqual(textsOf(makeIndex({ 'p.yaml': policy(spec('[Ingress]')) }), 'p.yaml', 'netpol-policytypes-ignored-rules'), ['egress']);
  assert.deepEqual(textsOf(makeIndex({ 'p.yaml': policy(spec('[Egress]')) }), 'p.yaml', 'netpol-policytypes-ignored-rules'), ['ingress']);
  assertSilent(makeIndex({ 'p.yaml': policy(spec('[Ingress, Egress]')) }), 'netpol-policytypes-ignored-rules');
  // Without policyTypes, the API derives them from the rules: nothing is ignored.
  assertSilent(makeIndex({ 'p.yaml': policy('  podSelector: {}\n  egress:\n  - {}\n') }), 'netpol-policytypes-ignored-rules');
});

test('netpol-not-enforced follows the cni setting', () => {
  const index = makeIndex({ 'p.yaml': policy('  podSelector: {}\n') });
  assert.deepEqual(textsOf(index, 'p.yaml', 'netpol-not-enforced', settingsWith({ cni: 'flannel' })), ['NetworkPolicy']);
  assert.deepEqual(textsOf(index, 'p.yaml', 'netpol-not-enforced', settingsWith({ cni: 'Kubenet' })), ['NetworkPolicy']);
  assertSilent(index, 'netpol-not-enforced', settingsWith({ cni: 'calico' }));
  assertSilent(index, 'netpol-not-enforced');
});

const denyAll = policy('  podSelector: {}\n  policyTypes: [Ingress, Egress]\n', 'deny-all');

test('netpol-egress-blocks-dns is judged on the union of all policies', () => {
  const toDb = policy('  podSelector:\n    matchLabels:\n      app: api\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - podSelector:\n        matchLabels:\n          app: web\n    ports:\n    - port: 80\n', 'api-egress');
  const index = makeIndex({ 'w.yaml': workloads, 'deny.yaml': denyAll, 'p.yaml': toDb });
  assert.deepEqual(textsOf(index, 'p.yaml', 'netpol-egress-blocks-dns'), ['egress']);
  // The deny-all alone reaches nothing: blocking DNS there is deliberate.
  assertSilent(makeIndex({ 'w.yaml': workloads, 'deny.yaml': denyAll }), 'netpol-egress-blocks-dns');
  // DNS allowed by ANOTHER policy selecting the same pods: fine.
  const dns = policy('  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - namespaceSelector: {}\n    ports:\n    - port: 53\n      protocol: UDP\n    - port: 53\n      protocol: TCP\n', 'allow-dns');
  assertSilent(makeIndex({ 'w.yaml': workloads, 'deny.yaml': denyAll, 'p.yaml': toDb, 'dns.yaml': dns }), 'netpol-egress-blocks-dns');
  // TCP 53 alone is not enough; a UDP range covering 53 is.
  const tcpOnly = dns.replace('    - port: 53\n      protocol: UDP\n', '');
  assert.deepEqual(textsOf(makeIndex({ 'w.yaml': workloads, 'p.yaml': toDb, 'dns.yaml': tcpOnly }), 'dns.yaml', 'netpol-egress-blocks-dns'), ['egress']);
  const range = dns.replace('    - port: 53\n      protocol: UDP\n', '    - port: 1\n      endPort: 1024\n      protocol: UDP\n');
  assertSilent(makeIndex({ 'w.yaml': workloads, 'p.yaml': toDb, 'dns.yaml': range }), 'netpol-egress-blocks-dns');
});

test('namespace-no-default-deny is off by default and reported once per namespace', () => {
  const on = settingsWith({ rules: { 'namespace-no-default-deny': 'hint' } });
  const index = makeIndex({ 'w.yaml': workloads, 'ns.yaml': namespaces });
  assertSilent(index, 'namespace-no-default-deny');
  assert.deepEqual(textsOf(index, 'ns.yaml', 'namespace-no-default-deny', on), ['prod', 'data']);
  assert.deepEqual(textsOf(index, 'w.yaml', 'namespace-no-default-deny', on), []);
  const noNamespaces = makeIndex({ 'w.yaml': workloads });
  assert.deepEqual(textsOf(noNamespaces, 'w.yaml', 'namespace-no-default-deny', on), ['prod', 'data']);
  const covered = makeIndex({ 'w.yaml': workloads, 'ns.yaml': namespaces, 'deny.yaml': denyAll, 'deny2.yaml': denyAll.replace('namespace: prod', 'namespace: data') });
  assertSilent(covered, 'namespace-no-default-deny', on);
});
