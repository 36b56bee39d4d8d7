// Turns an edit proposal from the server into a WorkspaceEdit and applies it through VS Code's
// refactor preview: every change needs the user's confirmation, and side effects are named first.

import { Position, Range, Uri, window, workspace, WorkspaceEdit, type WorkspaceEditEntryMetadata } from 'vscode';
import type { EditProposal, ProposedTextEdit } from '../../../server/src/reachability/protocol';

export type AcceptedProposal = Extract<EditProposal, { ok: true }>;

export type ApplyOutcome = { kind: 'applied' } | { kind: 'discarded' } | { kind: 'stale' };

function rangeOf(e: ProposedTextEdit): Range | undefined {
  if (!e.range) return undefined;
  return new Range(new Position(e.range.start.line, e.range.start.character), new Position(e.range.end.line, e.range.end.character));
}

/** The open document the edit was computed against has changed since: the offsets are stale. */
export function isStale(proposal: AcceptedProposal): boolean {
  return proposal.edits.some((e) => {
    if (e.version === undefined || e.version === null) return false;
    const doc = workspace.textDocuments.find((d) => d.uri.toString() === e.uri);
    return doc !== undefined && doc.version !== e.version;
  });
}

export async function applyProposal(proposal: AcceptedProposal): Promise<ApplyOutcome> {
  if (isStale(proposal)) return { kind: 'stale' };
  if (proposal.sideEffects.length > 0) {
    const go = await window.showWarningMessage(
      proposal.title,
      { modal: true, detail: `${proposal.changes.join('\n')}\n\nThis also changes:\n${proposal.sideEffects.join('\n')}` },
      'Preview the edit',
    );
    if (go !== 'Preview the edit') return { kind: 'discarded' };
  }
  const edit = new WorkspaceEdit();
  const metadata: WorkspaceEditEntryMetadata = { needsConfirmation: true, label: proposal.title, description: proposal.changes.join(' ') };
  for (const e of proposal.edits) {
    const uri = Uri.parse(e.uri);
    let range = rangeOf(e);
    if (!range) {
      const doc = await workspace.openTextDocument(uri);
      range = new Range(doc.positionAt(e.start), doc.positionAt(e.end));
    }
    edit.replace(uri, range, e.newText, metadata);
  }
  // needsConfirmation opens the refactor preview; the promise settles when the user applies or discards.
  const applied = await workspace.applyEdit(edit, { isRefactoring: true });
  return applied ? { kind: 'applied' } : { kind: 'discarded' };
}
