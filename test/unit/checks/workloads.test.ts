import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSilent, deployment, docs, makeIndex, settingsWith, textsOf, yaml } from './helpers';

test('workload-selector-mismatch with matchLabels and matchExpressions', () => {
  const bad = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      selector:
        matchLabels:
          app: web
        matchExpressions:
        - {key: tier, operator: In, values: [front]}
      template:
        metadata:
          labels:
            app: web
            tier: frontend
        spec:
          containers:
          - name: web
            image: nginx
  `;
  const index = makeIndex({ 'd.yaml': bad });
  assert.deepEqual(textsOf(index, 'd.yaml', 'workload-selector-mismatch'), ['matchLabels:\n      app: web\n    matchExpressions:\n    - {key: tier, operator: In, values: [front]}']);
  assertSilent(makeIndex({ 'd.yaml': bad.replace('values: [front]', 'values: [front, frontend]') }), 'workload-selector-mismatch');
  const empty = bad.replace(/ {2}selector:\n[\s\S]*?(?= {2}template:)/, '  selector: {}\n');
  assert.deepEqual(textsOf(makeIndex({ 'd.yaml': empty }), 'd.yaml', 'workload-selector-mismatch'), ['{}']);
  // A Job's selector is generated unless manualSelector is set.
  const job = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  selector:\n    matchLabels:\n      x: y\n  template:\n    metadata:\n      labels:\n        a: b\n    spec:\n      containers:\n      - name: j\n        image: busybox\n';
  assertSilent(makeIndex({ 'j.yaml': job }), 'workload-selector-mismatch');
  assert.deepEqual(textsOf(makeIndex({ 'j.yaml': job.replace('spec:\n  selector', 'spec:\n  manualSelector: true\n  selector') }), 'j.yaml', 'workload-selector-mismatch'), ['matchLabels:\n      x: y']);
});

test('duplicate-resource in one file or one kustomization; not for patches or variant files', () => {
  const cm = (ns: string, a = '1') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: ${ns}\ndata:\n  a: "${a}"\n`;
  const sameFile = makeIndex({ 'app/a.yaml': docs(cm('prod'), cm('dev'), cm('prod', '2')) });
  assert.deepEqual(textsOf(sameFile, 'app/a.yaml', 'duplicate-resource'), ['settings', 'settings']);
  // An exact copy (generated bundles repeat objects) replaces nothing.
  assertSilent(makeIndex({ 'app/a.yaml': docs(cm('prod'), cm('dev'), cm('prod')) }), 'duplicate-resource');
  const kustomization = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- a.yaml\n- ./more/b.yaml\npatches:\n- path: patch.yaml\n';
  const listed = makeIndex({ 'app/kustomization.yaml': kustomization, 'app/a.yaml': cm('prod'), 'app/more/b.yaml': cm('prod', '2'), 'app/patch.yaml': cm('prod', '3') });
  assert.deepEqual(textsOf(listed, 'app/a.yaml', 'duplicate-resource'), ['settings']);
  assert.deepEqual(textsOf(listed, 'app/more/b.yaml', 'duplicate-resource'), ['settings']);
  assert.deepEqual(textsOf(listed, 'app/patch.yaml', 'duplicate-resource'), []);
  // Files side by side are often variants (install.yaml and namespace-install.yaml): not judged.
  assertSilent(makeIndex({ 'app/a.yaml': cm('prod'), 'app/b.yaml': cm('prod') }), 'duplicate-resource');
  assertSilent(makeIndex({ 'app/a.yaml': docs(cm('prod'), cm('dev')) }), 'duplicate-resource');
});

test('missing-object rules need evidence next to the resource, and count controller-added pod labels', () => {
  const svc = (selector: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n${selector}  ports:\n  - port: 80\n`;
  const sts = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: redis\nspec:\n  selector:\n    matchLabels:\n      app: redis\n  template:\n    metadata:\n      labels:\n        app: redis\n    spec:\n      containers:\n      - name: redis\n        image: redis\n';
  // A per-pod Service of a StatefulSet selects a label the controller adds.
  assertSilent(makeIndex({ 'a/sts.yaml': sts, 'a/svc.yaml': svc('    app: redis\n    statefulset.kubernetes.io/pod-name: redis-0\n') }), 'service-selector-no-match');
  assert.deepEqual(textsOf(makeIndex({ 'a/sts.yaml': sts, 'a/svc.yaml': svc('    app: redis\n    statefulset.kubernetes.io/pod-name: cache-0\n') }), 'a/svc.yaml', 'service-selector-no-match'), [
    'app: redis\n    statefulset.kubernetes.io/pod-name: cache-0',
  ]);
  // Workloads of the namespace only in an unrelated folder, or a Helm template beside the Service: not judged.
  // (several applications: the StatefulSet is defined again in a third folder).
  assertSilent(makeIndex({ 'one/sts.yaml': sts, 'two/svc.yaml': svc('    app: web\n'), 'three/sts.yaml': sts }), 'service-selector-no-match');
  const helm = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n';
  assertSilent(makeIndex({ 'a/sts.yaml': sts, 'a/svc.yaml': svc('    app: web\n'), 'a/web.yaml': helm }), 'service-selector-no-match');
  // kube-system is populated by the cluster itself.
  const kubeDns = svc('    k8s-app: kube-dns\n').replace('name: s', 'name: kube-dns-upstream\n  namespace: kube-system');
  assertSilent(makeIndex({ 'a/ds.yaml': sts.replace('name: redis\nspec', 'name: redis\n  namespace: kube-system\nspec'), 'a/svc.yaml': kubeDns }), 'service-selector-no-match');
});

const services = yaml`
  apiVersion: v1
  kind: Service
  metadata:
    name: api
    namespace: prod
  spec:
    selector:
      app: api
    ports:
    - name: http
      port: 8080
  ---
  apiVersion: v1
  kind: Service
  metadata:
    name: cache
    namespace: data
  spec:
    clusterIP: None
    selector:
      app: cache
    ports:
    - name: redis
      port: 6379
`;

function client(env: Record<string, string>): string {
  const lines = Object.entries(env).flatMap(([k, v]) => [`        - name: ${k}`, `          value: ${JSON.stringify(v)}`]);
  return deployment('client', { app: 'client' }, [], 'prod', ['        env:', ...lines].join('\n'));
}

test('env-service-unknown reads every DNS form, in the right namespace', () => {
  const env = {
    API_URL: 'http://apii:8080/v1',
    API_FQDN: 'api.prod.svc.cluster.local:8080',
    CACHE_ADDR: 'cach.data.svc:6379',
    CACHE_SHORT: 'redis://cache.data',
    OTHER_HOST: 'api',
    EXTERNAL: 'https://example.com/x',
    LOG_LEVEL: 'debug',
    POD: 'cache-0.cache.data.svc.cluster.local:6379',
    LOCAL_HOST: 'localhost',
    KUBE_API: 'https://kubernetes.default.svc:443',
  };
  const defaultServices = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: default\nspec:\n  ports:\n  - port: 80\n';
  const index = makeIndex({ 's.yaml': services, 'd.yaml': defaultServices, 'c.yaml': client(env) });
  assert.deepEqual(textsOf(index, 'c.yaml', 'env-service-unknown'), ['"http://apii:8080/v1"', '"cach.data.svc:6379"']);
  const good = { ...env, API_URL: 'http://api:8080/v1', CACHE_ADDR: 'cache.data.svc:6379' };
  assertSilent(makeIndex({ 's.yaml': services, 'c.yaml': client(good) }), 'env-service-unknown');
  // Namespaces without Services in the workspace are left alone.
  assertSilent(makeIndex({ 'c.yaml': client({ A: 'http://anything.elsewhere.svc.cluster.local' }) }), 'env-service-unknown');
});

test('env-service-unknown honours the cluster domain from the Corefile or the setting', () => {
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
        }
  `;
  const refs = client({ A: 'api.prod.svc.corp.internal:8080', B: 'apx.prod.svc.corp.internal:8080' });
  const index = makeIndex({ 's.yaml': services, 'c.yaml': refs, 'coredns.yaml': corefile });
  assert.deepEqual(textsOf(index, 'c.yaml', 'env-service-unknown'), ['"apx.prod.svc.corp.internal:8080"']);
  // With cluster.local, a name under corp.internal is not a cluster name at all.
  assertSilent(makeIndex({ 's.yaml': services, 'c.yaml': refs }), 'env-service-unknown');
  assert.deepEqual(textsOf(makeIndex({ 's.yaml': services, 'c.yaml': refs }), 'c.yaml', 'env-service-unknown', settingsWith({ clusterDomain: 'corp.internal' })), [
    '"apx.prod.svc.corp.internal:8080"',
  ]);
});

test('env-service-port-mismatch: explicit and scheme ports; headless Services expose pod ports', () => {
  const cachePods = deployment('cache', { app: 'cache' }, [['redis', 6379], ['bus', 16379]], 'data');
  const env = { A: 'http://api:80', B: 'http://api', C: 'api:8080', D: 'cache.data:16379', E: 'cache.data:7000' };
  const index = makeIndex({ 's.yaml': services, 'cache.yaml': cachePods, 'c.yaml': client(env) });
  assert.deepEqual(textsOf(index, 'c.yaml', 'env-service-port-mismatch'), ['"http://api:80"', '"http://api"', '"cache.data:7000"']);
  assertSilent(makeIndex({ 's.yaml': services, 'cache.yaml': cachePods, 'c.yaml': client({ C: 'api:8080', D: 'cache.data:16379' }) }), 'env-service-port-mismatch');
});

test('hardcoded-pod-ip is informational and uses the declared pod network', () => {
  const index = makeIndex({ 'c.yaml': client({ PEER: 'http://10.244.1.7:8080', DNS: '8.8.8.8', LOCAL: '127.0.0.1:9000' }) });
  assert.deepEqual(textsOf(index, 'c.yaml', 'hardcoded-pod-ip'), ['"http://10.244.1.7:8080"']);
  const flannel = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kube-flannel-cfg\n  namespace: kube-flannel\ndata:\n  net-conf.json: |\n    {"Network": "10.42.0.0/16"}\n';
  assertSilent(makeIndex({ 'c.yaml': client({ PEER: 'http://10.244.1.7:8080' }), 'f.yaml': flannel }), 'hardcoded-pod-ip');
  assertSilent(makeIndex({ 'c.yaml': client({ PEER: 'http://peer:8080' }) }), 'hardcoded-pod-ip');
});
