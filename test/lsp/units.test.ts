// The server's small pure parts, without a process: settings normalisation, folder matching,
// and which files an edit makes stale.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { dependantsOf } from '../../server/src/lsp/dependants';
import { DEFAULT_SETTINGS, filesExcludeGlobs, needsReindex, toFolderSettings } from '../../server/src/lsp/settings';
import { fileUri as uriOf, folderMatcher, Folders } from '../../server/src/lsp/uris';

describe('settings', () => {
  it('reads the section as VS Code sends it (nested) and flat', () => {
    const nested = toFolderSettings({ diagnostics: { scope: 'openFiles' }, cni: 'calico', rules: { schema: 'off' } }, undefined);
    const flat = toFolderSettings({ 'diagnostics.scope': 'openFiles', cni: 'calico', rules: { schema: 'off' } }, undefined);
    assert.deepEqual(nested, flat);
    assert.equal(nested.diagnosticsScope, 'openFiles');
    assert.deepEqual(nested.check, { rules: { schema: 'off' }, clusterDomain: 'cluster.local', cni: 'calico' });
  });

  it('falls back to defaults for values of the wrong type', () => {
    const s = toFolderSettings(
      { include: 'all', maxFileSize: -3, defaultNamespace: '  ', diagnostics: { scope: 'everything' }, cni: 'nope', rules: { a: 'loud', b: 'hint' }, clusterDomain: 7 },
      { exclude: 'x' },
    );
    assert.deepEqual(s.include, DEFAULT_SETTINGS.include);
    assert.deepEqual(s.exclude, DEFAULT_SETTINGS.exclude);
    assert.equal(s.maxFileSize, DEFAULT_SETTINGS.maxFileSize);
    assert.equal(s.defaultNamespace, 'default');
    assert.equal(s.diagnosticsScope, 'workspace');
    assert.deepEqual(s.check, { rules: { b: 'hint' }, clusterDomain: 'cluster.local' });
    assert.deepEqual(toFolderSettings(undefined, null), DEFAULT_SETTINGS);
  });

  it('takes the enabled files.exclude globs, each also excluding what is below it', () => {
    assert.deepEqual(filesExcludeGlobs({ exclude: { '**/.git': true, '**/tmp/': true, '**/off': false, '**/*.js': { when: '$(basename).ts' } } }), [
      '**/.git',
      '**/.git/**',
      '**/tmp',
      '**/tmp/**',
    ]);
    assert.deepEqual(toFolderSettings({ exclude: ['a/**'] }, { exclude: { b: true } }).exclude, ['a/**', 'b', 'b/**']);
  });

  it('re-indexes only for settings that decide what is read and how', () => {
    const base = toFolderSettings({}, {});
    assert.equal(needsReindex(base, toFolderSettings({ rules: { schema: 'off' } }, {})), false);
    assert.equal(needsReindex(base, toFolderSettings({ diagnostics: { scope: 'openFiles' } }, {})), false);
    assert.equal(needsReindex(base, toFolderSettings({ defaultNamespace: 'team' }, {})), true);
    assert.equal(needsReindex(base, toFolderSettings({}, { exclude: { gen: true } })), true);
    assert.equal(needsReindex(base, toFolderSettings({ include: ['**/*.yaml'] }, {})), true);
  });
});

describe('folders', () => {
  it('finds the innermost folder of a file, not a sibling with a common prefix', () => {
    const folders = new Folders();
    const outer = folders.add(uriOf('/w/app'), 'app')!;
    const inner = folders.add(uriOf('/w/app/deploy'), 'deploy')!;
    folders.add(uriOf('/w/app-other'), 'other');
    assert.equal(folders.folderOf(uriOf('/w/app/deploy/svc.yaml')), inner);
    assert.equal(folders.folderOf(uriOf('/w/app/svc.yaml')), outer);
    assert.equal(folders.folderOf(uriOf('/w/app-other/x.yaml'))?.name, 'other');
    assert.equal(folders.folderOf(uriOf('/elsewhere/x.yaml')), undefined);
    assert.equal(folders.folderOf('untitled:Untitled-1'), undefined);
  });

  it('matches single files by the walker rules, excluded folders included', () => {
    const matches = folderMatcher({ include: ['**/*.yaml'], exclude: ['**/node_modules/**', '**/.git'] });
    assert.equal(matches('deploy/svc.yaml'), true);
    assert.equal(matches('deploy/svc.json'), false);
    assert.equal(matches('node_modules/pkg/svc.yaml'), false);
    assert.equal(matches('a/.git/hooks/x.yaml'), false);
    assert.equal(matches('.github/workflows/ci.yaml'), true);
  });

  it('spells file URIs as VS Code does', () => {
    assert.equal(uriOf(path.join('/w', 'my app', 'a+b.yaml')), 'file:///w/my%20app/a%2Bb.yaml');
  });
});

const ns = (name: string, labels = ''): string => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n${labels}`;
const svc = (name: string, namespace: string): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  selector:\n    app: ${name}\n  ports:\n  - port: 80\n`;
const deploy = (name: string, namespace: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  template:\n    metadata:\n      labels:\n        app: ${name}\n`;
const policy = (namespace: string): string =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: ${namespace}\nspec:\n  podSelector: {}\n`;
const configMap = (name: string, namespace: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n`;

describe('dependants of a change', () => {
  function workspace(): WorkspaceIndex {
    const index = new WorkspaceIndex();
    index.update('shop-svc', svc('api', 'shop'));
    index.update('shop-cm', configMap('settings', 'shop'));
    index.update('blog-svc', svc('web', 'blog'));
    index.update('blog-cm', configMap('settings', 'blog'));
    index.update('blog-policy', policy('blog'));
    index.update('notes', 'just: text\n');
    return index;
  }

  it('are the files sharing a namespace with it, plus cluster-wide readers of its kinds', () => {
    const index = workspace();
    const change = index.update('shop-deploy', deploy('api', 'shop'));
    // A workload: its namespace, and NetworkPolicies anywhere (namespaceSelectors reach everywhere).
    assert.deepEqual(dependantsOf(index, change).sort(), ['blog-policy', 'shop-cm', 'shop-svc']);
  });

  it('include every Service for a Service change (nodePort clashes are cluster-wide)', () => {
    const index = workspace();
    const change = index.update('shop-svc', svc('api2', 'shop'));
    assert.deepEqual(dependantsOf(index, change).sort(), ['blog-svc', 'shop-cm']);
  });

  it('include the namespace of a Namespace object, and NetworkPolicies', () => {
    const index = workspace();
    const change = index.update('ns', ns('blog', '  labels:\n    team: b\n'));
    assert.deepEqual(dependantsOf(index, change).sort(), ['blog-cm', 'blog-policy', 'blog-svc']);
  });

  it('are everything for a cluster-scoped resource, and nothing for a file without resources', () => {
    const index = workspace();
    const change = index.update('class', 'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\n');
    assert.deepEqual(dependantsOf(index, change).sort(), ['blog-cm', 'blog-policy', 'blog-svc', 'shop-cm', 'shop-svc']);
    assert.deepEqual(dependantsOf(index, index.update('notes', 'other: text\n')), []);
  });
});
