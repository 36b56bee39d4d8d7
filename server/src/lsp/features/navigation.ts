// Registers hover, definition, declaration, references, completion, code lenses, rename and semantic
// tokens on the connection. Each handler settles pending edits of its file, calls the pure feature
// in server/src/features, converts offsets to positions, and never throws at the client.

import {
  LSPErrorCodes,
  type CancellationToken,
  ResponseError,
  SemanticTokensBuilder,
  type ClientCapabilities,
  type CodeLens,
  type CompletionItem,
  type Connection,
  type Hover,
  type InitializeParams,
  type Location,
  type Position,
  type ServerCapabilities,
  type TextDocumentEdit,
  type TextDocuments,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  codeLensesFor,
  completionAt,
  definitionAt,
  hoverAt,
  prepareRename,
  referencesAt,
  renameEdits,
  semanticTokensFor,
  type NavigationSettings,
  type TextEditResult,
} from '../../features';
import type { ServerState } from '../state';
import { canonicalUri } from '../uris';
import { Converter } from './convert';
import { completionKind } from './completionKinds';
import { SEMANTIC_LEGEND, tokenModifiers, tokenTypeIndex } from './semanticLegend';
import { codeLensEnabled } from './codeLensSetting';

export interface NavigationDeps {
  state: ServerState;
  documents: TextDocuments<TextDocument>;
  /** Applies a pending buffer edit of a file to the index before a request about it. */
  flush(uri: string): Promise<void>;
}

/** The command a code lens runs in VS Code; other clients get the title only. */
export const SHOW_REFERENCES_COMMAND = 'editor.action.showReferences';

export const COMPLETION_TRIGGERS = [':', ' ', '-', '/'];

export function registerNavigation(connection: Connection, params: InitializeParams, deps: NavigationDeps): ServerCapabilities {
  const { state } = deps;
  const clientUri = (uri: string): string => state.open.get(uri) ?? uri;
  const convert = new Converter(state.index, clientUri);
  const caps = params.capabilities;
  const vscodeLike = /code|codium|cursor/i.test(params.clientInfo?.name ?? '');
  const log = (what: string, e: unknown): void => connection.console.error(`${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);

  /** Settles the file, then runs `body` with its offset; `fallback` on any failure. */
  const at = async <T>(
    what: string,
    textDocumentUri: string,
    position: Position,
    fallback: T,
    body: (uri: string, offset: number, settings: NavigationSettings) => T,
    token?: CancellationToken,
  ): Promise<T> => {
    try {
      const uri = canonicalUri(textDocumentUri);
      await deps.flush(uri);
      // Cancelled while queued or while the file's pending edit was applied: no work for nobody.
      if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, `${what} cancelled`);
      const offset = convert.offset(uri, position);
      if (offset === undefined) return fallback;
      return body(uri, offset, await navigationSettings(uri));
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      log(what, e);
      return fallback;
    }
  };
  const navigationSettings = async (uri: string): Promise<NavigationSettings> => {
    const s = await state.settingsFor(uri);
    return s.check.clusterDomain ? { clusterDomain: s.check.clusterDomain } : {};
  };

  connection.onHover((p, token) =>
    at<Hover | null>(
      'hover',
      p.textDocument.uri,
      p.position,
      null,
      (uri, offset, settings) => {
        const h = hoverAt(state.index, uri, offset, settings);
        return h ? { contents: { kind: 'markdown', value: h.contents }, range: convert.range(uri, h.range) } : null;
      },
      token,
    ),
  );
  const definition = (p: { textDocument: { uri: string }; position: Position }, token: CancellationToken): Promise<Location[]> =>
    at('definition', p.textDocument.uri, p.position, [] as Location[], (uri, offset, settings) => definitionAt(state.index, uri, offset, settings).map((l) => convert.location(l)), token);
  connection.onDefinition(definition);
  connection.onDeclaration(definition);
  connection.onReferences((p, token) =>
    at(
      'references',
      p.textDocument.uri,
      p.position,
      [] as Location[],
      (uri, offset, settings) => referencesAt(state.index, uri, offset, settings, p.context.includeDeclaration).map((l) => convert.location(l)),
      token,
    ),
  );
  connection.onCompletion((p) =>
    at('completion', p.textDocument.uri, p.position, [] as CompletionItem[], (uri, offset, settings) =>
      completionAt(state.index, uri, offset, settings).map((c) => ({
        label: c.label,
        kind: completionKind(c.kind),
        ...(c.detail ? { detail: c.detail } : {}),
        ...(c.documentation ? { documentation: { kind: 'markdown' as const, value: c.documentation } } : {}),
        sortText: c.sortText,
        filterText: c.label,
        textEdit: { range: convert.range(uri, c.replace), newText: c.insertText },
      })),
    ),
  );

  connection.onCodeLens(async (p) => {
    try {
      const uri = canonicalUri(p.textDocument.uri);
      if (!(await codeLensEnabled(connection, caps, params.initializationOptions, p.textDocument.uri))) return [];
      await deps.flush(uri);
      return codeLensesFor(state.index, uri, await navigationSettings(uri)).map((lens): CodeLens => {
        const range = convert.range(uri, lens.range);
        const locations = lens.locations.map((l) => convert.location(l));
        const command = vscodeLike && locations.length > 0 ? SHOW_REFERENCES_COMMAND : '';
        return { range, command: { title: lens.title, command, ...(command ? { arguments: [convert.uri(uri), range.start, locations] } : {}) } };
      });
    } catch (e) {
      log('codeLens', e);
      return [];
    }
  });

  connection.onPrepareRename((p) =>
    at('prepareRename', p.textDocument.uri, p.position, null, (uri, offset, settings) => {
      const r = prepareRename(state.index, uri, offset, settings);
      if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
      return { range: convert.range(uri, r.range), placeholder: r.placeholder };
    }),
  );
  connection.onRenameRequest((p) =>
    at<WorkspaceEdit | null>('rename', p.textDocument.uri, p.position, null, (uri, offset, settings) => {
      const r = renameEdits(state.index, uri, offset, p.newName, settings);
      if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
      return workspaceEdit(r.edits, convert, caps, (u) => deps.documents.get(clientUri(u))?.version ?? null);
    }),
  );

  connection.languages.semanticTokens.on(async (p) => {
    const builder = new SemanticTokensBuilder();
    try {
      const uri = canonicalUri(p.textDocument.uri);
      await deps.flush(uri);
      for (const t of semanticTokensFor(state.index, uri, await navigationSettings(uri))) {
        const start = convert.position(uri, t.range.start);
        const end = convert.position(uri, t.range.end);
        if (start.line !== end.line) continue; // tokens may not span lines
        builder.push(start.line, start.character, end.character - start.character, tokenTypeIndex(t.type), tokenModifiers(t.resolved));
      }
    } catch (e) {
      log('semanticTokens', e);
    }
    return builder.build();
  });

  return {
    hoverProvider: true,
    definitionProvider: true,
    declarationProvider: true,
    referencesProvider: true,
    completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
    codeLensProvider: { resolveProvider: false },
    renameProvider: caps.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true,
    semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
  };
}

/** One workspace edit across files: versioned document edits when the client takes them, else a changes map. */
export function workspaceEdit(
  edits: readonly TextEditResult[],
  convert: Converter,
  caps: ClientCapabilities,
  versionOf: (uri: string) => number | null,
): WorkspaceEdit {
  const byUri = new Map<string, TextEdit[]>();
  for (const e of edits) {
    const list = byUri.get(e.uri) ?? [];
    list.push({ range: convert.range(e.uri, e.range), newText: e.newText });
    byUri.set(e.uri, list);
  }
  if (caps.workspace?.workspaceEdit?.documentChanges) {
    const documentChanges: TextDocumentEdit[] = [...byUri].map(([uri, list]) => ({ textDocument: { uri: convert.uri(uri), version: versionOf(uri) }, edits: list }));
    return { documentChanges };
  }
  return { changes: Object.fromEntries([...byUri].map(([uri, list]) => [convert.uri(uri), list])) };
}

