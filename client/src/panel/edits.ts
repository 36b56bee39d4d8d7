// Shows an edit proposal as a diff of each file it changes (the file beside the file as it would
// be), asks Apply or Discard, and applies it as one WorkspaceEdit. (VS Code's refactor preview
// would start with every `needsConfirmation` change unticked, so "Apply" there applied nothing.)

import {
  commands,
  Disposable,
  EventEmitter,
  Range,
  TabInputTextDiff,
  Uri,
  ViewColumn,
  window,
  workspace,
  WorkspaceEdit,
  type TextDocument,
  type TextDocumentContentProvider,
} from 'vscode';
import type { EditProposal, ProposedTextEdit } from '../../../server/src/reachability/protocol';
import { applyEdits } from '../../../server/src/reachability/textEdits';

export type AcceptedProposal = Extract<EditProposal, { ok: true }>;

/** stale: the server's text was older than the editor's (ask again); moved: the file changed while the preview was open. */
export type ApplyOutcome = { kind: 'applied' } | { kind: 'discarded' } | { kind: 'stale' } | { kind: 'moved' };

/** The read-only documents holding each file as the proposal would leave it. */
export const PREVIEW_SCHEME = 'kube-netlens-proposal';

export class ProposalPreviews implements TextDocumentContentProvider, Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration: Disposable;
  private counter = 0;

  constructor() {
    this.registration = workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this);
  }

  provideTextDocumentContent(uri: Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** A document URI for `text`, named after the file it previews (so the diff shows its language). */
  add(original: Uri, text: string): Uri {
    const uri = Uri.from({ scheme: PREVIEW_SCHEME, path: original.path, query: String(++this.counter) });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  remove(uri: Uri): void {
    this.texts.delete(uri.toString());
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.texts.clear();
  }
}

interface FileChange {
  uri: Uri;
  document: TextDocument;
  version: number;
  edits: ProposedTextEdit[];
  after: string;
}

/** The proposal's edits per file, against the documents as the editor holds them now. */
async function fileChanges(proposal: AcceptedProposal): Promise<FileChange[] | 'stale'> {
  const byUri = new Map<string, ProposedTextEdit[]>();
  for (const e of proposal.edits) byUri.set(e.uri, [...(byUri.get(e.uri) ?? []), e]);
  const out: FileChange[] = [];
  for (const [uriText, edits] of byUri) {
    const uri = Uri.parse(uriText);
    const document = await workspace.openTextDocument(uri);
    // Offsets refer to the text the server holds: an open buffer at that version, or the file.
    const expected = edits.find((e) => e.version !== undefined && e.version !== null)?.version;
    if (expected !== undefined && expected !== null && document.version !== expected) return 'stale';
    let after: string;
    try {
      after = applyEdits(document.getText(), edits);
    } catch {
      return 'stale';
    }
    out.push({ uri, document, version: document.version, edits, after });
  }
  return out;
}

async function closeDiffs(previews: readonly Uri[]): Promise<void> {
  const names = new Set(previews.map((u) => u.toString()));
  const tabs = window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof TabInputTextDiff && names.has(t.input.modified.toString()));
  if (tabs.length > 0) await window.tabGroups.close(tabs);
}

export async function previewAndApply(previews: ProposalPreviews, proposal: AcceptedProposal, column: ViewColumn): Promise<ApplyOutcome> {
  const changes = await fileChanges(proposal);
  if (changes === 'stale') return { kind: 'stale' };
  const shown = changes.map((c) => previews.add(c.uri, c.after));
  try {
    for (const [i, c] of changes.entries()) {
      const name = c.uri.path.split('/').pop() ?? c.uri.path;
      await commands.executeCommand('vscode.diff', c.uri, shown[i], `${name} ↔ ${proposal.title}`, { preview: true, viewColumn: column });
    }
    const also = proposal.sideEffects.length > 0 ? ` It also changes ${proposal.sideEffects.join('; ')}` : '';
    const choice = await window.showInformationMessage(`${proposal.title}? ${proposal.changes.join(' ')}${also}`, 'Apply', 'Discard');
    if (choice !== 'Apply') return { kind: 'discarded' };
    // The user may have typed while deciding: the previewed edit must still fit the text.
    if (changes.some((c) => c.document.isClosed || c.document.version !== c.version)) return { kind: 'moved' };
    const edit = new WorkspaceEdit();
    for (const c of changes) {
      for (const e of c.edits) edit.replace(c.uri, new Range(c.document.positionAt(e.start), c.document.positionAt(e.end)), e.newText);
    }
    return (await workspace.applyEdit(edit)) ? { kind: 'applied' } : { kind: 'discarded' };
  } finally {
    await closeDiffs(shown);
    for (const uri of shown) previews.remove(uri);
  }
}
