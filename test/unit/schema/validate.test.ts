import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lines, only, schemaFindings, URI } from './helpers';

const SERVICE_HEAD = ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', 'spec:'];

test('a valid Service, Deployment and NetworkPolicy give nothing', () => {
  const yaml = lines(
    ...SERVICE_HEAD,
    '  type: NodePort',
    '  selector: {app: web}',
    '  ports:',
    '  - {name: http, port: 80, targetPort: http, protocol: TCP, nodePort: 30080}',
    '  - {name: alt, port: 8080, targetPort: 8080}',
    '---',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web, labels: {app: web, version: "2"}}',
    'spec:',
    '  replicas: 2',
    '  strategy: {rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}}',
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec:',
    '      containers:',
    '      - name: web',
    '        image: nginx',
    '        ports: [{containerPort: 80, name: http}]',
    '        resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 1, memory: 0.5Gi}}',
    '        env: [{name: MODE, value: "8080"}]',
    '---',
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata: {name: allow}',
    'spec:',
    '  podSelector: {}',
    '  policyTypes: [Ingress, Egress]',
    '  ingress:',
    '  - from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]',
    '    ports: [{port: 443, endPort: 8443}, {port: http, protocol: UDP}]',
  );
  assert.deepEqual(schemaFindings(yaml), []);
});

test('unknown field: reported at its key, with did-you-mean from the sibling fields', () => {
  const yaml = lines(...SERVICE_HEAD, '  ports:', '  - port: 80', '    protocl: TCP');
  const f = only(schemaFindings(yaml));
  assert.equal(f.rule, 'schema');
  assert.equal(f.severity, 'error');
  assert.equal(f.uri, URI);
  assert.equal(f.docIndex, 0);
  assert.deepEqual(f.path, ['spec', 'ports', 0, 'protocl']);
  assert.equal(f.target, 'key');
  assert.equal(f.text, 'protocl');
  assert.match(f.message, /Unknown field `protocl` in ServicePort: did you mean `protocol`\?/);
  assert.deepEqual(f.data, { suggestion: 'protocol' });
});

test('unknown field with nothing close: no guess, still one error', () => {
  const yaml = lines('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: c', '  colour: red', 'data: {a: b}');
  const f = only(schemaFindings(yaml));
  assert.equal(f.text, 'colour');
  assert.doesNotMatch(f.message, /did you mean/);
  assert.match(f.message, /Unknown field `colour` in ObjectMeta/);
});

test('Ingress fields carried over from v1beta1 name their v1 replacement', () => {
  const yaml = lines(
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata: {name: web}',
    'spec:',
    '  backend: {service: {name: web, port: {number: 80}}}',
    '  rules:',
    '  - http:',
    '      paths:',
    '      - path: /',
    '        pathType: Prefix',
    '        backend: {serviceName: web, servicePort: 80}',
  );
  const found = schemaFindings(yaml).map((f) => [f.text, f.message]);
  assert.deepEqual(found, [
    ['backend', 'Unknown field `backend` in IngressSpec: networking.k8s.io/v1 calls it `defaultBackend`.'],
    ['serviceName', 'Unknown field `serviceName` in IngressBackend: networking.k8s.io/v1 writes `service: {name: …}`.'],
    ['servicePort', 'Unknown field `servicePort` in IngressBackend: networking.k8s.io/v1 writes `service: {port: {number: …}}` (or `port: {name: …}`).'],
  ]);
});

test('a case slip in a field name suggests the right case', () => {
  const yaml = lines(
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: p}',
    'spec:',
    '  containers:',
    '  - name: a',
    '    image: x',
    '    ports: [{containerport: 80}]',
  );
  const found = schemaFindings(yaml);
  // The real field is then missing too, but the did-you-mean already says so: one finding.
  const f = only(found);
  assert.equal(f.target, 'key');
  assert.equal(f.text, 'containerport');
  assert.match(f.message, /did you mean `containerPort`/);
});

test('wrong types: a quoted number where an integer belongs, an unquoted number where a string belongs', () => {
  const yaml = lines(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    '  labels:',
    '    version: 2',
    '    app.kubernetes.io/version: 1.0',
    'spec:',
    '  replicas: "3"',
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec:',
    '      containers:',
    '      - name: web',
    '        env:',
    '        - name: PORT',
    '          value: 8080',
  );
  const found = schemaFindings(yaml);
  assert.equal(found.length, 4);
  const slashed = found.find((f) => f.path?.includes('app.kubernetes.io/version'));
  assert.ok(slashed, 'a key with a slash is located');
  assert.equal(slashed.text, '1.0');
  const [label, replicas, env] = [
    found.find((f) => f.path?.includes('version')),
    found.find((f) => f.path?.includes('replicas')),
    found.find((f) => f.path?.includes('env')),
  ];
  assert.ok(label && replicas && env);
  assert.equal(label.text, '2');
  assert.equal(label.target, 'value');
  assert.match(label.message, /`version` must be a string, not the number 2: quote it/);
  assert.equal(replicas.text, '"3"');
  assert.match(replicas.message, /`replicas` must be a whole number, not the string "3": remove the quotes/);
  assert.deepEqual(env.path, ['spec', 'template', 'spec', 'containers', 0, 'env', 0, 'value']);
  assert.equal(env.text, '8080');
});

test('YAML 1.1 booleans in string fields are explained', () => {
  for (const word of ['yes', 'off', 'y']) {
    const yaml = lines('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: c', `  labels: {enabled: ${word}}`);
    const f = only(schemaFindings(yaml));
    assert.equal(f.text, word);
    assert.match(f.message, /must be a string, not the boolean (true|false): quote it \(unquoted .*yes.* are booleans in YAML\)/);
  }
});

test('a mapping where a list belongs says how to write a list', () => {
  const yaml = lines(...SERVICE_HEAD, '  ports:', '    port: 80');
  const f = only(schemaFindings(yaml));
  assert.deepEqual(f.path, ['spec', 'ports']);
  assert.equal(f.text.trim(), 'port: 80');
  assert.match(f.message, /`ports` must be a list, not a mapping: write it as a list/);
});

test('int-or-string: numbers and names are both fine, anything else is one error', () => {
  const ok = lines(...SERVICE_HEAD, '  ports:', '  - {port: 80, targetPort: 8080}', '  - {port: 81, targetPort: http}', '  - {port: 82, targetPort: "8080"}');
  assert.deepEqual(schemaFindings(ok), []);
  for (const bad of ['true', '[80]', '{number: 80}', '8.5']) {
    const yaml = lines(...SERVICE_HEAD, '  ports:', `  - port: 80`, `    targetPort: ${bad}`);
    const f = only(schemaFindings(yaml));
    assert.deepEqual(f.path, ['spec', 'ports', 0, 'targetPort']);
    assert.equal(f.text, bad);
    assert.match(f.message, /`targetPort` must be a whole number or a string/);
  }
});

test('missing required field: reported at the parent key', () => {
  const yaml = lines(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web}',
    'spec:',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec:',
    '      containers: [{name: web, image: nginx}]',
  );
  const f = only(schemaFindings(yaml));
  assert.deepEqual(f.path, ['spec']);
  assert.equal(f.target, 'key');
  assert.equal(f.text, 'spec');
  assert.equal(f.message, 'Missing required field `selector` in DeploymentSpec.');
});

test('missing required field in a list item: reported at the item\'s first key', () => {
  const yaml = lines(...SERVICE_HEAD, '  ports:', '  - name: http', '    targetPort: 8080');
  const f = only(schemaFindings(yaml));
  assert.deepEqual(f.path, ['spec', 'ports', 0, 'name']);
  assert.equal(f.target, 'key');
  assert.equal(f.text, 'name');
  assert.equal(f.message, 'Missing required field `port` in ServicePort.');
});

test('a misspelt field that is also the item\'s first key: both problems are reported', () => {
  const yaml = lines(...SERVICE_HEAD, '  ports:', '  - protocl: TCP', '    targetPort: 80');
  const found = schemaFindings(yaml);
  assert.deepEqual(
    found.map((f) => [f.text, f.message]).sort(),
    [
      ['protocl', 'Missing required field `port` in ServicePort.'],
      ['protocl', 'Unknown field `protocl` in ServicePort: did you mean `protocol`?'],
    ],
  );
});

test('partial resources (kustomize bases) do not report missing fields, but still report the rest', () => {
  const yaml = lines(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web}',
    'spec:',
    '  replica: 2',
    '  template:',
    '    spec:',
    '      containers: [{name: web, image: nginx}]',
  );
  assert.equal(schemaFindings(yaml).length, 2);
  const f = only(schemaFindings(yaml, { partial: true }));
  assert.match(f.message, /did you mean `replicas`/);
});

test('a required field left empty is reported at its key; an optional one is "not set"', () => {
  const yaml = lines(...SERVICE_HEAD, '  clusterIP:', '  selector:', '  ports:', '  - name: http', '    port:');
  const f = only(schemaFindings(yaml));
  assert.deepEqual(f.path, ['spec', 'ports', 0, 'port']);
  assert.equal(f.target, 'key');
  assert.equal(f.text, 'port');
  assert.match(f.message, /`port` is required but has no value/);
});

test('enums: Service type, protocol, pathType, policyTypes', () => {
  const service = lines(...SERVICE_HEAD, '  type: Nodeport', '  ports:', '  - port: 53', '    protocol: tcp');
  const found = schemaFindings(service);
  assert.equal(found.length, 2);
  const type = found.find((f) => f.path?.[1] === 'type');
  assert.ok(type);
  assert.equal(type.text, 'Nodeport');
  assert.equal(type.target, 'value');
  assert.match(type.message, /`type` must be one of ClusterIP, ExternalName, LoadBalancer, NodePort, not the string "Nodeport": values are case-sensitive, use `NodePort`/);
  const protocol = found.find((f) => f.path?.[3] === 'protocol');
  assert.ok(protocol);
  assert.equal(protocol.text, 'tcp');
  assert.match(protocol.message, /use `TCP`/);

  const ingress = lines(
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata: {name: web}',
    'spec:',
    '  rules:',
    '  - http:',
    '      paths:',
    '      - path: /',
    '        pathType: Prefixed',
    '        backend: {service: {name: web, port: {number: 80}}}',
  );
  const pathType = only(schemaFindings(ingress));
  assert.deepEqual(pathType.path, ['spec', 'rules', 0, 'http', 'paths', 0, 'pathType']);
  assert.equal(pathType.text, 'Prefixed');
  assert.match(pathType.message, /one of Exact, ImplementationSpecific, Prefix/);

  const policy = lines('apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata: {name: p}', 'spec:', '  podSelector: {}', '  policyTypes: [Ingress, egress]');
  const policyType = only(schemaFindings(policy));
  assert.deepEqual(policyType.path, ['spec', 'policyTypes', 1]);
  assert.equal(policyType.text, 'egress');
  assert.match(policyType.message, /`policyTypes\[1\]` must be one of Egress, Ingress.*use `Egress`/);
});

test('a value both of the wrong type and outside the enum is reported once', () => {
  const yaml = lines(...SERVICE_HEAD, '  ports:', '  - port: 80', '    protocol: 6');
  const f = only(schemaFindings(yaml));
  assert.equal(f.text, '6');
  assert.match(f.message, /`protocol` must be a string, not the number 6/);
});

test('nested lists: the second container\'s first port', () => {
  const yaml = lines(
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: p}',
    'spec:',
    '  containers:',
    '  - name: a',
    '    image: x',
    '    ports: [{containerPort: 80}]',
    '  - name: b',
    '    image: z',
    '    ports:',
    '    - containerPort: 9090',
    '      protocol: http',
  );
  const f = only(schemaFindings(yaml));
  assert.deepEqual(f.path, ['spec', 'containers', 1, 'ports', 0, 'protocol']);
  assert.equal(f.text, 'http');
});

test('List items: paths start at items[i]', () => {
  const yaml = lines(
    'apiVersion: v1',
    'kind: List',
    'items:',
    '- apiVersion: v1',
    '  kind: ConfigMap',
    '  metadata: {name: fine}',
    '- apiVersion: v1',
    '  kind: Service',
    '  metadata: {name: web}',
    '  spec:',
    '    ports:',
    '    - port: 80',
    '      targetport: 8080',
  );
  const f = only(schemaFindings(yaml));
  assert.deepEqual(f.path, ['items', 1, 'spec', 'ports', 0, 'targetport']);
  assert.equal(f.text, 'targetport');
  assert.match(f.message, /did you mean `targetPort`/);
});

test('unknown kinds and CRD instances get nothing, whatever their body', () => {
  const yaml = lines(
    'apiVersion: cilium.io/v2',
    'kind: CiliumNetworkPolicy',
    'metadata: {name: c}',
    'spec: {endpointSelector: {}, whatever: [1, 2]}',
    '---',
    'apiVersion: serving.knative.dev/v1',
    'kind: Service',
    'metadata: {name: hello}',
    'spec: {template: {spec: {containers: [{image: x}]}}}',
    '---',
    'apiVersion: v1',
    'kind: ServiceAccount',
    'metadata: {name: sa, colour: red}',
    '---',
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    'metadata: {name: widgets.example.com}',
    'spec: {group: example.com, anything: true}',
  );
  assert.deepEqual(schemaFindings(yaml), []);
});

test('removed apiVersions: one finding naming the release and the replacement, body not validated', () => {
  const yaml = lines(
    'apiVersion: extensions/v1beta1',
    'kind: Ingress',
    'metadata: {name: old}',
    'spec:',
    '  backend: {serviceName: web, servicePort: 80}',
    '---',
    'apiVersion: apps/v1beta2',
    'kind: Deployment',
    'metadata: {name: old}',
    'spec: {replicas: "2"}',
  );
  const found = schemaFindings(yaml);
  assert.equal(found.length, 2);
  const [ingress, deployment] = found;
  assert.ok(ingress && deployment);
  assert.deepEqual(ingress.path, ['apiVersion']);
  assert.equal(ingress.text, 'extensions/v1beta1');
  assert.match(ingress.message, /^Ingress `extensions\/v1beta1` was removed in Kubernetes 1\.22: use `networking\.k8s\.io\/v1`/);
  assert.deepEqual(ingress.data, { replacement: 'networking.k8s.io/v1' });
  assert.equal(deployment.docIndex, 1);
  assert.equal(deployment.text, 'apps/v1beta2');
  assert.match(deployment.message, /^Deployment `apps\/v1beta2` was removed in Kubernetes 1\.16: use `apps\/v1`/);
});

test('a built-in group version that never served the kind is reported too', () => {
  const f = only(schemaFindings(lines('apiVersion: networking.k8s.io/v1', 'kind: Service', 'metadata: {name: s}')));
  assert.match(f.message, /Kubernetes does not serve Service as `networking\.k8s\.io\/v1`: use `v1`/);
});

test('what the API server fills in or ignores is fine: creationTimestamp null, status {}, empty selectors and labels', () => {
  const yaml = lines(
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    '  name: deny',
    '  creationTimestamp: null',
    '  labels:',
    'spec:',
    '  podSelector:',
    '  policyTypes: [Ingress]',
    'status: {}',
    '---',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    '  creationTimestamp: 2024-05-01T10:00:00Z',
    '  uid: 0b7c9e1a-1111-2222-3333-444455556666',
    '  resourceVersion: "12345"',
    '  generation: 3',
    'spec:',
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata: {creationTimestamp: null, labels: {app: web, built: 2024-05-01}}',
    '    spec: {containers: [{name: web, image: nginx, resources: {}}]}',
    'status:',
    '  replicas: 1',
    '  conditions: [{type: Available, status: "True", anything: goes}]',
  );
  assert.deepEqual(schemaFindings(yaml), []);
});

test('quantities and base64 data are checked in words', () => {
  const pod = lines(
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: p}',
    'spec:',
    '  containers:',
    '  - name: a',
    '    image: x',
    '    resources: {limits: {memory: 512mb, cpu: 500m}, requests: {memory: 1e3, cpu: .5}}',
  );
  const memory = only(schemaFindings(pod));
  assert.equal(memory.text, '512mb');
  assert.match(memory.message, /`memory` is not a Kubernetes quantity: the string "512mb"/);

  const secret = lines('apiVersion: v1', 'kind: Secret', 'metadata: {name: s}', 'data:', '  ok: aGVsbG8=', '  password: hunter2', 'stringData:', '  plain: hunter2');
  const data = only(schemaFindings(secret));
  assert.deepEqual(data.path, ['data', 'password']);
  assert.equal(data.text, 'hunter2');
  assert.match(data.message, /must be base64-encoded; put plain text under `stringData`/);
});

test('every kind the model types is validated', () => {
  const kinds: [string, string][] = [
    ['v1', 'Namespace'],
    ['v1', 'Pod'],
    ['apps/v1', 'Deployment'],
    ['apps/v1', 'StatefulSet'],
    ['apps/v1', 'DaemonSet'],
    ['apps/v1', 'ReplicaSet'],
    ['v1', 'ReplicationController'],
    ['batch/v1', 'Job'],
    ['batch/v1', 'CronJob'],
    ['v1', 'Service'],
    ['networking.k8s.io/v1', 'Ingress'],
    ['networking.k8s.io/v1', 'IngressClass'],
    ['networking.k8s.io/v1', 'NetworkPolicy'],
    ['v1', 'Secret'],
    ['v1', 'ConfigMap'],
    ['discovery.k8s.io/v1', 'EndpointSlice'],
  ];
  for (const [apiVersion, kind] of kinds) {
    const found = schemaFindings(lines(`apiVersion: ${apiVersion}`, `kind: ${kind}`, 'metadata: {name: x}', 'bogusField: 1'));
    const f = only(found.filter((x) => !x.message.startsWith('Missing required')));
    assert.equal(f.text, 'bogusField', `${kind} reports unknown top-level fields`);
  }
});

test('a CronJob\'s pod template is validated at spec.jobTemplate.spec.template', () => {
  const yaml = lines(
    'apiVersion: batch/v1',
    'kind: CronJob',
    'metadata: {name: c}',
    'spec:',
    '  schedule: "*/5 * * * *"',
    '  jobTemplate:',
    '    spec:',
    '      template:',
    '        spec:',
    '          restartPolicy: OnFailure',
    '          containers: [{name: a, image: x, imagePullPolicy: always}]',
  );
  const f = only(schemaFindings(yaml));
  assert.deepEqual(f.path, ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', 0, 'imagePullPolicy']);
  assert.match(f.message, /use `Always`/);
});
