// Fuzzing the manifest model: parseFile never throws and ranges everything inside the text, on
// mutated real manifests, token soup and arbitrary strings; the linear duplicate-key check finds
// exactly what yaml's own (quadratic) check finds.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isNode, parseAllDocuments, visit, type Document } from 'yaml';
import { parseFile, parseYamlDocuments, YAML_OPTIONS } from '../../server/src/model/parse';
import { LineIndex } from '../../server/src/model/lines';
import { pathAtOffset, resolvePath } from '../../server/src/model/ranges';
import { loadCorpus } from './corpus';
import { anyTextArb, mutatedArb, soupArb } from './arbitraries';
import { fuzzRun } from './config';
import { assertInside, assertParsedFileSane } from './invariants';

const corpus = loadCorpus();
const URI = 'file:///fuzz/manifest.yaml';

function checkText(text: string): void {
  const parsed = parseFile(URI, text);
  assertParsedFileSane(parsed, text);
  // Every document's paths resolve inside the text, and every offset maps to a path or nothing.
  const docs = parseYamlDocuments(text);
  for (const r of parsed.resources) {
    const doc = docs[r.docIndex];
    assert.ok(doc, `resource ${r.kind}/${r.name} names document ${r.docIndex} of ${docs.length}`);
    for (const target of ['key', 'value', 'entry'] as const) {
      const resolved = resolvePath(doc, [...r.basePath, 'metadata', 'name'], target);
      if (resolved) assertInside(resolved.range, text.length, `metadata.name (${target})`);
    }
  }
  const lines = new LineIndex(text);
  for (const offset of [0, text.length >> 1, text.length]) {
    const hit = pathAtOffset(docs, offset);
    if (hit) assertInside(hit.range, text.length, `path at ${offset}`);
    const pos = lines.positionAt(offset);
    assert.equal(lines.offsetAt(pos), offset, `line index round trip at ${offset}`);
  }
}

test('fuzz: parseFile on mutated real manifests', (t) => {
  for (const m of corpus.missing) t.diagnostic(m);
  fc.assert(
    fc.property(mutatedArb(corpus.seeds), (m) => checkText(m.text)),
    fuzzRun(t, 600),
  );
});

test('fuzz: parseFile on YAML token soup and arbitrary strings', (t) => {
  fc.assert(
    fc.property(fc.oneof(soupArb, anyTextArb), (text) => checkText(text)),
    fuzzRun(t, 400),
  );
});

/** Where every mapping key of a document starts, sorted. */
function keyStarts(doc: Document): number[] {
  const out: number[] = [];
  visit(doc, { Pair: (_, pair) => void (isNode(pair.key) && pair.key.range ? out.push(pair.key.range[0]) : undefined) });
  return out.sort((a, b) => a - b);
}

/**
 * The keys yaml's own check reports, by where they start. yaml puts the error at the end of what
 * precedes the key (sometimes the line break before it): the key is the first one from there.
 */
function yamlsOwnDuplicates(text: string): number[][] {
  return (parseAllDocuments(text, { ...YAML_OPTIONS, logLevel: 'error' }) as unknown as Document[]).map((d) => {
    const starts = keyStarts(d);
    return d.errors.filter((e) => e.code === 'DUPLICATE_KEY').map((e) => starts.find((s) => s >= e.pos[0]) ?? -1);
  });
}

function ourDuplicates(text: string): number[][] {
  return parseYamlDocuments(text).map((d) => d.errors.filter((e) => e.code === 'DUPLICATE_KEY').map((e) => e.pos[0]));
}

test('fuzz: the linear duplicate-key check agrees with yaml’s own', (t) => {
  // Duplicated lines make duplicate keys; the soup makes them in flow maps, merges and odd keys.
  const withDuplicates = fc.oneof(
    mutatedArb(corpus.seeds).map((m) => m.text),
    soupArb,
    fc.array(fc.constantFrom('a: 1\n', 'a: 2\n', '1: x\n', '"1": y\n', '? [k]\n: v\n', '<<: {a: 1}\n', '<<: {a: 1}\n', 'b: {c: 1, c: 2}\n', ': e\n', '.nan: n\n', '.nan: m\n', '- \n', 'd:\n  e: 1\n  e: 2\n'), { maxLength: 12 }).map((l) => l.join('')),
  );
  fc.assert(
    fc.property(withDuplicates, (text) => {
      assert.deepEqual(ourDuplicates(text), yamlsOwnDuplicates(text));
    }),
    fuzzRun(t, 400),
  );
});
