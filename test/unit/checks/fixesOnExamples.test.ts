// Every fix offered on a realistic workspace (the repository's examples/, read in place) keeps the
// YAML valid; every rule fix removes the finding it was offered for.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { WorkspaceIndex } from '../../../server/src/index/workspaceIndex';
import { findingsForFile, type LocatedFinding } from '../../../server/src/checks/run';
import { computeFixes } from '../../../server/src/checks/fixes';
import { applyEdits } from './fixHelpers';
import { parseYamlDocuments } from '../../../server/src/model/parse';

const yamlErrors = (text: string) => parseYamlDocuments(text).reduce((n, d) => n + d.errors.length, 0);

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const examples = path.join(repoRoot, 'examples');

function load(): WorkspaceIndex {
  const index = new WorkspaceIndex();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name)) index.update(`file:///examples/${path.relative(examples, p).split(path.sep).join('/')}`, readFileSync(p, 'utf8'));
    }
  };
  walk(examples);
  return index;
}

const sameFinding = (a: LocatedFinding, b: LocatedFinding) => a.rule === b.rule && a.message === b.message;

test('fixes on the examples workspace: valid YAML, and the finding goes away', (t) => {
  if (!existsSync(examples)) {
    t.skip('examples/ not found');
    return;
  }
  const settings = { rules: { 'namespace-no-default-deny': 'hint' as const } };
  const index = load();
  let applied = 0;
  for (const file of [...index.allFiles()]) {
    for (const finding of findingsForFile(index, file.uri, settings)) {
      const fixes = computeFixes(index, { rule: finding.rule, uri: finding.uri, range: finding.range, ...(finding.data ? { data: finding.data } : {}), ...(finding.docIndex !== undefined ? { docIndex: finding.docIndex } : {}) }, settings);
      for (const fix of fixes) {
        // Apply on a copy of the workspace so each fix starts from the same text.
        const copy = load();
        const after = applyEdits(file.text, fix.edits);
        // A file may hold a YAML error already (the duplicate key): a fix must add none.
        assert.ok(yamlErrors(after) <= yamlErrors(file.text), `'${fix.title}' breaks the YAML of ${file.uri}:\n${after}`);
        copy.update(file.uri, after, 1);
        const before = findingsForFile(index, file.uri, settings).filter((f) => sameFinding(f, finding)).length;
        const left = findingsForFile(copy, file.uri, settings).filter((f) => sameFinding(f, finding)).length;
        assert.ok(left < before, `'${fix.title}' on ${file.uri} leaves: ${finding.message}`);
        applied++;
      }
    }
  }
  t.diagnostic(`${applied} fixes applied`);
  assert.ok(applied > 10, 'the examples have fixable findings');
});
