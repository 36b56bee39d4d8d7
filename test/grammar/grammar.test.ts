// Runs the TextMate grammar cases in test/grammar/cases with vscode-tmgrammar-test, against the
// grammar contribution in package.json (our injection) on top of a YAML base grammar from tm-grammars.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

test('YAML injection grammar marks DNS names, CIDRs and IP addresses', () => {
  const cli = require.resolve('vscode-tmgrammar-test/dist/unit.js', { paths: [repoRoot] });
  const yamlGrammar = require.resolve('tm-grammars/grammars/yaml.json', { paths: [repoRoot] });
  const cases = readdirSync(path.join(repoRoot, 'test', 'grammar', 'cases')).filter((f) => f.endsWith('.test.yaml'));
  assert.ok(cases.length > 0, 'no grammar test cases found');
  // Default config is ./package.json: the test goes through our real `contributes.grammars` entry.
  const run = spawnSync(process.execPath, [cli, '--compact', '-g', yamlGrammar, 'test/grammar/cases/*.test.yaml'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  const output = `${run.stdout}\n${run.stderr}`;
  assert.equal(run.status, 0, `grammar tests failed:\n${output}`);
  for (const c of cases) assert.match(output, new RegExp(`${c.replace(/\./g, '\\.')} run successful`), `case ${c} did not run`);
});
