// Suppression fixes: `# kube-netlens-disable-next-line <id>` above the finding's line (extending
// such a comment when one is already there), or `# kube-netlens-disable <id>` for the whole file.

import { isCollection, isMap, isScalar, isSeq } from 'yaml';
import type { FixProposal } from './types';
import type { EditableFile } from './yamlText';

const NEXT_LINE_COMMENT = /#\s*kube-netlens-disable-next-line\b[^\r\n]*/;

export function disableProposals(file: EditableFile, rule: string, offset: number): FixProposal[] {
  const lineStart = file.lineStart(Math.min(offset, file.text.length));
  const indent = /^[ \t]*/.exec(file.text.slice(lineStart))![0];
  const out: FixProposal[] = [];
  const prevEnd = lineStart - (file.text.slice(0, lineStart).endsWith('\r\n') ? 2 : 1);
  const prevStart = prevEnd >= 0 ? file.lineStart(prevEnd) : -1;
  const prevLine = prevStart >= 0 ? file.text.slice(prevStart, prevEnd) : '';
  // A `#` line inside a block scalar is content, not a comment to extend.
  const existing = /^\s*#/.test(prevLine) && commentLineIsInert(file, prevStart) ? NEXT_LINE_COMMENT.exec(prevLine) : null;
  if (existing) {
    const at = prevStart + existing.index + existing[0].replace(/\s+$/, '').length;
    out.push({ title: `Disable ${rule} for this line`, kind: 'quickfix', edits: [file.edit({ start: at, end: at }, ` ${rule}`)] });
  } else {
    const comment = `${indent}# kube-netlens-disable-next-line ${rule}${file.eol}`;
    // Inside a multi-line scalar a comment line would be content: not offered there. Nor after a
    // lone CR, which editors take for a line break and YAML does not (the comment would run on).
    const yamlLineStart = lineStart === 0 || file.text[lineStart - 1] === '\n';
    if (yamlLineStart && commentLineIsInert(file, lineStart)) {
      out.push({ title: `Disable ${rule} for this line`, kind: 'quickfix', edits: [file.edit({ start: lineStart, end: lineStart }, comment)] });
    }
  }
  out.push({ title: `Disable ${rule} for this file`, kind: 'quickfix', edits: [file.edit({ start: 0, end: 0 }, `# kube-netlens-disable ${rule}${file.eol}`)] });
  return out;
}

function rangeOf(node: unknown): [number, number, number] | undefined {
  return (node as { range?: [number, number, number] } | null | undefined)?.range ?? undefined;
}

/**
 * A comment line at `offset` can only be a comment: the offset is not strictly inside a scalar (a
 * multi-line plain, quoted or block scalar would take it as content) or a flow collection.
 */
function commentLineIsInert(file: EditableFile, offset: number): boolean {
  const doc = file.documents.find((d) => d.range && offset >= d.range[0] && offset <= d.range[2]);
  const stack: unknown[] = doc ? [doc.contents] : [];
  while (stack.length > 0) {
    const node = stack.pop();
    const r = rangeOf(node);
    if (!r || offset <= r[0] || offset >= r[1]) continue;
    if (isScalar(node) || (isCollection(node) && node.flow)) return false;
    if (isMap(node)) for (const pair of node.items) stack.push(pair.key, pair.value);
    else if (isSeq(node)) stack.push(...node.items);
  }
  return true;
}
