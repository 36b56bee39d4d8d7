// Fuzzing the workspace index, the checks and the quick fixes: random sequences of file updates
// (mutated real manifests), removals and "too large" marks. The index never throws, its patched
// lookup tables always equal a fresh build, every finding lies inside its file, and every quick fix
// is computed without throwing and leaves YAML that parses with no new errors.

import { test } from 'node:test';
import fc from 'fast-check';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { loadCorpus } from './corpus';
import { applyMutations, mutationsArb, type Mutation } from './mutations';
import { fuzzRun } from './config';
import { assertSameTables, checkedFindings, checkFixes } from './invariants';

const corpus = loadCorpus();
const SLOTS = 4;

type Op =
  | { op: 'update'; slot: number; seed: number; mutations: Mutation[] }
  | { op: 'remove'; slot: number }
  | { op: 'too-large'; slot: number }
  | { op: 'check'; slot: number };

const slot = fc.nat(SLOTS - 1);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('update' as const), slot, seed: fc.nat(corpus.seeds.length - 1), mutations: mutationsArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), slot }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('too-large' as const), slot }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('check' as const), slot }) },
);

const uriOf = (slot: number): string => `file:///fuzz/ws/f${slot}.yaml`;

/** Fixes are applied and re-parsed for this many findings per file (spread over the file), to keep a case cheap. */
const APPLIED_PER_FILE = 8;

/** Findings inside the file; fixes of all its findings computed, those of a spread applied. */
function checkFile(index: WorkspaceIndex, uri: string): void {
  if (!index.getFile(uri)) return;
  checkFixes(index, checkedFindings(index, uri), APPLIED_PER_FILE);
}

test('fuzz: index updates and removals, findings and quick fixes', (t) => {
  for (const m of corpus.missing) t.diagnostic(m);
  fc.assert(
    fc.property(fc.array(opArb, { minLength: 1, maxLength: 8 }), (ops) => {
      const index = new WorkspaceIndex({ defaultNamespace: 'default' });
      let version = 0;
      for (const op of ops) {
        const uri = uriOf(op.slot);
        switch (op.op) {
          case 'update':
            index.update(uri, applyMutations(corpus.seeds[op.seed]!.text, op.mutations), ++version);
            break;
          case 'remove':
            index.remove(uri);
            break;
          case 'too-large':
            index.markSkipped(uri, 'too-large', ++version);
            break;
          case 'check':
            // Querying builds the lookup tables, so later changes patch them rather than rebuild.
            checkFile(index, uri);
            assertSameTables(index);
            break;
        }
      }
      assertSameTables(index);
      for (let s = 0; s < SLOTS; s++) checkFile(index, uriOf(s));
    }),
    fuzzRun(t, 150),
  );
});
