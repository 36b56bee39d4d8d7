// The one test command: type-check, bundle, run every node:test file, then the real-editor layer
// (packaged extension in code-server, Neovim), and print one closing tally line.
//
//   npm test                 everything
//   npm test -- <substring>  only node:test files whose path contains <substring> (no editor layer)

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const filter = process.argv[2];
const tally = { passed: 0, failed: 0, skipped: 0 };

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  return r.status ?? 1;
}

function mustRun(cmd, args) {
  const status = run(cmd, args);
  if (status !== 0) {
    console.error(`\n${cmd} ${args.join(' ')} failed (exit ${status})`);
    process.exit(status);
  }
}

function findTests(dir) {
  let out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(findTests(p));
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

/** Reads the counts node's TAP reporter writes at the end. */
function countsFromTap(file) {
  const text = readFileSync(file, 'utf8');
  const num = (label) => Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  return { passed: num('pass'), failed: num('fail') + num('cancelled'), skipped: num('skipped') + num('todo') };
}

// Debian packages the browser, editor and Neovim tests use (installed when missing and we are root).
if (run('bash', ['scripts/install-system-deps.sh']) !== 0) console.warn('some system packages are missing: tests that need them will skip or fail');
mustRun('npx', ['tsc', '-b']);
mustRun('node', ['scripts/build.mjs']);

// node:test files (unit, conformance, server over stdio, CLI, panel in Chromium, fuzz, corpus, grammar, Neovim).
mkdirSync('test-results', { recursive: true });
const tapFile = join('test-results', 'node-test.tap');
const files = findTests('out/test').filter((f) => !filter || f.includes(filter)).sort();
const nodeStatus = run('node', [
  '--test',
  '--test-concurrency=2',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=tap',
  `--test-reporter-destination=${tapFile}`,
  ...files,
]);
const nodeCounts = countsFromTap(tapFile);
for (const k of Object.keys(tally)) tally[k] += nodeCounts[k];
if (nodeStatus !== 0 && nodeCounts.failed === 0) tally.failed += 1; // the runner itself failed

// The packaged extension in a real VS Code (code-server), the .vsix itself, and Neovim.
if (!filter) {
  const editorTap = join('test-results', 'editor-test.tap');
  rmSync(editorTap, { force: true });
  const status = run('node', ['test/e2e/run-all.mjs', '--skip-build', '--tap', editorTap]);
  const counts = existsSync(editorTap) ? countsFromTap(editorTap) : { passed: 0, failed: 0, skipped: 0 };
  for (const k of Object.keys(tally)) tally[k] += counts[k];
  if (status !== 0 && counts.failed === 0) tally.failed += 1; // packaging or code-server install failed
}

console.log(`\ntests: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
process.exit(tally.failed > 0 ? 1 : 0);
