// Rules for what the API server rejects and the schema does not say: label syntax, object names,
// NetworkPolicy peers and port ranges. Each fires on the exact text and is silent on the nearest
// correct input.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSilent, deployment, docs, hitsIn, makeIndex, textsOf, yaml } from './helpers';
import { fixClears } from './fixHelpers';
import { labelKeyProblem, labelValueProblem, dns1035LabelProblem } from '../../../server/src/checks/apiSyntax';

function policy(spec: string, name = 'p'): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
}

function named(kind: string, apiVersion: string, name: string): string {
  return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n`;
}

test('label syntax: keys with an optional DNS prefix, values of the qualified-name alphabet', () => {
  for (const ok of ['app', 'app.kubernetes.io/name', 'A_b.c-9', 'example.com/Z', 'x'.repeat(63), `${'a'.repeat(253)}/n`]) {
    assert.equal(labelKeyProblem(ok), undefined, ok);
  }
  for (const bad of ['app@b', '-app', 'app-', '', '/app', 'a/b/c', 'Example.com/app', 'example.com/', 'x'.repeat(64), `${'a'.repeat(254)}/n`]) {
    assert.ok(labelKeyProblem(bad), bad);
  }
  for (const ok of ['', 'v1.2_3-x', 'UPPER', 'y'.repeat(63)]) assert.equal(labelValueProblem(ok), undefined, ok);
  for (const bad of ['a b', '-x', 'x.', '$var', 'y'.repeat(64)]) assert.ok(labelValueProblem(bad), bad);
  assert.equal(dns1035LabelProblem('web-1'), undefined);
  for (const bad of ['1web', 'web.v1', 'Web', 'web-']) assert.ok(dns1035LabelProblem(bad), bad);
});

test('label-invalid: metadata labels of any kind, custom resources included', () => {
  const file = yaml`
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
      labels:
        app@b: web
        tier: "front end"
    ---
    apiVersion: example.com/v1
    kind: Widget
    metadata:
      name: w
      labels:
        -bad: x
  `;
  const index = makeIndex({ 'a.yaml': file });
  assert.deepEqual(textsOf(index, 'a.yaml', 'label-invalid'), ['app@b', '"front end"', '-bad']);
  const hit = hitsIn(index, 'a.yaml').find((h) => h.rule === 'label-invalid')!;
  assert.equal(hit.finding.severity, 'error');
  assert.match(hit.message, /'app@b' is not a valid label key/);
  assertSilent(makeIndex({ 'a.yaml': file.replace('app@b', 'app.example.com/b').replace('"front end"', 'front-end').replace('-bad', 'bad') }), 'label-invalid');
});

test('label-invalid: pod template labels and workload selectors (matchLabels and matchExpressions)', () => {
  const bad = deployment('api', { app: 'api', 'team/x/y': 'core' });
  const index = makeIndex({ 'd.yaml': bad });
  // The key is wrong in the selector and in the template.
  assert.deepEqual(textsOf(index, 'd.yaml', 'label-invalid'), ['team/x/y', 'team/x/y']);
  assertSilent(makeIndex({ 'd.yaml': deployment('api', { app: 'api', 'team.io/y': 'core' }) }), 'label-invalid');

  const expressions = (operator: string, values: string) =>
    deployment('api', { app: 'api' }).replace('    matchLabels:\n', `    matchExpressions:\n    - key: app\n      operator: ${operator}${values}\n    matchLabels:\n`);
  assert.deepEqual(textsOf(makeIndex({ 'd.yaml': expressions('In', '\n      values: []') }), 'd.yaml', 'label-invalid'), ['values']);
  assert.deepEqual(textsOf(makeIndex({ 'd.yaml': expressions('NotIn', '') }), 'd.yaml', 'label-invalid'), ['NotIn']);
  assert.deepEqual(textsOf(makeIndex({ 'd.yaml': expressions('Exists', '\n      values: [api]') }), 'd.yaml', 'label-invalid'), ['values']);
  assert.deepEqual(textsOf(makeIndex({ 'd.yaml': expressions('in', '\n      values: [api]') }), 'd.yaml', 'label-invalid'), ['in']);
  assert.deepEqual(textsOf(makeIndex({ 'd.yaml': expressions('In', '\n      values: [api, "not ok"]') }), 'd.yaml', 'label-invalid'), ['"not ok"']);
  for (const ok of [expressions('In', '\n      values: [api]'), expressions('Exists', ''), expressions('DoesNotExist', '\n      values: []')]) {
    assertSilent(makeIndex({ 'd.yaml': ok }), 'label-invalid');
  }
});

test('label-invalid: Service selectors and NetworkPolicy pod, namespace and peer selectors', () => {
  const service = yaml`
    apiVersion: v1
    kind: Service
    metadata:
      name: web
    spec:
      selector:
        app: web_
      ports:
      - port: 80
  `;
  assert.deepEqual(textsOf(makeIndex({ 's.yaml': service }), 's.yaml', 'label-invalid'), ['web_']);
  assertSilent(makeIndex({ 's.yaml': service.replace('web_', 'web') }), 'label-invalid');

  const netpol = policy(yaml`
    podSelector:
      matchLabels:
        app@b: shipping
    ingress:
    - from:
      - namespaceSelector:
          matchExpressions:
          - key: kubernetes.io/metadata.name
            operator: In
            values: [prod!]
        podSelector:
          matchLabels:
            role: "a b"
    egress:
    - to:
      - podSelector:
          matchExpressions:
          - key: "tier:x"
            operator: Exists
  `.replace(/^/gm, '  '));
  assert.deepEqual(textsOf(makeIndex({ 'p.yaml': netpol }), 'p.yaml', 'label-invalid'), ['app@b', '"a b"', 'prod!', '"tier:x"']);
  const fixed = netpol.replace('app@b', 'app').replace('prod!', 'prod').replace('"a b"', 'ab').replace('"tier:x"', 'tier');
  assertSilent(makeIndex({ 'p.yaml': fixed }), 'label-invalid');
});

test('label-invalid: placeholders filled in before applying, and non-string values, are not judged', () => {
  const file = yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: tablet
      labels:
        keyspace: "{{keyspace}}"
        owner: \${OWNER}
        version: 2
    spec:
      containers:
      - name: c
        image: x
  `;
  assertSilent(makeIndex({ 'p.yaml': file }), 'label-invalid');
});

test('label-invalid: a selector of a custom kind with a built-in kind name is not read as Kubernetes\'s', () => {
  const knative = yaml`
    apiVersion: serving.knative.dev/v1
    kind: Service
    metadata:
      name: hello
    spec:
      selector:
        weird key: x
  `;
  assertSilent(makeIndex({ 'k.yaml': knative }), 'label-invalid');
});

test('resource-name-invalid: DNS-1035 for Services, DNS labels for Namespaces, subdomains for the rest', () => {
  const cases: [string, string, string][] = [
    ['Service', 'v1', '1web'],
    ['Service', 'v1', 'web.v1'],
    ['Namespace', 'v1', 'team.a'],
    ['Deployment', 'apps/v1', 'Web_API'],
    ['ConfigMap', 'v1', 'settings.'],
    ['NetworkPolicy', 'networking.k8s.io/v1', 'deny all'],
    ['CronJob', 'batch/v1', 'n'.repeat(53)],
  ];
  for (const [kind, apiVersion, name] of cases) {
    const index = makeIndex({ 'r.yaml': named(kind, apiVersion, name) });
    assert.deepEqual(textsOf(index, 'r.yaml', 'resource-name-invalid'), [name], `${kind} ${name}`);
  }
  const good: [string, string, string][] = [
    ['Service', 'v1', 'web-1'],
    ['Namespace', 'v1', 'team-a'],
    ['Deployment', 'apps/v1', 'web.api'],
    ['ConfigMap', 'v1', 'settings.v1'],
    ['Pod', 'v1', '1pod'],
    ['CronJob', 'batch/v1', 'n'.repeat(52)],
    // Custom resources, and custom kinds that share a built-in kind's name, are not judged.
    ['Widget', 'example.com/v1', 'Any_Name'],
    ['Service', 'serving.knative.dev/v1', 'Hello_World'],
  ];
  for (const [kind, apiVersion, name] of good) assertSilent(makeIndex({ 'r.yaml': named(kind, apiVersion, name) }), 'resource-name-invalid');
});

test('resource-name-invalid: a missing name, unless generateName or a kustomize patch', () => {
  const noName = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    app: web\n';
  assert.deepEqual(textsOf(makeIndex({ 'c.yaml': noName }), 'c.yaml', 'resource-name-invalid'), ['metadata']);
  assert.deepEqual(textsOf(makeIndex({ 'c.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name:\n' }), 'c.yaml', 'resource-name-invalid'), ['name']);
  assert.deepEqual(textsOf(makeIndex({ 'c.yaml': 'apiVersion: v1\nkind: ConfigMap\ndata: {}\n' }), 'c.yaml', 'resource-name-invalid'), ['ConfigMap']);
  assertSilent(makeIndex({ 'c.yaml': noName.replace('metadata:\n', 'metadata:\n  generateName: web-\n') }), 'resource-name-invalid');
  const kustomization = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\npatches:\n- path: c.yaml\n';
  assertSilent(makeIndex({ 'kustomization.yaml': kustomization, 'c.yaml': noName }), 'resource-name-invalid');
  // A name that is not a string is the schema's finding, not this rule's.
  assertSilent(makeIndex({ 'c.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 42\n' }), 'resource-name-invalid');
});

test('resource-name-invalid: the quick fix lowercases the name and makes the finding go away', () => {
  const r = fixClears({ 'd.yaml': named('Deployment', 'apps/v1', 'Web_API') }, 'd.yaml', 'resource-name-invalid');
  assert.match(r.after, /name: web-api\n/);
  // No fix when lowercasing does not make a valid name.
  const index = makeIndex({ 's.yaml': named('Service', 'v1', '1web') });
  const hit = hitsIn(index, 's.yaml').find((h) => h.rule === 'resource-name-invalid')!;
  assert.equal(hit.finding.data, undefined);
});

test('netpol-peer-invalid: ipBlock combined with a selector, and a peer that specifies nothing', () => {
  const combined = policy(yaml`
    podSelector: {}
    ingress:
    - from:
      - podSelector:
          matchLabels:
            app: checkout
        ipBlock:
          cidr: 0.0.0.0/0
  `.replace(/^/gm, '  '));
  const index = makeIndex({ 'p.yaml': combined });
  assert.deepEqual(textsOf(index, 'p.yaml', 'netpol-peer-invalid'), ['ipBlock']);
  assert.match(hitsIn(index, 'p.yaml').find((h) => h.rule === 'netpol-peer-invalid')!.message, /cannot combine ipBlock with podSelector/);
  // The nearest correct input: the two as separate peers.
  assertSilent(makeIndex({ 'p.yaml': combined.replace('      ipBlock:', '    - ipBlock:') }), 'netpol-peer-invalid');

  const empty = policy('  podSelector: {}\n  egress:\n  - to:\n    - {}\n    ports:\n    - port: 53\n');
  assert.deepEqual(textsOf(makeIndex({ 'p.yaml': empty }), 'p.yaml', 'netpol-peer-invalid'), ['{}']);
  assertSilent(makeIndex({ 'p.yaml': empty.replace('- {}', '- namespaceSelector: {}') }), 'netpol-peer-invalid');
  // A null peer decodes as an empty one: reported at its list's key.
  assert.deepEqual(textsOf(makeIndex({ 'p.yaml': empty.replace('    - {}', '    -') }), 'p.yaml', 'netpol-peer-invalid'), ['to']);
  // No peers at all means "everyone": nothing to report.
  assertSilent(makeIndex({ 'p.yaml': policy('  podSelector: {}\n  ingress:\n  - {}\n') }), 'netpol-peer-invalid');
});

test('netpol-peer-invalid leaves ipBlock contents to the CIDR rules, and they leave peers to it', () => {
  const badBlock = policy(yaml`
    podSelector: {}
    ingress:
    - from:
      - ipBlock:
          cidr: 10.0.0.0/33
      - ipBlock:
          cidr: 10.0.0.0/8
          except: [192.168.0.0/24]
  `.replace(/^/gm, '  '));
  const index = makeIndex({ 'p.yaml': badBlock });
  assertSilent(index, 'netpol-peer-invalid');
  assert.deepEqual(textsOf(index, 'p.yaml', 'netpol-invalid-cidr'), ['10.0.0.0/33']);
  assert.deepEqual(textsOf(index, 'p.yaml', 'netpol-except-outside-cidr'), ['192.168.0.0/24']);

  const combined = policy('  podSelector: {}\n  ingress:\n  - from:\n    - namespaceSelector: {}\n      ipBlock:\n        cidr: 10.0.0.0/8\n');
  const rules = hitsIn(makeIndex({ 'p.yaml': combined }), 'p.yaml').map((h) => h.rule);
  assert.deepEqual(rules, ['netpol-peer-invalid']);
});

test('port-out-of-range: Service, container, policy and Ingress port numbers', () => {
  const service = yaml`
    apiVersion: v1
    kind: Service
    metadata:
      name: web
    spec:
      ports:
      - name: http
        port: 70000
        targetPort: 0
      - name: ok
        port: 443
        targetPort: https
  `;
  assert.deepEqual(textsOf(makeIndex({ 's.yaml': service }), 's.yaml', 'port-out-of-range'), ['70000', '0']);
  assertSilent(makeIndex({ 's.yaml': service.replace('70000', '80').replace('targetPort: 0', 'targetPort: 8080') }), 'port-out-of-range');

  const pod = deployment('api', { app: 'api' }, [['http', 65536]]);
  assert.deepEqual(textsOf(makeIndex({ 'd.yaml': pod }), 'd.yaml', 'port-out-of-range'), ['65536']);
  assertSilent(makeIndex({ 'd.yaml': deployment('api', { app: 'api' }, [['http', 65535]]) }), 'port-out-of-range');
  // hostPort 0 means "none".
  const hostPorts = pod.replace('65536', '8080').replace('name: http', 'name: http\n          hostPort: 0');
  assertSilent(makeIndex({ 'd.yaml': hostPorts }), 'port-out-of-range');
  assert.deepEqual(textsOf(makeIndex({ 'd.yaml': hostPorts.replace('hostPort: 0', 'hostPort: -1') }), 'd.yaml', 'port-out-of-range'), ['-1']);

  const ports = policy('  podSelector: {}\n  ingress:\n  - ports:\n    - port: 0\n    - port: 8000\n      endPort: 70000\n    - port: 9000\n      endPort: 8000\n');
  const index = makeIndex({ 'p.yaml': ports });
  assert.deepEqual(textsOf(index, 'p.yaml', 'port-out-of-range'), ['0', '70000']);
  // endPort below port stays netpol-endport-invalid's alone.
  assert.deepEqual(textsOf(index, 'p.yaml', 'netpol-endport-invalid'), ['8000']);
  assertSilent(makeIndex({ 'p.yaml': ports.replace('port: 0', 'port: 1').replace('70000', '65535') }), 'port-out-of-range');

  const ingress = yaml`
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata:
      name: web
    spec:
      defaultBackend:
        service:
          name: web
          port:
            number: 0
  `;
  assert.deepEqual(textsOf(makeIndex({ 'i.yaml': ingress }), 'i.yaml', 'port-out-of-range'), ['0']);
  assertSilent(makeIndex({ 'i.yaml': ingress.replace('number: 0', 'number: 80') }), 'port-out-of-range');
});

test('the new rules are quiet on a clean, realistic set of manifests', () => {
  const files = {
    'app.yaml': docs(
      deployment('web', { 'app.kubernetes.io/name': 'web', tier: 'frontend' }, [['http', 8080]], 'shop'),
      yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: shop
        spec:
          selector:
            app.kubernetes.io/name: web
          ports:
          - name: http
            port: 80
            targetPort: http
      `,
      policy('  podSelector:\n    matchLabels:\n      app.kubernetes.io/name: web\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: ingress-nginx\n      podSelector: {}\n    - ipBlock:\n        cidr: 10.0.0.0/8\n        except: [10.1.0.0/16]\n', 'web'),
    ),
  };
  const index = makeIndex(files);
  for (const rule of ['label-invalid', 'resource-name-invalid', 'netpol-peer-invalid', 'port-out-of-range']) assertSilent(index, rule);
});
