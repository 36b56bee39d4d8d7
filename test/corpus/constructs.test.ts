// Constructs real repositories contain, read as Kubernetes reads them: no noise, the right resources,
// and findings that point at the right text (offsets survive CRLF, aliases, Lists and lenient YAML).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hitsIn, makeIndex, uriOf } from '../unit/checks/helpers';
import { parseFile } from '../../server/src/model/parse';
import { runCli } from '../cli/run';

/** Rules at warning or error level in one file, as `rule: text`. */
function problems(index: ReturnType<typeof makeIndex>, name: string): string[] {
  return hitsIn(index, name)
    .filter((h) => h.finding.severity === 'warning' || h.finding.severity === 'error')
    .map((h) => `${h.rule}: ${h.text}`);
}

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n';

test('empty documents, comment-only documents and a trailing separator are not resources and not errors', () => {
  const text = `---\n---\n# only a comment\n---\n${SERVICE}---\n`;
  const parsed = parseFile(uriOf('a.yaml'), text);
  assert.equal(parsed.status, 'kubernetes');
  assert.deepEqual(parsed.resources.map((r) => `${r.kind}/${r.name}#${r.docIndex}`), ['Service/web#2']);
  assert.deepEqual(parsed.findings, []);
  assert.equal(parseFile(uriOf('b.yaml'), '---\n---\n').status, 'not-kubernetes');
  assert.equal(parseFile(uriOf('c.yaml'), '').status, 'not-kubernetes');
});

test('kind: List and typed *List kinds: each item is a resource, findings point into the item', () => {
  const list = [
    'apiVersion: v1',
    'kind: List',
    'items:',
    '- apiVersion: v1',
    '  kind: ConfigMap',
    '  metadata: {name: settings}',
    '- apiVersion: v1',
    '  kind: Service',
    '  metadata: {name: web}',
    '  spec:',
    '    ports:',
    '    - port: 80',
    '      protocol: tcp',
    '',
  ].join('\n');
  const typed = 'apiVersion: v1\nkind: ServiceList\nitems:\n- metadata: {name: api}\n  spec: {ports: [{port: 8080}]}\n';
  const index = makeIndex({ 'list.yaml': list, 'typed.yaml': typed });
  assert.deepEqual(index.getFile(uriOf('list.yaml'))!.resources.map((r) => `${r.kind}/${r.name} ${JSON.stringify(r.basePath)}`), [
    'ConfigMap/settings ["items",0]',
    'Service/web ["items",1]',
  ]);
  assert.deepEqual(index.getFile(uriOf('typed.yaml'))!.resources.map((r) => `${r.apiVersion} ${r.kind}/${r.name}`), ['v1 Service/api']);
  // The lower-case protocol is a real mistake: reported at the item's value.
  assert.deepEqual(problems(index, 'list.yaml'), ['schema: tcp']);
  assert.deepEqual(problems(index, 'typed.yaml'), []);
});

test('JSON manifests: JSON escapes, tab indentation and a JSON List', () => {
  const configMap = '{\n\t"apiVersion": "v1",\n\t"kind": "ConfigMap",\n\t"metadata": {\n\t\t"name": "j",\n\t\t"annotations": {"url": "http:\\/\\/example.com\\/a"}\n\t}\n}\n';
  const list = '{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"ports":[{"port":"eighty"}]}}]}';
  const index = makeIndex({ 'cm.json': configMap, 'list.json': list });
  const cm = index.getFile(uriOf('cm.json'))!.resources[0]!;
  assert.equal(cm.annotations['url'], 'http://example.com/a');
  assert.deepEqual(problems(index, 'cm.json'), []);
  // A real mistake inside a one-line JSON List points at the value.
  assert.deepEqual(problems(index, 'list.json'), ['schema: "eighty"']);
});

test('anchors, aliases and merge keys are expanded as Kubernetes expands them', () => {
  const text = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web, labels: &labels {app: web}}',
    'spec:',
    '  selector: {matchLabels: *labels}',
    '  template:',
    '    metadata: {labels: *labels}',
    '    spec:',
    '      containers:',
    '      - &main',
    '        name: main',
    '        image: nginx',
    '        ports: [{containerPort: 80, name: http}]',
    '      - <<: *main',
    '        name: sidecar',
    '        ports: [{containerPort: 9090, name: metrics}]',
    '',
  ].join('\n');
  const index = makeIndex({ 'app/deploy.yaml': text, 'app/svc.yaml': SERVICE.replace('- port: 80', '- port: 80\n    targetPort: http') });
  const template = index.podTemplates()[0]!;
  assert.deepEqual(template.labels, { app: 'web' });
  assert.deepEqual(template.containers.map((c) => `${c.name}:${c.ports.map((p) => p.name).join(',')}`), ['main:http', 'sidecar:metrics']);
  assert.deepEqual(problems(index, 'app/deploy.yaml'), []);
  assert.deepEqual(problems(index, 'app/svc.yaml'), []);
});

test('CRLF line ends: resources read, findings point at the exact text', () => {
  const text = SERVICE.replace('- port: 80', '- port: 80\n    protocol: tcp').replace(/\n/g, '\r\n');
  const index = makeIndex({ 'crlf.yaml': text });
  assert.equal(index.getFile(uriOf('crlf.yaml'))!.resources.length, 1);
  assert.deepEqual(problems(index, 'crlf.yaml'), ['schema: tcp']);
});

test('tabs inside scalars, creationTimestamp: null, status: {}, empty podSelector: and labels:', () => {
  const deployment = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  creationTimestamp: null',
    '  labels:',
    '  name: web',
    'spec:',
    '  selector:',
    '    matchLabels:',
    '      app: web',
    '  strategy: {}',
    '  template:',
    '    metadata:',
    '      creationTimestamp: null',
    '      labels:',
    '        app: web',
    '    spec:',
    '      containers:',
    '      - image: nginx',
    '        name: web',
    '        args: ["a\tb", "--x=1\t2"]',
    '        env:',
    '        - name: MOTD',
    '          value: tab\there',
    '        resources: {}',
    'status: {}',
    '',
  ].join('\n');
  const policy = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  labels:\nspec:\n  podSelector:\n  policyTypes: [Ingress]\n';
  const index = makeIndex({ 'app/deploy.yaml': deployment, 'app/policy.yaml': policy });
  assert.deepEqual(problems(index, 'app/deploy.yaml'), []);
  assert.deepEqual(problems(index, 'app/policy.yaml'), []);
  assert.equal(index.podTemplates()[0]!.containers[0]!.env[0]!.value, 'tab\there');
});

test('very long lines are read in reasonable time, without findings', () => {
  const long = 'x'.repeat(1_000_000);
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: ${long}\n  json: '{"a": "${long.slice(0, 100_000)}"}'\n`;
  const started = Date.now();
  const index = makeIndex({ 'big.yaml': text });
  assert.deepEqual(problems(index, 'big.yaml'), []);
  assert.equal(index.getFile(uriOf('big.yaml'))!.resources.length, 1);
  assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
});

test('custom resources and CRDs themselves: no schema findings for kinds without a bundled schema', () => {
  const crs = [
    'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: c}\nspec: {endpointSelector: {}, ingress: [{fromEntities: [world]}]}',
    'apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: cc}\nspec: {nodeSelector: {}, ingress: [{fromEntities: [cluster]}]}',
    'apiVersion: crd.projectcalico.org/v1\nkind: NetworkPolicy\nmetadata: {name: calico-crd}\nspec: {selector: all(), types: [Ingress]}',
    'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: calico}\nspec: {selector: all(), ingress: [{action: Allow}]}',
    'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: anp}\nspec: {priority: 10, subject: {namespaces: {}}, ingress: [{action: Deny, from: [{namespaces: {}}]}]}',
    'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata: {name: default}\nspec: {subject: {namespaces: {}}, ingress: []}',
    'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\nspec: {parentRefs: [{name: gw}], rules: [{backendRefs: [{name: web, port: 80}]}]}',
    'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: v}\nspec: {hosts: [web], http: [{route: [{destination: {host: web}}]}]}',
    'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: a}\nspec: {action: ALLOW, rules: [{}]}',
    'apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata: {name: k}\nspec: {rules: [{name: r, match: {any: [{resources: {kinds: [Pod]}}]}}]}',
  ].join('\n---\n');
  const crd = [
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    'metadata: {name: widgets.example.com}',
    'spec:',
    '  group: example.com',
    '  names: {kind: Widget, plural: widgets}',
    '  scope: Namespaced',
    '  versions:',
    '  - name: v1',
    '    served: true',
    '    storage: true',
    '    schema:',
    '      openAPIV3Schema:',
    '        type: object',
    '        x-kubernetes-preserve-unknown-fields: true',
    'status:',
    '  acceptedNames: {kind: ""}',
    '  conditions: []',
    '  storedVersions: []',
    '',
  ].join('\n');
  const index = makeIndex({ 'crs.yaml': crs, 'crd.yaml': crd, 'widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {anything: [1, 2]}\n' });
  assert.equal(index.getFile(uriOf('crs.yaml'))!.resources.length, 10);
  for (const name of ['crs.yaml', 'crd.yaml', 'widget.yaml']) assert.deepEqual(problems(index, name), [], name);
});

test("yaml-compat: what go-yaml accepts and the YAML specification does not is a warning, read as Kubernetes reads it", () => {
  const text = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: notes',
    '  labels: {app: notes,',
    '  tier: docs}',
    '  annotations:',
    '    description: "Lock down the VMs.',
    '    Use elsewhere at your own risk."',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: web',
    'spec:',
    '  ports:',
    '  - port: 80',
    '    protocol: tcp',
    '',
  ].join('\n');
  const parsed = parseFile(uriOf('compat.yaml'), text);
  // Both documents are resources, with the values Kubernetes reads.
  assert.deepEqual(parsed.resources.map((r) => r.kind), ['ConfigMap', 'Service']);
  const configMap = parsed.resources[0]!;
  assert.equal(configMap.annotations['description'], 'Lock down the VMs. Use elsewhere at your own risk.');
  assert.deepEqual(configMap.labels, { app: 'notes', tier: 'docs' });
  const index = makeIndex({ 'compat.yaml': text });
  const hits = hitsIn(index, 'compat.yaml');
  assert.deepEqual(
    hits.map((h) => `${h.finding.severity} ${h.rule}: ${h.text}`),
    ['warning yaml-compat: {app: notes,', 'warning yaml-compat: "Lock down the VMs.', 'error schema: tcp'],
  );
  assert.match(hits[1]!.message, /Kubernetes' YAML reader accepts this/);
  // Offsets map back to the file as written: every node's range covers its own source text.
  const name = parsed.documents[1]!.getIn(['metadata', 'name'], true) as { range: [number, number, number] };
  assert.equal(text.slice(name.range[0], name.range[1]), 'web');

  // The same with CRLF line ends, and in a list entry with single quotes.
  const crlf = text.replace(/\n/g, '\r\n');
  const crlfIndex = makeIndex({ 'crlf.yaml': crlf });
  assert.deepEqual(hitsIn(crlfIndex, 'crlf.yaml').map((h) => `${h.rule}: ${h.text}`), ['yaml-compat: {app: notes,', 'yaml-compat: "Lock down the VMs.', 'schema: tcp']);
  assert.deepEqual(crlfIndex.getFile(uriOf('crlf.yaml'))!.resources[0]!.value, configMap.value);
  const args = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: busybox\n    args:\n    - \'echo it\'\'s\n    fine\'\n';
  const pod = parseFile(uriOf('pod.yaml'), args);
  assert.deepEqual(pod.findings.map((f) => `${f.rule}: ${args.slice(f.range!.start, f.range!.end)}`), ["yaml-compat: 'echo it''s"]);
  assert.deepEqual((pod.resources[0]!.value['spec'] as { containers: { args: string[] }[] }).containers[0]!.args, ["echo it's fine"]);
});

test('a genuine syntax error stays an error, and the other documents are still read', () => {
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata:\n  a: "x" y\n---\n${SERVICE}`;
  const parsed = parseFile(uriOf('broken.yaml'), text);
  assert.deepEqual(parsed.findings.map((f) => `${f.severity} ${f.rule}`), ['error yaml-syntax']);
  assert.ok(parsed.resources.some((r) => r.kind === 'Service' && r.name === 'web'));
});

test('the CLI accounts for every file, names with spaces included', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-netlens-constructs-'));
  try {
    const files: Record<string, string> = {
      'with spaces/my service.yaml': SERVICE.replace('- port: 80', '- port: 80\n    protocol: tcp'),
      'crlf.yaml': SERVICE.replace(/\n/g, '\r\n').replace('name: web', 'name: crlf'),
      'list.json': '{"apiVersion":"v1","kind":"List","items":[]}',
      'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n',
      'empty.yaml': '',
      'chart/templates/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n',
      'README.md': '# not a manifest\n',
    };
    for (const [rel, content] of Object.entries(files)) {
      const p = path.join(dir, ...rel.split('/'));
      mkdirSync(path.dirname(p), { recursive: true });
      writeFileSync(p, content);
    }
    const reportPath = path.join(dir, 'report.out');
    const run = runCli(['check', '.', '--format', 'json', '--report-files', reportPath], dir);
    assert.equal(run.status, 1, run.stderr);
    const findings = JSON.parse(run.stdout) as { file: string; line: number; column: number; endLine: number; rule: string }[];
    assert.deepEqual(findings.map((f) => `${f.file}:${f.line} ${f.rule}`), ['with spaces/my service.yaml:10 schema']);
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as { files: { file: string; status: string; reason?: string; resources?: number }[] };
    const byFile = new Map(report.files.map((f) => [f.file, f]));
    assert.deepEqual([...byFile.keys()].sort(), [...Object.keys(files)].sort());
    assert.equal(byFile.get('with spaces/my service.yaml')?.status, 'checked');
    assert.equal(byFile.get('crlf.yaml')?.resources, 1);
    assert.equal(byFile.get('list.json')?.status, 'not-kubernetes');
    assert.match(byFile.get('list.json')?.reason ?? '', /List without items/);
    assert.match(byFile.get('kustomization.yaml')?.reason ?? '', /kustomize configuration/);
    assert.match(byFile.get('empty.yaml')?.reason ?? '', /empty/);
    assert.equal(byFile.get('chart/templates/deploy.yaml')?.status, 'skipped');
    assert.match(byFile.get('chart/templates/deploy.yaml')?.reason ?? '', /template/);
    assert.equal(byFile.get('README.md')?.status, 'ignored');
    // A report that cannot be written is a usage error, said plainly.
    const unwritable = runCli(['check', '.', '--format', 'json', '--report-files', path.join(dir, 'missing', 'report.json')], dir);
    assert.equal(unwritable.status, 2);
    assert.match(unwritable.stderr, /cannot write --report-files/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
