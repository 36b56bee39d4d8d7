// Adversarial fixtures for the workload and reference rules, from the API semantics.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSilent, deployment, docs, makeIndex, ruleHits, settingsWith, textsOf, yaml } from './helpers';

test('review: workload-selector-mismatch with matchLabels and matchExpressions', () => {
  const bad = deployment('web', { app: 'web' }).replace('    matchLabels:\n      app: web', '    matchLabels:\n      app: frontend');
  assert.equal(textsOf(makeIndex({ 'a.yaml': bad }), 'a.yaml', 'workload-selector-mismatch').length, 1);
  assertSilent(makeIndex({ 'a.yaml': deployment('web', { app: 'web', tier: 'ui' }).replace('      tier: ui\n  template', '  template') }), 'workload-selector-mismatch');
  const expr = deployment('web', { app: 'web' }).replace('    matchLabels:\n      app: web', '    matchExpressions:\n    - key: app\n      operator: In\n      values: [web, www]');
  assertSilent(makeIndex({ 'a.yaml': expr }), 'workload-selector-mismatch');
  assert.equal(textsOf(makeIndex({ 'a.yaml': expr.replace('[web, www]', '[www]') }), 'a.yaml', 'workload-selector-mismatch').length, 1);
});

test('review: duplicate-resource for the same kind/namespace/name twice in one file', () => {
  const a = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n';
  const b = a.replace('port: 80', 'port: 8080');
  assert.equal(ruleHits(makeIndex({ 'a.yaml': docs(a, b) }), 'duplicate-resource').length >= 1, true);
  // Same name, other namespace or other kind: distinct objects.
  assertSilent(makeIndex({ 'a.yaml': docs(a, b.replace('name: web', 'name: web\n  namespace: shop')) }), 'duplicate-resource');
  assertSilent(makeIndex({ 'a.yaml': docs(a, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n') }), 'duplicate-resource');
});

function client(env: Record<string, string>, ns = 'shop'): string {
  const lines = Object.entries(env).flatMap(([k, v]) => [`        - name: ${k}`, `          value: ${JSON.stringify(v)}`]);
  return deployment('client', { app: 'client' }, [], ns, ['        env:', ...lines].join('\n'));
}
const services = yaml`
  apiVersion: v1
  kind: Service
  metadata:
    name: orders
    namespace: shop
  spec:
    selector:
      app: orders
    ports:
    - name: http
      port: 8080
  ---
  apiVersion: v1
  kind: Service
  metadata:
    name: ledger
    namespace: pay
  spec:
    selector:
      app: ledger
    ports:
    - name: grpc
      port: 9000
`;

test('review: env-service-unknown in every DNS form with did-you-mean', () => {
  const forms: Record<string, string> = {
    A: 'odrers.shop.svc.cluster.local',
    B: 'http://odrers.shop.svc:8080/api',
    ORDERS_HOST: 'odrers.shop',
    D: 'http://odrers:8080',
    E: 'ledgr.pay.svc.cluster.local:9000',
  };
  for (const [k, v] of Object.entries(forms)) {
    const index = makeIndex({ 's.yaml': services, 'c.yaml': client({ [k]: v }) });
    const hits = ruleHits(index, 'env-service-unknown');
    assert.equal(hits.length, 1, v);
    assert.match(hits[0]!.message, /orders|ledger/, v);
  }
  const good = { A: 'orders.shop.svc.cluster.local', B: 'http://orders.shop.svc:8080/api', ORDERS_HOST: 'orders.shop', D: 'http://orders:8080', E: 'ledger.pay.svc.cluster.local:9000', F: 'https://api.github.com' };
  assertSilent(makeIndex({ 's.yaml': services, 'c.yaml': client(good) }), 'env-service-unknown');
  // A bare two-label value in a variable not named for a host may be anything (a Java package).
  assertSilent(makeIndex({ 's.yaml': services, 'c.yaml': client({ PKG: 'odrers.shop' }) }), 'env-service-unknown');
  // Sibling folders of one application.
  assert.equal(ruleHits(makeIndex({ 'services/s.yaml': services, 'deploy/c.yaml': client({ D: 'http://odrers:8080' }) }), 'env-service-unknown').length, 1);
});

test('review: env-service-port-mismatch', () => {
  const bad = makeIndex({ 's.yaml': services, 'c.yaml': client({ URL: 'http://orders:9090/api' }) });
  assert.equal(ruleHits(bad, 'env-service-port-mismatch').length, 1);
  assertSilent(makeIndex({ 's.yaml': services, 'c.yaml': client({ URL: 'http://orders:8080/api', L: 'ledger.pay:9000' }) }), 'env-service-port-mismatch');
});

test('review: hardcoded-pod-ip is info on pod-range IPs, silent on public and loopback', () => {
  const hits = ruleHits(makeIndex({ 'c.yaml': client({ PEER: '10.244.0.15' }) }), 'hardcoded-pod-ip');
  assert.equal(hits.length, 1);
  assert.equal(hits[0]!.finding.severity, 'info');
  assertSilent(makeIndex({ 'c.yaml': client({ DNS: '1.1.1.1', LO: '127.0.0.1', VERSION: '1.2.3.4-beta'.replace('.4-beta', '') + 'x' }) }), 'hardcoded-pod-ip');
});

test('review: cluster domain from a CoreDNS Corefile', () => {
  const corefile = yaml`
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: coredns
      namespace: kube-system
    data:
      Corefile: |
        .:53 {
            kubernetes corp.internal in-addr.arpa ip6.arpa {
               pods insecure
            }
            forward . /etc/resolv.conf
        }
  `;
  const good = makeIndex({ 'cm.yaml': corefile, 's.yaml': services, 'c.yaml': client({ A: 'orders.shop.svc.corp.internal:8080' }) });
  assertSilent(good, 'env-service-unknown');
  const bad = makeIndex({ 'cm.yaml': corefile, 's.yaml': services, 'c.yaml': client({ A: 'odrers.shop.svc.corp.internal:8080' }) });
  assert.equal(ruleHits(bad, 'env-service-unknown').length, 1);
  // The setting wins.
  const setting = settingsWith({ clusterDomain: 'example.local' });
  assert.equal(ruleHits(makeIndex({ 's.yaml': services, 'c.yaml': client({ A: 'odrers.shop.svc.example.local' }) }), 'env-service-unknown', setting).length, 1);
});
