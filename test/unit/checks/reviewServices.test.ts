// Adversarial fixtures for the Service rules, written from the API semantics: the canonical mistake
// fires at its value, and the nearest correct manifest stays silent.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSilent, deployment, docs, makeIndex, ruleHits, settingsWith, textsOf, yaml } from './helpers';

const svc = (name: string, selector: string, ports = '  - port: 80\n    targetPort: 8080\n', ns?: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n  selector:\n${selector}  ports:\n${ports}`;

test('review: service-selector-no-match across sibling folders of one default-namespace app', () => {
  const d = deployment('web', { app: 'web' }, [['http', 8080]]);
  const bad = makeIndex({ 'deployments/web.yaml': d, 'services/web.yaml': svc('web', '    app: wbe\n') });
  assert.deepEqual(textsOf(bad, 'services/web.yaml', 'service-selector-no-match'), ['app: wbe']);
  assertSilent(makeIndex({ 'deployments/web.yaml': d, 'services/web.yaml': svc('web', '    app: web\n') }), 'service-selector-no-match');
});

test('review: service-selector-no-match with a multi-label selector where one label is wrong', () => {
  const d = deployment('api', { app: 'api', tier: 'backend' }, [['http', 8080]]);
  const index = makeIndex({ 'all.yaml': docs(d, svc('api', '    app: api\n    tier: frontend\n')) });
  assert.equal(textsOf(index, 'all.yaml', 'service-selector-no-match').length, 1);
  assertSilent(makeIndex({ 'all.yaml': docs(d, svc('api', '    app: api\n    tier: backend\n')) }), 'service-selector-no-match');
  // A selector that is a subset of the pod labels matches.
  assertSilent(makeIndex({ 'all.yaml': docs(d, svc('api', '    tier: backend\n')) }), 'service-selector-no-match');
});

test('review: service-selector-no-match selects pods of StatefulSets, DaemonSets, Pods and CronJobs', () => {
  const sts = yaml`
    apiVersion: apps/v1
    kind: StatefulSet
    metadata:
      name: db
    spec:
      serviceName: db
      selector:
        matchLabels:
          app: db
      template:
        metadata:
          labels:
            app: db
        spec:
          containers:
          - name: db
            image: postgres:16
            ports:
            - containerPort: 5432
              name: pg
  `;
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\n  labels:\n    app: solo\nspec:\n  containers:\n  - name: c\n    image: nginx\n';
  const index = makeIndex({ 'db.yaml': docs(sts, pod, svc('db', '    app: db\n', '  - port: 5432\n    targetPort: pg\n'), svc('solo', '    app: solo\n')) });
  assertSilent(index, 'service-selector-no-match');
  assertSilent(index, 'service-target-port-missing');
});

test('review: service-target-port-missing across sibling folders, and a named port on the wrong protocol', () => {
  const d = deployment('dns', { app: 'dns' }, [['dns', 53, 'UDP']]);
  const bad = makeIndex({ 'deploy/dns.yaml': d, 'svc/dns.yaml': svc('dns', '    app: dns\n', '  - port: 53\n    targetPort: dns\n') });
  assert.deepEqual(textsOf(bad, 'svc/dns.yaml', 'service-target-port-missing'), ['dns']);
  const good = makeIndex({ 'deploy/dns.yaml': d, 'svc/dns.yaml': svc('dns', '    app: dns\n', '  - port: 53\n    protocol: UDP\n    targetPort: dns\n') });
  assertSilent(good, 'service-target-port-missing');
});

test('review: service-target-port-missing: numeric and string-numeric targetPorts need no containerPort', () => {
  const d = deployment('web', { app: 'web' });
  const index = makeIndex({ 'a.yaml': docs(d, svc('web', '    app: web\n', '  - port: 80\n    targetPort: 8080\n'), svc('web2', '    app: web\n', '  - port: 80\n'))});
  assertSilent(index, 'service-target-port-missing');
  const typo = makeIndex({ 'a.yaml': docs(deployment('web', { app: 'web' }, [['http', 8080]]), svc('web', '    app: web\n', '  - port: 80\n    targetPort: web\n')) });
  assert.deepEqual(textsOf(typo, 'a.yaml', 'service-target-port-missing'), ['web']);
});

test('review: service-port-name-required names the unnamed port of a multi-port Service', () => {
  const ports = '  - name: http\n    port: 80\n  - port: 443\n';
  const index = makeIndex({ 'a.yaml': svc('web', '    app: web\n', ports) });
  assert.equal(textsOf(index, 'a.yaml', 'service-port-name-required').length, 1);
  assertSilent(makeIndex({ 'a.yaml': svc('web', '    app: web\n', '  - name: http\n    port: 80\n  - name: https\n    port: 443\n') }), 'service-port-name-required');
});

test('review: service-duplicate-port for the same port+protocol and for a repeated name', () => {
  const dupPort = makeIndex({ 'a.yaml': svc('web', '    app: web\n', '  - name: a\n    port: 80\n  - name: b\n    port: 80\n') });
  assert.equal(textsOf(dupPort, 'a.yaml', 'service-duplicate-port').length, 1);
  const explicitTcp = makeIndex({ 'a.yaml': svc('web', '    app: web\n', '  - name: a\n    port: 80\n    protocol: TCP\n  - name: b\n    port: 80\n') });
  assert.equal(textsOf(explicitTcp, 'a.yaml', 'service-duplicate-port').length, 1);
  assertSilent(makeIndex({ 'a.yaml': svc('web', '    app: web\n', '  - name: a\n    port: 80\n  - name: b\n    port: 81\n') }), 'service-duplicate-port');
});

test('review: port-name-invalid follows IANA_SVC_NAME', () => {
  const bad = ['-http', 'http-', 'h--p', 'HTTP', '"1234"', 'abcdefghijklmnop', 'http_web'];
  for (const name of bad) {
    const index = makeIndex({ 'a.yaml': deployment('web', { app: 'web' }, [[name, 8080]]) });
    assert.equal(textsOf(index, 'a.yaml', 'port-name-invalid').length, 1, `${name} is not an IANA_SVC_NAME`);
  }
  const good = ['http', 'h2c', 'a-b-c', 'abcdefghijklmno', '8080a', 'grpc-web'];
  for (const name of good) assertSilent(makeIndex({ 'a.yaml': deployment('web', { app: 'web' }, [[name, 8080]]) }), 'port-name-invalid');
});

const np = (name: string, nodePort: number, ns = 'default') =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  type: NodePort\n  selector:\n    app: ${name}\n  ports:\n  - port: 80\n    nodePort: ${nodePort}\n`;

test('review: nodeport-out-of-range at both edges', () => {
  assert.deepEqual(textsOf(makeIndex({ 'a.yaml': np('a', 29999) }), 'a.yaml', 'nodeport-out-of-range'), ['29999']);
  assert.deepEqual(textsOf(makeIndex({ 'a.yaml': np('a', 32768) }), 'a.yaml', 'nodeport-out-of-range'), ['32768']);
  assertSilent(makeIndex({ 'a.yaml': np('a', 30000), 'b.yaml': np('b', 32767) }), 'nodeport-out-of-range');
  // `--rule`-style levels: off silences.
  assertSilent(makeIndex({ 'a.yaml': np('a', 80) }), 'nodeport-out-of-range', settingsWith({ rules: { 'nodeport-out-of-range': 'off' } }));
});

test('review: nodeport-conflict across namespaces in one file and in two files', () => {
  const one = makeIndex({ 'a.yaml': docs(np('a', 30080, 'shop'), np('b', 30080, 'pay')) });
  assert.equal(ruleHits(one, 'nodeport-conflict').length, 2);
  const two = makeIndex({ 'a.yaml': np('a', 30080, 'shop'), 'b.yaml': np('b', 30080, 'pay') });
  assert.equal(ruleHits(two, 'nodeport-conflict').length, 2);
  assertSilent(makeIndex({ 'a.yaml': np('a', 30080, 'shop'), 'b.yaml': np('b', 30081, 'shop') }), 'nodeport-conflict');
});

test('review: externalname-invalid', () => {
  const ext = (spec: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  type: ExternalName\n${spec}`;
  assert.equal(textsOf(makeIndex({ 'a.yaml': ext('  externalName: "http://db.example.com"\n') }), 'a.yaml', 'externalname-invalid').length, 1);
  assert.equal(textsOf(makeIndex({ 'a.yaml': ext('  externalName: db.example.com:5432\n') }), 'a.yaml', 'externalname-invalid').length, 1);
  assertSilent(makeIndex({ 'a.yaml': ext('  externalName: my-db.prod.svc.cluster.local\n  ports:\n  - port: 5432\n') }), 'externalname-invalid');
  assertSilent(makeIndex({ 'a.yaml': ext('  externalName: localhost\n') }), 'externalname-invalid');
});

test('review: headless-service-type and loadbalancer-ip-deprecated silent on the correct forms', () => {
  const headless = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: h\nspec:\n  clusterIP: None\n  selector:\n    app: h\n  ports:\n  - port: 80\n';
  assertSilent(makeIndex({ 'a.yaml': headless }), 'headless-service-type');
  const lbNone = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: h\nspec:\n  type: LoadBalancer\n  clusterIP: None\n  ports:\n  - port: 80\n';
  assert.equal(textsOf(makeIndex({ 'a.yaml': lbNone }), 'a.yaml', 'headless-service-type').length, 1);
  const lbIp = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: lb\nspec:\n  type: LoadBalancer\n  loadBalancerIP: 203.0.113.10\n  ports:\n  - port: 80\n';
  const hits = ruleHits(makeIndex({ 'a.yaml': lbIp }), 'loadbalancer-ip-deprecated');
  assert.equal(hits.length, 1);
  assert.notEqual(hits[0]!.finding.severity, 'error');
});

test('review: suppression comments', () => {
  const bad = np('a', 8080);
  const next = bad.replace('    nodePort: 8080', '    # kube-netlens-disable-next-line nodeport-out-of-range\n    nodePort: 8080');
  assertSilent(makeIndex({ 'a.yaml': next }), 'nodeport-out-of-range');
  assertSilent(makeIndex({ 'a.yaml': `# kube-netlens-disable nodeport-out-of-range\n${bad}` }), 'nodeport-out-of-range');
  // Another rule's id does not suppress this one.
  const other = bad.replace('    nodePort: 8080', '    # kube-netlens-disable-next-line nodeport-conflict\n    nodePort: 8080');
  assert.equal(textsOf(makeIndex({ 'a.yaml': other }), 'a.yaml', 'nodeport-out-of-range').length, 1);
  // Levels: error raises.
  const hits = ruleHits(makeIndex({ 'a.yaml': bad }), 'nodeport-out-of-range', settingsWith({ rules: { 'nodeport-out-of-range': 'error' } }));
  assert.equal(hits[0]?.finding.severity, 'error');
});
