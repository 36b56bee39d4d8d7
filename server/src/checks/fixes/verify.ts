// A safety net for fixes on text that already has YAML errors: there the parsed structure may not
// be what the user sees, so a proposal is kept only if its result parses with no more errors.

import type { Document } from 'yaml';
import { parseYamlDocuments } from '../../model/parse';
import type { FixProposal, TextEdit } from './types';
import type { EditableFile } from './yamlText';

export function yamlErrorCount(documents: readonly Document[]): number {
  return documents.reduce((n, d) => n + d.errors.length, 0);
}

/** Applies non-overlapping offset edits (inserts at one offset keep their order). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.range.start - b.e.range.start || a.i - b.i);
  let out = '';
  let at = 0;
  for (const { e } of sorted) {
    if (e.range.start < at) return text; // overlapping: nothing sensible to apply
    out += text.slice(at, e.range.start) + e.newText;
    at = e.range.end;
  }
  return out + text.slice(at);
}

/** The proposals whose edits to `file` leave it with no more YAML errors than it has. Free when it has none. */
export function keepingYamlValid(file: EditableFile, proposals: FixProposal[]): FixProposal[] {
  const before = yamlErrorCount(file.documents);
  if (before === 0) return proposals;
  return proposals.filter((p) => {
    const edits = p.edits.filter((e) => e.uri === file.uri);
    return edits.length === 0 || yamlErrorCount(parseYamlDocuments(applyTextEdits(file.text, edits))) <= before;
  });
}
