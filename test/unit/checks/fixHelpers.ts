// Round trip for quick fixes: compute the fixes of a finding, apply one, re-index and re-check.

import assert from 'node:assert/strict';
import type { WorkspaceIndex } from '../../../server/src/index/workspaceIndex';
import { computeFixes, type FixProposal, type TextEdit } from '../../../server/src/checks/fixes';
import type { CheckSettings } from '../../../server/src/checks/types';
import { assertYamlClean, hitsIn, makeIndex, settingsWith, uriOf, type Hit } from './helpers';

/** Applies non-overlapping edits (touching is allowed) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range.start - a.range.start || b.range.end - a.range.end);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i]!.range.end <= sorted[i - 1]!.range.start, 'edits must not overlap');
  let out = text;
  for (const e of sorted) out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return out;
}

export function fixesFor(index: WorkspaceIndex, hit: Hit, settings?: CheckSettings): FixProposal[] {
  const f = hit.finding;
  return computeFixes(index, { rule: f.rule, uri: f.uri, range: f.range, ...(f.data ? { data: JSON.parse(JSON.stringify(f.data)) } : {}), ...(f.docIndex !== undefined ? { docIndex: f.docIndex } : {}) }, settings);
}

export interface RoundTrip {
  fixes: FixProposal[];
  chosen: FixProposal;
  before: string;
  after: string;
  /** Findings of the rule left in the file after the fix. */
  remaining: Hit[];
  index: WorkspaceIndex;
}

/**
 * Finds the (single) finding of `rule` in `file`, applies the fix whose title matches `pick`
 * (default: the preferred one), checks the YAML still parses, and re-runs the checks.
 */
export function roundTrip(files: Record<string, string>, file: string, rule: string, pick?: RegExp, settings: CheckSettings = settingsWith()): RoundTrip {
  const index = makeIndex(files);
  const hits = hitsIn(index, file, settings).filter((h) => h.rule === rule);
  assert.equal(hits.length, 1, `expected one ${rule} finding in ${file}, got ${hits.map((h) => h.message).join(' | ')}`);
  const fixes = fixesFor(index, hits[0]!, settings);
  const chosen = pick ? fixes.find((f) => pick.test(f.title)) : fixes.find((f) => f.isPreferred);
  assert.ok(chosen, `no fix matching ${pick ?? 'preferred'} among: ${fixes.map((f) => f.title).join(' | ')}`);
  const uri = uriOf(file);
  assert.ok(chosen.edits.every((e) => e.uri === uri), 'edits stay in the file');
  const before = index.getFile(uri)!.text;
  const after = applyEdits(before, chosen.edits);
  assertYamlClean(after);
  index.update(uri, after, 1);
  const remaining = hitsIn(index, file, settings).filter((h) => h.rule === rule);
  return { fixes, chosen, before, after, remaining, index };
}

/** A round trip that must leave no finding of the rule in the file. */
export function fixClears(files: Record<string, string>, file: string, rule: string, pick?: RegExp, settings?: CheckSettings): RoundTrip {
  const r = roundTrip(files, file, rule, pick, settings);
  assert.deepEqual(
    r.remaining.map((h) => h.message),
    [],
    `after '${r.chosen.title}':\n${r.after}`,
  );
  return r;
}

export function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

export function assertOnlyCrlf(text: string): void {
  assert.doesNotMatch(text, /(^|[^\r])\n/, 'every line break stays CRLF');
}
