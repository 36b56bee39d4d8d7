// Port sets as interval algebra: per protocol (TCP, UDP, SCTP), sorted disjoint maximal ranges over 1..65535.
// Values are plain JSON (arrays of [start, end] pairs), never mutated after construction.

import type { Protocol } from '../model/types';

export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** An inclusive port range [start, end]. */
export type PortRange = readonly [number, number];

export interface PortSet {
  readonly TCP: readonly PortRange[];
  readonly UDP: readonly PortRange[];
  readonly SCTP: readonly PortRange[];
}

const FULL: readonly PortRange[] = Object.freeze([Object.freeze([MIN_PORT, MAX_PORT] as const)]);
const EMPTY_RANGES: readonly PortRange[] = Object.freeze([]);

export const NO_PORTS: PortSet = Object.freeze({ TCP: EMPTY_RANGES, UDP: EMPTY_RANGES, SCTP: EMPTY_RANGES });
export const ALL_PORTS: PortSet = Object.freeze({ TCP: FULL, UDP: FULL, SCTP: FULL });

export function isProtocol(v: unknown): v is Protocol {
  return v === 'TCP' || v === 'UDP' || v === 'SCTP';
}

function withProtocol(protocol: Protocol, ranges: readonly PortRange[]): PortSet {
  return { ...NO_PORTS, [protocol]: ranges };
}

/** Every port of one protocol. */
export function protocolPorts(protocol: Protocol): PortSet {
  return withProtocol(protocol, FULL);
}

/** One range of one protocol, clamped to 1..65535; empty when start > end after clamping. */
export function portRange(protocol: Protocol, start: number, end: number = start): PortSet {
  const a = Math.max(MIN_PORT, Math.ceil(start));
  const b = Math.min(MAX_PORT, Math.floor(end));
  return a > b ? NO_PORTS : withProtocol(protocol, [[a, b]]);
}

/** Builds a set from ranges in any order, overlapping or adjacent (they are merged). */
export function portSetOf(entries: Iterable<{ protocol: Protocol; start: number; end?: number }>): PortSet {
  let acc = NO_PORTS;
  for (const e of entries) acc = union(acc, portRange(e.protocol, e.start, e.end ?? e.start));
  return acc;
}

function unionRanges(a: readonly PortRange[], b: readonly PortRange[]): readonly PortRange[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const all = [...a, ...b].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [s, e] of all) {
    const last = out[out.length - 1];
    // Adjacent ranges (80-90 and 91-100) merge, so every set has one canonical form.
    if (last && s <= last[1] + 1) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

function intersectRanges(a: readonly PortRange[], b: readonly PortRange[]): readonly PortRange[] {
  if (a.length === 0 || b.length === 0) return EMPTY_RANGES;
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [as, ae] = a[i]!;
    const [bs, be] = b[j]!;
    const s = Math.max(as, bs);
    const e = Math.min(ae, be);
    if (s <= e) out.push([s, e]);
    if (ae < be) i++;
    else j++;
  }
  return out;
}

function complementRanges(a: readonly PortRange[]): readonly PortRange[] {
  const out: [number, number][] = [];
  let next = MIN_PORT;
  for (const [s, e] of a) {
    if (s > next) out.push([next, s - 1]);
    next = e + 1;
  }
  if (next <= MAX_PORT) out.push([next, MAX_PORT]);
  return out;
}

export function union(a: PortSet, b: PortSet): PortSet {
  if (a === b || isEmpty(b)) return a;
  if (isEmpty(a)) return b;
  return { TCP: unionRanges(a.TCP, b.TCP), UDP: unionRanges(a.UDP, b.UDP), SCTP: unionRanges(a.SCTP, b.SCTP) };
}

export function intersect(a: PortSet, b: PortSet): PortSet {
  if (a === b || a === ALL_PORTS) return b;
  if (b === ALL_PORTS) return a;
  return { TCP: intersectRanges(a.TCP, b.TCP), UDP: intersectRanges(a.UDP, b.UDP), SCTP: intersectRanges(a.SCTP, b.SCTP) };
}

export function complement(a: PortSet): PortSet {
  return { TCP: complementRanges(a.TCP), UDP: complementRanges(a.UDP), SCTP: complementRanges(a.SCTP) };
}

export function subtract(a: PortSet, b: PortSet): PortSet {
  return intersect(a, complement(b));
}

export function isEmpty(a: PortSet): boolean {
  return a.TCP.length === 0 && a.UDP.length === 0 && a.SCTP.length === 0;
}

function isFull(ranges: readonly PortRange[]): boolean {
  return ranges.length === 1 && ranges[0]![0] === MIN_PORT && ranges[0]![1] === MAX_PORT;
}

export function isAll(a: PortSet): boolean {
  return isFull(a.TCP) && isFull(a.UDP) && isFull(a.SCTP);
}

export function contains(a: PortSet, protocol: Protocol, port: number): boolean {
  for (const [s, e] of a[protocol]) {
    if (port < s) return false;
    if (port <= e) return true;
  }
  return false;
}

/** b ⊆ a */
export function isSubset(b: PortSet, a: PortSet): boolean {
  return equals(intersect(a, b), b);
}

/** A canonical string, equal for equal sets: usable as a map key. */
export function portSetKey(a: PortSet): string {
  if (isEmpty(a)) return '-';
  return PROTOCOLS.map((p) => a[p].map(([s, e]) => (s === e ? `${s}` : `${s}-${e}`)).join(',')).join('|');
}

export function equals(a: PortSet, b: PortSet): boolean {
  return a === b || portSetKey(a) === portSetKey(b);
}

/** Number of (protocol, port) pairs in the set. */
export function size(a: PortSet): number {
  let n = 0;
  for (const p of PROTOCOLS) for (const [s, e] of a[p]) n += e - s + 1;
  return n;
}

/** Copies any structurally valid JSON port set into canonical form (for data from outside). */
export function normalizePortSet(raw: { [P in Protocol]?: readonly (readonly number[])[] }): PortSet {
  let acc = NO_PORTS;
  for (const p of PROTOCOLS) {
    for (const r of raw[p] ?? []) {
      if (typeof r[0] === 'number') acc = union(acc, portRange(p, r[0], typeof r[1] === 'number' ? r[1] : r[0]));
    }
  }
  return acc;
}

function formatRange([s, e]: PortRange): string {
  return s === e ? `${s}` : `${s}-${e}`;
}

/**
 * Human form: "all", "none", or per protocol "all TCP" / "80,443/TCP", joined by "; ".
 * Example: "8080/TCP; 53/UDP", "all TCP; 53/UDP".
 */
export function formatPortSet(a: PortSet): string {
  if (isEmpty(a)) return 'none';
  if (isAll(a)) return 'all';
  const parts: string[] = [];
  for (const p of PROTOCOLS) {
    const ranges = a[p];
    if (ranges.length === 0) continue;
    parts.push(isFull(ranges) ? `all ${p}` : `${ranges.map(formatRange).join(',')}/${p}`);
  }
  return parts.join('; ');
}

/** The flat list form used by JSON outputs: [{protocol, port, endPort?}], endPort only for ranges. */
export function portSetEntries(a: PortSet): { protocol: Protocol; port: number; endPort?: number }[] {
  const out: { protocol: Protocol; port: number; endPort?: number }[] = [];
  for (const p of PROTOCOLS) {
    for (const [s, e] of a[p]) out.push(s === e ? { protocol: p, port: s } : { protocol: p, port: s, endPort: e });
  }
  return out;
}
