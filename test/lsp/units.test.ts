// The server's small pure parts, without a process: settings normalisation, folder matching,
// and which files an edit makes stale.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { DEFAULT_SETTINGS, filesExcludeGlobs, needsReindex, toFolderSettings } from '../../server/src/lsp/settings';
import { fileUri as uriOf, folderMatcher, Folders } from '../../server/src/lsp/uris';

describe('settings', () => {
  it('reads the section as VS Code sends it (nested) and flat', () => {
    const nested = toFolderSettings({ diagnostics: { scope: 'openFiles' }, cni: 'calico', rules: { schema: 'off' } }, undefined);
    const flat = toFolderSettings({ 'diagnostics.scope': 'openFiles', cni: 'calico', rules: { schema: 'off' } }, undefined);
    assert.deepEqual(nested, flat);
    assert.equal(nested.diagnosticsScope, 'openFiles');
    assert.deepEqual(nested.check, { rules: { schema: 'off' }, cni: 'calico' });
  });

  it('reads the cluster domain (empty: found from the workspace) and the nodePort range', () => {
    assert.equal(toFolderSettings({ clusterDomain: 'corp.internal.' }, undefined).check.clusterDomain, 'corp.internal');
    assert.equal(toFolderSettings({ clusterDomain: '' }, undefined).check.clusterDomain, undefined);
    assert.deepEqual(toFolderSettings({ nodePortRange: '20000-22767' }, undefined).check.nodePortRange, [20000, 22767]);
    assert.equal(toFolderSettings({ nodePortRange: '9-3' }, undefined).check.nodePortRange, undefined);
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
    assert.deepEqual(s.check, { rules: { b: 'hint' } });
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
