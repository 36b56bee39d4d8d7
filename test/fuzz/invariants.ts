// What must hold for any text, however broken: checks that throw an AssertionError naming the
// broken promise. Shared by the fuzz properties (and usable on any index).

import assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { parseYamlDocuments, type ParsedFile } from '../../server/src/model/parse';
import type { OffsetRange } from '../../server/src/model/types';
import { findingsForFile, type LocatedFinding } from '../../server/src/checks/run';
import { DEFAULT_CHECK_SETTINGS } from '../../server/src/checks/types';
import { computeFixes, computeSourceActions, type FixProposal, type TextEdit } from '../../server/src/checks/fixes';
import { hoverAt } from '../../server/src/features/hover';
import { definitionAt } from '../../server/src/features/definition';
import { referencesAt } from '../../server/src/features/references';
import { completionAt } from '../../server/src/features/completion';
import { codeLensesFor } from '../../server/src/features/codeLens';
import { prepareRename, renameEdits } from '../../server/src/features/rename';
import { semanticTokensFor } from '../../server/src/features/semanticTokens';
import type { Location } from '../../server/src/features/types';

/** 0 ≤ start ≤ end ≤ length, on integers. */
export function assertInside(range: OffsetRange | undefined, length: number, what: string): void {
  assert.ok(range, `${what}: no range`);
  const ok = Number.isInteger(range.start) && Number.isInteger(range.end) && range.start >= 0 && range.start <= range.end && range.end <= length;
  assert.ok(ok, `${what}: range ${JSON.stringify(range)} is not inside a text of ${length} characters`);
}

export function assertParsedFileSane(parsed: ParsedFile, text: string): void {
  for (const f of parsed.findings) assertInside(f.range, text.length, `finding ${f.rule} "${f.message}"`);
  for (const r of parsed.resources) assertInside(r.range, text.length, `resource ${r.kind}/${r.name}`);
  if (parsed.status !== 'kubernetes') assert.equal(parsed.findings.length, 0, 'a file that is not Kubernetes has findings');
}

function textOf(index: WorkspaceIndex, uri: string, what: string): string {
  const file = index.getFile(uri);
  assert.ok(file, `${what}: points into ${uri}, which is not indexed`);
  return file.text;
}

function assertLocation(index: WorkspaceIndex, loc: Location, what: string): void {
  assertInside(loc.range, textOf(index, loc.uri, what).length, what);
}

/** Every finding of a file lies inside it. Returns them. */
export function checkedFindings(index: WorkspaceIndex, uri: string): LocatedFinding[] {
  const text = textOf(index, uri, 'findings');
  const findings = findingsForFile(index, uri, DEFAULT_CHECK_SETTINGS);
  for (const f of findings) {
    assert.equal(f.uri, uri, `finding ${f.rule} of ${uri} names another file`);
    assertInside(f.range, text.length, `finding ${f.rule} "${f.message}"`);
  }
  return findings;
}

/** Every feature at `offset` answers without throwing, with ranges inside their documents. */
export function checkFeaturesAt(index: WorkspaceIndex, uri: string, offset: number): void {
  const length = textOf(index, uri, 'features').length;
  const hover = hoverAt(index, uri, offset, {});
  if (hover) {
    assertInside(hover.range, length, `hover at ${offset}`);
    assert.equal(typeof hover.contents, 'string');
  }
  for (const loc of definitionAt(index, uri, offset, {})) assertLocation(index, loc, `definition at ${offset}`);
  for (const loc of referencesAt(index, uri, offset, {}, true)) assertLocation(index, loc, `references at ${offset}`);
  for (const c of completionAt(index, uri, offset, {})) assertInside(c.replace, length, `completion '${c.label}' at ${offset}`);
  const prepared = prepareRename(index, uri, offset, {});
  if ('range' in prepared) {
    assertInside(prepared.range, length, `prepareRename at ${offset}`);
    const renamed = renameEdits(index, uri, offset, 'renamed-by-fuzz', {});
    if ('edits' in renamed) for (const e of renamed.edits) assertInside(e.range, textOf(index, e.uri, 'rename').length, `rename edit at ${offset}`);
  }
  for (const p of computeSourceActions(index, uri, offset)) checkProposalRanges(index, p);
}

/** Whole-file features: code lenses and semantic tokens. */
export function checkFileFeatures(index: WorkspaceIndex, uri: string): void {
  const length = textOf(index, uri, 'file features').length;
  for (const lens of codeLensesFor(index, uri, {})) {
    assertInside(lens.range, length, `code lens '${lens.title}'`);
    for (const loc of lens.locations) assertLocation(index, loc, `code lens '${lens.title}' location`);
  }
  for (const token of semanticTokensFor(index, uri, {})) assertInside(token.range, length, `semantic token ${token.type}`);
}

function checkProposalRanges(index: WorkspaceIndex, p: FixProposal): void {
  for (const e of p.edits) assertInside(e.range, textOf(index, e.uri, p.title).length, `edit of '${p.title}'`);
}

/** Applies non-overlapping offset edits to a text (inserts at one offset keep their order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.range.start - b.e.range.start || a.i - b.i);
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1]!.e.range;
    const next = sorted[k]!.e.range;
    assert.ok(prev.end <= next.start, `overlapping edits ${JSON.stringify(prev)} and ${JSON.stringify(next)}`);
  }
  let out = '';
  let at = 0;
  for (const { e } of sorted) {
    out += text.slice(at, e.range.start) + e.newText;
    at = e.range.end;
  }
  return out + text.slice(at);
}

/** The YAML errors of a text, duplicate keys included. */
export function yamlErrorCount(text: string): number {
  return parseYamlDocuments(text).reduce((n, d) => n + d.errors.length, 0);
}

/** A value as comparable text: mappings keep their keys as written (collections too, comments aside). */
function canonical(value: unknown): unknown {
  if (value instanceof Map) return { map: [...value].map(([k, v]) => [canonical(k), canonical(v)]) };
  if (value instanceof Set) return { set: [...value].map(canonical) };
  if (Array.isArray(value)) return value.map(canonical);
  if (value instanceof Date) return { date: value.getTime() };
  if (typeof value === 'bigint' || typeof value === 'symbol' || (typeof value === 'number' && !Number.isFinite(value))) return { other: String(value) };
  if (value && typeof value === 'object') return { object: Object.entries(value).map(([k, v]) => [k, canonical(v)]) };
  return value;
}

function valuesOf(text: string): string | undefined {
  try {
    return JSON.stringify(parseYamlDocuments(text).map((d) => canonical(d.toJS({ maxAliasCount: 100, mapAsMap: true }))));
  } catch {
    return undefined; // values that cannot be built (alias bombs) cannot be compared
  }
}

/**
 * Every quick fix of every finding: computed without throwing, edits inside their files; and (for
 * `applyFor` of them) the result parses with no more YAML errors than before, and a suppression
 * comment changes no value. Returns how many fixes were applied.
 */
export function checkFixes(index: WorkspaceIndex, findings: readonly LocatedFinding[], applyFor = Infinity): number {
  let applied = 0;
  const errorsOf = memoized(yamlErrorCount);
  const valuesOfText = memoized(valuesOf);
  // Applying and re-parsing is the costly part: done for `applyFor` findings spread over the list.
  const step = findings.length > applyFor ? findings.length / applyFor : 1;
  const applyAt = new Set(Array.from({ length: Math.min(findings.length, applyFor) }, (_, i) => Math.floor(i * step)));
  findings.forEach((f, n) => {
    const request = { rule: f.rule, uri: f.uri, range: f.range, ...(f.data ? { data: f.data } : {}), ...(f.docIndex !== undefined ? { docIndex: f.docIndex } : {}) };
    for (const proposal of computeFixes(index, request)) {
      checkProposalRanges(index, proposal);
      if (!applyAt.has(n)) continue;
      const byUri = new Map<string, TextEdit[]>();
      for (const e of proposal.edits) byUri.set(e.uri, [...(byUri.get(e.uri) ?? []), e]);
      for (const [uri, edits] of byUri) {
        const before = textOf(index, uri, proposal.title);
        const after = applyEdits(before, edits);
        const what = `'${proposal.title}' for ${f.rule} at ${JSON.stringify(f.range)}`;
        assert.ok(yamlErrorCount(after) <= errorsOf(before), `${what} adds YAML errors:\n--- before\n${before}\n--- after\n${after}`);
        if (proposal.title.startsWith('Disable ')) {
          const valuesBefore = valuesOfText(before);
          if (valuesBefore !== undefined) assert.equal(valuesOf(after), valuesBefore, `${what} changes values:\n--- after\n${after}`);
        }
        applied++;
      }
    }
  });
  return applied;
}

function memoized<T>(compute: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    if (!cache.has(text)) cache.set(text, compute(text));
    return cache.get(text)!;
  };
}

/** The derived tables of an index patched file by file equal those of an index built from scratch. */
export function assertSameTables(patched: WorkspaceIndex): void {
  const fresh = new WorkspaceIndex();
  for (const f of patched.allFiles()) {
    if (f.status === 'skipped' && f.skipReason === 'too-large') fresh.markSkipped(f.uri, 'too-large', f.version);
    else fresh.update(f.uri, f.text, f.version);
  }
  const key = (r: { uri: string; docIndex: number; kind: string; namespace: string; name: string }) => `${r.uri}#${r.docIndex} ${r.kind} ${r.namespace}/${r.name}`;
  assert.deepEqual(patched.allResources().map(key), fresh.allResources().map(key), 'resources differ from a fresh index');
  assert.deepEqual(patched.podTemplates().map((t) => key(t.resource)), fresh.podTemplates().map((t) => key(t.resource)), 'pod templates differ');
  assert.deepEqual([...patched.namespaces().keys()].sort(), [...fresh.namespaces().keys()].sort(), 'namespaces differ');
  const kinds = new Set<string>();
  const names = new Map<string, { kind: string; namespace: string; name: string }>();
  for (const r of [...fresh.allResources(), ...patched.allResources()]) {
    kinds.add(r.kind);
    names.set(`${r.kind}\u0000${r.namespace}\u0000${r.name}`, r);
  }
  for (const kind of kinds) assert.deepEqual(patched.resourcesOfKind(kind).map(key), fresh.resourcesOfKind(kind).map(key), `resourcesOfKind(${kind}) differs`);
  for (const r of names.values()) {
    assert.deepEqual(patched.find(r.kind, r.namespace, r.name).map(key), fresh.find(r.kind, r.namespace, r.name).map(key), `find(${r.kind} ${r.namespace}/${r.name}) differs`);
  }
  for (const ns of fresh.namespaces().keys()) {
    assert.deepEqual(patched.templatesInNamespace(ns).map((t) => key(t.resource)), fresh.templatesInNamespace(ns).map((t) => key(t.resource)), `templates of ${ns} differ`);
  }
}
