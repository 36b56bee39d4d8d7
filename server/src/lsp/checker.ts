// Runs the rules over files and publishes their diagnostics: a changed file at once, then in the
// background the files whose findings may depend on it. Only changed diagnostics are sent.

import type { Diagnostic } from 'vscode-languageserver/node';
import type { ChangeSummary } from '../index/workspaceIndex';
import { findingsForFile } from '../checks/run';
import { filesToRecheck } from '../checks/dependencies';
import { toDiagnostic, tooLargeNotice, type DiagnosticsPublisher } from './diagnostics';
import type { Logger, ServerState } from './state';
import { WorkQueue } from './workQueue';

export class Checker {
  private readonly queue: WorkQueue;
  /** False until the workspace is indexed for the first time. */
  workspaceReady = false;

  constructor(
    private readonly state: ServerState,
    private readonly publisher: DiagnosticsPublisher,
    private readonly log: Logger,
    onIdle: () => void,
    /** True while an edit waits to be checked: background work then steps aside. */
    editPending: () => boolean,
    /** True while folders are being (re-)indexed. */
    private readonly indexing: () => boolean,
  ) {
    this.queue = new WorkQueue((uri) => this.publishFor(uri), onIdle, () => editPending() || indexing());
  }

  get busy(): boolean {
    return this.queue.busy;
  }

  /** Resumes background work held for an edit. */
  resume(): void {
    this.queue.kick();
  }

  /**
   * After a change to one file: that file now, its dependants in the background. While folders are
   * indexed nothing is checked: cross-file rules would judge half the workspace, and querying the
   * index makes it maintain its lookup tables through every remaining file of the load.
   * Everything is checked when indexing ends.
   */
  async changed(change: ChangeSummary): Promise<void> {
    if (!this.workspaceReady || this.indexing()) return;
    this.queue.delete(change.uri);
    await this.publishFor(change.uri);
    this.queue.add(filesToRecheck(this.state.index, change).filter((uri) => uri !== change.uri));
  }

  /** After many changes at once: the changed files and their dependants, all in the background. */
  changedMany(changes: readonly ChangeSummary[]): void {
    if (changes.length === 0 || !this.workspaceReady || this.indexing()) return;
    const uris = new Set<string>();
    for (const change of changes) for (const uri of filesToRecheck(this.state.index, change)) uris.add(uri);
    this.queue.add(uris);
  }

  /** Re-checks every file that has or may have diagnostics (after indexing or a settings change). */
  recheckAll(): void {
    const uris = new Set(this.publisher.shownUris());
    for (const file of this.state.index.allFiles()) {
      if (file.status === 'kubernetes' || this.state.tooLarge.has(file.uri)) uris.add(file.uri);
    }
    this.queue.add(uris);
  }

  async publishFor(uri: string): Promise<void> {
    try {
      const diagnostics = await this.diagnosticsFor(uri);
      const file = this.state.index.getFile(uri);
      this.publisher.publish(uri, diagnostics, this.state.open.has(uri) ? file?.version : undefined);
    } catch (e) {
      this.log.error(`Checking ${uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }

  private async diagnosticsFor(uri: string): Promise<Diagnostic[]> {
    const settings = await this.state.settingsFor(uri);
    const file = this.state.index.getFile(uri);
    if (!file) return [];
    if (settings.diagnosticsScope === 'openFiles' && !this.state.open.has(uri)) return [];
    const big = this.state.tooLarge.get(uri);
    if (big) return big.showNotice ? [tooLargeNotice(big.size, big.maxFileSize)] : [];
    const findings = findingsForFile(this.state.index, uri, settings.check);
    const lines = this.state.index.lineIndex(uri);
    return lines ? findings.map((f) => toDiagnostic(f, lines)) : [];
  }
}
