// The editor side of code actions for tests: open buffers with their versions, the code action
// request, and a workspace-edit applier that follows LSP as VS Code does — a TextDocumentEdit whose
// version is not the buffer's refuses the whole edit, nothing is half-applied.

import { promises as fs } from 'node:fs';
import {
  CodeActionRequest,
  type CodeAction,
  type Command,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type Range,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { LspClient } from './harness';

/** Capabilities of a client that takes versioned document changes, creates files and reads code action literals. */
export const CODE_ACTION_CAPABILITIES = {
  workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
  textDocument: {
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll'] } },
      isPreferredSupport: true,
      dataSupport: true,
    },
  },
};

export interface Buffer {
  text: string;
  version: number;
}

export type ApplyResult = { applied: true; texts: Map<string, string> } | { applied: false; reason: string };

/** A client's open buffers on top of the harness, kept in step with what it sends the server. */
export class Editor {
  readonly buffers = new Map<string, Buffer>();

  constructor(readonly client: LspClient) {}

  async open(uri: string, text: string): Promise<void> {
    this.buffers.set(uri, { text, version: 1 });
    await this.client.open(uri, text);
  }

  /** Replaces a buffer's text: the version goes up by one, as the harness counts it. */
  async change(uri: string, text: string): Promise<number> {
    const buffer = this.buffers.get(uri);
    if (!buffer) throw new Error(`${uri} is not open`);
    buffer.text = text;
    buffer.version++;
    await this.client.change(uri, text);
    return buffer.version;
  }

  text(uri: string): string {
    return this.buffers.get(uri)!.text;
  }

  version(uri: string): number {
    return this.buffers.get(uri)!.version;
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const result = (await this.client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    })) as (CodeAction | Command)[] | null;
    return (result ?? []).filter((a): a is CodeAction => typeof (a as CodeAction).title === 'string' && typeof (a as Command).command !== 'string');
  }

  /**
   * Applies a workspace edit as a conforming client: all or nothing, refused when a versioned
   * document edit names another version than the buffer's. Closed files are read from disk.
   * Does not touch the buffers: `commit` does (and tells the server).
   */
  async apply(edit: WorkspaceEdit): Promise<ApplyResult> {
    const texts = new Map<string, string>();
    const current = async (uri: string): Promise<string | undefined> =>
      texts.get(uri) ?? this.buffers.get(uri)?.text ?? (await fs.readFile(URI.parse(uri).fsPath, 'utf8').catch(() => undefined));
    if (edit.documentChanges) {
      for (const change of edit.documentChanges) {
        if ('kind' in change) {
          if (change.kind !== 'create') return { applied: false, reason: `unsupported resource operation ${change.kind}` };
          if ((await current(change.uri)) !== undefined) return { applied: false, reason: `${change.uri} exists` };
          texts.set(change.uri, '');
          continue;
        }
        const docEdit = change as TextDocumentEdit;
        const uri = docEdit.textDocument.uri;
        const buffer = this.buffers.get(uri);
        const version = docEdit.textDocument.version;
        if (version !== null && buffer?.version !== version) {
          return { applied: false, reason: `${uri} is at version ${buffer?.version ?? 'closed'}, the edit is for version ${version}` };
        }
        const text = await current(uri);
        if (text === undefined) return { applied: false, reason: `${uri} does not exist` };
        texts.set(uri, applyTextEdits(text, docEdit.edits as TextEdit[]));
      }
    } else {
      for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
        const text = await current(uri);
        if (text === undefined) return { applied: false, reason: `${uri} does not exist` };
        texts.set(uri, applyTextEdits(text, edits));
      }
    }
    return { applied: true, texts };
  }

  /** Puts applied texts into the open buffers and sends them to the server; returns the new versions. */
  async commit(result: ApplyResult & { applied: true }): Promise<Map<string, number>> {
    const versions = new Map<string, number>();
    for (const [uri, text] of result.texts) {
      if (this.buffers.has(uri)) versions.set(uri, await this.change(uri, text));
      else await this.open(uri, text).then(() => versions.set(uri, 1));
    }
    return versions;
  }
}

/** LSP text edits on a text (positions of the original text; overlapping edits throw), by the reference implementation. */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.yaml', 'yaml', 0, text), edits);
}

/** The latest publish for a buffer at exactly this version, once its diagnostics satisfy the predicate. */
export function waitForVersion(client: LspClient, uri: string, version: number, what: string, predicate: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
  return client.waitFor(`diagnostics of ${uri} at version ${version}: ${what}`, () => {
    const p: PublishDiagnosticsParams | undefined = [...client.publishes].reverse().find((x) => x.uri === uri);
    return p && p.version === version && predicate(p.diagnostics) ? p.diagnostics : undefined;
  });
}
