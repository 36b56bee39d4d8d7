// What the server knows: the index, the workspace folders, the open buffers, the per-folder
// settings, and the files skipped as too large. Changes go through here so the bookkeeping stays in step.

import type { ChangeSummary } from '../index/workspaceIndex';
import { WorkspaceIndex } from '../index/workspaceIndex';
import type { Resource } from '../model/types';
import type { FileMatcher } from '../node/workspaceFiles';
import { type FolderSettings, type SettingsStore } from './settings';
import { Folders, folderMatcher, fsPathOf, relativePath, type Folder } from './uris';

export interface TooLargeFile {
  size: number;
  maxFileSize: number;
  /** Its start looks like Kubernetes YAML, so the user is told in Problems (else only in the log). */
  showNotice: boolean;
}

export type Content =
  | { kind: 'text'; text: string; version: number }
  | { kind: 'too-large'; size: number; looksLikeManifest: boolean };

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const NO_CHANGE = (uri: string): ChangeSummary => ({ uri, namespaces: new Set(), kinds: new Set() });

function sameResources(a: readonly Resource[], b: readonly Resource[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.kind !== y.kind || x.name !== y.name || x.namespace !== y.namespace || x.docIndex !== y.docIndex) return false;
    if (JSON.stringify(x.value) !== JSON.stringify(y.value)) return false;
  }
  return true;
}

export class ServerState {
  readonly index = new WorkspaceIndex();
  readonly folders = new Folders();
  /** Open buffers: canonical URI → the URI as the client spelled it (the key of its document). */
  readonly open = new Map<string, string>();
  readonly tooLarge = new Map<string, TooLargeFile>();
  private readonly matchers = new WeakMap<FolderSettings, FileMatcher>();

  constructor(
    readonly settings: SettingsStore,
    private readonly log: Logger,
  ) {}

  folderOf(uri: string): Folder | undefined {
    return this.folders.folderOf(uri);
  }

  settingsFor(uri: string): Promise<FolderSettings> {
    return this.settings.get(this.folderOf(uri)?.uri);
  }

  /**
   * Whether a file belongs in the index. Files inside a workspace folder must pass its
   * include/exclude globs; open buffers elsewhere (single files, untitled) always do.
   */
  accepts(uri: string, settings: FolderSettings): boolean {
    const folder = this.folderOf(uri);
    const fsPath = fsPathOf(uri);
    if (!folder || fsPath === undefined) return this.open.has(uri);
    let matcher = this.matchers.get(settings);
    if (!matcher) {
      matcher = folderMatcher(settings);
      this.matchers.set(settings, matcher);
    }
    return matcher(relativePath(folder, fsPath));
  }

  /** Puts a file's content into the index. */
  store(uri: string, content: Content, settings: FolderSettings): ChangeSummary {
    if (content.kind === 'text') {
      this.tooLarge.delete(uri);
      const before = this.index.getFile(uri);
      // Parse options are per folder; the index takes them for the next update.
      this.index.setOptions({ defaultNamespace: settings.defaultNamespace });
      const change = this.index.update(uri, content.text, content.version);
      // Other files read only resources: an edit that leaves them as they were (comments,
      // layout, a YAML error that keeps every resource) concerns this file alone.
      const after = this.index.getFile(uri);
      return before && after && sameResources(before.resources, after.resources) ? NO_CHANGE(uri) : change;
    }
    const change = this.index.remove(uri) ?? NO_CHANGE(uri);
    this.index.markSkipped(uri, 'too-large');
    const before = this.tooLarge.get(uri);
    this.tooLarge.set(uri, { size: content.size, maxFileSize: settings.maxFileSize, showNotice: content.looksLikeManifest });
    if (!before || before.maxFileSize !== settings.maxFileSize) {
      this.log.info(`Skipped ${fsPathOf(uri) ?? uri}: ${content.size} bytes, over kube-netlens.maxFileSize (${settings.maxFileSize}).`);
    }
    return change;
  }

  remove(uri: string): ChangeSummary | undefined {
    this.tooLarge.delete(uri);
    return this.index.remove(uri);
  }

  /** Resources in the index, counted without making the index build its lookup tables. */
  resourceTotal(): number {
    let n = 0;
    for (const file of this.index.allFiles()) n += file.resources.length;
    return n;
  }

  /** Indexed files inside a folder (and not inside a nested folder of its own). */
  filesOf(folder: Folder): string[] {
    const out: string[] = [];
    for (const file of this.index.allFiles()) {
      if (this.folderOf(file.uri) === folder) out.push(file.uri);
    }
    return out;
  }
}
