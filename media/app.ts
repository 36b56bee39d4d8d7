// The panel: receives the model from the extension host, evaluates it with the shared evaluator
// (current and saved state), and keeps the matrix, graph, explanation and filters in step. User
// intent that needs the editor (open a file, change YAML, save an export) goes back as messages.

import type { PortQuery, SourceRef } from '../server/src/policy/types';
import { canonicalExternal } from '../server/src/reachability/endpoints';
import { matrixCsv, matrixMarkdown, matrixMermaid } from '../server/src/reachability/exports';
import type { EditAction, ExportFormat, HostToPanel, PanelModel, PanelWorldInput } from '../server/src/reachability/protocol';
import { checkHostToPanel } from '../server/src/reachability/validate';
import {
  buildView,
  cellInfo,
  cellKey,
  changedCells,
  filterEndpoints,
  namespacesOf,
  NO_FILTERS,
  type EndpointView,
  type Filters,
  type ReachabilityView,
} from '../server/src/reachability/view';
import { clear, el } from './dom';
import { renderExplanationPane } from './explain';
import { GraphView, type GraphInput } from './graph';
import { MatrixGrid } from './grid';
import { restoreState, type CellRef, type PanelState, type ViewKind } from './state';
import { Toolbar } from './toolbar';
import type { VsCodeApi } from './vscodeApi';

const PERSIST_DELAY_MS = 200;
/** Evaluated states kept: the current one, the saved one, and the one before the last edit. */
const VIEW_CACHE_SIZE = 4;

export class App {
  private state: PanelState;
  private model: PanelModel | undefined;
  private view: ReachabilityView | undefined;
  private savedView: ReachabilityView | undefined;
  /** Evaluated inputs by fingerprint and external endpoints, most recent last. */
  private readonly views = new Map<string, { key: string; input: PanelWorldInput; view: ReachabilityView }>();
  private changed: ReadonlySet<string> = new Set();
  private shown: { rows: EndpointView[]; cols: EndpointView[] } = { rows: [], cols: [] };
  private shownFor: { view?: ReachabilityView; filters?: Filters; changed?: ReadonlySet<string> } = {};
  private graphInput: GraphInput | undefined;
  private scrollRestored = false;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly toolbar: Toolbar;
  private readonly status: HTMLElement;
  private readonly grid: MatrixGrid;
  private readonly graph: GraphView;
  private readonly matrixPane: HTMLElement;
  private readonly graphPane: HTMLElement;
  private readonly emptyNote: HTMLElement;
  private readonly explainPane: HTMLElement;
  private readonly explainBody: HTMLElement;
  private readonly editMessage: HTMLElement;

  constructor(
    private readonly root: HTMLElement,
    private readonly api: VsCodeApi<unknown>,
  ) {
    this.state = restoreState(api.getState());
    this.toolbar = new Toolbar(this.state.filters, {
      filters: (f) => this.setFilters(f),
      view: (v) => this.setView(v),
      addExternal: (text) => this.addExternal(text),
      removeExternal: (id) => this.removeExternal(id),
      export: (format) => this.export(format),
    });
    this.status = el('div', { className: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
    this.grid = new MatrixGrid({ select: (cell) => this.select(cell), scrolled: (scroll) => this.update({ scroll }) });
    this.graph = new GraphView({ select: (cell) => this.select(cell) });
    this.emptyNote = el('p', { className: 'muted empty', text: '' });
    this.matrixPane = el('section', { className: 'pane matrix-pane', attrs: { id: 'pane-matrix', role: 'tabpanel', 'aria-labelledby': 'tab-matrix' } }, [
      this.legend(),
      this.emptyNote,
      this.grid.element,
    ]);
    this.graphPane = el('section', { className: 'pane graph-pane', attrs: { id: 'pane-graph', role: 'tabpanel', 'aria-labelledby': 'tab-graph' } }, [this.legend(), this.graph.element]);
    this.editMessage = el('div', { className: 'edit-message', attrs: { role: 'status', 'aria-live': 'polite' } });
    this.explainBody = el('div', { className: 'explain-content' }, [el('p', { className: 'muted', text: 'Select a cell (click, or arrow keys and Enter) to see why it is allowed or denied.' })]);
    this.explainPane = el('aside', { className: 'explain', attrs: { 'aria-label': 'Explanation' } }, [this.editMessage, this.explainBody]);

    clear(root);
    root.removeAttribute('aria-busy');
    root.appendChild(this.toolbar.element);
    root.appendChild(this.status);
    root.appendChild(el('main', { className: 'body' }, [el('div', { className: 'views' }, [this.matrixPane, this.graphPane]), this.explainPane]));
    this.toolbar.setExternals(this.state.externals);
    this.showView();
    this.status.textContent = 'Waiting for the language server…';

    window.addEventListener('message', (event: MessageEvent) => this.receive(event.data));
    api.postMessage({ type: 'ready' });
  }

  private legend(): HTMLElement {
    const item = (cls: string, text: string) => el('span', { className: 'legend-item' }, [el('span', { className: `swatch ${cls}`, attrs: { 'aria-hidden': 'true' } }), text]);
    return el('div', { className: 'legend', attrs: { 'aria-label': 'Legend' } }, [
      item('v-allowed', 'allowed'),
      item('v-partly', 'partly allowed'),
      item('v-denied', 'denied'),
      item('changed', 'changed since last save'),
      el('span', { className: 'legend-item' }, [el('span', { className: 'iso-badge', attrs: { 'aria-hidden': 'true' } }), 'isolated']),
    ]);
  }

  // --- messages from the host ------------------------------------------------------------------

  receive(raw: unknown): void {
    const checked = checkHostToPanel(raw);
    if (!checked.ok) {
      console.warn(`kube-netlens reachability panel: ignored a message (${checked.error})`);
      return;
    }
    this.handle(checked.value);
  }

  private handle(message: HostToPanel): void {
    switch (message.type) {
      case 'model': {
        const model = message.model;
        if (message.savedUnchanged && !this.hasInput(model.savedKey)) {
          // The host thinks we hold a saved state we do not (e.g. after a reload): ask for all of it.
          this.api.postMessage({ type: 'ready' });
          return;
        }
        this.model = model;
        this.rebuild();
        return;
      }
      case 'focus':
        this.setFilters({ ...NO_FILTERS, search: message.endpoint, axis: 'destinations' }, true);
        this.setView('matrix');
        return;
      case 'editResult':
        this.editMessage.className = `edit-message ${message.ok ? 'ok' : 'failed'}`;
        this.editMessage.textContent = message.message;
        return;
      case 'status':
        this.status.textContent = message.text;
        return;
    }
  }

  // --- computing ------------------------------------------------------------------------------

  /**
   * The view of an input, evaluated once per input (by the server's fingerprint) and set of
   * external endpoints. The few most recent are kept: typically the saved state of the first edit
   * is the state shown just before it, so that edit costs one evaluation, not two.
   */
  private viewOf(key: string, input: PanelWorldInput | null, externals: string[]): ReachabilityView | undefined {
    const cacheKey = `${key}\u0000${externals.join(',')}`;
    let entry = this.views.get(cacheKey);
    if (!entry) {
      const source = input ?? [...this.views.values()].find((e) => e.key === key)?.input;
      if (!source) return undefined;
      entry = { key, input: source, view: buildView(source, externals) };
    }
    this.views.delete(cacheKey);
    this.views.set(cacheKey, entry);
    while (this.views.size > VIEW_CACHE_SIZE) this.views.delete(this.views.keys().next().value!);
    return entry.view;
  }

  private hasInput(key: string): boolean {
    return [...this.views.values()].some((e) => e.key === key);
  }

  /** After a new model or a change of external endpoints: evaluate what is not evaluated yet. */
  private rebuild(): void {
    const model = this.model;
    if (!model) return;
    const externals = this.state.externals;
    const before = { view: this.view, saved: this.savedView };
    this.view = this.viewOf(model.currentKey, model.current, externals);
    this.savedView = model.savedKey === '' ? undefined : this.viewOf(model.savedKey, model.saved, externals);
    if (!this.view) return;
    if (!this.savedView) this.changed = new Set();
    else if (before.view !== this.view || before.saved !== this.savedView) this.changed = changedCells(this.view, this.savedView);
    this.toolbar.setNamespaces(namespacesOf(this.view));
    this.refresh();
  }

  /** After a filter, selection or view change: redraw what is shown. */
  private refresh(): void {
    const view = this.view;
    const model = this.model;
    if (!view || !model) return;
    const f = this.state.filters;
    // Filtering again only when its inputs changed keeps the graph's layout across selections.
    if (this.shownFor.view !== view || this.shownFor.filters !== f || this.shownFor.changed !== this.changed) {
      this.shown = filterEndpoints(view, f, this.changed);
      this.shownFor = { view, filters: f, changed: this.changed };
    }
    const { rows, cols } = this.shown;
    const workloads = view.endpoints.filter((e) => e.type === 'workload').length;
    this.emptyNote.textContent =
      workloads === 0 ? 'No workloads (Deployments, StatefulSets, Pods…) in the manifests of this workspace yet.' : rows.length === 0 || cols.length === 0 ? 'Nothing matches the filters.' : '';
    this.grid.setData({ view, rows, cols, changed: this.changed, ...(f.port ? { query: f.port } : {}), selection: this.state.selection });
    if (!this.scrollRestored) {
      this.scrollRestored = true;
      this.grid.scrollTo(this.state.scroll);
    }
    this.graphInput = { view, rows, cols, changed: this.changed, ...(f.port ? { query: f.port } : {}), selection: this.state.selection };
    if (this.state.view === 'graph') this.graph.render(this.graphInput);
    this.renderExplanation();
    this.status.textContent = this.statusText(view, model, rows.length, cols.length);
    this.root.setAttribute('data-generation', String(model.generation));
  }

  private statusText(view: ReachabilityView, model: PanelModel, rows: number, cols: number): string {
    const parts = [`${rows} sources × ${cols} destinations`, `${view.world.policies.length} NetworkPolicies`];
    if (model.savedKey !== '') {
      const files = model.unsavedFiles.length;
      parts.push(`${this.changed.size} cell${this.changed.size === 1 ? '' : 's'} changed by ${files} unsaved file${files === 1 ? '' : 's'}`);
    }
    if (view.matrix.errors.length > 0) parts.push(view.matrix.errors.join('; '));
    return parts.join(' · ');
  }

  private renderExplanation(): void {
    const view = this.view;
    const selection = this.state.selection;
    if (!view || !selection) return;
    const query = this.state.filters.port;
    let savedPorts: string | undefined;
    const savedView = this.savedView;
    if (this.changed.has(cellKey(selection.from, selection.to)) && savedView) {
      const from = savedView.byId.get(selection.from);
      const to = savedView.byId.get(selection.to);
      savedPorts = from && to ? (cellInfo(savedView, from, to)?.text ?? 'not applicable') : 'not there';
    }
    renderExplanationPane(this.explainBody, { view, selection, ...(query ? { query } : {}), ...(savedPorts !== undefined ? { savedPorts } : {}) }, {
      open: (source) => this.open(source),
      propose: (action, cell) => this.propose(action, cell),
      select: (cell) => this.select(cell),
    });
  }

  // --- user actions ---------------------------------------------------------------------------

  private update(patch: Partial<PanelState>): void {
    this.state = { ...this.state, ...patch };
    if (this.persistTimer !== undefined) clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => {
      this.persistTimer = undefined;
      this.api.setState(this.state);
    }, PERSIST_DELAY_MS);
  }

  private select(cell: CellRef): void {
    this.update({ selection: cell });
    this.editMessage.textContent = '';
    this.grid.reveal(cell);
    this.refresh();
  }

  private setFilters(filters: Filters, showInToolbar = false): void {
    this.update({ filters });
    if (showInToolbar) this.toolbar.show(filters);
    this.refresh();
  }

  private setView(kind: ViewKind): void {
    this.update({ view: kind });
    this.showView();
    if (kind === 'graph' && this.graphInput) this.graph.render(this.graphInput);
  }

  private showView(): void {
    const kind = this.state.view;
    this.toolbar.setView(kind);
    this.matrixPane.hidden = kind !== 'matrix';
    this.graphPane.hidden = kind !== 'graph';
  }

  private addExternal(text: string): string | undefined {
    const id = canonicalExternal(text);
    if (!id) return `"${text.trim()}" is not an IP address or CIDR.`;
    if (!this.state.externals.includes(id)) {
      this.update({ externals: [...this.state.externals, id] });
      this.toolbar.setExternals(this.state.externals);
      this.rebuild();
    }
    return undefined;
  }

  private removeExternal(id: string): void {
    this.update({ externals: this.state.externals.filter((x) => x !== id) });
    this.toolbar.setExternals(this.state.externals);
    this.rebuild();
  }

  private open(source: SourceRef): void {
    this.api.postMessage({ type: 'openSource', source });
  }

  private propose(action: EditAction, cell: CellRef): void {
    const port: PortQuery | undefined = this.state.filters.port;
    this.editMessage.className = 'edit-message';
    this.editMessage.textContent = action === 'allow' ? 'Preparing the edit that allows this connection…' : 'Preparing the edit that denies this connection…';
    this.api.postMessage({ type: 'proposeEdit', action, from: cell.from, to: cell.to, ...(port ? { port } : {}) });
  }

  private export(format: ExportFormat): void {
    const view = this.view;
    if (!view) return;
    const { rows, cols } = this.shown;
    const query = this.state.filters.port;
    let content: string | undefined;
    if (format === 'csv') content = matrixCsv(view, rows, cols);
    else if (format === 'markdown') content = matrixMarkdown(view, rows, cols, query);
    else if (format === 'mermaid') content = matrixMermaid(view, rows, cols);
    else content = this.graph.exportSvg();
    if (content === undefined) {
      this.status.textContent = 'Open the graph view (with few enough workloads to draw) to export it as SVG.';
      return;
    }
    this.api.postMessage({ type: 'export', format, content });
  }
}
