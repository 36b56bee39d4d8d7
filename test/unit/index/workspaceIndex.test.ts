import { test } from 'node:test';
import assert from 'node:assert/strict';
import { METADATA_NAME_LABEL, WorkspaceIndex } from '../../../server/src/index/workspaceIndex';
import { parseLabelSelector } from '../../../server/src/model/selectors';
import type { Finding } from '../../../server/src/model/types';

const NS_SHOP = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    team: storefront\n';

function deployment(name: string, namespace: string, labels: Record<string, string>): string {
  const labelYaml = Object.entries(labels)
    .map(([k, v]) => `        ${k}: ${v}`)
    .join('\n');
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    'spec:',
    '  template:',
    '    metadata:',
    '      labels:',
    labelYaml,
    '    spec:',
    '      containers:',
    '      - name: app',
    '        ports:',
    '        - name: http',
    '          containerPort: 8080',
    '',
  ].join('\n');
}

function service(name: string, namespace: string): string {
  return `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  selector:\n    app: ${name}\n  ports:\n  - port: 80\n`;
}

const names = (list: readonly { resource: { name: string } }[]) => list.map((t) => t.resource.name).sort();

test('update adds files and their resources; remove takes them away', () => {
  const index = new WorkspaceIndex();
  index.update('file:///a.yaml', service('api', 'shop'));
  index.update('file:///b.yaml', `${deployment('api', 'shop', { app: 'api' })}---\n${service('web', 'shop')}`);
  assert.equal(index.fileCount, 2);
  assert.equal(index.resourceCount, 3);
  assert.deepEqual(
    index.resourcesOfKind('Service').map((r) => r.name).sort(),
    ['api', 'web'],
  );
  assert.equal(index.find('Service', 'shop', 'api').length, 1);

  const summary = index.remove('file:///b.yaml');
  assert.ok(summary);
  assert.deepEqual([...summary.kinds].sort(), ['Deployment', 'Service']);
  assert.equal(index.resourceCount, 1);
  assert.deepEqual(index.find('Service', 'shop', 'web'), []);
  assert.deepEqual(index.podTemplates(), []);
  assert.equal(index.remove('file:///b.yaml'), undefined, 'removing twice is a no-op');
});

test('derived tables follow every change, and the generation counter moves', () => {
  const index = new WorkspaceIndex();
  index.update('file:///a.yaml', deployment('web', 'shop', { app: 'web' }));
  const g1 = index.generation;
  assert.deepEqual(names(index.templatesInNamespace('shop')), ['web']);

  // The same file now defines a different workload in another namespace.
  index.update('file:///a.yaml', deployment('worker', 'jobs', { app: 'worker' }), 2);
  assert.ok(index.generation > g1);
  assert.deepEqual(index.templatesInNamespace('shop'), []);
  assert.deepEqual(names(index.templatesInNamespace('jobs')), ['worker']);
  assert.deepEqual(index.find('Deployment', 'shop', 'web'), []);
  assert.equal(index.find('Deployment', 'jobs', 'worker').length, 1);
});

test('an open buffer replaces the disk version of the same file', () => {
  const index = new WorkspaceIndex();
  const uri = 'file:///ws/svc.yaml';
  index.update(uri, service('api', 'shop'), 0);
  index.update(uri, service('api-v2', 'shop'), 7);
  const file = index.getFile(uri);
  assert.equal(file?.version, 7);
  assert.equal(index.fileCount, 1);
  assert.deepEqual(
    index.allResources().map((r) => r.name),
    ['api-v2'],
  );
});

test('duplicates are kept side by side, so rules can report them', () => {
  const index = new WorkspaceIndex();
  index.update('file:///a.yaml', service('api', 'shop'));
  index.update('file:///b.yaml', service('api', 'shop'));
  assert.deepEqual(
    index
      .find('Service', 'shop', 'api')
      .map((r) => r.uri)
      .sort(),
    ['file:///a.yaml', 'file:///b.yaml'],
  );
});

test('templatesMatching honours the selector and the namespace', () => {
  const index = new WorkspaceIndex();
  index.update('file:///shop.yaml', `${deployment('web', 'shop', { app: 'web', tier: 'fe' })}---\n${deployment('api', 'shop', { app: 'api' })}`);
  index.update('file:///other.yaml', deployment('web', 'other', { app: 'web', tier: 'fe' }));
  const web = parseLabelSelector({ matchLabels: { app: 'web' } })!;
  assert.deepEqual(
    index.templatesMatching(web, 'shop').map((t) => `${t.namespace}/${t.resource.name}`),
    ['shop/web'],
  );
  assert.deepEqual(index.templatesMatching(web).map((t) => t.namespace).sort(), ['other', 'shop']);
  const notWeb = parseLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['fe'] }] })!;
  assert.deepEqual(names(index.templatesMatching(notWeb, 'shop')), ['api']);
  assert.deepEqual(index.templatesMatching(web, 'nowhere'), []);
});

test('namespaces include Namespace objects and implicit ones, all labelled with their name', () => {
  const index = new WorkspaceIndex({ defaultNamespace: 'team-a' });
  index.update('file:///ns.yaml', NS_SHOP);
  index.update('file:///jobs.yaml', deployment('worker', 'jobs', { app: 'worker' }));
  index.update('file:///cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n');
  const ns = index.namespaces();
  assert.deepEqual([...ns.keys()].sort(), ['jobs', 'shop', 'team-a']);
  assert.deepEqual(ns.get('shop')?.labels, { team: 'storefront', [METADATA_NAME_LABEL]: 'shop' });
  assert.ok(ns.get('shop')?.resource, 'defined by a Namespace object');
  assert.deepEqual(ns.get('jobs')?.labels, { [METADATA_NAME_LABEL]: 'jobs' });
  assert.equal(ns.get('jobs')?.resource, undefined);
  assert.equal(index.hasNamespaceObjects(), true);

  const byName = parseLabelSelector({ matchLabels: { [METADATA_NAME_LABEL]: 'jobs' } })!;
  assert.deepEqual(index.namespacesMatching(byName).map((n) => n.name), ['jobs']);
  const byTeam = parseLabelSelector({ matchLabels: { team: 'storefront' } })!;
  assert.deepEqual(index.namespacesMatching(byTeam).map((n) => n.name), ['shop']);
  assert.equal(index.namespacesMatching(parseLabelSelector({})!).length, 3);
});

test('ChangeSummary names the namespaces and kinds before and after the change', () => {
  const index = new WorkspaceIndex();
  const uri = 'file:///moving.yaml';
  const first = index.update(uri, service('api', 'alpha'));
  assert.deepEqual([...first.namespaces], ['alpha']);
  assert.deepEqual([...first.kinds], ['Service']);

  const moved = index.update(uri, deployment('api', 'beta', { app: 'api' }), 1);
  assert.deepEqual([...moved.namespaces].sort(), ['alpha', 'beta']);
  assert.deepEqual([...moved.kinds].sort(), ['Deployment', 'Service']);

  // A Namespace object counts for the namespace it defines.
  const nsChange = index.update('file:///ns.yaml', NS_SHOP);
  assert.deepEqual([...nsChange.namespaces], ['shop']);
});

test('rangeOf resolves path findings even after the document cache evicted the file', () => {
  const index = new WorkspaceIndex();
  const uri = 'file:///first.yaml';
  const text = deployment('web', 'shop', { app: 'web' });
  index.update(uri, text);
  // Far more files than the cache holds, so the first file's AST is gone.
  for (let i = 0; i < 100; i++) index.update(`file:///filler-${i}.yaml`, service(`s${i}`, 'shop'));
  const finding: Finding = {
    rule: 'test',
    severity: 'warning',
    message: 'm',
    uri,
    docIndex: 0,
    path: ['spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'name'],
  };
  const range = index.rangeOf(finding);
  assert.equal(text.slice(range.start, range.end), 'http');
  assert.equal(text.slice(index.rangeOf({ ...finding, target: 'key' }).start, index.rangeOf({ ...finding, target: 'key' }).end), 'name');
  // An explicit range wins over the path.
  assert.deepEqual(index.rangeOf({ ...finding, range: { start: 1, end: 2 } }), { start: 1, end: 2 });
});

test('rangeOf uses the text of the latest version', () => {
  const index = new WorkspaceIndex();
  const uri = 'file:///v.yaml';
  index.update(uri, service('api', 'shop'), 1);
  const edited = `# a comment pushes everything down\n${service('api', 'shop')}`;
  index.update(uri, edited, 2);
  const r = index.rangeOf({ rule: 't', severity: 'info', message: '', uri, docIndex: 0, path: ['metadata', 'name'] });
  assert.equal(r.start, edited.indexOf('name: api') + 'name: '.length);
});

test('skipped and non-Kubernetes files are accounted for without resources', () => {
  const index = new WorkspaceIndex();
  index.update('file:///compose.yml', 'services:\n  web:\n    image: nginx\n');
  index.markSkipped('file:///huge.yaml', 'too-large');
  assert.equal(index.fileCount, 2);
  assert.equal(index.getFile('file:///compose.yml')?.status, 'not-kubernetes');
  assert.equal(index.getFile('file:///huge.yaml')?.skipReason, 'too-large');
  assert.equal(index.resourceCount, 0);
  assert.equal(index.documents('file:///huge.yaml'), undefined);
});

test('lineIndex matches the stored text', () => {
  const index = new WorkspaceIndex();
  const text = service('api', 'shop');
  index.update('file:///s.yaml', text);
  const lines = index.lineIndex('file:///s.yaml');
  assert.deepEqual(lines?.positionAt(text.indexOf('name: api')), { line: 3, character: 2 });
  assert.equal(index.lineIndex('file:///missing.yaml'), undefined);
});

/** Everything the derived tables answer, in order, as plain data. */
function tablesOf(index: WorkspaceIndex, kinds: string[], namespaces: string[]) {
  const id = (r: { uri: string; docIndex: number; kind: string; namespace: string; name: string }) => `${r.uri}#${r.docIndex} ${r.kind} ${r.namespace}/${r.name}`;
  return {
    resources: index.allResources().map(id),
    byKind: kinds.map((k) => index.resourcesOfKind(k).map(id)),
    byKey: index.allResources().map((r) => index.find(r.kind, r.namespace, r.name).map(id)),
    templates: index.podTemplates().map((t) => id(t.resource)),
    byNamespace: namespaces.map((ns) => index.templatesInNamespace(ns).map((t) => id(t.resource))),
    namespaces: [...index.namespaces().values()].map((n) => `${n.name} ${JSON.stringify(n.labels)} ${n.resource ? 'object' : 'implicit'}`),
  };
}

test('patched tables equal a full rebuild after any sequence of changes', () => {
  // A small deterministic PRNG: the same sequence on every run.
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const NAMESPACES = ['a', 'b', 'c'];
  const contents = [
    () => deployment(pick(['web', 'api', 'db']), pick(NAMESPACES), { app: pick(['web', 'api']) }),
    () => service(pick(['web', 'api']), pick(NAMESPACES)),
    () => `${service('web', pick(NAMESPACES))}---\n${deployment('web', pick(NAMESPACES), { app: 'web' })}`,
    () => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${pick(NAMESPACES)}\n  labels: {team: ${pick(['x', 'y'])}}\n`,
    () => 'services:\n  web: {image: nginx}\n',
    () => '',
  ];
  const uris = Array.from({ length: 8 }, (_, i) => `file:///f${i}.yaml`);
  const index = new WorkspaceIndex();
  for (let step = 0; step < 300; step++) {
    const uri = pick(uris);
    const roll = rand();
    if (roll < 0.15) index.remove(uri);
    else if (roll < 0.2) index.markSkipped(uri, 'too-large');
    else index.update(uri, pick(contents)(), step);
    if (step % 3 !== 0) continue; // also let several changes pile up between queries

    const rebuilt = new WorkspaceIndex();
    for (const f of index.allFiles()) {
      if (f.status === 'skipped') rebuilt.markSkipped(f.uri, f.skipReason ?? 'too-large');
      else rebuilt.update(f.uri, f.text, f.version);
    }
    const kinds = ['Deployment', 'Service', 'Namespace', 'ConfigMap'];
    assert.deepEqual(tablesOf(index, kinds, NAMESPACES), tablesOf(rebuilt, kinds, NAMESPACES), `after step ${step}`);
  }
});

test('lists handed out before a change are not changed by it', () => {
  const index = new WorkspaceIndex();
  index.update('file:///a.yaml', service('api', 'shop'));
  const before = index.resourcesOfKind('Service');
  const all = index.allResources();
  index.update('file:///b.yaml', service('web', 'shop'));
  index.update('file:///a.yaml', service('api-v2', 'shop'), 2);
  assert.deepEqual(
    before.map((r) => r.name),
    ['api'],
  );
  assert.deepEqual(
    all.map((r) => r.name),
    ['api'],
  );
  assert.deepEqual(
    index.resourcesOfKind('Service').map((r) => r.name),
    ['api-v2', 'web'],
  );
});
