// The real-world corpus (../shared/corpus/real-world: 13 public repositories' manifests plus projects'
// deliberately broken inputs), checked in place by the built CLI as users run it. Every file must be
// accounted for, every range must lie inside its file, and outside negative-inputs/ the warnings and
// errors must be exactly the real problems docs/real-world.md lists: a new false positive or a lost
// true positive fails here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, REPO_ROOT, type JsonFinding } from '../cli/run';
import { documentedProblems, documentedRate, keyOf } from './realWorldDoc';

const CORPUS = path.resolve(REPO_ROOT, '..', 'shared', 'corpus', 'real-world');
/** The corpus as a user in the repository would name it; findings are reported relative to the repository. */
const CORPUS_ARG = path.relative(REPO_ROOT, CORPUS).split(path.sep).join('/');
const NEGATIVE = `${CORPUS_ARG}/negative-inputs/`;
const DOC = path.join(REPO_ROOT, 'docs', 'real-world.md');
const skip = existsSync(CORPUS) ? false : `real-world corpus not found at ${CORPUS} (../shared is absent): nothing to check`;

/** Generous: the whole corpus takes a few seconds; a loaded shared machine may take ten times that. */
const TIME_LIMIT_MS = 180_000;
/** The target for warnings and errors outside negative-inputs/. */
const TARGET_PER_1000 = 5;
/** kubernetes/examples keeps retired examples here; their mistakes are documented, not hidden. */
const ARCHIVED = `${CORPUS_ARG}/kubernetes-examples/_archived/`;

interface ReportEntry {
  file: string;
  status: 'checked' | 'not-kubernetes' | 'skipped' | 'unreadable' | 'ignored';
  reason?: string;
  resources?: number;
}

interface CorpusRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
  stderr: string;
  ms: number;
  findings: JsonFinding[];
  report: ReportEntry[];
}

let cached: CorpusRun | undefined;

/** One CLI run over the corpus, shared by the tests below. */
function corpusRun(): CorpusRun {
  if (cached) return cached;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-netlens-corpus-'));
  try {
    const reportPath = path.join(dir, 'files.json');
    const started = Date.now();
    const r = spawnSync(process.execPath, [CLI, 'check', CORPUS_ARG, '--format', 'json', '--report-files', reportPath], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: TIME_LIMIT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
    const ms = Date.now() - started;
    const findings = r.status === 0 || r.status === 1 ? (JSON.parse(r.stdout) as JsonFinding[]) : [];
    const report = existsSync(reportPath) ? (JSON.parse(readFileSync(reportPath, 'utf8')) as { files: ReportEntry[] }).files : [];
    cached = { status: r.status, signal: r.signal, ...(r.error ? { error: r.error } : {}), stderr: r.stderr, ms, findings, report };
    return cached;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every file under a folder, relative to the repository, forward slashes. */
function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(path.relative(REPO_ROOT, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

/** Lines as the CLI counts them (LF, CRLF or a lone CR ends a line), without their breaks. */
function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

const isProblem = (f: JsonFinding) => f.severity === 'error' || f.severity === 'warning';

test('check reads the whole corpus: exit 0 or 1, in time, no crash, no stack trace', { skip }, () => {
  const run = corpusRun();
  assert.equal(run.error, undefined, `the CLI did not finish: ${run.error?.message}`);
  assert.equal(run.signal, null, `killed by ${run.signal}`);
  assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
  assert.ok(run.ms < TIME_LIMIT_MS);
  assert.doesNotMatch(run.stderr, /internal error|\n\s+at .+:\d+:\d+\)?\n/, run.stderr);
});

test('every file of the corpus is accounted for: checked, or not checked with a stated reason', { skip }, () => {
  const { report } = corpusRun();
  const reported = report.map((e) => e.file).sort();
  assert.deepEqual(reported, filesUnder(CORPUS));
  for (const entry of report) {
    if (entry.status === 'checked') assert.ok((entry.resources ?? 0) > 0, `${entry.file}: checked, but no resources`);
    else assert.ok(entry.reason && entry.reason.length > 5, `${entry.file}: ${entry.status} without a reason`);
  }
  // Most of the corpus is manifests: a detection regression would move hundreds of files.
  const checked = report.filter((e) => e.status === 'checked').length;
  assert.ok(checked > 0.9 * report.length, `only ${checked} of ${report.length} files checked`);
});

test("every finding's range lies inside its file", { skip }, () => {
  const { findings } = corpusRun();
  const lines = new Map<string, string[]>();
  for (const f of findings) {
    let fileLines = lines.get(f.file);
    if (!fileLines) lines.set(f.file, (fileLines = linesOf(readFileSync(path.join(REPO_ROOT, f.file), 'utf8').replace(/^\uFEFF/, ''))));
    const where = `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.rule}`;
    assert.ok(f.line >= 1 && f.line <= fileLines.length, where);
    assert.ok(f.endLine >= f.line && f.endLine <= fileLines.length, where);
    assert.ok(f.column >= 1 && f.column <= fileLines[f.line - 1]!.length + 1, where);
    assert.ok(f.endColumn >= 1 && f.endColumn <= fileLines[f.endLine - 1]!.length + 1, where);
    assert.ok(f.endLine > f.line || f.endColumn >= f.column, where);
  }
});

test('outside negative-inputs/, the warnings and errors are exactly the real problems docs/real-world.md lists', { skip }, () => {
  const { findings } = corpusRun();
  const actual = findings.filter((f) => isProblem(f) && !f.file.startsWith(NEGATIVE)).map((f) => keyOf(f.file.slice(CORPUS_ARG.length + 1), f.line, f.rule));
  const documented = documentedProblems(readFileSync(DOC, 'utf8'));
  const missing = documented.filter((k) => !actual.includes(k));
  const unexpected = actual.filter((k) => !documented.includes(k));
  assert.deepEqual({ unexpected, missing }, { unexpected: [], missing: [] }, 'new findings are false positives to fix or real problems to document; missing ones are lost true positives');
  assert.equal(new Set(actual).size, actual.length, 'one finding per file, line and rule');
});

test('warnings and errors per 1,000 resources: as documented, and within the target outside the retired examples', { skip }, () => {
  const { findings, report } = corpusRun();
  const resourcesOutside = (exclude: string[]) =>
    report.filter((e) => !exclude.some((x) => e.file.startsWith(x))).reduce((n, e) => n + (e.resources ?? 0), 0);
  const problemsOutside = (exclude: string[]) => findings.filter((f) => isProblem(f) && !exclude.some((x) => f.file.startsWith(x))).length;
  const rate = (exclude: string[]) => (1000 * problemsOutside(exclude)) / resourcesOutside(exclude);

  const documented = documentedRate(readFileSync(DOC, 'utf8'));
  assert.deepEqual(
    { problems: problemsOutside([NEGATIVE]), resources: resourcesOutside([NEGATIVE]) },
    { problems: documented.problems, resources: documented.resources },
    'docs/real-world.md states the current counts',
  );
  const maintained = rate([NEGATIVE, ARCHIVED]);
  assert.ok(maintained <= TARGET_PER_1000, `${maintained.toFixed(1)} warnings+errors per 1,000 resources outside negative-inputs/ and _archived/`);
});

test('negative-inputs/: deliberately broken files give plain one-line diagnostics, never noise about the rest', { skip }, () => {
  const { findings, report } = corpusRun();
  const negative = findings.filter((f) => f.file.startsWith(NEGATIVE));
  assert.ok(negative.some((f) => f.rule === 'yaml-syntax' && f.severity === 'error'), 'the syntax errors are reported');
  for (const f of negative) {
    assert.doesNotMatch(f.message, /\n|\^\^|at line \d+|Error:|undefined|\[object/, `${f.file}: ${f.message}`);
    assert.ok(f.message.length < 300, f.message);
  }
  // A file with a syntax error still contributes its other documents.
  const broken = report.find((e) => e.file.endsWith('negative-inputs/netpol-analyzer/tests/document_with_syntax_error/document_with_syntax_error.yaml'));
  assert.equal(broken?.status, 'checked');
  assert.ok((broken?.resources ?? 0) > 20);
});
