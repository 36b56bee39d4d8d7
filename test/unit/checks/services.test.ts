import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSilent, deployment, docs, hitsIn, makeIndex, settingsWith, textsOf, yaml } from './helpers';

const web = deployment('web', { app: 'web' }, [['http', 8080], ['dns', 53, 'UDP']]);

test('service-selector-no-match fires on a selector matching no workload of its namespace', () => {
  const svc = yaml`
    apiVersion: v1
    kind: Service
    metadata:
      name: web
    spec:
      selector:
        app: wbe
      ports:
      - port: 80
  `;
  const index = makeIndex({ 'web.yaml': web, 'svc.yaml': svc });
  assert.deepEqual(textsOf(index, 'svc.yaml', 'service-selector-no-match'), ['app: wbe']);
  const hit = hitsIn(index, 'svc.yaml').find((h) => h.rule === 'service-selector-no-match');
  assert.match(hit?.message ?? '', /matches no workload in namespace 'default'.*Did you mean 'app: web' \(Deployment 'web'\)\?/);
});

test('service-selector-no-match is namespace-aware and silent on the correct input', () => {
  const svc = (ns: string, app: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: ${ns}\nspec:\n  selector:\n    app: ${app}\n  ports:\n  - port: 80\n`;
  // Same labels, other namespace: no match.
  const other = makeIndex({ 'web.yaml': web, 'svc.yaml': svc('shop', 'web'), 'shop.yaml': deployment('db', { app: 'db' }, [], 'shop') });
  assert.deepEqual(textsOf(other, 'svc.yaml', 'service-selector-no-match'), ['app: web']);
  assertSilent(makeIndex({ 'web.yaml': web, 'svc.yaml': svc('default', 'web') }), 'service-selector-no-match');
  // No workloads of that namespace in the workspace: they live elsewhere, nothing to judge.
  assertSilent(makeIndex({ 'svc.yaml': svc('shop', 'web') }), 'service-selector-no-match');
  // Selector-less and ExternalName Services are skipped.
  const noSelector = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: ext\nspec:\n  ports:\n  - port: 80\n';
  const externalName = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: ext2\nspec:\n  type: ExternalName\n  externalName: db.example.com\n  selector:\n    app: nothing\n';
  assertSilent(makeIndex({ 'web.yaml': web, 'a.yaml': noSelector, 'b.yaml': externalName }), 'service-selector-no-match');
});

test('service-selector-no-match judges a named namespace across folders; default only where deployed together', () => {
  const svc = (ns: string, app: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  namespace: ${ns}\nspec:\n  selector:\n    app: ${app}\n  ports:\n  - port: 80\n`;
  // services/ beside deployments/: one application when the namespace is named.
  const shop = makeIndex({ 'k8s/deployments/api.yaml': deployment('api', { app: 'api' }, [], 'shop'), 'k8s/services/api.yaml': svc('shop', 'api-server') });
  assert.deepEqual(textsOf(shop, 'k8s/services/api.yaml', 'service-selector-no-match'), ['app: api-server']);
  assertSilent(makeIndex({ 'k8s/deployments/api.yaml': deployment('api', { app: 'api' }, [], 'shop'), 'k8s/services/api.yaml': svc('shop', 'api') }), 'service-selector-no-match');
  // Unrelated examples in sibling folders, all in `default`, in a workspace of several applications
  // (one object defined again in another folder): not judged against each other.
  const copy = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  LOG_LEVEL: info\n';
  assertSilent(makeIndex({ 'example-a/web.yaml': web, 'example-a/settings.yaml': copy, 'example-b/svc.yaml': svc('default', 'other'), 'example-b/settings.yaml': copy }), 'service-selector-no-match');
  // A workspace of one application split by kind: its folders are deployed together.
  assert.deepEqual(textsOf(makeIndex({ 'deployments/web.yaml': web, 'services/api.yaml': svc('default', 'other') }), 'services/api.yaml', 'service-selector-no-match'), ['app: other']);
});

test('service-selector-no-match: another label convention for the same app is judged; an unrelated app is not', () => {
  const svc = (selector: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n    ${selector}\n  ports:\n  - port: 80\n`;
  const pods = deployment('web', { name: 'web' }, [], 'shop');
  // app: web vs pods labelled name: web — the same app under another key.
  assert.deepEqual(textsOf(makeIndex({ 'd.yaml': pods, 's.yaml': svc('app: web') }), 's.yaml', 'service-selector-no-match'), ['app: web']);
  // app.kubernetes.io/name: frontend vs a Deployment named frontend.
  const named = deployment('frontend', { tier: 'ui' }, [], 'shop');
  assert.equal(textsOf(makeIndex({ 'd.yaml': named, 's.yaml': svc('app.kubernetes.io/name: frontend') }), 's.yaml', 'service-selector-no-match').length, 1);
  // Pods of another app from elsewhere (a Helm chart): nothing in the workspace speaks of them.
  assertSilent(makeIndex({ 'd.yaml': pods, 's.yaml': svc('app.kubernetes.io/name: gpu-exporter') }), 'service-selector-no-match');
});

test('service-target-port-missing resolves named ports by name AND protocol', () => {
  const svc = yaml`
    apiVersion: v1
    kind: Service
    metadata:
      name: web
    spec:
      selector:
        app: web
      ports:
      - name: http
        port: 80
        targetPort: htp
      - name: dns-tcp
        port: 53
        targetPort: dns
      - name: dns
        port: 53
        protocol: UDP
        targetPort: dns
      - name: metrics
        port: 9090
        targetPort: 9090
  `;
  const index = makeIndex({ 'web.yaml': web, 'svc.yaml': svc });
  // 'htp' does not exist; 'dns' exists only for UDP, so the TCP port does not resolve; numeric 9090 needs nothing.
  assert.deepEqual(textsOf(index, 'svc.yaml', 'service-target-port-missing'), ['htp', 'dns']);
  const fixed = svc.replace('targetPort: htp', 'targetPort: http').replace('port: 53\n    targetPort: dns\n  - name: dns', 'port: 53\n    targetPort: 53\n  - name: dns');
  assertSilent(makeIndex({ 'web.yaml': web, 'svc.yaml': fixed }), 'service-target-port-missing');
});

test('service-port-name-required and service-duplicate-port', () => {
  const svc = yaml`
    apiVersion: v1
    kind: Service
    metadata:
      name: web
    spec:
      selector:
        app: web
      ports:
      - port: 80
        targetPort: 8080
      - name: https
        port: 443
      - name: https
        port: 80
  `;
  const index = makeIndex({ 'web.yaml': web, 'svc.yaml': svc });
  assert.deepEqual(textsOf(index, 'svc.yaml', 'service-port-name-required'), ['port: 80']);
  assert.deepEqual(textsOf(index, 'svc.yaml', 'service-duplicate-port'), ['80', 'https']);
  const good = yaml`
    apiVersion: v1
    kind: Service
    metadata:
      name: web
    spec:
      selector:
        app: web
      ports:
      - name: http
        port: 80
      - name: dns
        port: 80
        protocol: UDP
  `;
  const clean = makeIndex({ 'web.yaml': web, 'svc.yaml': good });
  assertSilent(clean, 'service-port-name-required');
  // Same number, other protocol: allowed.
  assertSilent(clean, 'service-duplicate-port');
  // A single unnamed port is fine.
  assertSilent(makeIndex({ 'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: one\nspec:\n  ports:\n  - port: 80\n' }), 'service-port-name-required');
});

test('port-name-invalid checks IANA names where the API does and DNS labels for Service port names', () => {
  const bad = docs(
    deployment('api', { app: 'api' }, [['http--api', 8080], ['metrics-endpoint', 9090], ['"8443"', 8443]]),
    yaml`
      apiVersion: v1
      kind: Service
      metadata:
        name: api
      spec:
        selector:
          app: api
        ports:
        - name: Web
          port: 80
          targetPort: "8080"
        - name: a-long-but-valid-service-port-name
          port: 81
          targetPort: http-
    `,
  );
  const index = makeIndex({ 'bad.yaml': bad });
  assert.deepEqual(textsOf(index, 'bad.yaml', 'port-name-invalid'), ['http--api', 'metrics-endpoint', '"8443"', 'Web', '"8080"', 'http-']);
  const good = docs(
    deployment('api', { app: 'api' }, [['http-api', 8080], ['metrics', 9090]]),
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    app: api\n  ports:\n  - name: a-long-but-valid-service-port-name\n    port: 80\n    targetPort: http-api\n',
  );
  assertSilent(makeIndex({ 'good.yaml': good }), 'port-name-invalid');
});

const nodePortSvc = (name: string, nodePort: number, ns = 'default') =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  type: NodePort\n  ports:\n  - port: 80\n    nodePort: ${nodePort}\n`;

test('nodeport-out-of-range uses 30000-32767 unless configured', () => {
  const index = makeIndex({ 'a.yaml': nodePortSvc('a', 8080), 'b.yaml': nodePortSvc('b', 30080) });
  assert.deepEqual(textsOf(index, 'a.yaml', 'nodeport-out-of-range'), ['8080']);
  assertSilent(makeIndex({ 'b.yaml': nodePortSvc('b', 30080) }), 'nodeport-out-of-range');
  const custom = settingsWith({ nodePortRange: [8000, 9000] });
  assert.deepEqual(textsOf(index, 'b.yaml', 'nodeport-out-of-range', custom), ['30080']);
  assert.deepEqual(textsOf(index, 'a.yaml', 'nodeport-out-of-range', custom), []);
});

test('nodeport-conflict: two Services deployed together, one nodePort, across namespaces', () => {
  const index = makeIndex({ 'app/a.yaml': nodePortSvc('a', 30080), 'app/sub/b.yaml': nodePortSvc('b', 30080, 'other') });
  assert.deepEqual(textsOf(index, 'app/a.yaml', 'nodeport-conflict'), ['30080']);
  assert.deepEqual(textsOf(index, 'app/sub/b.yaml', 'nodeport-conflict'), ['30080']);
  // Different ports, or copies for different clusters (sibling folders): no conflict.
  assertSilent(makeIndex({ 'a.yaml': nodePortSvc('a', 30080), 'b.yaml': nodePortSvc('b', 30081) }), 'nodeport-conflict');
  assertSilent(makeIndex({ 'dev/a.yaml': nodePortSvc('a', 30080), 'prod/b.yaml': nodePortSvc('b', 30080) }), 'nodeport-conflict');
  // One Service may use a nodePort for TCP and UDP.
  const both = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: dns\nspec:\n  type: NodePort\n  ports:\n  - name: tcp\n    port: 53\n    nodePort: 30053\n  - name: udp\n    port: 53\n    protocol: UDP\n    nodePort: 30053\n';
  assertSilent(makeIndex({ 'dns.yaml': both }), 'nodeport-conflict');
});

test('externalname-invalid', () => {
  const svc = (spec: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  type: ExternalName\n${spec}`;
  assert.deepEqual(textsOf(makeIndex({ 'a.yaml': svc('  ports:\n  - port: 5432\n') }), 'a.yaml', 'externalname-invalid'), ['spec']);
  assert.deepEqual(textsOf(makeIndex({ 'a.yaml': svc('  externalName: Database_Host\n') }), 'a.yaml', 'externalname-invalid'), ['Database_Host']);
  assert.deepEqual(textsOf(makeIndex({ 'a.yaml': svc('  externalName: 10.0.0.5\n') }), 'a.yaml', 'externalname-invalid'), ['10.0.0.5']);
  assert.deepEqual(textsOf(makeIndex({ 'a.yaml': svc('  externalName: db.example.com\n  selector:\n    app: db\n') }), 'a.yaml', 'externalname-invalid'), ['selector']);
  assertSilent(makeIndex({ 'a.yaml': svc('  externalName: database.example.com.\n') }), 'externalname-invalid');
});

test('headless-service-type', () => {
  const svc = (type: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: h\nspec:\n  type: ${type}\n  clusterIP: None\n  ports:\n  - port: 80\n`;
  assert.deepEqual(textsOf(makeIndex({ 'a.yaml': svc('LoadBalancer') }), 'a.yaml', 'headless-service-type'), ['clusterIP: None']);
  assert.deepEqual(textsOf(makeIndex({ 'a.yaml': svc('NodePort') }), 'a.yaml', 'headless-service-type'), ['clusterIP: None']);
  assertSilent(makeIndex({ 'a.yaml': svc('ClusterIP') }), 'headless-service-type');
});

test('loadbalancer-ip-deprecated is informational', () => {
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: lb\nspec:\n  type: LoadBalancer\n  ports:\n  - port: 80\n  loadBalancerIP: 1.2.3.4\n';
  const index = makeIndex({ 'a.yaml': svc });
  assert.deepEqual(textsOf(index, 'a.yaml', 'loadbalancer-ip-deprecated'), ['loadBalancerIP']);
  assertSilent(makeIndex({ 'a.yaml': svc.replace('  loadBalancerIP: 1.2.3.4\n', '') }), 'loadbalancer-ip-deprecated');
});
