// Suppression fixes: `# kube-netlens-disable-next-line <id>` above the finding's line (extending
// such a comment when one is already there), or `# kube-netlens-disable <id>` for the whole file.

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
  const existing = /^\s*#/.test(prevLine) ? NEXT_LINE_COMMENT.exec(prevLine) : null;
  if (existing) {
    const at = prevStart + existing.index + existing[0].replace(/\s+$/, '').length;
    out.push({ title: `Disable ${rule} for this line`, kind: 'quickfix', edits: [file.edit({ start: at, end: at }, ` ${rule}`)] });
  } else {
    out.push({
      title: `Disable ${rule} for this line`,
      kind: 'quickfix',
      edits: [file.edit({ start: lineStart, end: lineStart }, `${indent}# kube-netlens-disable-next-line ${rule}${file.eol}`)],
    });
  }
  out.push({ title: `Disable ${rule} for this file`, kind: 'quickfix', edits: [file.edit({ start: 0, end: 0 }, `# kube-netlens-disable ${rule}${file.eol}`)] });
  return out;
}
