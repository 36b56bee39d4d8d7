// Fuzzing the editor features: in the examples' workspace, one file is replaced by a mutated real
// manifest; hover, definition, references, completion, rename, source actions, code lenses and
// semantic tokens answer at random offsets without throwing, with every range inside its document.

import { test } from 'node:test';
import fc from 'fast-check';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { exampleManifests, loadCorpus } from './corpus';
import { mutatedArb } from './arbitraries';
import { fuzzRun } from './config';
import { checkFeaturesAt, checkFileFeatures } from './invariants';

const corpus = loadCorpus();
const examples = exampleManifests();
const exampleUri = (i: number): string => `file:///fuzz/examples/${i}.yaml`;

/** The examples' workspace with file `replaced` holding `text` (a new file when out of range). */
function workspaceWith(replaced: number, text: string): { index: WorkspaceIndex; uri: string } {
  const index = new WorkspaceIndex({ defaultNamespace: 'default' });
  examples.forEach((e, i) => index.update(exampleUri(i), i === replaced ? text : e.text, 1));
  const uri = exampleUri(replaced);
  if (replaced >= examples.length) index.update(uri, text, 1);
  return { index, uri };
}

/** Offsets as fractions of the text, plus the edges and a position inside a surrogate pair, when there is one. */
function offsetsIn(text: string, fractions: readonly number[]): number[] {
  const out = new Set([0, text.length, ...fractions.map((f) => Math.floor(f * (text.length + 1)))]);
  const astral = /[\uD800-\uDBFF][\uDC00-\uDFFF]/.exec(text);
  if (astral) out.add(astral.index + 1);
  return [...out].filter((o) => o <= text.length);
}

test('fuzz: features at random offsets of a mutated file in a real workspace', (t) => {
  for (const m of corpus.missing) t.diagnostic(m);
  const arb = fc.record({
    mutated: mutatedArb(corpus.seeds),
    replaced: fc.nat(examples.length),
    fractions: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }),
  });
  fc.assert(
    fc.property(arb, ({ mutated, replaced, fractions }) => {
      const { index, uri } = workspaceWith(replaced, mutated.text);
      for (const offset of offsetsIn(mutated.text, fractions)) checkFeaturesAt(index, uri, offset);
      checkFileFeatures(index, uri);
      // A neighbour's features see the mutated file through the index (references, lenses).
      const neighbour = exampleUri((replaced + 1) % examples.length);
      checkFileFeatures(index, neighbour);
      const neighbourText = index.getFile(neighbour)!.text;
      for (const offset of offsetsIn(neighbourText, fractions.slice(0, 3))) checkFeaturesAt(index, neighbour, offset);
    }),
    fuzzRun(t, 200),
  );
});
