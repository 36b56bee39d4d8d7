// A minimal LSP client for tests: spawns the built server (dist/server.js --stdio), speaks JSON-RPC,
// answers the server's requests (configuration, registrations, progress) and records what it sends.
// Waiting is event-driven: waitFor re-evaluates its predicate on every message, with a generous timeout.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  WorkspaceSymbolRequest,
  type Diagnostic,
  type DocumentSymbol,
  type FileEvent,
  type InitializeResult,
  type LogMessageParams,
  type ProgressToken,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type SymbolInformation,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
  type WorkspaceSymbol,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { StatusNotificationMethod, type StatusParams } from '../../server/src/lsp/protocol';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER_JS = path.join(REPO_ROOT, 'dist', 'server.js');
/** Generous: the machine may be busy; waits end as soon as their condition holds. */
export const WAIT_MS = 30_000;

export function uriOf(fsPath: string): string {
  return URI.file(fsPath).toString();
}

export interface StartOptions {
  /** Workspace folders (absolute paths). */
  folders: string[];
  /** The `kube-netlens` settings section, nested as VS Code sends it. */
  settings?: Record<string, unknown>;
  /** VS Code's `files.exclude`. */
  filesExclude?: Record<string, boolean>;
  /** Announce window.workDoneProgress support. */
  workDoneProgress?: boolean;
  /** Extra client capabilities, merged into the `workspace` and `textDocument` sections announced by default. */
  capabilities?: { workspace?: Record<string, unknown>; textDocument?: Record<string, unknown> };
}

export interface ProgressEvent {
  token: ProgressToken;
  value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;
}

interface Waiter {
  check: () => boolean;
}

export class LspClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly publishes: PublishDiagnosticsParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly statuses: StatusParams[] = [];
  readonly progressCreated: ProgressToken[] = [];
  readonly progress: ProgressEvent[] = [];
  readonly registrations: Registration[] = [];
  settings: Record<string, unknown>;
  filesExclude: Record<string, boolean>;
  initializeResult!: InitializeResult;
  stderr = '';
  private exited: string | undefined;
  private readonly waiters = new Set<Waiter>();
  private readonly versions = new Map<string, number>();

  private constructor(
    readonly connection: ProtocolConnection,
    readonly process: ChildProcess,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
    this.filesExclude = options.filesExclude ?? {};
  }

  static async start(options: StartOptions): Promise<LspClient> {
    if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run \`node scripts/build.mjs\` first.`);
    const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(connection, child, options);
    client.listen();
    connection.listen();
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: options.folders[0] ? uriOf(options.folders[0]) : null,
      workspaceFolders: options.folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          symbol: {},
          ...options.capabilities?.workspace,
        },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true, versionSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          ...options.capabilities?.textDocument,
        },
        window: { workDoneProgress: options.workDoneProgress === true },
      },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private listen(): void {
    const c = this.connection;
    c.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.publishes.push(p);
      this.diagnostics.set(p.uri, p.diagnostics);
      this.poke();
    });
    c.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p);
      this.poke();
    });
    c.onNotification(StatusNotificationMethod, (p: StatusParams) => {
      this.statuses.push(p);
      this.poke();
    });
    c.onNotification('$/progress', (p: ProgressEvent) => {
      this.progress.push(p);
      this.poke();
    });
    c.onRequest(ConfigurationRequest.type, (p) =>
      p.items.map((item) => (item.section === 'files' ? { exclude: this.filesExclude } : item.section === 'kube-netlens' ? this.settings : null)),
    );
    c.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations);
      this.poke();
    });
    c.onRequest(WorkDoneProgressCreateRequest.type, (p) => {
      this.progressCreated.push(p.token);
      this.poke();
    });
    this.process.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.process.on('exit', (code, signal) => {
      this.exited = `server exited (code ${code}, signal ${signal})`;
      this.poke();
    });
  }

  private poke(): void {
    for (const w of [...this.waiters]) w.check();
  }

  /** Resolves with the predicate's first truthy value; rejects after the timeout or when the server dies. */
  waitFor<T>(what: string, predicate: () => T | undefined | null | false, timeoutMs = WAIT_MS): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          let value: T | undefined | null | false;
          try {
            value = predicate();
          } catch (e) {
            finish();
            reject(e);
            return true;
          }
          if (value) {
            finish();
            resolve(value);
            return true;
          }
          if (this.exited !== undefined) {
            finish();
            reject(new Error(`${what}: ${this.exited}\n${this.stderr}`));
            return true;
          }
          return false;
        },
      };
      const timer = setTimeout(() => {
        finish();
        const recent = this.logs.slice(-10).map((l) => `  log: ${l.message}`).join('\n');
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}\n${recent}\n${this.stderr}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
      waiter.check();
    });
  }

  /** The end of the initial indexing: a status reporting neither indexing nor checking, after one that reported indexing. */
  waitForIndexed(): Promise<StatusParams> {
    return this.waitFor('initial indexing to finish', () => {
      const started = this.statuses.findIndex((s) => s.indexing);
      return started >= 0 ? this.statuses.slice(started).find((s) => !s.indexing && !s.checking) : undefined;
    });
  }

  /** Waits for a publish for `uri` (after `since` publishes) whose diagnostics satisfy the predicate. */
  waitForDiagnostics(uri: string, what: string, predicate: (d: Diagnostic[]) => boolean, since = 0): Promise<Diagnostic[]> {
    return this.waitFor(`diagnostics of ${path.basename(uri)}: ${what}`, () => {
      for (let i = this.publishes.length - 1; i >= since; i--) {
        const p = this.publishes[i]!;
        if (p.uri !== uri) continue;
        return predicate(p.diagnostics) ? p.diagnostics : undefined;
      }
      return undefined;
    });
  }

  open(uri: string, text: string, languageId = 'yaml'): Promise<void> {
    this.versions.set(uri, 1);
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole buffer. */
  change(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): Promise<void> {
    this.versions.delete(uri);
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  watchedFilesChanged(changes: FileEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  changeFolders(added: string[], removed: string[]): Promise<void> {
    const folder = (f: string): { uri: string; name: string } => ({ uri: uriOf(f), name: path.basename(f) });
    return this.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: added.map(folder), removed: removed.map(folder) },
    });
  }

  /** Changes the settings the client answers with, and tells the server (as VS Code does, with no payload). */
  changeSettings(settings: Record<string, unknown>, filesExclude = this.filesExclude): Promise<void> {
    this.settings = settings;
    this.filesExclude = filesExclude;
    return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  async documentSymbols(uri: string): Promise<DocumentSymbol[]> {
    return ((await this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) ?? []) as DocumentSymbol[];
  }

  async workspaceSymbols(query: string): Promise<(SymbolInformation | WorkspaceSymbol)[]> {
    return (await this.connection.sendRequest(WorkspaceSymbolRequest.type, { query })) ?? [];
  }

  /** Shuts the server down politely; kills it if it does not exit. Resolves with its exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.process.exitCode !== null) resolve(this.process.exitCode);
      else this.process.once('exit', (code) => resolve(code));
    });
    try {
      if (this.exited === undefined) {
        await this.connection.sendRequest(ShutdownRequest.type);
        await this.connection.sendNotification(ExitNotification.type);
      }
    } catch {
      // Already gone: the exit code tells.
    }
    const killer = setTimeout(() => this.process.kill('SIGKILL'), 5_000);
    const code = await exited;
    clearTimeout(killer);
    this.connection.dispose();
    return code;
  }
}

/** A temporary workspace folder with the given files (relative path → content). */
export class TempWorkspace {
  private constructor(readonly root: string) {}

  static async create(files: Record<string, string | Buffer>): Promise<TempWorkspace> {
    const root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'kube-netlens-lsp-')));
    const ws = new TempWorkspace(root);
    for (const [rel, content] of Object.entries(files)) await ws.write(rel, content);
    return ws;
  }

  path(rel: string): string {
    return path.join(this.root, ...rel.split('/'));
  }

  uri(rel: string): string {
    return uriOf(this.path(rel));
  }

  async write(rel: string, content: string | Buffer): Promise<void> {
    await fs.mkdir(path.dirname(this.path(rel)), { recursive: true });
    await fs.writeFile(this.path(rel), content);
  }

  async remove(rel: string): Promise<void> {
    await fs.rm(this.path(rel), { force: true });
  }

  async dispose(): Promise<void> {
    await fs.rm(this.root, { recursive: true, force: true });
  }
}

/** Diagnostics codes of a list, sorted, for compact assertions. */
export function codes(diagnostics: readonly Diagnostic[] | undefined): string[] {
  return (diagnostics ?? []).map((d) => String(d.code ?? '')).sort();
}
