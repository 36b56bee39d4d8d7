// Adversarial fixtures for the Ingress rules, from the API semantics.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSilent, docs, makeIndex, ruleHits, textsOf } from './helpers';

const service = (name: string, ports: string, ns = 'default') => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  selector:\n    app: ${name}\n  ports:\n${ports}`;
const webSvc = service('web', '  - name: http\n    port: 80\n    targetPort: 8080\n');

function ingress(name: string, rules: string, extra = '', meta = ''): string {
  return `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${name}\n${meta}spec:\n${extra}  rules:\n${rules}`;
}
const rule = (host: string, path: string, svc: string, port: string, pathType = 'Prefix') =>
  `  - host: ${host}\n    http:\n      paths:\n      - path: ${path}\n        pathType: ${pathType}\n        backend:\n          service:\n            name: ${svc}\n            port:\n              ${port}\n`;

test('review: ingress-backend-service-missing, same file and sibling folders, with did-you-mean', () => {
  const bad = ingress('web', rule('shop.example.com', '/', 'wbe', 'number: 80'));
  const same = makeIndex({ 'all.yaml': docs(webSvc, bad) });
  assert.deepEqual(textsOf(same, 'all.yaml', 'ingress-backend-service-missing'), ['wbe']);
  assert.match(ruleHits(same, 'ingress-backend-service-missing')[0]!.message, /web/);
  const siblings = makeIndex({ 'services/web.yaml': webSvc, 'ingress/web.yaml': bad });
  assert.deepEqual(textsOf(siblings, 'ingress/web.yaml', 'ingress-backend-service-missing'), ['wbe']);
  assertSilent(makeIndex({ 'services/web.yaml': webSvc, 'ingress/web.yaml': bad.replace('name: wbe', 'name: web') }), 'ingress-backend-service-missing');
});

test('review: ingress-backend-service-missing is namespace-aware', () => {
  const other = service('web', '  - name: http\n    port: 80\n', 'shop');
  const ing = ingress('web', rule('shop.example.com', '/', 'web', 'number: 80'), '', '  namespace: shop\n');
  assertSilent(makeIndex({ 'a.yaml': docs(other, ing) }), 'ingress-backend-service-missing');
  const wrongNs = makeIndex({ 'a.yaml': docs(other, webSvc, ingress('web', rule('shop.example.com', '/', 'web', 'number: 80'), '', '  namespace: pay\n'), service('x', '  - port: 1\n', 'pay')) });
  assert.equal(textsOf(wrongNs, 'a.yaml', 'ingress-backend-service-missing').length, 1);
});

test('review: ingress-backend-port-missing by number and by name', () => {
  const byNumber = makeIndex({ 'a.yaml': docs(webSvc, ingress('web', rule('a.example.com', '/', 'web', 'number: 8080'))) });
  assert.deepEqual(textsOf(byNumber, 'a.yaml', 'ingress-backend-port-missing'), ['8080']);
  const byName = makeIndex({ 'a.yaml': docs(webSvc, ingress('web', rule('a.example.com', '/', 'web', 'name: https'))) });
  assert.deepEqual(textsOf(byName, 'a.yaml', 'ingress-backend-port-missing'), ['https']);
  assertSilent(makeIndex({ 'a.yaml': docs(webSvc, ingress('web', rule('a.example.com', '/', 'web', 'number: 80'))) }), 'ingress-backend-port-missing');
  assertSilent(makeIndex({ 'a.yaml': docs(webSvc, ingress('web', rule('a.example.com', '/', 'web', 'name: http'))) }), 'ingress-backend-port-missing');
  // Sibling folders.
  const siblings = makeIndex({ 'svc/web.yaml': webSvc, 'ing/web.yaml': ingress('web', rule('a.example.com', '/', 'web', 'number: 8080')) });
  assert.deepEqual(textsOf(siblings, 'ing/web.yaml', 'ingress-backend-port-missing'), ['8080']);
});

test('review: ingress-class-annotation-deprecated and ingress-class-missing', () => {
  const annotated = ingress('web', rule('a.example.com', '/', 'web', 'number: 80'), '', '  annotations:\n    kubernetes.io/ingress.class: nginx\n');
  const index = makeIndex({ 'a.yaml': docs(webSvc, annotated) });
  assert.equal(textsOf(index, 'a.yaml', 'ingress-class-annotation-deprecated').length, 1);
  assertSilent(makeIndex({ 'a.yaml': docs(webSvc, ingress('web', rule('a.example.com', '/', 'web', 'number: 80'), '  ingressClassName: nginx\n')) }), 'ingress-class-annotation-deprecated');
  const cls = 'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\nspec:\n  controller: k8s.io/ingress-nginx\n';
  const missing = makeIndex({ 'class.yaml': cls, 'a.yaml': docs(webSvc, ingress('web', rule('a.example.com', '/', 'web', 'number: 80'), '  ingressClassName: traefik\n')) });
  assert.deepEqual(textsOf(missing, 'a.yaml', 'ingress-class-missing'), ['traefik']);
  assertSilent(makeIndex({ 'class.yaml': cls, 'a.yaml': docs(webSvc, ingress('web', rule('a.example.com', '/', 'web', 'number: 80'), '  ingressClassName: nginx\n')) }), 'ingress-class-missing');
  assertSilent(makeIndex({ 'a.yaml': docs(webSvc, ingress('web', rule('a.example.com', '/', 'web', 'number: 80'), '  ingressClassName: traefik\n')) }), 'ingress-class-missing');
  // IngressClass in a sibling folder of the same workspace.
  const sib = makeIndex({ 'platform/class.yaml': cls, 'apps/ing.yaml': docs(webSvc, ingress('web', rule('a.example.com', '/', 'web', 'number: 80'), '  ingressClassName: traefik\n')) });
  assert.deepEqual(textsOf(sib, 'apps/ing.yaml', 'ingress-class-missing'), ['traefik']);
});

test('review: ingress-tls-host-mismatch with wildcards matching one label', () => {
  const tls = (hosts: string) => `  tls:\n  - hosts:\n${hosts}    secretName: web-tls\n`;
  const bad = makeIndex({ 'a.yaml': docs(webSvc, ingress('web', rule('a.b.example.com', '/', 'web', 'number: 80'), tls('    - "*.example.com"\n'))) });
  assert.ok(ruleHits(bad, 'ingress-tls-host-mismatch').length >= 1, 'a.b.example.com is not covered by *.example.com');
  const apex = makeIndex({ 'a.yaml': docs(webSvc, ingress('web', rule('example.com', '/', 'web', 'number: 80'), tls('    - "*.example.com"\n'))) });
  assert.ok(ruleHits(apex, 'ingress-tls-host-mismatch').length >= 1, 'example.com is not covered by *.example.com');
  assertSilent(makeIndex({ 'a.yaml': docs(webSvc, ingress('web', rule('shop.example.com', '/', 'web', 'number: 80'), tls('    - "*.example.com"\n'))) }), 'ingress-tls-host-mismatch');
  assertSilent(makeIndex({ 'a.yaml': docs(webSvc, ingress('web', rule('shop.example.com', '/', 'web', 'number: 80'), tls('    - shop.example.com\n'))) }), 'ingress-tls-host-mismatch');
  const typo = makeIndex({ 'a.yaml': docs(webSvc, ingress('web', rule('shop.example.com', '/', 'web', 'number: 80'), tls('    - shop.exmaple.com\n'))) });
  assert.ok(ruleHits(typo, 'ingress-tls-host-mismatch').length >= 1);
});

test('review: ingress-tls-secret-missing only when Secrets are defined', () => {
  const tls = '  tls:\n  - hosts:\n    - shop.example.com\n    secretName: shop-tls\n';
  const ing = ingress('web', rule('shop.example.com', '/', 'web', 'number: 80'), tls);
  const secret = (name: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: eA==\n  tls.key: eA==\n`;
  const missing = makeIndex({ 'a.yaml': docs(webSvc, ing), 's.yaml': secret('other-tls') });
  const hits = ruleHits(missing, 'ingress-tls-secret-missing');
  assert.equal(hits.length, 1);
  assert.equal(hits[0]!.text, 'shop-tls');
  assert.equal(hits[0]!.finding.severity, 'info');
  assertSilent(makeIndex({ 'a.yaml': docs(webSvc, ing), 's.yaml': secret('shop-tls') }), 'ingress-tls-secret-missing');
  assertSilent(makeIndex({ 'a.yaml': docs(webSvc, ing) }), 'ingress-tls-secret-missing');
});

test('review: ingress-path-conflict across two Ingresses; pathType and host distinguish', () => {
  const a = ingress('a', rule('shop.example.com', '/api', 'web', 'number: 80'));
  const b = ingress('b', rule('shop.example.com', '/api', 'web', 'number: 80'));
  const index = makeIndex({ 'a.yaml': docs(webSvc, a), 'b.yaml': b });
  assert.ok(ruleHits(index, 'ingress-path-conflict').length >= 1);
  assertSilent(makeIndex({ 'a.yaml': docs(webSvc, a), 'b.yaml': ingress('b', rule('shop.example.com', '/web', 'web', 'number: 80')) }), 'ingress-path-conflict');
  assertSilent(makeIndex({ 'a.yaml': docs(webSvc, a), 'b.yaml': ingress('b', rule('admin.example.com', '/api', 'web', 'number: 80')) }), 'ingress-path-conflict');
});

test('review: ingress-no-tls is a hint, silent with tls', () => {
  const hits = ruleHits(makeIndex({ 'a.yaml': docs(webSvc, ingress('web', rule('a.example.com', '/', 'web', 'number: 80'))) }), 'ingress-no-tls');
  assert.equal(hits.length, 1);
  assert.equal(hits[0]!.finding.severity, 'hint');
  assertSilent(makeIndex({ 'a.yaml': docs(webSvc, ingress('web', rule('a.example.com', '/', 'web', 'number: 80'), '  tls:\n  - hosts:\n    - a.example.com\n    secretName: t\n')) }), 'ingress-no-tls');
});
