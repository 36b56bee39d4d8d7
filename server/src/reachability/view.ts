// What the panel shows, computed with the shared evaluator: endpoints in display order (grouped by
// namespace, external endpoints last), each cell's verdict, the cells changed since the last save,
// and the filters. Pure, so it is tested in Node and bundled into the webview unchanged.

import { computeMatrix, type PolicyMatrix } from '../policy/matrix';
import { NO_PORTS, contains, formatPortSet, isAll, isEmpty, isSubset, portSetKey, portSetOf, type PortSet } from '../policy/portSet';
import { isolationOf, type PolicyWorld } from '../policy/world';
import type { PortQuery } from '../policy/types';
import type { PanelWorldInput } from './protocol';
import { worldFromPanelInput } from './worldInput';

export type Verdict = 'allowed' | 'partly' | 'denied';

export interface EndpointView {
  /** Index into the matrix's endpoints and cells. */
  index: number;
  id: string;
  type: 'workload' | 'external';
  /** '' for external endpoints. */
  namespace: string;
  name: string;
  kind: string;
  labels: Record<string, string>;
  isolated: { ingress: boolean; egress: boolean };
  /** The ports its containers declare (a connection "fully" allowed opens all of them). */
  declared: PortSet;
}

export interface ReachabilityView {
  world: PolicyWorld;
  matrix: PolicyMatrix;
  /** Display order: namespaces alphabetically, names within; external endpoints last. */
  endpoints: EndpointView[];
  byId: ReadonlyMap<string, EndpointView>;
  /** "from,to" matrix indices of external cells whose addresses do not all get the same ports. */
  partial: ReadonlyMap<string, number>;
}

export interface CellInfo {
  verdict: Verdict;
  ports: PortSet;
  /** "80,443/TCP", "all", "none"; with a star when only some addresses of a range get it. */
  text: string;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildView(input: PanelWorldInput, externals: readonly string[] = []): ReachabilityView {
  const world = worldFromPanelInput(input);
  const matrix = computeMatrix(world, { externals });
  const endpoints: EndpointView[] = matrix.endpoints.map((e, index) => {
    const w = e.type === 'workload' ? world.workloadsById.get(e.id) : undefined;
    const iso = w ? isolationOf(world, w) : undefined;
    return {
      index,
      id: e.id,
      type: e.type,
      namespace: e.namespace ?? '',
      name: e.name ?? e.id,
      kind: e.kind ?? (e.range && e.range !== e.id ? e.range : 'external'),
      labels: w?.labels ?? {},
      isolated: { ingress: (iso?.ingress.length ?? 0) > 0, egress: (iso?.egress.length ?? 0) > 0 },
      declared: w ? portSetOf(w.ports.filter((p) => p.port >= 1 && p.port <= 65535).map((p) => ({ protocol: p.protocol, start: p.port }))) : NO_PORTS,
    };
  });
  const workloads = endpoints.filter((e) => e.type === 'workload');
  workloads.sort((a, b) => compareText(a.namespace, b.namespace) || compareText(a.name, b.name) || compareText(a.kind, b.kind));
  const ordered = [...workloads, ...endpoints.filter((e) => e.type === 'external')];
  return {
    world,
    matrix,
    endpoints: ordered,
    byId: new Map(ordered.map((e) => [e.id, e])),
    partial: new Map(matrix.partial.map((p) => [`${p.from},${p.to}`, p.everywhere])),
  };
}

/**
 * A cell's verdict. Allowed: every port the destination declares (every port at all when it declares
 * none, or for an address), for every address of a range. Partly: some of that. Denied: nothing.
 * With a port query, the verdict is about that port alone.
 */
export function cellInfo(view: ReachabilityView, from: EndpointView, to: EndpointView, query?: PortQuery): CellInfo | undefined {
  const id = view.matrix.cells[from.index]?.[to.index];
  if (id === undefined || id < 0) return undefined;
  const ports = view.matrix.portSets[id]!;
  const everywhereId = view.partial.get(`${from.index},${to.index}`);
  const everywhere = everywhereId === undefined ? ports : view.matrix.portSets[everywhereId]!;
  const text = isEmpty(ports) ? 'none' : `${formatPortSet(ports)}${everywhereId === undefined ? '' : '*'}`;
  let verdict: Verdict;
  if (query) {
    const any = contains(ports, query.protocol, query.port);
    verdict = !any ? 'denied' : contains(everywhere, query.protocol, query.port) ? 'allowed' : 'partly';
  } else if (isEmpty(ports)) {
    verdict = 'denied';
  } else {
    const wanted = to.type === 'workload' && !isEmpty(to.declared) ? to.declared : undefined;
    const full = (set: PortSet) => (wanted ? isSubset(wanted, set) : isAll(set));
    verdict = full(everywhere) ? 'allowed' : 'partly';
  }
  return { verdict, ports, text };
}

export function cellKey(fromId: string, toId: string): string {
  return `${fromId}\u0000${toId}`;
}

/**
 * Cells whose allowed ports differ between two views, keyed by endpoint ids (cellKey). A pair that
 * exists in only one of them counts as changed: the connection appeared or disappeared.
 */
export function changedCells(current: ReachabilityView, saved: ReachabilityView): Set<string> {
  const out = new Set<string>();
  const keyOf = (view: ReachabilityView, from: EndpointView, to: EndpointView): string | undefined => {
    const id = view.matrix.cells[from.index]?.[to.index];
    return id === undefined || id < 0 ? undefined : portSetKey(view.matrix.portSets[id]!);
  };
  for (const from of current.endpoints) {
    const savedFrom = saved.byId.get(from.id);
    for (const to of current.endpoints) {
      const now = keyOf(current, from, to);
      if (now === undefined) continue;
      const savedTo = saved.byId.get(to.id);
      const before = savedFrom && savedTo ? keyOf(saved, savedFrom, savedTo) : undefined;
      if (now !== before) out.add(cellKey(from.id, to.id));
    }
  }
  return out;
}

export type FilterAxis = 'both' | 'sources' | 'destinations';

export interface Filters {
  /** '' for every namespace. External endpoints are always kept. */
  namespace: string;
  /** Case-insensitive text found in the id (namespace/Kind/name) or a label `key=value`. */
  search: string;
  /** Which side namespace, search and "only isolated" narrow. */
  axis: FilterAxis;
  onlyIsolated: boolean;
  onlyChanged: boolean;
  /** Verdicts are about this port alone. */
  port?: PortQuery;
}

export const NO_FILTERS: Filters = { namespace: '', search: '', axis: 'both', onlyIsolated: false, onlyChanged: false };

function matchesText(e: EndpointView, needle: string): boolean {
  if (e.id.toLowerCase().includes(needle)) return true;
  return Object.entries(e.labels).some(([k, v]) => `${k}=${v}`.toLowerCase().includes(needle));
}

function keep(e: EndpointView, f: Filters): boolean {
  if (e.type === 'external') return f.search === '' || matchesText(e, f.search.trim().toLowerCase());
  if (f.namespace !== '' && e.namespace !== f.namespace) return false;
  if (f.onlyIsolated && !e.isolated.ingress && !e.isolated.egress) return false;
  const needle = f.search.trim().toLowerCase();
  return needle === '' || matchesText(e, needle);
}

/** The rows (sources) and columns (destinations) left after the filters, in display order. */
export function filterEndpoints(view: ReachabilityView, f: Filters, changed: ReadonlySet<string> | null): { rows: EndpointView[]; cols: EndpointView[] } {
  let rows = f.axis === 'destinations' ? view.endpoints : view.endpoints.filter((e) => keep(e, f));
  let cols = f.axis === 'sources' ? view.endpoints : view.endpoints.filter((e) => keep(e, f));
  if (f.onlyChanged) {
    const changedFrom = new Set<string>();
    const changedTo = new Set<string>();
    for (const key of changed ?? []) {
      const [from, to] = key.split('\u0000') as [string, string];
      changedFrom.add(from);
      changedTo.add(to);
    }
    rows = rows.filter((e) => changedFrom.has(e.id));
    cols = cols.filter((e) => changedTo.has(e.id));
  }
  return { rows, cols };
}

/** Endpoint namespaces in display order ('' = external last). */
export function namespacesOf(view: ReachabilityView): string[] {
  const out: string[] = [];
  for (const e of view.endpoints) if (e.type === 'workload' && out[out.length - 1] !== e.namespace) out.push(e.namespace);
  return out;
}

/** Allowed connections between shown endpoints, for the graph: self-connections left out. */
export function graphEdges(
  view: ReachabilityView,
  rows: readonly EndpointView[],
  cols: readonly EndpointView[],
  query?: PortQuery,
): { from: EndpointView; to: EndpointView; label: string; verdict: Verdict }[] {
  const out: { from: EndpointView; to: EndpointView; label: string; verdict: Verdict }[] = [];
  for (const from of rows) {
    for (const to of cols) {
      if (from === to) continue;
      const cell = cellInfo(view, from, to, query);
      if (!cell || cell.verdict === 'denied') continue;
      out.push({ from, to, label: query ? `${query.port}/${query.protocol}` : cell.text, verdict: cell.verdict });
    }
  }
  return out;
}
