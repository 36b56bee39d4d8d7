// Long fuzz runs: `npm run fuzz -- --runs N [--seed S] [filter]`. Type-checks, then runs the fuzz
// tests (test/fuzz) with N cases per property. Without --seed a fresh seed is drawn and printed,
// so every long run explores new inputs and any failure can be replayed with the same seed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

function usage(message) {
  if (message) process.stderr.write(`fuzz: ${message}\n`);
  process.stderr.write('Usage: npm run fuzz -- [--runs N] [--seed S] [file-filter]\n');
  process.exit(2);
}

const args = process.argv.slice(2);
let runs = 2000;
let seed = Math.floor(Math.random() * 2 ** 31);
let filter;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const value = () => {
    const v = args[++i];
    if (v === undefined || !/^\d+$/.test(v)) usage(`${a} needs a non-negative integer`);
    return Number(v);
  };
  if (a === '--runs') runs = value();
  else if (a === '--seed') seed = value();
  else if (a === '--help' || a === '-h') usage();
  else if (a.startsWith('-')) usage(`unknown option ${a}`);
  else filter = a;
}

const tsc = spawnSync('npx', ['tsc', '-b'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const dir = join('out', 'test', 'fuzz');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.test.js') && (!filter || f.includes(filter)))
  .sort()
  .map((f) => join(dir, f));
if (files.length === 0) usage(`no fuzz test matches '${filter}'`);

process.stdout.write(`fuzz: seed ${seed}, ${runs} runs per property (replay: npm run fuzz -- --runs ${runs} --seed ${seed})\n`);
const started = Date.now();
const run = spawnSync('node', ['--test', '--test-concurrency=1', ...files], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: String(runs), FUZZ_SEED: String(seed) },
});
process.stdout.write(`fuzz: done in ${Math.round((Date.now() - started) / 1000)} s (seed ${seed}, ${runs} runs per property)\n`);
process.exit(run.status ?? 1);
