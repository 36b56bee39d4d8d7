// "Fix all": the preferred fix of every finding in a file, combined into one edit. Each fix is
// computed against the same text, so only fixes that cannot disturb one another are combined: edits
// that overlap or touch are left for the next run, and so are a second fix of one rule in one
// document (two unnamed ports would both be named 'http'). The result must still parse as well as
// the text did, or nothing is offered.

import { computeFixes, FIXABLE_RULES, type TextEdit } from '../checks/fixes';
import type { LocatedFinding } from '../checks/run';
import type { CheckSettings } from '../checks/types';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { OffsetRange } from '../model/types';
import { parseYamlDocuments } from '../model/parse';
import { fixRequestOf } from './diagnosticFindings';

const FIXABLE = new Set(FIXABLE_RULES);

function touches(a: OffsetRange, b: OffsetRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function yamlErrorCount(text: string): number {
  return parseYamlDocuments(text).reduce((n, d) => n + d.errors.length, 0);
}

/** Applies non-overlapping offset edits; inserts at one offset land in array order, as LSP applies them. */
export function applyOffsetEdits(text: string, edits: readonly TextEdit[]): string {
  const order = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.range.start - a.e.range.start || b.i - a.i);
  let out = text;
  for (const { e } of order) out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return out;
}

/** The combined edits for a file (sorted by offset), or [] when there is nothing safe to do. */
export function fixAllEdits(index: WorkspaceIndex, uri: string, findings: readonly LocatedFinding[], settings: CheckSettings, cancelled: () => boolean = () => false): TextEdit[] {
  const file = index.getFile(uri);
  if (!file) return [];
  const chosen: TextEdit[] = [];
  const fixedRuleInDoc = new Set<string>();
  for (const finding of [...findings].sort((a, b) => a.range.start - b.range.start)) {
    if (cancelled()) return [];
    const key = `${finding.rule}@${finding.docIndex ?? 0}`;
    if (!FIXABLE.has(finding.rule) || fixedRuleInDoc.has(key)) continue;
    const preferred = computeFixes(index, fixRequestOf(finding), settings).find((p) => p.isPreferred);
    if (!preferred || preferred.edits.length === 0 || preferred.edits.some((e) => e.uri !== uri)) continue;
    if (preferred.edits.some((e) => chosen.some((c) => touches(c.range, e.range)))) continue;
    chosen.push(...preferred.edits);
    fixedRuleInDoc.add(key);
  }
  if (chosen.length === 0) return [];
  if (yamlErrorCount(applyOffsetEdits(file.text, chosen)) > yamlErrorCount(file.text)) return [];
  return chosen.sort((a, b) => a.range.start - b.range.start);
}
