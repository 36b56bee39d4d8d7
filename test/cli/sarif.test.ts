import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, runCli, runJson } from './run';
import { assertGitHubAcceptable, type Sarif } from './sarifShape';

test('sarif: a log GitHub code scanning accepts, matching the json findings', () => {
  const dir = fixture('errors');
  const r = runCli(['check', dir, '--format', 'sarif']);
  assert.equal(r.status, 1);
  const log = JSON.parse(r.stdout) as Sarif;
  assertGitHubAcceptable(log);

  const ids = log.runs[0]!.tool.driver.rules.map((x) => x.id);
  for (const id of ['yaml-syntax', 'duplicate-key', 'schema', 'file-too-large']) assert.ok(ids.includes(id), id);

  // The same findings as the json format, in SARIF's shape.
  const { findings } = runJson(['check', dir]);
  const results = log.runs[0]!.results;
  assert.equal(results.length, findings.length);
  results.forEach((res, i) => {
    const f = findings[i]!;
    const loc = res.locations[0]!.physicalLocation;
    assert.equal(res.ruleId, f.rule);
    assert.equal(res.level, f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'note');
    assert.equal(res.message.text, f.message);
    assert.equal(loc.artifactLocation.uri, f.file);
    assert.deepEqual(loc.region, { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn });
  });
});

test('sarif: levels map info and hint to note; a clean run has an empty results array', () => {
  const dir = fixture('errors');
  const noted = JSON.parse(runCli(['check', dir, '--format', 'sarif', '--rule', 'duplicate-key=info', '--rule', 'yaml-syntax=hint']).stdout) as Sarif;
  assertGitHubAcceptable(noted);
  assert.deepEqual(
    [...new Set(noted.runs[0]!.results.map((x) => x.level))],
    ['note'],
  );
  const clean = runCli(['check', fixture('clean'), '--format', 'sarif']);
  assert.equal(clean.status, 0);
  const log = JSON.parse(clean.stdout) as Sarif;
  assertGitHubAcceptable(log);
  assert.deepEqual(log.runs[0]!.results, []);
});
