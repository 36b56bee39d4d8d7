// The reachability webview panel's host side: one panel at a time, restored after a reload by a
// serializer; a strict CSP with a fresh nonce per page; every message from the webview validated
// before it is acted on; models fetched from the language server and pushed to the panel.

import { randomBytes } from 'node:crypto';
import {
  Position,
  Range,
  Uri,
  ViewColumn,
  window,
  workspace,
  type Disposable,
  type LogOutputChannel,
  type WebviewPanel,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { panelHtml } from '../../../server/src/reachability/html';
import {
  REACHABILITY_VIEW_TYPE,
  ReachabilityLocateMethod,
  ReachabilityModelMethod,
  ReachabilityProposeEditMethod,
  type EditProposal,
  type ExportFormat,
  type HostToPanel,
  type LocateResult,
  type PanelModel,
  type PanelToHost,
  type ProposeEditParams,
  type SourceRef,
} from '../../../server/src/reachability/protocol';
import { checkPanelToHost } from '../../../server/src/reachability/validate';
import { previewAndApply, type ProposalPreviews } from './edits';
import { ServerBridge, ServerNotRunning } from './serverBridge';

export interface PanelContext {
  extensionUri: Uri;
  getClient(): LanguageClient | undefined;
  log: LogOutputChannel;
  previews: ProposalPreviews;
}

/** The only folder the webview may load from: the bundled script and stylesheet. */
export function bundleFolder(extensionUri: Uri): Uri {
  return Uri.joinPath(extensionUri, 'dist', 'media');
}

export const PANEL_TITLE = 'Reachability';
/** Model requests wait this long after a change notification or a save, so bursts coalesce. */
const REFRESH_DELAY_MS = 50;
/** A proposal computed on text older than the editor's is asked for again, this many times. */
const STALE_RETRIES = 3;

const EXTENSIONS: Record<ExportFormat, { ext: string; name: string }> = {
  csv: { ext: 'csv', name: 'CSV' },
  markdown: { ext: 'md', name: 'Markdown' },
  svg: { ext: 'svg', name: 'SVG' },
  mermaid: { ext: 'mmd', name: 'Mermaid' },
};

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class ReachabilityPanel implements Disposable {
  static current: ReachabilityPanel | undefined;

  private readonly disposables: Disposable[] = [];
  private readonly bridge: ServerBridge;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private ready = false;
  private disposed = false;
  private pendingFocus: string | undefined;
  /** The saved state the page has been sent (by fingerprint), so it need not be sent again. */
  private savedKeyPosted: string | undefined;

  /** Opens the panel beside the editor, or reveals the open one. */
  static createOrShow(ctx: PanelContext, focus?: string): ReachabilityPanel {
    const existing = ReachabilityPanel.current;
    if (existing) {
      existing.panel.reveal();
      if (focus) existing.focus(focus);
      return existing;
    }
    const panel = window.createWebviewPanel(REACHABILITY_VIEW_TYPE, PANEL_TITLE, { viewColumn: ViewColumn.Beside, preserveFocus: false }, ReachabilityPanel.options(ctx));
    const created = new ReachabilityPanel(panel, ctx);
    if (focus) created.focus(focus);
    return created;
  }

  /** Takes over a panel VS Code restored after a reload (its webview state comes back by itself). */
  static revive(panel: WebviewPanel, ctx: PanelContext): ReachabilityPanel {
    ReachabilityPanel.current?.dispose();
    return new ReachabilityPanel(panel, ctx);
  }

  static options(ctx: PanelContext) {
    return { enableScripts: true, localResourceRoots: [bundleFolder(ctx.extensionUri)] };
  }

  private constructor(
    private readonly panel: WebviewPanel,
    private readonly ctx: PanelContext,
  ) {
    ReachabilityPanel.current = this;
    panel.webview.options = ReachabilityPanel.options(ctx);
    panel.webview.html = this.html();
    this.bridge = new ServerBridge(ctx.getClient, () => this.scheduleRefresh(), ctx.log);
    this.disposables.push(
      this.bridge,
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      // Saving changes the "saved" state even when the index (the buffer) does not change.
      workspace.onDidSaveTextDocument(() => this.scheduleRefresh()),
    );
  }

  private html(): string {
    const webview = this.panel.webview;
    const bundle = bundleFolder(this.ctx.extensionUri);
    return panelHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      scriptUri: webview.asWebviewUri(Uri.joinPath(bundle, 'panel.js')).toString(),
      styleUri: webview.asWebviewUri(Uri.joinPath(bundle, 'panel.css')).toString(),
      title: PANEL_TITLE,
    });
  }

  focus(endpoint: string): void {
    if (this.ready) void this.post({ type: 'focus', endpoint });
    else this.pendingFocus = endpoint;
  }

  private post(message: HostToPanel): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  private async receive(raw: unknown): Promise<void> {
    const checked = checkPanelToHost(raw);
    if (!checked.ok) {
      this.ctx.log.warn(`Reachability panel: ignored a message from the webview (${checked.error}).`);
      return;
    }
    const message: PanelToHost = checked.value;
    try {
      switch (message.type) {
        case 'ready':
          // A (re)loaded page holds nothing yet.
          this.ready = true;
          this.savedKeyPosted = undefined;
          await this.refresh();
          if (this.pendingFocus) {
            await this.post({ type: 'focus', endpoint: this.pendingFocus });
            this.pendingFocus = undefined;
          }
          return;
        case 'openSource':
          await this.openSource(message.source);
          return;
        case 'proposeEdit':
          await this.proposeEdit({ action: message.action, from: message.from, to: message.to, ...(message.port ? { port: message.port } : {}) });
          return;
        case 'export':
          await this.saveExport(message.format, message.content);
          return;
      }
    } catch (e) {
      this.ctx.log.error(`Reachability panel: ${message.type} failed: ${errorText(e)}`);
      if (e instanceof ServerNotRunning) await this.post({ type: 'status', text: e.message });
    }
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.refresh();
    }, REFRESH_DELAY_MS);
  }

  private async refresh(): Promise<void> {
    if (!this.ready) return;
    try {
      const model = await this.bridge.request<PanelModel>(ReachabilityModelMethod, {});
      if (model.savedKey !== '' && model.savedKey === this.savedKeyPosted) {
        // The panel holds this saved state already: leave the larger half of the model out.
        await this.post({ type: 'model', model: { ...model, saved: null }, savedUnchanged: true });
        return;
      }
      this.savedKeyPosted = model.savedKey;
      await this.post({ type: 'model', model });
    } catch (e) {
      await this.post({ type: 'status', text: e instanceof ServerNotRunning ? `${e.message} Waiting for it to start…` : `Could not get the reachability model: ${errorText(e)}` });
    }
  }

  private async openSource(source: SourceRef): Promise<void> {
    const where = await this.bridge.request<LocateResult | null>(ReachabilityLocateMethod, { source });
    if (!where) {
      void window.showWarningMessage(`${source.uri} is no longer in the workspace index.`);
      return;
    }
    const range = new Range(new Position(where.range.start.line, where.range.start.character), new Position(where.range.end.line, where.range.end.character));
    const doc = await workspace.openTextDocument(Uri.parse(where.uri));
    await window.showTextDocument(doc, { viewColumn: this.editorColumn(), selection: range, preserveFocus: false });
  }

  /** Where files open: beside the panel, so the matrix stays in view. */
  private editorColumn(): ViewColumn {
    return this.panel.viewColumn === ViewColumn.One ? ViewColumn.Two : ViewColumn.One;
  }

  private async proposeEdit(params: ProposeEditParams): Promise<void> {
    for (let attempt = 0; attempt <= STALE_RETRIES; attempt++) {
      const proposal = await this.bridge.request<EditProposal>(ReachabilityProposeEditMethod, params);
      if (!proposal.ok) {
        await this.post({ type: 'editResult', ok: false, message: proposal.reason });
        return;
      }
      const outcome = await previewAndApply(this.ctx.previews, proposal, this.editorColumn());
      if (outcome.kind === 'stale') {
        // The server has not seen the latest keystrokes yet: give it a moment and ask again.
        await new Promise((resolve) => setTimeout(resolve, 150));
        continue;
      }
      const message =
        outcome.kind === 'applied'
          ? `${proposal.title}: applied. ${proposal.changes.join(' ')}${proposal.sideEffects.length ? ` Also changed: ${proposal.sideEffects.join('; ')}` : ''}`
          : outcome.kind === 'moved'
            ? `${proposal.title}: the file changed while the preview was open; nothing was applied.`
            : `${proposal.title}: discarded; nothing changed.`;
      await this.post({ type: 'editResult', ok: outcome.kind === 'applied', message });
      return;
    }
    await this.post({ type: 'editResult', ok: false, message: 'The files kept changing while the edit was prepared; try again.' });
  }

  private async saveExport(format: ExportFormat, content: string): Promise<void> {
    const { ext, name } = EXTENSIONS[format];
    const folder = workspace.workspaceFolders?.[0]?.uri;
    const target = await window.showSaveDialog({
      title: `Export reachability as ${name}`,
      ...(folder ? { defaultUri: Uri.joinPath(folder, `reachability.${ext}`) } : {}),
      filters: { [name]: [ext] },
    });
    if (!target) return;
    await workspace.fs.writeFile(target, new TextEncoder().encode(content));
    const open = await window.showInformationMessage(`Saved ${target.fsPath || target.toString()}.`, 'Open');
    if (open === 'Open') await window.showTextDocument(target);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (ReachabilityPanel.current === this) ReachabilityPanel.current = undefined;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
