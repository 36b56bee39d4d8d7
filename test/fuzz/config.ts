// How much to fuzz and from which seed. `npm test` runs a short, fixed-seed pass (the same cases
// every time, so a failure reproduces); `npm run fuzz -- --runs N [--seed S]` sets FUZZ_RUNS and
// FUZZ_SEED for a long run (a fresh seed each time unless one is given). The seed is always
// printed, and fast-check prints the shrunk counterexample and its replay path on failure.

import type { TestContext } from 'node:test';
import fc from 'fast-check';

/** The fixed seed of the default run. */
export const DEFAULT_SEED = 20240608;

function envInt(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`${name} must be an integer, got '${raw}'`);
  return n;
}

export interface FuzzRun {
  seed: number;
  numRuns: number;
}

/**
 * Parameters for one property: `defaultRuns` in the default run, FUZZ_RUNS when set.
 * Reports them through the test's diagnostics so every run can be replayed.
 */
export function fuzzRun(t: TestContext, defaultRuns: number): FuzzRun & fc.Parameters<unknown> {
  const seed = envInt('FUZZ_SEED') ?? DEFAULT_SEED;
  const numRuns = envInt('FUZZ_RUNS') ?? defaultRuns;
  t.diagnostic(`fast-check seed ${seed}, ${numRuns} runs (replay: FUZZ_SEED=${seed} FUZZ_RUNS=${numRuns})`);
  return { seed, numRuns, includeErrorInReport: true };
}
