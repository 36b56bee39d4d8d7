// Real repositories' manifests (../shared/corpus/real-world): the CLI reads all of them, including
// deliberately broken inputs, without crashing, and its SARIF stays acceptable to GitHub.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, runCli } from './run';
import { assertGitHubAcceptable, type Sarif } from './sarifShape';
import type { JsonFinding } from './run';

const CORPUS = path.resolve(REPO_ROOT, '..', 'shared', 'corpus', 'real-world');
const skip = existsSync(CORPUS) ? false : `real-world corpus not found at ${CORPUS} (../shared is absent)`;
const SEVERITIES = ['error', 'warning', 'info', 'hint'];

test('check reads the whole real-world corpus without crashing', { skip }, () => {
  const r = runCli(['check', CORPUS, '--format', 'json']);
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /internal error/);
  const findings = JSON.parse(r.stdout) as JsonFinding[];
  for (const f of findings) {
    assert.ok(f.file.startsWith('../shared/corpus/real-world/'), f.file);
    assert.ok(SEVERITIES.includes(f.severity), f.severity);
    assert.ok(f.line >= 1 && f.column >= 1 && (f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column)), JSON.stringify(f));
    assert.ok(f.message.length > 0);
  }
  // The deliberately broken inputs are reported, not fatal.
  assert.ok(findings.some((f) => f.file.includes('/negative-inputs/') && f.rule === 'yaml-syntax'));
});

test('the corpus SARIF report satisfies GitHub code scanning', { skip }, () => {
  const r = runCli(['check', CORPUS, '--format', 'sarif']);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  assertGitHubAcceptable(JSON.parse(r.stdout) as Sarif);
});
