// Which current finding a diagnostic from the client stands for. The client's copy may be older than
// the text (published for an earlier version, its range moved by the editor), so fixes are built
// from the finding as the index sees it now, never from the client's copy alone: a diagnostic that
// no longer stands for anything gets no fix.

import type { Diagnostic } from 'vscode-languageserver/node';
import type { FixRequest } from '../checks/fixes';
import type { LocatedFinding } from '../checks/run';
import type { LineIndex } from '../model/lines';
import { DIAGNOSTIC_SOURCE } from './protocol';

/** A diagnostic this server published for a rule (the too-large notice has no rule). */
export function isRuleDiagnostic(d: Diagnostic): d is Diagnostic & { code: string } {
  return d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string' && d.code.length > 0;
}

function sameData(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * The finding of the diagnostic's rule at exactly its range (the one with the same data when
 * several are); failing that, the only finding of the rule with the same data (lines were inserted
 * or removed above it since the client was told).
 */
export function findingFor(d: Diagnostic, findings: readonly LocatedFinding[], lines: LineIndex): LocatedFinding | undefined {
  const start = lines.offsetAt(d.range.start);
  const end = lines.offsetAt(d.range.end);
  const sameRule = findings.filter((f) => f.rule === d.code);
  const here = sameRule.filter((f) => f.range.start === start && f.range.end === end);
  if (here.length > 0) return here.find((f) => sameData(f.data, d.data)) ?? here[0];
  if (d.data === undefined) return undefined;
  const moved = sameRule.filter((f) => sameData(f.data, d.data));
  return moved.length === 1 ? moved[0] : undefined;
}

/** What the fix computation needs of a finding; its data is copied so no fixer can alter the finding. */
export function fixRequestOf(f: LocatedFinding): FixRequest {
  return {
    rule: f.rule,
    uri: f.uri,
    range: f.range,
    ...(f.data !== undefined ? { data: JSON.parse(JSON.stringify(f.data)) as Record<string, unknown> } : {}),
    ...(f.docIndex !== undefined ? { docIndex: f.docIndex } : {}),
  };
}
