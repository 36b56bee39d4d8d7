import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FIXTURES, REPO_ROOT, fixture, runCli, runJson } from './run';

const FIELDS = ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'rule', 'message'];

test('--help lists every command; check --help documents the flags', () => {
  const top = runCli(['--help']);
  assert.equal(top.status, 0);
  for (const command of ['check', 'reach', 'matrix']) assert.match(top.stdout, new RegExp(`^  ${command} `, 'm'));
  const check = runCli(['check', '--help']);
  assert.equal(check.status, 0);
  for (const flag of ['--format', '--max-warnings', '--rule', '--default-namespace']) assert.ok(check.stdout.includes(flag), flag);
});

test('--version prints the package version', () => {
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  const r = runCli(['--version']);
  assert.equal(r.status, 0);
  assert.equal(r.stdout.trim(), pkg.version);
});

test('no command or an unknown command is a usage error', () => {
  const none = runCli([]);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /Usage: kube-netlens/);
  const unknown = runCli(['lint']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown command 'lint'/);
  assert.equal(unknown.stdout, '');
});

test('a clean workspace exits 0 and says so', () => {
  const text = runCli(['check', fixture('clean')]);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /^No problems found \(2 files checked, 4 resources\)\.\n$/);
  const { run, findings } = runJson(['check', fixture('clean')]);
  assert.equal(run.status, 0);
  assert.deepEqual(findings, []);
});

test('text format: one path:line:col line per finding, then a summary; errors exit 1', () => {
  const r = runCli(['check', fixture('errors')]);
  assert.equal(r.status, 1);
  const lines = r.stdout.trimEnd().split('\n');
  assert.deepEqual(lines.slice(0, -1), [
    `${fixture('errors')}/broken.yaml:7:13: error yaml-syntax: YAML syntax error: Plain value cannot start with reserved character @`,
    `${fixture('errors')}/duplicate.yaml:8:3: error duplicate-key: Duplicate key 'LOG_LEVEL': Kubernetes keeps only one of the values.`,
    `${fixture('errors')}/wide.yaml:5:21: error duplicate-key: Duplicate key 'emoji': Kubernetes keeps only one of the values.`,
  ]);
  assert.equal(lines.at(-1), '3 problems (3 errors, 0 warnings) (3 files checked, 3 resources).');
});

test('json format: exactly the documented fields, 1-based, file relative to the working directory', () => {
  const { run, findings } = runJson(['check', fixture('errors')]);
  assert.equal(run.status, 1);
  assert.equal(run.stderr, '');
  assert.equal(findings.length, 3);
  for (const f of findings) assert.deepEqual(Object.keys(f), FIELDS);
  const dup = findings.find((f) => f.file.endsWith('duplicate.yaml'));
  assert.deepEqual(dup, {
    file: `${fixture('errors')}/duplicate.yaml`,
    line: 8,
    column: 3,
    endLine: 8,
    endColumn: 12,
    severity: 'error',
    rule: 'duplicate-key',
    message: "Duplicate key 'LOG_LEVEL': Kubernetes keeps only one of the values.",
  });
  // The range covers exactly the second key in the file on disk.
  const lines = readFileSync(path.join(FIXTURES, 'errors', 'duplicate.yaml'), 'utf8').split('\n');
  assert.equal(lines[dup!.line - 1]!.slice(dup!.column - 1, dup!.endColumn - 1), 'LOG_LEVEL');
});

test('json file paths follow the working directory; the default path is "."', () => {
  const { run, findings } = runJson(['check'], path.join(FIXTURES, 'errors'));
  assert.equal(run.status, 1);
  assert.deepEqual(
    findings.map((f) => f.file),
    ['broken.yaml', 'duplicate.yaml', 'wide.yaml'],
  );
  const single = runJson(['check', 'errors/duplicate.yaml'], FIXTURES);
  assert.deepEqual(
    single.findings.map((f) => f.file),
    ['errors/duplicate.yaml'],
  );
});

test('columns count UTF-16 code units, as editors do', () => {
  const { findings } = runJson(['check', `${fixture('errors')}/wide.yaml`]);
  assert.equal(findings.length, 1);
  // `data: {emoji: "🚀", ` is 20 UTF-16 code units (19 code points): the second key starts at column 21.
  assert.deepEqual([findings[0]!.line, findings[0]!.column, findings[0]!.endColumn], [5, 21, 26]);
});

test('files that are not Kubernetes manifests produce nothing, in every format', () => {
  const dir = fixture('non-kubernetes');
  const text = runCli(['check', dir]);
  assert.equal(text.status, 0, text.stdout);
  assert.match(text.stdout, /^No problems found \(5 files checked, 0 resources\)\.\n$/);
  const { findings } = runJson(['check', dir]);
  assert.deepEqual(findings, []);
  const sarif = JSON.parse(runCli(['check', dir, '--format', 'sarif']).stdout) as { runs: { results: unknown[] }[] };
  assert.deepEqual(sarif.runs[0]!.results, []);
});

test('--rule changes levels; --max-warnings limits warnings', () => {
  const dir = fixture('errors');
  const asWarnings = ['check', dir, '--rule', 'duplicate-key=warning', '--rule', 'yaml-syntax=off'];
  const { run, findings } = runJson(asWarnings);
  assert.equal(run.status, 0, 'warnings alone do not fail without --max-warnings');
  assert.deepEqual(
    findings.map((f) => [f.rule, f.severity]),
    [
      ['duplicate-key', 'warning'],
      ['duplicate-key', 'warning'],
    ],
  );
  assert.equal(runCli([...asWarnings, '--max-warnings', '2']).status, 0);
  const over = runCli([...asWarnings, '--max-warnings=1']);
  assert.equal(over.status, 1);
  assert.match(over.stderr, /2 warnings, more than --max-warnings 1/);
  assert.equal(runCli([...asWarnings, '--max-warnings', '0', '--format', 'json']).status, 1);
});

test('bad usage exits 2 with a message on stderr and nothing on stdout', () => {
  const cases: [string[], RegExp][] = [
    [['check', '--frobnicate'], /Unknown option '--frobnicate'/],
    [['check', '--format', 'xml'], /unknown format 'xml'/],
    [['check', '--format'], /argument missing/],
    [['check', 'no/such/dir'], /path not found: no\/such\/dir/],
    [['check', '--max-warnings', 'many'], /--max-warnings needs a whole number/],
    [['check', '--max-warnings', '-1'], /max-warnings/],
    [['check', '--rule', 'duplicate-key'], /--rule expects id=level/],
    [['check', '--rule', 'no-such-rule=off'], /unknown rule 'no-such-rule'/],
    [['check', '--rule', 'duplicate-key=fatal'], /unknown level 'fatal'/],
    [['check', '--default-namespace', 'Not_Valid'], /not a valid namespace name/],
  ];
  for (const [args, message] of cases) {
    const r = runCli(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, message, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
  }
});

test('files over the size limit are reported as skipped, with an info', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kube-netlens-cli-'));
  try {
    const big = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n' + `  blob: "${'x'.repeat(5_100_000)}"\n`;
    writeFileSync(path.join(dir, 'big.yaml'), big);
    // A large data file that is no manifest gets no notice, as in the editor.
    writeFileSync(path.join(dir, 'data.json'), JSON.stringify({ rows: Array(600_000).fill('row') }));
    const { run, findings } = runJson(['check', '.'], dir);
    assert.equal(run.status, 0, 'an info does not fail the check');
    assert.equal(findings.length, 1);
    assert.deepEqual(
      [findings[0]!.file, findings[0]!.severity, findings[0]!.rule, findings[0]!.line, findings[0]!.column],
      ['big.yaml', 'info', 'file-too-large', 1, 1],
    );
    assert.match(findings[0]!.message, /5,100,0\d\d bytes, more than the limit of 5,000,000/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const WORKLOADS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: other
  namespace: team
spec:
  selector:
    matchLabels: {app: other}
  template:
    metadata:
      labels: {app: other}
    spec:
      containers:
        - name: c
          image: nginx
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: c
          image: nginx
`;

test('--default-namespace applies to resources without one', () => {
  // The Service in `team` selects app=api; the api Deployment names no namespace, so it lands in
  // `default` (no endpoints for the Service) unless the default namespace is `team`.
  const dir = mkdtempSync(path.join(tmpdir(), 'kube-netlens-cli-'));
  try {
    writeFileSync(path.join(dir, 'workloads.yaml'), WORKLOADS);
    writeFileSync(path.join(dir, 'svc.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  namespace: team\nspec:\n  selector:\n    app: api\n  ports:\n    - port: 80\n');
    const plain = runJson(['check', '.'], dir);
    assert.deepEqual(
      plain.findings.map((f) => [f.file, f.rule]),
      [['svc.yaml', 'service-selector-no-match']],
    );
    const moved = runJson(['check', '.', '--default-namespace', 'team'], dir);
    assert.equal(moved.run.stderr, '');
    assert.equal(moved.run.status, 0);
    assert.deepEqual(moved.findings, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
