#!/usr/bin/env node
// `npm run test:e2e`: the real-editor layer. Builds, packages the .vsix, installs code-server into its
// cache when missing, then runs (one at a time, they share 2 cores) the package check, the
// extension-host suite and the UI tests in code-server, and the Neovim test.
//
//   --skip-build           the caller already ran `tsc -b` and `node scripts/build.mjs`
//   --update-screenshots   copy the README screenshot from test-results/ to docs/images/
//   --tap FILE             also write node's TAP report to FILE (the main test command counts from it)
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAndPackage } from '../../scripts/package.mjs';
import { ensureCodeServer } from '../../scripts/code-server.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const timings = [];

function timed(label, fn) {
  const start = Date.now();
  const value = fn();
  const done = (v) => {
    timings.push(`${label}: ${((Date.now() - start) / 1000).toFixed(1)} s`);
    return v;
  };
  return value instanceof Promise ? value.then(done) : done(value);
}

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { cwd: repoRoot, stdio: 'inherit' });
  return r.status ?? 1;
}

function e2eFiles() {
  return ['e2e', 'ui', 'nvim'].flatMap((dir) => {
    const full = path.join(repoRoot, 'out', 'test', dir);
    return existsSync(full) ? readdirSync(full).filter((n) => n.endsWith('.e2e.js')).sort().map((n) => path.join(full, n)) : [];
  });
}

function reporterArgs() {
  const at = args.indexOf('--tap');
  if (at < 0 || !args[at + 1]) return [];
  return ['--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${args[at + 1]}`];
}

try {
  if (!args.includes('--skip-build')) {
    timed('build', () => {
      if (run(process.execPath, [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-b']) !== 0) throw new Error('tsc -b failed');
      if (run(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')]) !== 0) throw new Error('build failed');
    });
  }
  const vsix = await timed('package', () => buildAndPackage());
  timed('code-server (install when missing)', () => ensureCodeServer());

  const files = e2eFiles();
  if (files.length === 0) throw new Error('no compiled *.e2e.js under out/test/{e2e,ui,nvim}');
  const status = timed('e2e tests', () =>
    spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-timeout=600000', ...reporterArgs(), ...files], {
      cwd: repoRoot,
      stdio: 'inherit',
      env: { ...process.env, KUBE_NETLENS_VSIX: vsix },
    }).status ?? 1,
  );

  if (args.includes('--update-screenshots') && status === 0) {
    const dest = path.join(repoRoot, 'docs', 'images');
    mkdirSync(dest, { recursive: true });
    for (const name of ['ui-reachability.png']) {
      copyFileSync(path.join(repoRoot, 'test-results', 'screenshots', name), path.join(dest, name.replace(/^ui-/, '')));
    }
  }
  console.log(`\n${timings.join('\n')}`);
  process.exit(status);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  console.log(`\n${timings.join('\n')}`);
  process.exit(1);
}
