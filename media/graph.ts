// The graph view: shown workloads as nodes grouped by namespace, allowed connections as edges
// labelled with their ports, isolated workloads marked. Laid out by dagre (bundled), drawn as SVG
// built element by element; exported as a standalone SVG with the theme's colours written in.

import dagre from '@dagrejs/dagre';
import type { PortQuery } from '../server/src/policy/types';
import { cellKey, graphEdges, type EndpointView, type ReachabilityView } from '../server/src/reachability/view';
import { clear, el, svg } from './dom';
import type { CellRef } from './state';

/** Beyond these a drawing is unreadable and slow to lay out: the filters come first. */
export const MAX_GRAPH_NODES = 250;
export const MAX_GRAPH_EDGES = 1500;

export interface GraphInput {
  view: ReachabilityView;
  rows: EndpointView[];
  cols: EndpointView[];
  changed: ReadonlySet<string>;
  query?: PortQuery;
  selection: CellRef | null;
}

export interface GraphEvents {
  select(cell: CellRef): void;
}

const NODE_HEIGHT = 30;
const CHAR_WIDTH = 7;
const LABEL_CHAR_WIDTH = 6;
const ISOLATION_MARK_WIDTH = 14;

/** A small shield left of the label: this workload is isolated by some policy. */
function isolationMark(x: number, y: number): SVGPathElement {
  return svg('path', { d: `M${x},${y - 6} h9 v4 q0,6 -4.5,8 q-4.5,-2 -4.5,-8 z`, class: 'iso-mark' });
}

interface NodeBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

function groupOf(e: EndpointView): string {
  return e.type === 'external' ? 'external' : e.namespace;
}

export class GraphView {
  readonly element: HTMLDivElement;
  private current: SVGSVGElement | undefined;
  private drawnFor: GraphInput | undefined;

  private readonly canvas: HTMLDivElement;
  private readonly fitButton: HTMLButtonElement;
  private fit = true;

  constructor(private readonly events: GraphEvents) {
    this.fitButton = el('button', { attrs: { type: 'button', 'aria-pressed': 'true' }, text: 'Fit to width', on: { click: () => this.toggleFit() } });
    this.canvas = el('div', { className: 'graph-canvas fit', attrs: { tabindex: 0 } });
    this.element = el('div', { className: 'graph-viewport' }, [el('div', { className: 'graph-controls' }, [this.fitButton]), this.canvas]);
  }

  private toggleFit(): void {
    this.fit = !this.fit;
    this.canvas.classList.toggle('fit', this.fit);
    this.fitButton.setAttribute('aria-pressed', String(this.fit));
  }

  get svgElement(): SVGSVGElement | undefined {
    return this.current;
  }

  render(input: GraphInput): void {
    const last = this.drawnFor;
    this.drawnFor = input;
    if (last && last.view === input.view && last.rows === input.rows && last.cols === input.cols && last.changed === input.changed && last.query === input.query) {
      this.markSelection(input.selection);
      return;
    }
    clear(this.canvas);
    this.current = undefined;
    const nodes = [...new Set([...input.rows, ...input.cols])];
    const edges = graphEdges(input.view, input.rows, input.cols, input.query);
    if (nodes.length === 0) {
      this.canvas.appendChild(el('p', { className: 'muted', text: 'No workloads match the filters.' }));
      return;
    }
    if (nodes.length > MAX_GRAPH_NODES || edges.length > MAX_GRAPH_EDGES) {
      this.canvas.appendChild(
        el('p', {
          className: 'notice',
          text: `${nodes.length} workloads and ${edges.length} connections are too many to draw legibly (limits: ${MAX_GRAPH_NODES} and ${MAX_GRAPH_EDGES}). Narrow the view with the namespace, name or port filters.`,
        }),
      );
      return;
    }

    const g = new dagre.graphlib.Graph({ compound: true, multigraph: false });
    g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 90, edgesep: 12, marginx: 24, marginy: 32, acyclicer: 'greedy', ranker: 'tight-tree' });
    g.setDefaultEdgeLabel(() => ({}));
    const idOf = new Map<EndpointView, string>();
    for (const group of new Set(nodes.map(groupOf))) g.setNode(`group:${group}`, {});
    nodes.forEach((n, i) => {
      const id = `n${i}`;
      idOf.set(n, id);
      const mark = n.isolated.ingress || n.isolated.egress ? ISOLATION_MARK_WIDTH : 0;
      g.setNode(id, { width: Math.max(60, n.name.length * CHAR_WIDTH + 24 + mark), height: NODE_HEIGHT });
      g.setParent(id, `group:${groupOf(n)}`);
    });
    for (const e of edges) {
      g.setEdge(idOf.get(e.from)!, idOf.get(e.to)!, { width: e.label.length * LABEL_CHAR_WIDTH + 8, height: 14, labelpos: 'c' });
    }
    dagre.layout(g);

    const size = g.graph();
    const width = Math.ceil(size.width ?? 0);
    const height = Math.ceil(size.height ?? 0);
    const root = svg('svg', { class: 'graph', xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img' });
    root.setAttribute('aria-label', `Reachability graph: ${nodes.length} workloads, ${edges.length} allowed connections`);
    root.appendChild(
      svg('defs', {}, [
        svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, [svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead' })]),
      ]),
    );

    for (const group of new Set(nodes.map(groupOf))) {
      const box = g.node(`group:${group}`) as NodeBox | undefined;
      if (!box) continue;
      root.appendChild(
        svg('g', { class: `cluster${group === 'external' ? ' external' : ''}` }, [
          svg('rect', { x: box.x - box.width / 2, y: box.y - box.height / 2, width: box.width, height: box.height, rx: 8 }),
          svg('text', { x: box.x - box.width / 2 + 8, y: box.y - box.height / 2 - 6, class: 'cluster-label' }, [group === 'external' ? 'external' : `namespace ${group}`]),
        ]),
      );
    }

    for (const e of edges) {
      const data = g.edge(idOf.get(e.from)!, idOf.get(e.to)!) as { points?: { x: number; y: number }[]; x?: number; y?: number } | undefined;
      const points = data?.points ?? [];
      if (points.length === 0) continue;
      const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
      const changed = input.changed.has(cellKey(e.from.id, e.to.id));
      const selected = input.selection?.from === e.from.id && input.selection.to === e.to.id;
      const group = svg('g', { class: `edge v-${e.verdict}${changed ? ' changed' : ''}${selected ? ' selected' : ''}`, 'data-from': e.from.id, 'data-to': e.to.id }, [
        svg('title', {}, [`${e.from.id} → ${e.to.id}: ${e.label}`]),
        svg('path', { d, class: 'edge-line', 'marker-end': 'url(#arrow)' }),
        svg('path', { d, class: 'edge-hit' }),
        data?.x !== undefined && data.y !== undefined ? svg('text', { x: data.x, y: data.y + 4, class: 'edge-label', 'text-anchor': 'middle' }, [e.label]) : null,
      ]);
      group.addEventListener('click', () => this.events.select({ from: e.from.id, to: e.to.id }));
      root.appendChild(group);
    }

    for (const n of nodes) {
      const box = g.node(idOf.get(n)!) as NodeBox;
      const isolated = n.isolated.ingress || n.isolated.egress;
      const what = [n.isolated.ingress ? 'ingress' : '', n.isolated.egress ? 'egress' : ''].filter(Boolean).join(' and ');
      root.appendChild(
        svg('g', { class: `node${isolated ? ' isolated' : ''}${n.type === 'external' ? ' external' : ''}`, 'data-id': n.id }, [
          svg('title', {}, [`${n.id}${isolated ? ` (isolated for ${what})` : ''}`]),
          svg('rect', { x: box.x - box.width / 2, y: box.y - box.height / 2, width: box.width, height: box.height, rx: n.type === 'external' ? box.height / 2 : 4 }),
          isolated ? isolationMark(box.x - box.width / 2 + 8, box.y) : null,
          svg('text', { x: box.x + (isolated ? ISOLATION_MARK_WIDTH / 2 : 0), y: box.y + 4, 'text-anchor': 'middle', class: 'node-label' }, [n.name]),
        ]),
      );
    }
    this.canvas.appendChild(root);
    this.current = root;
  }

  private markSelection(selection: CellRef | null): void {
    for (const edge of Array.from(this.canvas.querySelectorAll('g.edge'))) {
      const selected = selection !== null && edge.getAttribute('data-from') === selection.from && edge.getAttribute('data-to') === selection.to;
      edge.classList.toggle('selected', selected);
    }
  }

  /** A standalone SVG document of the drawing, with the colours the theme gives it now. */
  exportSvg(): string | undefined {
    const original = this.current;
    if (!original) return undefined;
    const copy = original.cloneNode(true) as SVGSVGElement;
    const from = [original, ...Array.from(original.querySelectorAll('*'))];
    const to = [copy, ...Array.from(copy.querySelectorAll('*'))];
    const properties = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'font-family', 'font-size', 'font-weight'];
    from.forEach((node, i) => {
      const style = getComputedStyle(node);
      const target = to[i]!;
      target.removeAttribute('class');
      for (const p of properties) {
        const value = style.getPropertyValue(p);
        if (value && value !== 'normal') target.setAttribute(p, value);
      }
    });
    const background = getComputedStyle(document.body).backgroundColor;
    copy.insertBefore(svg('rect', { x: 0, y: 0, width: '100%', height: '100%', fill: background }), copy.firstChild?.nextSibling ?? null);
    return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
  }
}
