import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../../server/src/model/parse';
import { podTemplateOf } from '../../../server/src/model/workloads';
import { getAt } from '../../../server/src/model/values';
import type { Resource } from '../../../server/src/model/types';

const POD_SPEC = [
  'containers:',
  '- name: app',
  '  image: example/app:1',
  '  ports:',
  '  - name: http',
  '    containerPort: 8080',
  '  - containerPort: 53',
  '    protocol: UDP',
  '  env:',
  '  - name: API_URL',
  '    value: http://api.shop.svc.cluster.local:8080',
  '  - name: FROM_SECRET',
  '    valueFrom: {secretKeyRef: {name: s, key: k}}',
  'initContainers:',
  '- name: init',
  '  image: busybox',
];

function indent(lines: string[], n: number): string {
  return lines.map((l) => ' '.repeat(n) + l).join('\n');
}

/** A workload whose pod template sits at `templatePath`, built as YAML text. */
function workloadYaml(kind: string, apiVersion: string, templatePath: string[]): string {
  const head = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: w\n  namespace: shop\n`;
  if (templatePath.length === 0) return `${head}spec:\n${indent(POD_SPEC, 2)}\n`.replace('  name: w\n', '  name: w\n  labels: {app: web}\n');
  let text = head;
  let depth = 0;
  for (const seg of templatePath) {
    text += `${' '.repeat(depth)}${seg}:\n`;
    depth += 2;
  }
  text += `${' '.repeat(depth)}metadata:\n${' '.repeat(depth + 2)}labels: {app: web}\n`;
  text += `${' '.repeat(depth)}spec:\n${indent(POD_SPEC, depth + 2)}\n`;
  return text;
}

const KINDS: [string, string, string[]][] = [
  ['Pod', 'v1', []],
  ['Deployment', 'apps/v1', ['spec', 'template']],
  ['StatefulSet', 'apps/v1', ['spec', 'template']],
  ['DaemonSet', 'apps/v1', ['spec', 'template']],
  ['ReplicaSet', 'apps/v1', ['spec', 'template']],
  ['ReplicationController', 'v1', ['spec', 'template']],
  ['Job', 'batch/v1', ['spec', 'template']],
  ['CronJob', 'batch/v1', ['spec', 'jobTemplate', 'spec', 'template']],
];

function only(text: string): Resource {
  const parsed = parseFile('file:///ws/w.yaml', text);
  assert.deepEqual(parsed.findings, []);
  assert.equal(parsed.resources.length, 1);
  return parsed.resources[0]!;
}

for (const [kind, apiVersion, templatePath] of KINDS) {
  test(`podTemplateOf reads the pod template of a ${kind}`, () => {
    const resource = only(workloadYaml(kind, apiVersion, templatePath));
    const tpl = podTemplateOf(resource);
    assert.ok(tpl, `${kind} has a pod template`);
    assert.equal(tpl.namespace, 'shop');
    assert.deepEqual(tpl.labels, { app: 'web' });
    assert.deepEqual(tpl.templatePath, templatePath);
    assert.deepEqual(tpl.labelsPath, [...templatePath, 'metadata', 'labels']);
    assert.deepEqual(
      tpl.containers.map((c) => [c.name, c.init]),
      [
        ['app', false],
        ['init', true],
      ],
    );
    const app = tpl.containers[0]!;
    assert.deepEqual(
      app.ports.map((p) => [p.name, p.containerPort, p.protocol]),
      [
        ['http', 8080, 'TCP'],
        [undefined, 53, 'UDP'],
      ],
    );
    // Paths point back into the document: following them in the value finds the same data.
    assert.equal(getAt(resource.value, [...app.ports[0]!.path, 'containerPort']), 8080);
    assert.deepEqual(app.path, [...templatePath, 'spec', 'containers', 0]);
    // Only literal env values are kept (valueFrom has no value).
    assert.deepEqual(
      app.env.map((e) => [e.name, e.value]),
      [['API_URL', 'http://api.shop.svc.cluster.local:8080']],
    );
    assert.equal(getAt(resource.value, [...app.env[0]!.path, 'name']), 'API_URL');
  });
}

test('kinds that run no pods have no pod template', () => {
  for (const kind of ['Service', 'ConfigMap', 'NetworkPolicy', 'Ingress']) {
    const resource = only(`apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: x\n`);
    assert.equal(podTemplateOf(resource), undefined, kind);
  }
});

test('replicas: default 1, Job parallelism, DaemonSet counted once', () => {
  const dep = only('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: 4\n  template: {metadata: {labels: {a: b}}, spec: {containers: []}}\n');
  assert.equal(podTemplateOf(dep)?.replicas, 4);
  const noReplicas = only('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template: {spec: {containers: []}}\n');
  assert.equal(podTemplateOf(noReplicas)?.replicas, 1);
  const job = only('apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  parallelism: 3\n  template: {spec: {containers: []}}\n');
  assert.equal(podTemplateOf(job)?.replicas, 3);
});

test('hostNetwork and malformed containers', () => {
  const resource = only(
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: true\n  containers:\n  - "not a map"\n  - name: ok\n    ports:\n    - containerPort: "80"\n    - name: no-number\n    - containerPort: 81\n      protocol: tcp\n',
  );
  const tpl = podTemplateOf(resource)!;
  assert.equal(tpl.hostNetwork, true);
  assert.deepEqual(
    tpl.containers.map((c) => c.name),
    ['ok'],
  );
  // A quoted number is not a port number; an unknown protocol spelling falls back to TCP.
  assert.deepEqual(
    tpl.containers[0]!.ports.map((p) => [p.containerPort, p.protocol]),
    [[81, 'TCP']],
  );
});

test('a workload inside a List keeps the item path in its template paths', () => {
  const text = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: d, namespace: shop}\n  spec:\n    template:\n      metadata: {labels: {app: web}}\n      spec: {containers: [{name: c, ports: [{containerPort: 80}]}]}\n`;
  const resource = only(text);
  const tpl = podTemplateOf(resource)!;
  assert.deepEqual(tpl.templatePath, ['items', 0, 'spec', 'template']);
  assert.deepEqual(tpl.containers[0]!.ports[0]!.path, ['items', 0, 'spec', 'template', 'spec', 'containers', 0, 'ports', 0]);
});
