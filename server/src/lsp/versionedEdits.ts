// Offset edits of the pure fixes → an LSP WorkspaceEdit. With document changes, each file's edits
// carry the version of the text they were computed on, so a client applies them to that version
// only; a file the fix creates comes first as a CreateFile. Clients without document changes get
// the plain `changes` map (which cannot say which version it is for).

import type { ClientCapabilities, CreateFile, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextEdit as OffsetEdit } from '../checks/fixes';
import { rangeIn, type EditTarget } from './editTargets';

export interface EditSupport {
  documentChanges: boolean;
  /** The client can create files (resource operation 'create', which needs document changes). */
  createFiles: boolean;
}

export function editSupportOf(caps: ClientCapabilities): EditSupport {
  const we = caps.workspace?.workspaceEdit;
  const documentChanges = we?.documentChanges === true;
  return { documentChanges, createFiles: documentChanges && (we?.resourceOperations ?? []).includes('create') };
}

/** Edits grouped by file, in their order (LSP applies inserts at one position in array order). */
function byUri(edits: readonly OffsetEdit[]): Map<string, OffsetEdit[]> {
  const out = new Map<string, OffsetEdit[]>();
  for (const e of edits) {
    const list = out.get(e.uri) ?? [];
    list.push(e);
    out.set(e.uri, list);
  }
  return out;
}

/**
 * The workspace edit for a fix, or undefined when it cannot be expressed for this client (a file to
 * create without resource operations, an edit inside a file that does not exist yet, an unknown file).
 */
export function workspaceEditOf(edits: readonly OffsetEdit[], targets: ReadonlyMap<string, EditTarget>, support: EditSupport): WorkspaceEdit | undefined {
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
  const changes: Record<string, TextEdit[]> = {};
  for (const [uri, list] of byUri(edits)) {
    const target = targets.get(uri);
    if (!target) return undefined;
    if (target.kind === 'new') {
      if (!support.createFiles || list.some((e) => e.range.start !== 0 || e.range.end !== 0)) return undefined;
      documentChanges.push({ kind: 'create', uri: target.clientUri, options: { overwrite: false, ignoreIfExists: false } });
    }
    const lspEdits = list.map((e): TextEdit => ({ range: rangeIn(target, e.range), newText: e.newText }));
    documentChanges.push({ textDocument: { uri: target.clientUri, version: target.version }, edits: lspEdits });
    changes[target.clientUri] = lspEdits;
  }
  return support.documentChanges ? { documentChanges } : { changes };
}
