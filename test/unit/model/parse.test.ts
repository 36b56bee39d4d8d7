import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../../server/src/model/parse';
import type { Finding, Resource } from '../../../server/src/model/types';

const URI = 'file:///ws/app.yaml';

function ids(resources: readonly Resource[]): string[] {
  return resources.map((r) => `${r.kind} ${r.namespace}/${r.name}`);
}

/** The text a finding's explicit range covers. */
function rangeText(text: string, f: Finding): string {
  assert.ok(f.range, `finding ${f.rule} has a range`);
  return text.slice(f.range.start, f.range.end);
}

test('every --- document is read on its own, empty documents skipped', () => {
  const text = [
    '---',
    '---',
    'apiVersion: v1',
    'kind: Namespace',
    'metadata:',
    '  name: shop',
    '---',
    '# only a comment',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: api',
    '  namespace: shop',
    '---',
    '',
  ].join('\n');
  const parsed = parseFile(URI, text);
  assert.equal(parsed.status, 'kubernetes');
  assert.deepEqual(ids(parsed.resources), ['Namespace /shop', 'Service shop/api']);
  assert.deepEqual(
    parsed.resources.map((r) => r.docIndex),
    [1, 3],
  );
  assert.deepEqual(parsed.findings, []);
  // Each resource's range starts at its own apiVersion.
  for (const r of parsed.resources) assert.equal(text.slice(r.range.start, r.range.start + 10), 'apiVersion');
});

test('namespaces: default, explicit, configured default, cluster-scoped', () => {
  const text = [
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: a',
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: b\n  namespace: shop',
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop',
  ].join('\n---\n');
  const plain = parseFile(URI, text);
  assert.deepEqual(ids(plain.resources), ['Service default/a', 'Service shop/b', 'Namespace /shop']);
  assert.deepEqual(
    plain.resources.map((r) => r.namespaceExplicit),
    [false, true, false],
  );
  const configured = parseFile(URI, text, { defaultNamespace: 'team-a' });
  assert.deepEqual(ids(configured.resources), ['Service team-a/a', 'Service shop/b', 'Namespace /shop']);
});

test('kind: List items carry their own kind; typed lists (PodList) lend theirs', () => {
  const list = [
    'apiVersion: v1',
    'kind: List',
    'items:',
    '- apiVersion: v1',
    '  kind: Service',
    '  metadata: {name: a, namespace: x}',
    '- kind: ConfigMap',
    '  metadata: {name: b}',
    '- metadata: {name: no-kind}',
    '',
  ].join('\n');
  const parsed = parseFile(URI, list);
  assert.deepEqual(ids(parsed.resources), ['Service x/a', 'ConfigMap default/b']);
  assert.deepEqual(parsed.resources[0]!.basePath, ['items', 0]);
  assert.deepEqual(parsed.resources[1]!.basePath, ['items', 1]);
  // The list's apiVersion is used when an item omits it.
  assert.equal(parsed.resources[1]!.apiVersion, 'v1');
  // Item ranges are the item mappings, not the whole list.
  assert.ok(list.slice(parsed.resources[1]!.range.start).startsWith('kind: ConfigMap'));

  const podList = 'apiVersion: v1\nkind: PodList\nitems:\n- metadata: {name: p1}\n  spec: {containers: []}\n- metadata: {name: p2}\n';
  const pods = parseFile(URI, podList);
  assert.deepEqual(ids(pods.resources), ['Pod default/p1', 'Pod default/p2']);
  assert.deepEqual(
    pods.resources.map((r) => r.value['kind']),
    ['Pod', 'Pod'],
  );
});

test('JSON manifests are read like YAML', () => {
  const text = JSON.stringify(
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'j', namespace: 'n', labels: { app: 'web' } }, spec: { ports: [{ port: 80 }] } },
    null,
    2,
  );
  const parsed = parseFile('file:///ws/svc.json', text);
  assert.equal(parsed.status, 'kubernetes');
  assert.deepEqual(ids(parsed.resources), ['Service n/j']);
  assert.deepEqual(parsed.resources[0]!.labels, { app: 'web' });
  assert.deepEqual(parsed.resources[0]!.value['spec'], { ports: [{ port: 80 }] });
});

test('anchors, aliases and << merge keys are expanded in values', () => {
  const text = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    '  labels: &labels',
    '    app: web',
    '    tier: frontend',
    'spec:',
    '  selector:',
    '    matchLabels: *labels',
    '  template:',
    '    metadata:',
    '      labels:',
    '        <<: *labels',
    '        version: "2"',
    '',
  ].join('\n');
  const parsed = parseFile(URI, text);
  assert.deepEqual(parsed.findings, []);
  const value = parsed.resources[0]!.value as { spec: { selector: { matchLabels: unknown }; template: { metadata: { labels: unknown } } } };
  assert.deepEqual(value.spec.selector.matchLabels, { app: 'web', tier: 'frontend' });
  assert.deepEqual(value.spec.template.metadata.labels, { app: 'web', tier: 'frontend', version: '2' });
});

test('CRLF line endings: values have no stray \\r and ranges are exact', () => {
  const text = 'apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: c\r\n  name: d\r\n';
  const parsed = parseFile(URI, text);
  assert.equal(parsed.resources[0]!.kind, 'Service');
  assert.equal(parsed.resources[0]!.apiVersion, 'v1');
  const [dup] = parsed.findings;
  assert.equal(dup?.rule, 'duplicate-key');
  assert.equal(dup.range?.start, text.lastIndexOf('name'));
  assert.equal(rangeText(text, dup), 'name');
});

test('a byte-order mark does not hide the manifest', () => {
  const parsed = parseFile(URI, '\ufeffapiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bom\n');
  assert.equal(parsed.status, 'kubernetes');
  assert.deepEqual(ids(parsed.resources), ['ConfigMap default/bom']);
  assert.deepEqual(parsed.findings, []);
});

test('tabs inside scalars are content, not indentation', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: t\ndata:\n  quoted: "a\\tb"\n  plain: a\tb\n';
  const parsed = parseFile(URI, text);
  assert.deepEqual(parsed.findings, []);
  assert.deepEqual(parsed.resources[0]!.value['data'], { quoted: 'a\tb', plain: 'a\tb' });
});

test('an alias bomb (billion laughs) gives one finding quickly and no resource', () => {
  const levels = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: lol', 'data:', '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < levels.length; i++) {
    const prev = levels[i - 1]!;
    lines.push(`  ${levels[i]}: &${levels[i]} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  const started = Date.now();
  const parsed = parseFile(URI, lines.join('\n') + '\n');
  assert.ok(Date.now() - started < 2000, 'parsing is bounded');
  assert.equal(parsed.status, 'kubernetes');
  assert.deepEqual(parsed.resources, []);
  assert.equal(parsed.findings.length, 1);
  assert.equal(parsed.findings[0]!.rule, 'yaml-syntax');
  assert.match(parsed.findings[0]!.message, /alias/i);
});

test('binary content is skipped without findings', () => {
  const parsed = parseFile(URI, 'apiVersion: v1\u0000\u0001\u0002kind: Pod\n\u0003\u0004');
  assert.equal(parsed.status, 'skipped');
  assert.equal(parsed.skipReason, 'binary');
  assert.deepEqual(parsed.findings, []);
  assert.deepEqual(parsed.resources, []);
});

test('Helm templates are skipped, not parsed', () => {
  const text = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: {{ include "demo.fullname" . }}',
    'spec:',
    '  replicas: {{ .Values.replicaCount }}',
    '  template:',
    '    metadata:',
    '      labels:',
    '        {{- include "demo.selectorLabels" . | nindent 8 }}',
    '',
  ].join('\n');
  const parsed = parseFile('file:///ws/charts/demo/templates/deployment.yaml', text);
  assert.equal(parsed.status, 'skipped');
  assert.equal(parsed.skipReason, 'helm-template');
  assert.deepEqual(parsed.findings, []);
});

test('a manifest with {{ }} only inside a quoted string is still read', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alerts\ndata:\n  summary: "Instance {{ $labels.instance }} down"\n';
  const parsed = parseFile(URI, text);
  assert.equal(parsed.status, 'kubernetes');
  assert.equal(parsed.resources.length, 1);
});

test('tool configuration and plain YAML are not Kubernetes and get no findings', () => {
  const cases: Record<string, string> = {
    'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - a.yaml\n  - a.yaml\n',
    'docker-compose.yml': 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n    image: httpd\n',
    '.github/workflows/ci.yaml': 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
    'broken-config.yaml': 'settings: [unclosed\n',
    'kubeconfig.yaml': 'apiVersion: v1\nkind: Config\nclusters: []\n',
  };
  for (const [name, text] of Object.entries(cases)) {
    const parsed = parseFile(`file:///ws/${name}`, text);
    assert.equal(parsed.status, 'not-kubernetes', name);
    assert.deepEqual(parsed.findings, [], name);
    assert.deepEqual(parsed.resources, [], name);
  }
});

test('unknown kinds (CRD instances) are indexed generically', () => {
  const text = 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: l7\n  namespace: shop\nspec: {}\n';
  const parsed = parseFile(URI, text);
  assert.deepEqual(ids(parsed.resources), ['CiliumNetworkPolicy shop/l7']);
});

test('yaml-syntax findings point at the offending text', () => {
  const reserved = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: @foo\n';
  const parsedReserved = parseFile(URI, reserved);
  assert.equal(parsedReserved.status, 'kubernetes');
  assert.deepEqual(
    parsedReserved.findings.map((f) => [f.rule, rangeText(reserved, f)]),
    [['yaml-syntax', '@foo']],
  );

  const tabIndent = 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: foo\n';
  const [tab] = parseFile(URI, tabIndent).findings;
  assert.equal(tab?.rule, 'yaml-syntax');
  assert.equal(tab.range?.start, tabIndent.indexOf('\t'));
  assert.match(tab.message, /^YAML syntax error: .*[Tt]ab/);

  // A syntax error in the second document is reported on that document, after the first one.
  const twoDocs = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: "open\n';
  const findings = parseFile(URI, twoDocs).findings;
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.docIndex, 1);
  assert.ok(findings[0]!.range!.start > twoDocs.indexOf('---'));
  assert.ok(findings[0]!.range!.end <= twoDocs.length);
});

test('duplicate-key is reported once, at the second key, with its exact range', () => {
  const text = [
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    '  name: web',
    'spec:',
    '  podSelector: {}',
    '  egress:',
    '  - ports:',
    '    - protocol: TCP',
    '      port: 443',
    '      port: 80',
    '',
  ].join('\n');
  const parsed = parseFile(URI, text);
  assert.equal(parsed.resources.length, 1, 'the resource is still indexed');
  assert.equal(parsed.findings.length, 1);
  const [dup] = parsed.findings;
  assert.equal(dup!.rule, 'duplicate-key');
  assert.equal(dup!.severity, 'error');
  const second = text.indexOf('port: 80');
  assert.deepEqual(dup!.range, { start: second, end: second + 'port'.length });
  assert.match(dup!.message, /'port'/);
});

test('parsing never throws on hostile or odd input', () => {
  const inputs = ['', '---', ':', '- - - -', '{{{{', '&a *a', '*undefined_alias', '? [a]\n: b', 'a: !!binary "zz"', '%YAML 9.9\n---\na: 1', '\u0000'];
  for (const text of inputs) {
    assert.doesNotThrow(() => parseFile(URI, text), JSON.stringify(text));
  }
});
