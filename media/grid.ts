// The matrix as a virtualised ARIA grid: only the rows and columns in view exist in the DOM, headers
// stay put with CSS sticky positioning, and the keyboard moves an active cell (aria-activedescendant)
// with the arrow keys, Home/End and Page Up/Down; Enter or Space explains it.

import type { PortQuery } from '../server/src/policy/types';
import { cellInfo, cellKey, type EndpointView, type ReachabilityView } from '../server/src/reachability/view';
import { clear, el } from './dom';
import type { CellRef } from './state';

export const CELL = 22;
export const ROW_HEAD_WIDTH = 230;
export const HEAD_HEIGHT = 140;
const OVERSCAN = 4;
const ACTIVE_ID = 'matrix-active-cell';

export interface GridData {
  view: ReachabilityView;
  rows: EndpointView[];
  cols: EndpointView[];
  changed: ReadonlySet<string>;
  query?: PortQuery;
  selection: CellRef | null;
}

export interface GridEvents {
  select(cell: CellRef): void;
  scrolled(position: { top: number; left: number }): void;
}

type RowItem = { kind: 'group'; label: string; count: number } | { kind: 'endpoint'; endpoint: EndpointView; row: number };

/** A row in the DOM and what it was made for, so it can be patched instead of rebuilt. */
interface RowElement {
  element: HTMLDivElement;
  key: string;
  c0: number;
  c1: number;
  /** The columns' ids when it was made: the same ids can be patched. */
  colsKey: string;
  head?: HTMLDivElement;
  cells: HTMLDivElement[];
}

interface CellSpec {
  className: string;
  label: string;
  verdict: string;
  changed: boolean;
  selected: boolean;
  active: boolean;
}

function verdictWords(verdict: string, text: string, query?: PortQuery): string {
  if (query) return verdict === 'denied' ? `denied on ${query.port}/${query.protocol}` : `${verdict === 'partly' ? 'partly allowed' : 'allowed'} on ${query.port}/${query.protocol}`;
  if (verdict === 'denied') return 'denied';
  return `${verdict === 'partly' ? 'partly allowed' : 'allowed'}: ${text}`;
}

export class MatrixGrid {
  readonly element: HTMLDivElement;
  private readonly grid: HTMLDivElement;
  private readonly head: HTMLDivElement;
  private readonly body: HTMLDivElement;
  private data: GridData | undefined;
  private items: RowItem[] = [];
  /** Item index of each row (rows are endpoints; items add namespace headings). */
  private itemOfRow: number[] = [];
  private active = { row: 0, col: 0 };
  private readonly rowEls = new Map<number, RowElement>();
  private colsKey = '';
  private frame = 0;

  constructor(private readonly events: GridEvents) {
    this.head = el('div', { className: 'grid-head', attrs: { role: 'row', 'aria-rowindex': 1 } });
    this.body = el('div', { className: 'grid-body', attrs: { role: 'rowgroup' } });
    this.grid = el('div', { className: 'grid' }, [this.head, this.body]);
    this.element = el(
      'div',
      {
        className: 'grid-viewport',
        attrs: { role: 'grid', tabindex: 0, 'aria-label': 'Reachability matrix: rows are sources, columns destinations', 'aria-multiselectable': 'false' },
        on: {
          scroll: () => this.scheduleRender(true),
          keydown: (e) => this.onKey(e),
          click: (e) => this.onClick(e),
        },
      },
      [this.grid],
    );
    window.addEventListener('resize', () => this.scheduleRender(false));
  }

  setData(data: GridData): void {
    const previous = this.data;
    const activeFrom = previous?.rows[this.active.row]?.id;
    const activeTo = previous?.cols[this.active.col]?.id;
    this.data = data;
    this.colsKey = data.cols.map((c) => c.id).join('\u0000');
    this.items = [];
    this.itemOfRow = [];
    let group: string | undefined;
    data.rows.forEach((endpoint, row) => {
      const label = endpoint.type === 'external' ? 'external endpoints' : `namespace ${endpoint.namespace}`;
      if (label !== group) {
        group = label;
        const count = data.rows.filter((r) => (r.type === 'external' ? 'external endpoints' : `namespace ${r.namespace}`) === label).length;
        this.items.push({ kind: 'group', label, count });
      }
      this.itemOfRow.push(this.items.length);
      this.items.push({ kind: 'endpoint', endpoint, row });
    });
    // Keep the active cell on the same pair when it is still shown.
    const keepRow = activeFrom === undefined ? -1 : data.rows.findIndex((r) => r.id === activeFrom);
    const keepCol = activeTo === undefined ? -1 : data.cols.findIndex((c) => c.id === activeTo);
    const sel = data.selection;
    const selRow = sel ? data.rows.findIndex((r) => r.id === sel.from) : -1;
    const selCol = sel ? data.cols.findIndex((c) => c.id === sel.to) : -1;
    this.active = {
      row: Math.max(0, Math.min(keepRow >= 0 ? keepRow : selRow >= 0 ? selRow : this.active.row, data.rows.length - 1)),
      col: Math.max(0, Math.min(keepCol >= 0 ? keepCol : selCol >= 0 ? selCol : this.active.col, data.cols.length - 1)),
    };
    const width = ROW_HEAD_WIDTH + data.cols.length * CELL;
    const height = HEAD_HEIGHT + this.items.length * CELL;
    this.grid.style.width = `${width}px`;
    this.grid.style.height = `${height}px`;
    this.head.style.width = `${width}px`;
    this.body.style.height = `${this.items.length * CELL}px`;
    this.element.setAttribute('aria-rowcount', String(this.items.length + 1));
    this.element.setAttribute('aria-colcount', String(data.cols.length + 1));
    this.render();
  }

  scrollTo(position: { top: number; left: number }): void {
    this.element.scrollTop = position.top;
    this.element.scrollLeft = position.left;
    this.render();
  }

  /** Moves the active cell to a pair and scrolls it into view. */
  reveal(cell: CellRef): void {
    if (!this.data) return;
    const row = this.data.rows.findIndex((r) => r.id === cell.from);
    const col = this.data.cols.findIndex((c) => c.id === cell.to);
    if (row < 0 || col < 0) return;
    this.active = { row, col };
    this.ensureVisible();
    this.render();
  }

  private scheduleRender(fromScroll: boolean): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
      if (fromScroll) this.events.scrolled({ top: this.element.scrollTop, left: this.element.scrollLeft });
    });
  }

  private visibleColumns(): [number, number] {
    const cols = this.data?.cols.length ?? 0;
    const left = this.element.scrollLeft;
    const width = Math.max(this.element.clientWidth - ROW_HEAD_WIDTH, CELL);
    const first = Math.max(0, Math.floor(left / CELL) - OVERSCAN);
    const last = Math.min(cols, Math.ceil((left + width) / CELL) + OVERSCAN);
    return [first, last];
  }

  private visibleItems(): [number, number] {
    const top = this.element.scrollTop;
    const height = Math.max(this.element.clientHeight - HEAD_HEIGHT, CELL);
    const first = Math.max(0, Math.floor(top / CELL) - OVERSCAN);
    const last = Math.min(this.items.length, Math.ceil((top + height) / CELL) + OVERSCAN);
    return [first, last];
  }

  render(): void {
    const data = this.data;
    if (!data) return;
    const [c0, c1] = this.visibleColumns();
    const [i0, i1] = this.visibleItems();
    this.renderHead(data, c0, c1);
    // Rows still in view are patched in place (an update mostly changes a few cells); the rest are made anew.
    for (const [i, row] of this.rowEls) {
      if (i < i0 || i >= i1) {
        row.element.remove();
        this.rowEls.delete(i);
      }
    }
    for (let i = i0; i < i1; i++) {
      const item = this.items[i]!;
      const key = item.kind === 'group' ? `group\u0000${item.label}\u0000${item.count}` : `row\u0000${item.endpoint.id}`;
      const existing = this.rowEls.get(i);
      if (existing && existing.key === key && existing.c0 === c0 && existing.c1 === c1 && existing.colsKey === this.colsKey) {
        if (item.kind === 'endpoint') this.patchRow(data, existing, item);
        continue;
      }
      const row = this.renderItem(data, item, i, c0, c1, key);
      if (existing) existing.element.replaceWith(row.element);
      else this.body.appendChild(row.element);
      this.rowEls.set(i, row);
    }
    const activeVisible = this.body.querySelector(`#${ACTIVE_ID}`);
    if (activeVisible) this.element.setAttribute('aria-activedescendant', ACTIVE_ID);
    else this.element.removeAttribute('aria-activedescendant');
  }

  private renderHead(data: GridData, c0: number, c1: number): void {
    clear(this.head);
    const corner = el('div', { className: 'corner', attrs: { role: 'columnheader', 'aria-colindex': 1 } }, [
      el('span', { className: 'corner-to', text: 'to →' }),
      el('span', { className: 'corner-from', text: 'from ↓' }),
    ]);
    this.head.appendChild(corner);
    this.head.appendChild(this.spacer(c0));
    for (let c = c0; c < c1; c++) {
      const e = data.cols[c]!;
      const previous = data.cols[c - 1];
      const startsGroup = !previous || previous.namespace !== e.namespace || previous.type !== e.type;
      const groupName = e.type === 'external' ? 'external' : e.namespace;
      this.head.appendChild(
        el(
          'div',
          {
            className: `colhead${startsGroup ? ' ns-start' : ''}${c === this.active.col ? ' active-col' : ''}`,
            title: this.endpointTitle(e),
            attrs: { role: 'columnheader', 'aria-colindex': c + 2, 'aria-label': e.id },
          },
          [el('span', { className: 'colhead-text' }, [startsGroup ? el('span', { className: 'colhead-ns', text: `${groupName} ` }) : null, el('span', { text: e.name }), this.badges(e)])],
        ),
      );
    }
  }

  private spacer(columns: number): HTMLDivElement {
    const s = el('div', { className: 'col-spacer', attrs: { 'aria-hidden': 'true' } });
    s.style.width = `${columns * CELL}px`;
    return s;
  }

  private badges(e: EndpointView): HTMLSpanElement | null {
    if (!e.isolated.ingress && !e.isolated.egress) return null;
    const what = [e.isolated.ingress ? 'ingress' : '', e.isolated.egress ? 'egress' : ''].filter(Boolean).join(' and ');
    return el('span', { className: 'iso-badge', title: `isolated for ${what}`, attrs: { role: 'img', 'aria-label': `isolated for ${what}` } });
  }

  private endpointTitle(e: EndpointView): string {
    const labels = Object.entries(e.labels).map(([k, v]) => `${k}=${v}`);
    const iso = [e.isolated.ingress ? 'ingress' : '', e.isolated.egress ? 'egress' : ''].filter(Boolean);
    return [e.id, labels.length ? `labels: ${labels.join(', ')}` : '', iso.length ? `isolated for ${iso.join(' and ')}` : 'not isolated'].filter(Boolean).join('\n');
  }

  private renderItem(data: GridData, item: RowItem, index: number, c0: number, c1: number, key: string): RowElement {
    const element = el('div', { className: item.kind === 'group' ? 'row group' : 'row', attrs: { role: 'row', 'aria-rowindex': index + 2 } });
    element.style.top = `${index * CELL}px`;
    const row: RowElement = { element, key, c0, c1, colsKey: this.colsKey, cells: [] };
    if (item.kind === 'group') {
      element.appendChild(el('div', { className: 'rowhead grouphead', attrs: { role: 'rowheader' } }, [el('span', { text: item.label }), el('span', { className: 'count', text: ` · ${item.count}` })]));
      return row;
    }
    const from = item.endpoint;
    row.head = el('div', { className: this.rowHeadClass(item), title: this.endpointTitle(from), attrs: { role: 'rowheader', 'aria-label': from.id } }, [
      el('span', { className: 'rowname', text: from.name }),
      el('span', { className: 'rowkind', text: from.kind }),
      this.badges(from),
    ]);
    element.appendChild(row.head);
    element.appendChild(this.spacer(c0));
    for (let c = c0; c < c1; c++) {
      const to = data.cols[c]!;
      const spec = this.cellSpec(data, item, c);
      const cell = el('div', { attrs: { role: 'gridcell', 'aria-colindex': c + 2, 'data-from': from.id, 'data-to': to.id } });
      this.applyCell(cell, spec);
      row.cells.push(cell);
      element.appendChild(cell);
    }
    return row;
  }

  private rowHeadClass(item: Extract<RowItem, { kind: 'endpoint' }>): string {
    return `rowhead${item.row === this.active.row ? ' active-row' : ''}`;
  }

  private patchRow(data: GridData, row: RowElement, item: Extract<RowItem, { kind: 'endpoint' }>): void {
    if (row.head) {
      const cls = this.rowHeadClass(item);
      if (row.head.className !== cls) row.head.className = cls;
      const title = this.endpointTitle(item.endpoint);
      if (row.head.title !== title) row.head.title = title;
    }
    row.cells.forEach((cell, k) => this.applyCell(cell, this.cellSpec(data, item, row.c0 + k)));
  }

  /** What a cell shows: its class, words and state. */
  private cellSpec(data: GridData, item: Extract<RowItem, { kind: 'endpoint' }>, c: number): CellSpec {
    const from = item.endpoint;
    const to = data.cols[c]!;
    const info = cellInfo(data.view, from, to, data.query);
    const changed = data.changed.has(cellKey(from.id, to.id));
    const selected = data.selection?.from === from.id && data.selection.to === to.id;
    const active = item.row === this.active.row && c === this.active.col;
    const previous = data.cols[c - 1];
    const startsGroup = !previous || previous.namespace !== to.namespace || previous.type !== to.type;
    const verdict = info ? info.verdict : 'na';
    const words = info ? verdictWords(info.verdict, info.text, data.query) : 'not applicable';
    return {
      className: `cell v-${verdict}${changed ? ' changed' : ''}${selected ? ' selected' : ''}${active ? ' active' : ''}${startsGroup ? ' ns-start' : ''}`,
      label: `${from.id} to ${to.id}: ${words}${changed ? ' (changed since last save)' : ''}`,
      verdict,
      changed,
      selected,
      active,
    };
  }

  /** Sets only what differs, so an update restyles just the cells that changed. */
  private applyCell(cell: HTMLDivElement, spec: CellSpec): void {
    if (cell.className !== spec.className) cell.className = spec.className;
    if (cell.title !== spec.label) {
      cell.title = spec.label;
      cell.setAttribute('aria-label', spec.label);
    }
    if (cell.getAttribute('data-verdict') !== spec.verdict) cell.setAttribute('data-verdict', spec.verdict);
    const selected = spec.selected ? 'true' : 'false';
    if (cell.getAttribute('aria-selected') !== selected) cell.setAttribute('aria-selected', selected);
    if (spec.changed !== cell.hasAttribute('data-changed')) {
      if (spec.changed) cell.setAttribute('data-changed', 'true');
      else cell.removeAttribute('data-changed');
    }
    if (spec.active !== (cell.id === ACTIVE_ID)) {
      if (spec.active) cell.id = ACTIVE_ID;
      else cell.removeAttribute('id');
    }
  }

  private onClick(e: MouseEvent): void {
    const cell = (e.target as Element | null)?.closest('.cell');
    const from = cell?.getAttribute('data-from');
    const to = cell?.getAttribute('data-to');
    if (!this.data || from == null || to == null) return;
    this.active = { row: this.data.rows.findIndex((r) => r.id === from), col: this.data.cols.findIndex((c) => c.id === to) };
    this.element.focus({ preventScroll: true });
    this.events.select({ from, to });
  }

  private onKey(e: KeyboardEvent): void {
    const data = this.data;
    if (!data || data.rows.length === 0 || data.cols.length === 0) return;
    const page = Math.max(1, Math.floor((this.element.clientHeight - HEAD_HEIGHT) / CELL) - 1);
    let { row, col } = this.active;
    switch (e.key) {
      case 'ArrowUp':
        row--;
        break;
      case 'ArrowDown':
        row++;
        break;
      case 'ArrowLeft':
        col--;
        break;
      case 'ArrowRight':
        col++;
        break;
      case 'PageUp':
        row -= page;
        break;
      case 'PageDown':
        row += page;
        break;
      case 'Home':
        if (e.ctrlKey) row = 0;
        col = 0;
        break;
      case 'End':
        if (e.ctrlKey) row = data.rows.length - 1;
        col = data.cols.length - 1;
        break;
      case 'Enter':
      case ' ': {
        e.preventDefault();
        const from = data.rows[row];
        const to = data.cols[col];
        if (from && to) this.events.select({ from: from.id, to: to.id });
        return;
      }
      default:
        return;
    }
    e.preventDefault();
    this.active = { row: Math.max(0, Math.min(row, data.rows.length - 1)), col: Math.max(0, Math.min(col, data.cols.length - 1)) };
    this.ensureVisible();
    this.render();
  }

  private ensureVisible(): void {
    const item = this.itemOfRow[this.active.row] ?? 0;
    const y = item * CELL;
    const viewHeight = this.element.clientHeight - HEAD_HEIGHT;
    // The namespace heading above the first row of a group comes into view with it.
    if (y - CELL < this.element.scrollTop) this.element.scrollTop = Math.max(0, y - CELL);
    else if (y + CELL > this.element.scrollTop + viewHeight) this.element.scrollTop = y + CELL - viewHeight;
    const x = this.active.col * CELL;
    const viewWidth = this.element.clientWidth - ROW_HEAD_WIDTH;
    if (x < this.element.scrollLeft) this.element.scrollLeft = x;
    else if (x + CELL > this.element.scrollLeft + viewWidth) this.element.scrollLeft = x + CELL - viewWidth;
  }
}
