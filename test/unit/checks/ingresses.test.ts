import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSilent, hitsIn, makeIndex, textsOf, yaml } from './helpers';

const services = yaml`
  apiVersion: v1
  kind: Service
  metadata:
    name: api-service
  spec:
    ports:
    - name: http
      port: 8080
  ---
  apiVersion: v1
  kind: Service
  metadata:
    name: web-service
  spec:
    ports:
    - port: 80
`;

function ingress(body: string, name = 'app', annotations = ''): string {
  return `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${name}\n${annotations}spec:\n${body}`;
}

const route = (host: string, path: string, service: string, port: string) =>
  `  - host: ${host}\n    http:\n      paths:\n      - path: ${path}\n        pathType: Prefix\n        backend:\n          service:\n            name: ${service}\n            port:\n              ${port}\n`;

test('ingress-backend-service-missing suggests the closest Service', () => {
  const index = makeIndex({ 'svc.yaml': services, 'ing.yaml': ingress(`  rules:\n${route('a.example.com', '/', 'api-servce', 'number: 8080')}`) });
  assert.deepEqual(textsOf(index, 'ing.yaml', 'ingress-backend-service-missing'), ['api-servce']);
  const message = hitsIn(index, 'ing.yaml').find((h) => h.rule === 'ingress-backend-service-missing')?.message ?? '';
  assert.match(message, /Did you mean 'api-service'\?/);
  assertSilent(makeIndex({ 'svc.yaml': services, 'ing.yaml': ingress(`  rules:\n${route('a.example.com', '/', 'api-service', 'number: 8080')}`) }), 'ingress-backend-service-missing');
  // A namespace without Services in the workspace: they are defined elsewhere.
  assertSilent(makeIndex({ 'ing.yaml': ingress(`  rules:\n${route('a.example.com', '/', 'api-servce', 'number: 8080')}`) }), 'ingress-backend-service-missing');
});

test('ingress-backend-port-missing checks numbers and names, in both API shapes', () => {
  const index = makeIndex({
    'svc.yaml': services,
    'ing.yaml': ingress(`  rules:\n${route('a.example.com', '/api', 'api-service', 'number: 80')}${route('a.example.com', '/web', 'web-service', 'name: http')}`),
    'old.yaml': yaml`
      apiVersion: networking.k8s.io/v1beta1
      kind: Ingress
      metadata:
        name: old
      spec:
        backend:
          serviceName: api-service
          servicePort: htp
    `,
  });
  assert.deepEqual(textsOf(index, 'ing.yaml', 'ingress-backend-port-missing'), ['80', 'http']);
  assert.deepEqual(textsOf(index, 'old.yaml', 'ingress-backend-port-missing'), ['htp']);
  assertSilent(
    makeIndex({
      'svc.yaml': services,
      'ing.yaml': ingress(`  rules:\n${route('a.example.com', '/api', 'api-service', 'name: http')}${route('a.example.com', '/web', 'web-service', 'number: 80')}`),
    }),
    'ingress-backend-port-missing',
  );
});

test('ingress-class-annotation-deprecated', () => {
  const annotated = ingress(`  rules:\n${route('a.example.com', '/', 'web-service', 'number: 80')}`, 'app', '  annotations:\n    kubernetes.io/ingress.class: "nginx"\n');
  assert.deepEqual(textsOf(makeIndex({ 'ing.yaml': annotated }), 'ing.yaml', 'ingress-class-annotation-deprecated'), ['kubernetes.io/ingress.class: "nginx"']);
  assertSilent(makeIndex({ 'ing.yaml': ingress(`  ingressClassName: nginx\n  rules:\n${route('a.example.com', '/', 'web-service', 'number: 80')}`) }), 'ingress-class-annotation-deprecated');
});

test('ingress-class-missing only when the workspace defines IngressClasses', () => {
  const cls = 'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\nspec:\n  controller: k8s.io/ingress-nginx\n';
  const ing = (name: string) => ingress(`  ingressClassName: ${name}\n  rules:\n${route('a.example.com', '/', 'web-service', 'number: 80')}`);
  assert.deepEqual(textsOf(makeIndex({ 'cls.yaml': cls, 'ing.yaml': ing('ngnix') }), 'ing.yaml', 'ingress-class-missing'), ['ngnix']);
  assertSilent(makeIndex({ 'cls.yaml': cls, 'ing.yaml': ing('nginx') }), 'ingress-class-missing');
  assertSilent(makeIndex({ 'ing.yaml': ing('ngnix') }), 'ingress-class-missing');
});

test('ingress-tls-host-mismatch in both directions, with wildcards', () => {
  const bad = ingress(`  tls:\n  - hosts:\n    - app.exmaple.com\n    secretName: app-tls\n  rules:\n${route('app.example.com', '/', 'web-service', 'number: 80')}`);
  assert.deepEqual(textsOf(makeIndex({ 'ing.yaml': bad }), 'ing.yaml', 'ingress-tls-host-mismatch'), ['app.exmaple.com', 'app.example.com']);
  const wildcard = ingress(`  tls:\n  - hosts:\n    - "*.example.com"\n    secretName: app-tls\n  rules:\n${route('app.example.com', '/', 'web-service', 'number: 80')}`);
  assertSilent(makeIndex({ 'ing.yaml': wildcard }), 'ingress-tls-host-mismatch');
  const deep = ingress(`  tls:\n  - hosts:\n    - "*.example.com"\n  rules:\n${route('a.b.example.com', '/', 'web-service', 'number: 80')}`);
  assert.deepEqual(textsOf(makeIndex({ 'ing.yaml': deep }), 'ing.yaml', 'ingress-tls-host-mismatch'), ['"*.example.com"', 'a.b.example.com']);
});

test('ingress-tls-secret-missing only when Secrets are defined; cert-manager makes its own', () => {
  const ing = (annotations = '') => ingress(`  tls:\n  - hosts:\n    - app.example.com\n    secretName: app-tls\n  rules:\n${route('app.example.com', '/', 'web-service', 'number: 80')}`, 'app', annotations);
  const secret = (name: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\ntype: kubernetes.io/tls\n`;
  assert.deepEqual(textsOf(makeIndex({ 's.yaml': secret('other'), 'ing.yaml': ing() }), 'ing.yaml', 'ingress-tls-secret-missing'), ['app-tls']);
  assertSilent(makeIndex({ 's.yaml': secret('app-tls'), 'ing.yaml': ing() }), 'ingress-tls-secret-missing');
  assertSilent(makeIndex({ 'ing.yaml': ing() }), 'ingress-tls-secret-missing');
  assertSilent(makeIndex({ 's.yaml': secret('other'), 'ing.yaml': ing('  annotations:\n    cert-manager.io/cluster-issuer: letsencrypt\n') }), 'ingress-tls-secret-missing');
  const certificate = 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: app\nspec:\n  secretName: app-tls\n';
  assertSilent(makeIndex({ 's.yaml': secret('other'), 'c.yaml': certificate, 'ing.yaml': ing() }), 'ingress-tls-secret-missing');
});

test('ingress-path-conflict across Ingresses of one class deployed together', () => {
  const a = ingress(`  ingressClassName: nginx\n  rules:\n${route('app.example.com', '/api', 'api-service', 'number: 8080')}`, 'a');
  const b = ingress(`  ingressClassName: nginx\n  rules:\n${route('app.example.com', '/api', 'web-service', 'number: 80')}`, 'b');
  const index = makeIndex({ 'a.yaml': a, 'b.yaml': b });
  assert.deepEqual(textsOf(index, 'a.yaml', 'ingress-path-conflict'), ['/api']);
  assert.deepEqual(textsOf(index, 'b.yaml', 'ingress-path-conflict'), ['/api']);
  assertSilent(makeIndex({ 'a.yaml': a, 'b.yaml': b.replace('/api', '/web') }), 'ingress-path-conflict');
  assertSilent(makeIndex({ 'a.yaml': a, 'b.yaml': b.replace('ingressClassName: nginx', 'ingressClassName: traefik') }), 'ingress-path-conflict');
  assertSilent(makeIndex({ 'dev/a.yaml': a, 'prod/b.yaml': b }), 'ingress-path-conflict');
});

test('ingress-no-tls is a hint at the edge (spec)', () => {
  const plain = ingress(`  rules:\n${route('app.example.com', '/', 'web-service', 'number: 80')}`);
  assert.deepEqual(textsOf(makeIndex({ 'ing.yaml': plain }), 'ing.yaml', 'ingress-no-tls'), ['spec']);
  const withTls = ingress(`  tls:\n  - hosts:\n    - app.example.com\n    secretName: app-tls\n  rules:\n${route('app.example.com', '/', 'web-service', 'number: 80')}`);
  assertSilent(makeIndex({ 'ing.yaml': withTls }), 'ingress-no-tls');
});
