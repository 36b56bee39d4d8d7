// The one test command: type-check, bundle, then run every test file with node's test runner.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
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

run('npx', ['tsc', '-b']);
run('node', ['scripts/build.mjs']);
const filter = process.argv[2];
const files = findTests('out/test').filter((f) => !filter || f.includes(filter)).sort();
run('node', ['--test', '--test-concurrency=2', ...files]);
