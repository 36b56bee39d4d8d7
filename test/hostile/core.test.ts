// Hostile input against the core (model, index, checks, features, evaluator), each with a bound on
// the answer and on memory. Wall time is not asserted (CI machines are slow); measured figures are
// printed as test diagnostics and recorded in docs/robustness.md.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { parseFile } from '../../server/src/model/parse';
import { findingsForFile } from '../../server/src/checks/run';
import { DEFAULT_CHECK_SETTINGS } from '../../server/src/checks/types';
import { documentSymbols } from '../../server/src/lsp/symbols';
import { hoverAt } from '../../server/src/features/hover';
import { computeMatrix, worldFromIndex } from '../../server/src/policy';
import { checkFeaturesAt, checkFileFeatures, checkedFindings } from '../fuzz/invariants';
import { billionLaughs, binaryBytes, deepBlockSequence, deepFlow, invalidUtf8Manifest, invalidUtf8Noise, manyAliases, manyDocuments, wideAliasFanOut } from './inputs';
import { liveHeapMb } from './memory';

const URI = 'file:///hostile/manifest.yaml';
/** HOSTILE_FULL=1 runs the full-size variants (a 50 MB manifest parsed in memory). */
const FULL = process.env['HOSTILE_FULL'] === '1';

function indexed(text: string): WorkspaceIndex {
  const index = new WorkspaceIndex({ defaultNamespace: 'default' });
  index.update(URI, text, 1);
  return index;
}

/** Runs `body`, reporting its time and the live heap it leaves (the result is kept alive meanwhile). */
function measured<T>(t: { diagnostic(m: string): void }, what: string, body: () => T): { result: T; heapMb: number } {
  const before = liveHeapMb();
  const started = Date.now();
  const result = body();
  const ms = Date.now() - started;
  const heapMb = liveHeapMb() - before;
  t.diagnostic(`${what}: ${ms} ms, live heap +${heapMb.toFixed(1)} MB`);
  return { result, heapMb };
}

/** Features at a spread of offsets (every alias, key and bracket region is visited on small texts). */
function featuresEverywhere(index: WorkspaceIndex, text: string, samples = 60): void {
  const step = Math.max(1, Math.floor(text.length / samples));
  for (let offset = 0; offset <= text.length; offset += step) checkFeaturesAt(index, URI, offset);
  checkFileFeatures(index, URI);
}

test('a billion-laughs alias bomb gives one finding and no resource, without expanding', (t) => {
  const text = billionLaughs();
  const { result: index, heapMb } = measured(t, 'billion laughs', () => indexed(text));
  const findings = checkedFindings(index, URI);
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.rule, 'yaml-syntax');
  assert.match(findings[0]!.message, /not analysed/);
  assert.equal(index.getFile(URI)!.resources.length, 0);
  featuresEverywhere(index, text);
  assert.ok(heapMb < 50, `live heap grew ${heapMb.toFixed(1)} MB`);
});

test('one big mapping aliased 99 times (within yaml’s alias count) is not expanded either', (t) => {
  const text = wideAliasFanOut(20_000);
  const { result: index, heapMb } = measured(t, `fan-out of ${text.length} characters`, () => indexed(text));
  const findings = checkedFindings(index, URI);
  assert.deepEqual(findings.map((f) => f.rule), ['yaml-syntax']);
  assert.match(findings[0]!.message, /aliases would expand it from \d+ to \d+ nodes/);
  // Expanded, its value would serialise to 99 copies of the mapping (60 MB of JSON).
  assert.ok(heapMb < 100, `live heap grew ${heapMb.toFixed(1)} MB`);
});

test('20,000 anchors each used once are refused before yaml’s quadratic alias lookup', (t) => {
  const text = manyAliases(20_000);
  const { result: index } = measured(t, `${text.length} characters with 20,000 aliases`, () => indexed(text));
  const findings = checkedFindings(index, URI);
  assert.equal(findings.length, 1);
  assert.match(findings[0]!.message, /20000 aliases \(at most 2000 are expanded\)/);
  // 2,000 aliases are still read as usual.
  assert.equal(indexed(manyAliases(1_000)).getFile(URI)!.resources.length, 1);
});

test('a 100,000-document file: every resource indexed, outlined and checked', (t) => {
  const text = manyDocuments(100_000);
  const { result: index, heapMb } = measured(t, `100,000 documents (${(text.length / 1e6).toFixed(1)} MB)`, () => indexed(text));
  assert.equal(index.getFile(URI)!.resources.length, 100_000);
  assert.equal(index.find('ConfigMap', 'default', 'c99999').length, 1);
  const { result: findings } = measured(t, 'checks', () => findingsForFile(index, URI, DEFAULT_CHECK_SETTINGS));
  assert.deepEqual(findings, []);
  const { result: symbols } = measured(t, 'outline', () => documentSymbols(index, URI));
  assert.equal(symbols.length, 100_000);
  assert.equal(symbols[99_999]!.name, 'ConfigMap default/c99999');
  const last = text.lastIndexOf('c99999');
  assert.doesNotThrow(() => hoverAt(index, URI, last, {}));
  assert.ok(heapMb < 800, `live heap grew ${heapMb.toFixed(1)} MB`);
});

for (const [name, text] of [
  ['10,000 unclosed [', deepFlow(10_000, '[', false)],
  ['10,000 closed [ ]', deepFlow(10_000, '[', true)],
  ['10,000 nested { }', deepFlow(10_000, '{', true)],
  ['1,000 closed [ ] (the depth yaml stops at)', deepFlow(1_000, '[', true)],
  ['10,000 nested block sequences', deepBlockSequence(10_000)],
] as const) {
  test(`deep nesting (${name}): a few findings, no crash, features answer`, (t) => {
    const { result: index } = measured(t, name, () => indexed(text));
    const findings = checkedFindings(index, URI);
    assert.ok(findings.length >= 1 && findings.length <= 4, `${findings.length} findings: ${findings.map((f) => f.message).join('; ')}`);
    assert.ok(findings.every((f) => !/call stack/i.test(f.message)), 'the message says what is wrong, not how the parser failed');
    featuresEverywhere(index, text, 40);
    assert.doesNotThrow(() => computeMatrix(worldFromIndex(index)));
  });
}

test('a binary file named .yaml is skipped as binary, with no finding', () => {
  const text = binaryBytes(64 * 1024).toString('utf8');
  const parsed = parseFile(URI, text);
  assert.equal(parsed.status, 'skipped');
  assert.equal(parsed.skipReason, 'binary');
  const index = indexed(text);
  assert.deepEqual(findingsForFile(index, URI, DEFAULT_CHECK_SETTINGS), []);
  featuresEverywhere(index, text, 10);
});

test('invalid UTF-8 in a manifest is read around (U+FFFD), and mostly-invalid bytes are skipped', () => {
  // How a file reader decodes it: invalid sequences become U+FFFD.
  const text = invalidUtf8Manifest().toString('utf8');
  assert.ok(text.includes('\uFFFD'));
  const index = indexed(text);
  assert.equal(index.getFile(URI)!.status, 'kubernetes');
  const findings = checkedFindings(index, URI);
  assert.deepEqual(findings.map((f) => f.rule), ['duplicate-key']);
  assert.equal(text.slice(findings[0]!.range.start, findings[0]!.range.end), 'mode');
  featuresEverywhere(index, text);

  const noise = invalidUtf8Noise(16 * 1024).toString('utf8');
  assert.equal(parseFile(URI, noise).skipReason, 'binary');
});

test(`a ${FULL ? 50 : 10} MB manifest parses when the size limit allows it`, (t) => {
  const mb = FULL ? 50 : 10;
  if (!FULL) t.diagnostic('HOSTILE_FULL=1 parses 50 MB instead of 10 MB');
  const parts = ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n'];
  for (let i = 0, n = 0; n < mb * 1e6; i++) {
    const line = `  key-${i}: ${'x'.repeat(40)}\n`;
    parts.push(line);
    n += line.length;
  }
  const text = parts.join('');
  parts.length = 0;
  const { result: index, heapMb } = measured(t, `${mb} MB manifest`, () => indexed(text));
  const file = index.getFile(URI)!;
  assert.equal(file.resources.length, 1);
  assert.ok(Object.keys(file.resources[0]!.value['data'] as object).length > mb * 18_000);
  assert.deepEqual(findingsForFile(index, URI, DEFAULT_CHECK_SETTINGS), []);
  // The index keeps the text and the values (the last file's parse too, for its own diagnostics).
  assert.ok(heapMb < mb * 20, `live heap grew ${heapMb.toFixed(1)} MB for ${mb} MB of text`);
});
