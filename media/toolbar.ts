// The panel's controls: matrix/graph tabs, the filters, the user's external endpoints and exports.

import type { ExportFormat } from '../server/src/reachability/protocol';
import type { FilterAxis, Filters } from '../server/src/reachability/view';
import { clear, el } from './dom';
import { parsePortFilter, type ViewKind } from './state';

export interface ToolbarEvents {
  filters(next: Filters): void;
  view(next: ViewKind): void;
  /** Returns an error to show, or undefined when the address was added. */
  addExternal(text: string): string | undefined;
  removeExternal(id: string): void;
  export(format: ExportFormat): void;
}

function portText(f: Filters): string {
  return f.port ? `${f.port.port}/${f.port.protocol}` : '';
}

export class Toolbar {
  readonly element: HTMLElement;
  private readonly tabs: Record<ViewKind, HTMLButtonElement>;
  private readonly namespace: HTMLSelectElement;
  private readonly search: HTMLInputElement;
  private readonly axis: HTMLSelectElement;
  private readonly port: HTMLInputElement;
  private readonly onlyIsolated: HTMLInputElement;
  private readonly onlyChanged: HTMLInputElement;
  private readonly externalInput: HTMLInputElement;
  private readonly externalError: HTMLSpanElement;
  private readonly chips: HTMLSpanElement;
  private readonly exportButtons: Record<ExportFormat, HTMLButtonElement>;
  private filters: Filters;
  private namespaces: string[] = [];

  constructor(initial: Filters, private readonly events: ToolbarEvents) {
    this.filters = initial;
    const tab = (kind: ViewKind, text: string) =>
      el('button', { className: 'tab', text, attrs: { type: 'button', role: 'tab', id: `tab-${kind}`, 'aria-controls': `pane-${kind}` }, on: { click: () => events.view(kind) } });
    this.tabs = { matrix: tab('matrix', 'Matrix'), graph: tab('graph', 'Graph') };

    this.namespace = el('select', { attrs: { 'aria-label': 'Namespace' }, on: { change: () => this.changed() } });
    this.search = el('input', {
      attrs: { type: 'search', placeholder: 'Name or label…', 'aria-label': 'Filter by name or label', spellcheck: 'false' },
      on: { input: () => this.changed() },
    });
    this.axis = el('select', { attrs: { 'aria-label': 'Filters apply to' }, on: { change: () => this.changed() } }, [
      el('option', { text: 'rows and columns', attrs: { value: 'both' } }),
      el('option', { text: 'sources (rows)', attrs: { value: 'sources' } }),
      el('option', { text: 'destinations (columns)', attrs: { value: 'destinations' } }),
    ]);
    this.port = el('input', {
      className: 'port',
      attrs: { type: 'text', placeholder: 'port, e.g. 5432/TCP', 'aria-label': 'Port and protocol', spellcheck: 'false' },
      on: { input: () => this.changed() },
    });
    this.onlyIsolated = el('input', { attrs: { type: 'checkbox', id: 'only-isolated' }, on: { change: () => this.changed() } });
    this.onlyChanged = el('input', { attrs: { type: 'checkbox', id: 'only-changed' }, on: { change: () => this.changed() } });

    this.externalInput = el('input', {
      attrs: { type: 'text', placeholder: 'Add address or CIDR', 'aria-label': 'External address or CIDR to add', spellcheck: 'false' },
      on: { keydown: (e) => e.key === 'Enter' && this.addExternal() },
    });
    this.externalError = el('span', { className: 'error', attrs: { role: 'alert' } });
    this.chips = el('span', { className: 'chips' });
    const exportButton = (format: ExportFormat, text: string) =>
      el('button', { text, title: `Export as ${text}`, attrs: { type: 'button', 'data-export': format }, on: { click: () => events.export(format) } });
    this.exportButtons = { csv: exportButton('csv', 'CSV'), markdown: exportButton('markdown', 'Markdown'), svg: exportButton('svg', 'SVG'), mermaid: exportButton('mermaid', 'Mermaid') };

    this.element = el('header', { className: 'toolbar' }, [
      el('div', { className: 'tabs', attrs: { role: 'tablist', 'aria-label': 'View' } }, [this.tabs.matrix, this.tabs.graph]),
      el('div', { className: 'filters', attrs: { role: 'group', 'aria-label': 'Filters' } }, [
        this.namespace,
        this.search,
        this.axis,
        this.port,
        el('label', { className: 'check' }, [this.onlyIsolated, ' only isolated']),
        el('label', { className: 'check' }, [this.onlyChanged, ' only changed']),
      ]),
      el('div', { className: 'externals', attrs: { role: 'group', 'aria-label': 'External endpoints' } }, [
        this.externalInput,
        el('button', { text: 'Add', attrs: { type: 'button' }, on: { click: () => this.addExternal() } }),
        this.externalError,
        this.chips,
      ]),
      el('div', { className: 'exports', attrs: { role: 'group', 'aria-label': 'Export' } }, [
        el('span', { className: 'muted', text: 'Export:' }),
        this.exportButtons.csv,
        this.exportButtons.markdown,
        this.exportButtons.mermaid,
        this.exportButtons.svg,
      ]),
    ]);
    this.show(initial);
  }

  setView(kind: ViewKind): void {
    for (const [k, button] of Object.entries(this.tabs)) {
      button.setAttribute('aria-selected', String(k === kind));
      button.tabIndex = k === kind ? 0 : -1;
    }
    this.exportButtons.svg.disabled = kind !== 'graph';
    this.exportButtons.svg.title = kind === 'graph' ? 'Export the graph as SVG' : 'Open the graph view to export it as SVG';
  }

  setNamespaces(namespaces: string[]): void {
    if (namespaces.join('\u0000') === this.namespaces.join('\u0000')) return;
    this.namespaces = namespaces;
    clear(this.namespace);
    this.namespace.appendChild(el('option', { text: 'All namespaces', attrs: { value: '' } }));
    for (const ns of namespaces) this.namespace.appendChild(el('option', { text: ns, attrs: { value: ns } }));
    // A namespace filtered on but gone from the workspace stays selectable until it is changed.
    if (this.filters.namespace && !namespaces.includes(this.filters.namespace)) {
      this.namespace.appendChild(el('option', { text: `${this.filters.namespace} (no workloads)`, attrs: { value: this.filters.namespace } }));
    }
    this.namespace.value = this.filters.namespace;
  }

  setExternals(ids: readonly string[]): void {
    clear(this.chips);
    for (const id of ids) {
      this.chips.appendChild(
        el('span', { className: 'chip' }, [
          el('span', { text: id }),
          el('button', { className: 'chip-remove', text: '×', title: `Remove ${id}`, attrs: { type: 'button', 'aria-label': `Remove ${id}` }, on: { click: () => this.events.removeExternal(id) } }),
        ]),
      );
    }
  }

  /** Puts filter values into the controls (after a restore or a focus request). */
  show(f: Filters): void {
    this.filters = f;
    this.namespace.value = f.namespace;
    this.search.value = f.search;
    this.axis.value = f.axis;
    this.port.value = portText(f);
    this.onlyIsolated.checked = f.onlyIsolated;
    this.onlyChanged.checked = f.onlyChanged;
  }

  private changed(): void {
    const portInput = this.port.value.trim();
    const port = portInput === '' ? undefined : parsePortFilter(portInput);
    const invalid = portInput !== '' && !port;
    this.port.setAttribute('aria-invalid', String(invalid));
    this.port.title = invalid ? 'Write a port number, optionally with /TCP, /UDP or /SCTP' : '';
    this.filters = {
      namespace: this.namespace.value,
      search: this.search.value,
      axis: this.axis.value as FilterAxis,
      onlyIsolated: this.onlyIsolated.checked,
      onlyChanged: this.onlyChanged.checked,
      ...(port ? { port } : {}),
    };
    this.events.filters(this.filters);
  }

  private addExternal(): void {
    const error = this.events.addExternal(this.externalInput.value);
    this.externalError.textContent = error ?? '';
    if (!error) this.externalInput.value = '';
  }
}
