// What the panel remembers across reloads (VS Code's webview state): the view, the filters, the
// user's external endpoints, the selected cell and the scroll position. Read defensively: an old
// or foreign state must not break the panel.

import type { PortQuery } from '../server/src/policy/types';
import { canonicalExternal } from '../server/src/reachability/endpoints';
import { NO_FILTERS, type FilterAxis, type Filters } from '../server/src/reachability/view';

export type ViewKind = 'matrix' | 'graph';

export interface CellRef {
  from: string;
  to: string;
}

export interface PanelState {
  version: 1;
  view: ViewKind;
  filters: Filters;
  /** Addresses or CIDRs listed next to "internet". */
  externals: string[];
  selection: CellRef | null;
  scroll: { top: number; left: number };
}

export const INITIAL_STATE: PanelState = {
  version: 1,
  view: 'matrix',
  filters: NO_FILTERS,
  externals: [],
  selection: null,
  scroll: { top: 0, left: 0 },
};

type Json = Record<string, unknown>;

function record(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

function text(v: unknown, fallback: string, max = 512): string {
  return typeof v === 'string' && v.length <= max ? v : fallback;
}

function port(v: unknown): PortQuery | undefined {
  const o = record(v);
  if (!o) return undefined;
  const p = o['port'];
  const protocol = o['protocol'];
  if (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p > 65535) return undefined;
  if (protocol !== 'TCP' && protocol !== 'UDP' && protocol !== 'SCTP') return undefined;
  return { port: p, protocol };
}

function filtersOf(v: unknown): Filters {
  const o = record(v) ?? {};
  const axis = o['axis'];
  const p = port(o['port']);
  return {
    namespace: text(o['namespace'], ''),
    search: text(o['search'], ''),
    axis: axis === 'sources' || axis === 'destinations' ? (axis as FilterAxis) : 'both',
    onlyIsolated: o['onlyIsolated'] === true,
    onlyChanged: o['onlyChanged'] === true,
    ...(p ? { port: p } : {}),
  };
}

function number(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0;
}

/** A state from getState(), with anything unexpected replaced by the defaults. */
export function restoreState(raw: unknown): PanelState {
  const o = record(raw);
  if (!o || o['version'] !== 1) return INITIAL_STATE;
  const selection = record(o['selection']);
  const scroll = record(o['scroll']) ?? {};
  const externals = Array.isArray(o['externals']) ? o['externals'] : [];
  return {
    version: 1,
    view: o['view'] === 'graph' ? 'graph' : 'matrix',
    filters: filtersOf(o['filters']),
    externals: [...new Set(externals.map((x) => (typeof x === 'string' ? canonicalExternal(x) : undefined)).filter((x): x is string => x !== undefined))],
    selection:
      selection && typeof selection['from'] === 'string' && typeof selection['to'] === 'string' ? { from: selection['from'], to: selection['to'] } : null,
    scroll: { top: number(scroll['top']), left: number(scroll['left']) },
  };
}

/** "5432", "5432/TCP", "53/udp" → a port query; undefined for anything else. */
export function parsePortFilter(input: string): PortQuery | undefined {
  const m = /^\s*(\d{1,5})\s*(?:\/\s*(tcp|udp|sctp))?\s*$/i.exec(input);
  if (!m) return undefined;
  const p = Number(m[1]);
  if (p < 1 || p > 65535) return undefined;
  return { port: p, protocol: (m[2]?.toUpperCase() ?? 'TCP') as PortQuery['protocol'] };
}
