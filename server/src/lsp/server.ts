// Wires the LSP connection to the index: lifecycle, open buffers, watched files, settings,
// workspace folders and symbol requests. Every handler is guarded: a failure is logged, never fatal.

import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type DocumentSymbol,
  type FileEvent,
  type InitializeParams,
  type InitializeResult,
  type SymbolInformation,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ChangeSummary } from '../index/workspaceIndex';
import { mentionsApiVersionAndKind } from '../model/detect';
import { cliVersion } from '../cli/version';
import { Checker } from './checker';
import { DiagnosticsPublisher } from './diagnostics';
import { errorText, Indexer } from './indexer';
import { SETTINGS_SECTION } from './protocol';
import { needsReindex, SettingsStore } from './settings';
import { ServerState, type Content, type Logger } from './state';
import { StatusReporter } from './status';
import { documentSymbols, searchWorkspaceSymbols } from './symbols';
import { registerNavigation } from './features/navigation';
import { registerReachability } from './reachability';
import { registerCodeActions } from './codeActions';
import { canonicalUri, fsPathOf, isInside, type Folder } from './uris';

/**
 * How long an edit waits before it is checked. Counted from the first unchecked edit, not the
 * last, so a burst of keystrokes is checked at most this late and the latency stays bounded.
 */
const EDIT_DELAY_MS = 20;
/** The manifest-looking test reads only the start of a too-large buffer. */
const HEAD_CHARS = 64 * 1024;
/** Files the server asks the client to watch (the include globs are applied on arrival). */
const WATCHED_GLOB = '**/*.{yaml,yml,json}';

interface ClientSupport {
  configuration: boolean;
  watchedFilesDynamic: boolean;
  workspaceFolders: boolean;
}

const noChange = (uri: string): ChangeSummary => ({ uri, namespaces: new Set(), kinds: new Set() });

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

export function startServer(connection: Connection): void {
  new KubeNetlensServer(connection).listen();
}

class KubeNetlensServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly log: Logger;
  private readonly state: ServerState;
  private readonly publisher: DiagnosticsPublisher;
  private readonly checker: Checker;
  private readonly indexer: Indexer;
  private readonly status: StatusReporter;
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; due: number }>();
  private support: ClientSupport = { configuration: false, watchedFilesDynamic: false, workspaceFolders: false };
  /** Settings from initializationOptions / didChangeConfiguration, for clients without workspace/configuration. */
  private pushedSettings: Record<string, unknown> = {};
  /** Notifications of several watched-file events being loaded (their checks wait until they are in). */
  private batchesLoading = 0;

  constructor(private readonly connection: Connection) {
    this.log = {
      info: (m) => connection.console.info(m),
      warn: (m) => connection.console.warn(m),
      error: (m) => connection.console.error(m),
    };
    this.state = new ServerState(new SettingsStore((scope) => this.fetchSettings(scope)), this.log);
    this.publisher = new DiagnosticsPublisher(connection);
    this.checker = new Checker(
      this.state,
      this.publisher,
      this.log,
      () => this.status.update(),
      // Background checks step aside for a pending edit, and while a batch of file events loads.
      () => this.timers.size > 0 || this.batchesLoading > 0,
      () => this.indexer.indexing,
    );
    this.indexer = new Indexer(
      this.state,
      this.log,
      () => connection.window.createWorkDoneProgress(),
      (uri, change) => void this.checker.changed(change ?? noChange(uri)),
    );
    this.status = new StatusReporter(connection, () => ({
      files: this.state.index.fileCount,
      resources: this.state.resourceTotal(),
      indexing: this.indexer.indexing,
      checking: this.checker.busy,
    }));
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => this.guard('initialized', () => this.initialized()));
    this.documents.onDidOpen((e) => this.opened(e.document));
    this.documents.onDidChangeContent((e) => this.schedule(canonicalUri(e.document.uri), EDIT_DELAY_MS));
    this.documents.onDidClose((e) => void this.guard('didClose', () => this.closed(e.document)));
    this.documents.listen(c);
    c.onDidChangeWatchedFiles((p) => void this.guard('watched files', () => this.watchedFilesChanged(p.changes)));
    c.onDidChangeConfiguration((p) => void this.guard('configuration', () => this.configurationChanged(p.settings)));
    c.onDocumentSymbol((p) => this.answer('documentSymbol', [] as DocumentSymbol[], () => this.symbolsOf(canonicalUri(p.textDocument.uri))));
    c.onWorkspaceSymbol((p, token) => this.answer('workspaceSymbol', [] as SymbolInformation[], () => searchWorkspaceSymbols(this.state.index, p.query, token)));
    registerReachability(c, this.state, this.log);
    c.onShutdown(() => {
      for (const { timer } of this.timers.values()) clearTimeout(timer);
      this.timers.clear();
      this.status.dispose();
    });
    c.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    const ws = params.capabilities.workspace;
    this.support = {
      configuration: ws?.configuration === true,
      watchedFilesDynamic: ws?.didChangeWatchedFiles?.dynamicRegistration === true,
      workspaceFolders: ws?.workspaceFolders === true,
    };
    this.pushedSettings = { [SETTINGS_SECTION]: params.initializationOptions };
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: params.rootUri.split('/').pop() ?? 'root' }] : []);
    for (const f of folders) this.state.folders.add(f.uri, f.name);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        ...registerNavigation(this.connection, params, { state: this.state, documents: this.documents, flush: (uri) => this.flush(uri) }),
        ...registerCodeActions(this.connection, params, { state: this.state, documents: this.documents, flush: (uri) => this.flush(uri) }),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'kube-netlens', version: cliVersion() },
    };
  }

  private async initialized(): Promise<void> {
    if (this.support.watchedFilesDynamic) {
      this.connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED_GLOB }] })
        .catch((e) => this.log.warn(`Cannot watch files: ${errorText(e)}`));
    }
    if (this.support.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((e) => void this.guard('workspace folders', () => this.foldersChanged(e)));
    }
    await this.reindex(this.state.folders.all);
  }

  /** Indexes folders, then re-checks everything (cross-file results may change anywhere). */
  private async reindex(folders: readonly Folder[]): Promise<void> {
    const done = this.indexer.indexFolders([...folders]);
    this.status.update();
    await done;
    this.checker.workspaceReady = true;
    this.checker.recheckAll();
    this.status.update();
  }

  private fetchSettings(scopeUri: string | undefined): Promise<[unknown, unknown]> {
    if (!this.support.configuration) return Promise.resolve([this.pushedSettings[SETTINGS_SECTION], this.pushedSettings['files']]);
    const items = [
      { scopeUri, section: SETTINGS_SECTION },
      { scopeUri, section: 'files' },
    ];
    return this.connection.workspace.getConfiguration(items).then((values: unknown) => {
      const list = Array.isArray(values) ? values : [];
      return [list[0], list[1]];
    });
  }

  // --- open buffers -------------------------------------------------------------------------

  private opened(doc: TextDocument): void {
    const uri = canonicalUri(doc.uri);
    this.state.open.set(uri, doc.uri);
    this.schedule(uri, 0);
  }

  /** Plans a check of an open buffer; an earlier plan for the same file is kept (it will read the latest text). */
  private schedule(uri: string, delay: number): void {
    const due = Date.now() + delay;
    const planned = this.timers.get(uri);
    if (planned && planned.due <= due) return;
    if (planned) clearTimeout(planned.timer);
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      void this.guard('edit', () => this.applyBuffer(uri)).finally(() => this.checker.resume());
    }, delay);
    this.timers.set(uri, { timer, due });
  }

  /** Applies a planned buffer update now (before answering a request about that file). */
  private async flush(uri: string): Promise<void> {
    const planned = this.timers.get(uri);
    if (!planned) return;
    clearTimeout(planned.timer);
    this.timers.delete(uri);
    try {
      await this.applyBuffer(uri);
    } finally {
      this.checker.resume();
    }
  }

  private async applyBuffer(uri: string): Promise<void> {
    const settings = await this.state.settingsFor(uri);
    const clientUri = this.state.open.get(uri);
    const doc = clientUri === undefined ? undefined : this.documents.get(clientUri);
    if (!doc) return; // closed meanwhile
    if (!this.state.accepts(uri, settings)) {
      await this.checker.changed(this.state.remove(uri) ?? noChange(uri));
      return;
    }
    const text = doc.getText();
    const size = Buffer.byteLength(text, 'utf8');
    const content: Content =
      size > settings.maxFileSize
        ? { kind: 'too-large', size, looksLikeManifest: mentionsApiVersionAndKind(text.slice(0, HEAD_CHARS)) }
        : { kind: 'text', text, version: doc.version };
    await this.checker.changed(this.state.store(uri, content, settings));
    this.status.update();
  }

  /** A closed buffer reverts to the file on disk (or leaves the index when there is none). */
  private async closed(doc: TextDocument): Promise<void> {
    const uri = canonicalUri(doc.uri);
    this.state.open.delete(uri);
    const planned = this.timers.get(uri);
    if (planned) clearTimeout(planned.timer);
    this.timers.delete(uri);
    this.checker.resume();
    const change = fsPathOf(uri) === undefined ? this.state.remove(uri) : await this.indexer.loadFile(uri);
    await this.checker.changed(change ?? noChange(uri));
    this.status.update();
  }

  // --- files, settings and folders changing -----------------------------------------------------

  /**
   * One event (a save) is checked at once. Several (a git checkout of 10,000 files) are all loaded
   * first, then checked in the background: checking between loads would judge a half-changed
   * workspace and cost a pass over the whole index per file.
   */
  private async watchedFilesChanged(events: FileEvent[]): Promise<void> {
    const batch = events.length > 1;
    const changes: ChangeSummary[] = [];
    const changed = async (change: ChangeSummary): Promise<void> => {
      if (batch) changes.push(change);
      else await this.checker.changed(change);
    };
    if (batch) this.batchesLoading++;
    try {
      for (const event of events) {
        const uri = canonicalUri(event.uri);
        if (this.state.open.has(uri)) continue; // the buffer is what counts; disk is read again on close
        this.indexer.noteEvent(uri);
        if (event.type === FileChangeType.Deleted) {
          for (const gone of this.indexedAtOrBelow(uri)) {
            this.indexer.noteEvent(gone);
            await changed(this.state.remove(gone) ?? noChange(gone));
          }
          continue;
        }
        if (!this.state.folderOf(uri)) continue;
        const change = await this.indexer.loadFile(uri);
        if (change) await changed(change);
      }
    } finally {
      if (batch) this.batchesLoading--;
      this.checker.changedMany(changes);
      this.checker.resume();
      this.status.update();
    }
  }

  /** The file itself, or every indexed file below a deleted folder. */
  private indexedAtOrBelow(uri: string): string[] {
    if (this.state.index.getFile(uri)) return [uri];
    const dir = fsPathOf(uri);
    if (dir === undefined) return [];
    const out: string[] = [];
    for (const file of this.state.index.allFiles()) {
      const p = fsPathOf(file.uri);
      if (p !== undefined && p !== dir && isInside(dir, p) && !this.state.open.has(file.uri)) out.push(file.uri);
    }
    return out;
  }

  private async configurationChanged(settings: unknown): Promise<void> {
    if (!this.support.configuration) {
      const pushed = record(settings) ?? {};
      this.pushedSettings = { ...this.pushedSettings, ...pushed };
    }
    const folders = [...this.state.folders.all];
    const before = await Promise.all(folders.map((f) => this.state.settings.get(f.uri)));
    this.state.settings.clear();
    const after = await Promise.all(folders.map((f) => this.state.settings.get(f.uri)));
    const stale = folders.filter((_, i) => needsReindex(before[i]!, after[i]!));
    // Open buffers are parsed again too: their folder's default namespace or globs may have changed.
    for (const uri of this.state.open.keys()) this.schedule(uri, 0);
    if (stale.length > 0) await this.reindex(stale);
    else this.checker.recheckAll();
    this.status.update();
  }

  private async foldersChanged(e: WorkspaceFoldersChangeEvent): Promise<void> {
    this.state.settings.clear();
    for (const removed of e.removed) {
      const folder = this.state.folders.all.find((f) => f.uri === canonicalUri(removed.uri));
      if (!folder) continue;
      const files = this.state.filesOf(folder);
      this.state.folders.remove(folder.uri);
      for (const uri of files) {
        if (this.state.open.has(uri)) continue;
        // A file may still belong to an enclosing folder; otherwise it leaves the index.
        const change = this.state.folderOf(uri) ? await this.indexer.loadFile(uri) : this.state.remove(uri);
        await this.checker.changed(change ?? noChange(uri));
      }
    }
    const added = e.added.map((f) => this.state.folders.add(f.uri, f.name)).filter((f): f is Folder => f !== undefined);
    if (added.length > 0) await this.reindex(added);
    this.status.update();
  }

  // --- requests -------------------------------------------------------------------------------

  private async symbolsOf(uri: string): Promise<DocumentSymbol[]> {
    await this.flush(uri);
    return documentSymbols(this.state.index, uri);
  }

  private async answer<T>(what: string, fallback: T, compute: () => Promise<T>): Promise<T> {
    try {
      return await compute();
    } catch (e) {
      if (e instanceof ResponseError) throw e; // an answer for the client (a cancellation), not a failure
      this.log.error(`${what} failed: ${errorText(e)}`);
      return fallback;
    }
  }

  private async guard(what: string, run: () => Promise<void> | void): Promise<void> {
    try {
      await run();
    } catch (e) {
      this.log.error(`${what} failed: ${errorText(e)}`);
    }
  }
}
