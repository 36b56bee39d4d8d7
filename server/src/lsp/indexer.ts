// Feeds files from disk into the index: whole workspace folders (at start-up, after settings
// change), single files (watched-file events, a closed buffer reverting to disk). Open buffers win.

import type { ChangeSummary } from '../index/workspaceIndex';
import { findFiles, headLooksLikeManifest, readText, type FoundFile } from '../node/workspaceFiles';
import { readForIndex, type DiskRead } from './diskFiles';
import type { FolderSettings } from './settings';
import type { Content, Logger, ServerState } from './state';
import { fileUri, fsPathOf, type Folder } from './uris';

export interface Progress {
  begin(title: string, percentage?: number, message?: string, cancellable?: boolean): void;
  report(percentage: number, message?: string): void;
  done(): void;
}

const BATCH = 64;
/** Longest stretch of parsing before letting queued messages through. */
const YIELD_MS = 15;
const REPORT_MS = 100;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

interface FolderJob {
  folder: Folder;
  settings: FolderSettings;
  files: FoundFile[];
}

export class Indexer {
  private chain: Promise<void> = Promise.resolve();
  private running = 0;
  private readonly loads = new Map<string, Promise<void>>();
  /** File events seen while indexing, numbered, and the number of the last one about each file. */
  private eventCount = 0;
  private readonly lastEvent = new Map<string, number>();

  constructor(
    private readonly state: ServerState,
    private readonly log: Logger,
    private readonly createProgress: () => Promise<Progress>,
    private readonly onRemoved: (uri: string, change: ChangeSummary | undefined) => void,
  ) {}

  get indexing(): boolean {
    return this.running > 0;
  }

  /** Indexes folders, one run after another; resolves when this run is done. */
  indexFolders(folders: readonly Folder[]): Promise<void> {
    this.running++;
    const run = this.chain.then(() => this.run(folders));
    this.chain = run.catch((e) => this.log.error(`Indexing failed: ${errorText(e)}`)).finally(() => this.running--);
    return this.chain;
  }

  /** A watched-file event about `uri` arrived: a read of it by a running indexing is now stale. */
  noteEvent(uri: string): void {
    if (this.running > 0) this.lastEvent.set(uri, ++this.eventCount);
  }

  /**
   * Reads one file from disk into the index (or takes it out). Undefined when nothing changed.
   * Loads of one file run one after another, so an older read never lands after a newer one.
   */
  loadFile(uri: string): Promise<ChangeSummary | undefined> {
    const previous = this.loads.get(uri) ?? Promise.resolve();
    const load = previous.then(() => this.load(uri));
    const settled = load.then(
      () => undefined,
      () => undefined,
    );
    this.loads.set(uri, settled);
    void settled.then(() => {
      if (this.loads.get(uri) === settled) this.loads.delete(uri);
    });
    return load;
  }

  private async load(uri: string): Promise<ChangeSummary | undefined> {
    const fsPath = fsPathOf(uri);
    if (fsPath === undefined || this.state.open.has(uri)) return undefined;
    const settings = await this.state.settingsFor(uri);
    if (!this.state.accepts(uri, settings)) return this.state.remove(uri);
    const read = await readForIndex(fsPath, settings.maxFileSize);
    if (this.state.open.has(uri)) return undefined; // opened while we read: the buffer wins
    return this.apply(uri, read, settings);
  }

  private apply(uri: string, read: DiskRead, settings: FolderSettings): ChangeSummary | undefined {
    switch (read.kind) {
      case 'text':
        return this.state.store(uri, { kind: 'text', text: read.text, version: 0 }, settings);
      case 'too-large':
        return this.state.store(uri, { kind: 'too-large', size: read.size, looksLikeManifest: read.looksLikeManifest }, settings);
      case 'unreadable':
        this.log.warn(`Cannot read ${fsPathOf(uri) ?? uri}: ${read.reason}`);
        return this.state.remove(uri);
      case 'missing':
        return this.state.remove(uri);
    }
  }

  private async run(folders: readonly Folder[]): Promise<void> {
    const progress = await this.createProgress().catch(() => undefined);
    progress?.begin('Kubernetes Network Lens', 0, 'Looking for manifests', false);
    try {
      const jobs: FolderJob[] = [];
      for (const folder of folders) {
        if (!this.state.folders.all.includes(folder)) continue; // removed meanwhile
        jobs.push(await this.walk(folder));
      }
      const total = jobs.reduce((n, j) => n + j.files.length, 0);
      const message = `Indexing ${formatCount(total)} ${total === 1 ? 'manifest' : 'manifests'}`;
      progress?.report(0, message);
      this.log.info(`${message} in ${jobs.map((j) => j.folder.name).join(', ') || 'no folder'}`);
      const started = Date.now();
      let done = 0;
      let lastReport = Date.now();
      for (const job of jobs) {
        this.dropUnselected(job);
        await this.readAll(job, (n) => {
          done += n;
          if (Date.now() - lastReport >= REPORT_MS) {
            lastReport = Date.now();
            progress?.report(total ? (100 * done) / total : 100, message);
          }
        });
      }
      progress?.report(100, message);
      const resources = this.state.resourceTotal();
      this.log.info(`Indexed ${formatCount(total)} files (${formatCount(resources)} ${resources === 1 ? 'resource' : 'resources'}) in ${Date.now() - started} ms.`);
    } finally {
      progress?.done();
      this.lastEvent.clear();
    }
  }

  private async walk(folder: Folder): Promise<FolderJob> {
    const settings = await this.state.settings.get(folder.uri);
    const found = await findFiles(folder.fsPath, { include: settings.include, exclude: settings.exclude, maxFileSize: settings.maxFileSize });
    const files: FoundFile[] = [];
    for (const f of found) {
      if (f.kind === 'unreadable') {
        this.log.warn(`Cannot read ${f.path}: ${f.reason}`);
        continue;
      }
      // A file inside a nested workspace folder is that folder's (its settings apply).
      if (this.state.folderOf(fileUri(f.path)) === folder) files.push(f);
    }
    return { folder, settings, files };
  }

  /** After a settings change: files no longer selected leave the index. */
  private dropUnselected(job: FolderJob): void {
    const selected = new Set(job.files.map((f) => fileUri(f.path)));
    for (const uri of this.state.filesOf(job.folder)) {
      if (!selected.has(uri) && !this.state.open.has(uri)) this.onRemoved(uri, this.state.remove(uri));
    }
  }

  /** Reads in batches, the next batch's reads overlapping this batch's parsing. */
  private async readAll(job: FolderJob, advanced: (n: number) => void): Promise<void> {
    const batches: FoundFile[][] = [];
    for (let i = 0; i < job.files.length; i += BATCH) batches.push(job.files.slice(i, i + BATCH));
    // Each batch remembers the last file event before its reads began: a later event about a file
    // (deleted, renamed, changed) makes what was read of it stale.
    const readBatch = (batch: FoundFile[]): Promise<{ contents: (Content | undefined)[]; stamp: number }> => {
      const stamp = this.eventCount;
      return Promise.all(batch.map((f) => this.readFound(f))).then((contents) => ({ contents, stamp }));
    };
    let next = batches.length ? readBatch(batches[0]!) : undefined;
    let sliceStart = Date.now();
    for (let b = 0; b < batches.length; b++) {
      const { contents, stamp } = await next!;
      next = b + 1 < batches.length ? readBatch(batches[b + 1]!) : undefined;
      sliceStart = Date.now();
      const batch = batches[b]!;
      for (let i = 0; i < batch.length; i++) {
        const uri = fileUri(batch[i]!.path);
        const content = contents[i];
        if (this.state.open.has(uri) || !this.state.folders.all.includes(job.folder)) continue;
        if ((this.lastEvent.get(uri) ?? 0) > stamp) continue; // the event's own load has the newer content
        if (content === undefined) {
          this.state.remove(uri); // gone since the walk listed it
          continue;
        }
        try {
          this.state.store(uri, content, job.settings);
        } catch (e) {
          this.log.error(`Indexing ${uri} failed: ${errorText(e)}`);
        }
        if (Date.now() - sliceStart > YIELD_MS) {
          await yieldToEventLoop();
          sliceStart = Date.now();
        }
      }
      advanced(batch.length);
    }
  }

  /** The file's content; undefined when it no longer exists (deleted or renamed since the walk). */
  private async readFound(f: FoundFile): Promise<Content | undefined> {
    if (f.kind === 'too-large') return { kind: 'too-large', size: f.size, looksLikeManifest: await headLooksLikeManifest(f.path) };
    const read = await readText(f.path);
    if ('text' in read) return { kind: 'text', text: read.text, version: 0 };
    if (read.error.startsWith('ENOENT')) return undefined;
    this.log.warn(`Cannot read ${f.path}: ${read.error}`);
    // Recorded as empty: an unreadable file has nothing to report.
    return { kind: 'text', text: '', version: 0 };
  }
}

export function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
