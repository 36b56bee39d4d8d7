// The full reachability matrix: every workload pair plus external endpoints.
// Fast because pods are grouped by (namespace, label set) — selectors see nothing else — and by their
// named ports (the only other thing a destination contributes); every selection is computed once per
// group, and port sets are interned so unions and intersections are memoized integer lookups.

import { formatRange, fullRange, parseAddressOrCidr, type AddressRange } from './addresses';
import { summarize, type EndpointSummary } from './evaluate';
import { ipBlockCovers, rulePorts } from './match';
import { externalPieces } from './partition';
import { ALL_PORTS, NO_PORTS, intersect, isEmpty, portSetKey, union, type PortSet } from './portSet';
import type { Endpoint, ExternalEndpoint, NetworkPolicyModel, Peer, PolicyRule, WorkloadEndpoint } from './types';
import { selectorMatches } from '../model/selectors';
import { isolationOf, namespaceLabelsOf, type PolicyWorld } from './world';

export interface MatrixOptions {
  /** Only workloads of this namespace are listed (policies everywhere still count). */
  namespace?: string;
  /** Extra external endpoints: IP addresses or CIDRs. */
  externals?: readonly string[];
  /** Add "internet" (0.0.0.0/0, and ::/0 when some ipBlock is IPv6). Default true. */
  internet?: boolean;
}

export interface MatrixEndpointSummary extends EndpointSummary {
  /** For external endpoints: the address range, as a CIDR or `first-last`. */
  range?: string;
}

export interface PolicyMatrix {
  endpoints: MatrixEndpointSummary[];
  /** Distinct port sets; cells hold indices into this list. 0 is "none", 1 is "all". */
  portSets: PortSet[];
  /**
   * cells[from][to]: index into portSets, or -1 where the pair does not apply (external to external).
   * For an external range the cell holds what at least one of its addresses gets.
   */
  cells: number[][];
  /** External cells whose addresses do not all get the same ports: `everywhere` is what all of them get. */
  partial: { from: number; to: number; everywhere: number }[];
  /** External endpoints that could not be parsed. */
  errors: string[];
}

export const NONE_ID = 0;
export const ALL_ID = 1;

/** Interned port sets with memoized union and intersection. */
class PortSetTable {
  readonly sets: PortSet[] = [NO_PORTS, ALL_PORTS];
  private readonly byKey = new Map<string, number>([
    [portSetKey(NO_PORTS), NONE_ID],
    [portSetKey(ALL_PORTS), ALL_ID],
  ]);
  private readonly unions = new Map<number, number>();
  private readonly intersections = new Map<number, number>();

  id(set: PortSet): number {
    const key = portSetKey(set);
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(set);
      this.byKey.set(key, id);
    }
    return id;
  }

  union(a: number, b: number): number {
    if (a === b || b === NONE_ID || a === ALL_ID) return a;
    if (a === NONE_ID || b === ALL_ID) return b;
    const key = a < b ? a * 0x100000000 + b : b * 0x100000000 + a;
    let r = this.unions.get(key);
    if (r === undefined) {
      r = this.id(union(this.sets[a]!, this.sets[b]!));
      this.unions.set(key, r);
    }
    return r;
  }

  intersect(a: number, b: number): number {
    if (a === b || b === ALL_ID || a === NONE_ID) return a;
    if (a === ALL_ID || b === NONE_ID) return b;
    const key = a < b ? a * 0x100000000 + b : b * 0x100000000 + a;
    let r = this.intersections.get(key);
    if (r === undefined) {
      r = this.id(intersect(this.sets[a]!, this.sets[b]!));
      this.intersections.set(key, r);
    }
    return r;
  }
}

interface SelectionGroup {
  index: number;
  namespace: string;
  labels: Record<string, string>;
  ingress: NetworkPolicyModel[];
  egress: NetworkPolicyModel[];
  /** Destination groups with these labels (one per distinct set of named ports). */
  destGroups: number[];
}

interface DestGroup {
  index: number;
  selection: number;
  /** A workload of the group: named ports resolve on it. */
  sample: WorkloadEndpoint;
  portsKey: string;
}

function labelsKey(namespace: string, labels: Record<string, string>): string {
  return `${namespace}\u0000${Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join('\u0001')}`;
}

function namedPortsKey(w: WorkloadEndpoint): string {
  return w.ports
    .filter((p) => p.name)
    .map((p) => `${p.name}/${p.protocol}/${p.port}`)
    .sort()
    .join(',');
}

function hasNamedPorts(rule: PolicyRule): boolean {
  return rule.ports !== null && rule.ports.some((p) => p.kind === 'named');
}

/** Everything computed once per world and reused for all cells. */
class MatrixContext {
  readonly table = new PortSetTable();
  readonly groups: SelectionGroup[] = [];
  readonly destGroups: DestGroup[] = [];
  readonly groupOf = new Map<WorkloadEndpoint, number>();
  readonly destGroupOf = new Map<WorkloadEndpoint, number>();
  private readonly groupsByNamespace = new Map<string, number[]>();
  private readonly peerGroups = new Map<Peer, number[]>();
  private readonly ruleGroups = new Map<PolicyRule, number[] | 'all'>();
  private readonly constantRulePorts = new Map<PolicyRule, number>();
  private readonly namedRulePorts = new Map<PolicyRule, Map<string, number>>();

  constructor(private readonly world: PolicyWorld) {
    const byKey = new Map<string, number>();
    const destByKey = new Map<string, number>();
    for (const w of world.workloads) {
      const key = labelsKey(w.namespace, w.labels);
      let g = byKey.get(key);
      if (g === undefined) {
        g = this.groups.length;
        this.groups.push({ index: g, namespace: w.namespace, labels: w.labels, ingress: [], egress: [], destGroups: [] });
        byKey.set(key, g);
        const list = this.groupsByNamespace.get(w.namespace);
        if (list) list.push(g);
        else this.groupsByNamespace.set(w.namespace, [g]);
      }
      this.groupOf.set(w, g);
      const portsKey = namedPortsKey(w);
      const dkey = `${key}\u0002${portsKey}`;
      let d = destByKey.get(dkey);
      if (d === undefined) {
        d = this.destGroups.length;
        this.destGroups.push({ index: d, selection: g, sample: w, portsKey });
        this.groups[g]!.destGroups.push(d);
        destByKey.set(dkey, d);
      }
      this.destGroupOf.set(w, d);
    }
    // Groups share labels and namespace, so any member's isolation (computed with the world) is the group's.
    for (const group of this.groups) {
      const sample = this.destGroups[group.destGroups[0]!]!.sample;
      const iso = isolationOf(world, sample);
      group.ingress = iso.ingress;
      group.egress = iso.egress;
    }
  }

  /** Selection groups a peer matches (ipBlocks match none: pod IPs are unknown). */
  private groupsOfPeer(policy: NetworkPolicyModel, peer: Peer): number[] {
    let cached = this.peerGroups.get(peer);
    if (cached) return cached;
    cached = [];
    if (peer.kind === 'pods') {
      const namespaces = peer.namespaceSelector
        ? [...this.world.namespaces.keys()].filter((ns) => selectorMatches(peer.namespaceSelector!.selector, namespaceLabelsOf(this.world, ns)))
        : [policy.namespace];
      for (const ns of namespaces) {
        for (const g of this.groupsByNamespace.get(ns) ?? []) {
          if (!peer.podSelector || selectorMatches(peer.podSelector.selector, this.groups[g]!.labels)) cached.push(g);
        }
      }
    }
    this.peerGroups.set(peer, cached);
    return cached;
  }

  /** Selection groups a rule's peers match, or 'all' for a rule without peers. */
  groupsOfRule(policy: NetworkPolicyModel, rule: PolicyRule): number[] | 'all' {
    let cached = this.ruleGroups.get(rule);
    if (cached) return cached;
    if (rule.peers === null) cached = 'all';
    else if (rule.peers.length === 1) cached = this.groupsOfPeer(policy, rule.peers[0]!);
    else {
      const set = new Set<number>();
      for (const peer of rule.peers) for (const g of this.groupsOfPeer(policy, peer)) set.add(g);
      cached = [...set];
    }
    this.ruleGroups.set(rule, cached);
    return cached;
  }

  /** Ports a rule opens towards a destination group (named ports differ per group). */
  rulePortsTo(rule: PolicyRule, dest: DestGroup): number {
    if (!hasNamedPorts(rule)) {
      let id = this.constantRulePorts.get(rule);
      if (id === undefined) {
        id = this.table.id(rulePorts(rule, dest.sample).ports);
        this.constantRulePorts.set(rule, id);
      }
      return id;
    }
    let perKey = this.namedRulePorts.get(rule);
    if (!perKey) this.namedRulePorts.set(rule, (perKey = new Map()));
    let id = perKey.get(dest.portsKey);
    if (id === undefined) {
      id = this.table.id(rulePorts(rule, dest.sample).ports);
      perKey.set(dest.portsKey, id);
    }
    return id;
  }

  /** Ingress allowed into a destination group, indexed by source selection group. */
  ingressRow(d: number): Int32Array {
    const dest = this.destGroups[d]!;
    const group = this.groups[dest.selection]!;
    const row = new Int32Array(this.groups.length).fill(group.ingress.length > 0 ? NONE_ID : ALL_ID);
    const t = this.table;
    for (const p of group.ingress) {
      for (const rule of p.ingress) {
        const ports = this.rulePortsTo(rule, dest);
        if (ports === NONE_ID) continue;
        const sources = this.groupsOfRule(p, rule);
        if (sources === 'all') for (let s = 0; s < row.length; s++) row[s] = t.union(row[s]!, ports);
        else for (const s of sources) row[s] = t.union(row[s]!, ports);
      }
    }
    return row;
  }

  /** Egress allowed from a source selection group, indexed by destination group. */
  egressRow(s: number): Int32Array {
    const group = this.groups[s]!;
    const row = new Int32Array(this.destGroups.length).fill(group.egress.length > 0 ? NONE_ID : ALL_ID);
    const t = this.table;
    for (const p of group.egress) {
      for (const rule of p.egress) {
        const targets = this.groupsOfRule(p, rule);
        if (targets === 'all') {
          for (let d = 0; d < row.length; d++) row[d] = t.union(row[d]!, this.rulePortsTo(rule, this.destGroups[d]!));
        } else {
          for (const g of targets) {
            for (const d of this.groups[g]!.destGroups) row[d] = t.union(row[d]!, this.rulePortsTo(rule, this.destGroups[d]!));
          }
        }
      }
    }
    return row;
  }

  /** The rules of a group's policies that can match an address: those without peers or with an ipBlock peer. */
  addressRules(group: SelectionGroup, direction: 'ingress' | 'egress'): PolicyRule[] {
    const out: PolicyRule[] = [];
    for (const p of group[direction]) {
      for (const rule of p[direction]) if (rule.peers === null || rule.peers.some((x) => x.kind === 'ipBlock')) out.push(rule);
    }
    return out;
  }

  /** Rules whose peers match every address of a piece (pieces are cut so that ipBlocks are constant on them). */
  rulesMatchingPiece(piece: AddressRange, direction: 'ingress' | 'egress'): Set<PolicyRule> {
    const out = new Set<PolicyRule>();
    for (const p of this.world.policies) {
      for (const rule of p[direction]) {
        if (rule.peers === null || rule.peers.some((peer) => ipBlockCovers(peer, piece))) out.add(rule);
      }
    }
    return out;
  }
}

function externalEndpoints(world: PolicyWorld, opts: MatrixOptions, errors: string[]): { endpoint: ExternalEndpoint; label: string }[] {
  const out: { endpoint: ExternalEndpoint; label: string }[] = [];
  if (opts.internet !== false) {
    out.push({ endpoint: { type: 'external', id: 'internet', range: fullRange('ipv4') }, label: 'internet' });
    const usesV6 = world.policies.some((p) =>
      [...p.ingress, ...p.egress].some((r) => (r.peers ?? []).some((peer) => peer.kind === 'ipBlock' && peer.block.family === 'ipv6')),
    );
    if (usesV6) out.push({ endpoint: { type: 'external', id: 'internet-ipv6', range: fullRange('ipv6') }, label: 'internet-ipv6' });
  }
  for (const text of opts.externals ?? []) {
    const range = parseAddressOrCidr(text);
    if (!range) {
      errors.push(`"${text}" is not an IP address or CIDR`);
      continue;
    }
    out.push({ endpoint: { type: 'external', id: formatRange(range), range }, label: formatRange(range) });
  }
  return out;
}

export function computeMatrix(world: PolicyWorld, opts: MatrixOptions = {}): PolicyMatrix {
  const ctx = new MatrixContext(world);
  const t = ctx.table;
  const errors: string[] = [];
  const workloads = opts.namespace === undefined ? world.workloads : world.workloads.filter((w) => w.namespace === opts.namespace);
  const externals = externalEndpoints(world, opts, errors);
  const n = workloads.length;
  const size = n + externals.length;

  // Rows per group, computed only for the groups that are listed.
  const ingressRows = new Map<number, Int32Array>();
  const egressRows = new Map<number, Int32Array>();
  const sel = workloads.map((w) => ctx.groupOf.get(w)!);
  const dst = workloads.map((w) => ctx.destGroupOf.get(w)!);
  for (const d of dst) if (!ingressRows.has(d)) ingressRows.set(d, ctx.ingressRow(d));
  for (const s of sel) if (!egressRows.has(s)) egressRows.set(s, ctx.egressRow(s));

  const cells: number[][] = [];
  for (let i = 0; i < size; i++) cells.push(new Array<number>(size).fill(-1));
  for (let i = 0; i < n; i++) {
    const egress = egressRows.get(sel[i]!)!;
    const si = sel[i]!;
    const row = cells[i]!;
    for (let j = 0; j < n; j++) {
      const dj = dst[j]!;
      row[j] = t.intersect(egress[dj]!, ingressRows.get(dj)![si]!);
    }
  }

  const partial: PolicyMatrix['partial'] = [];
  externals.forEach(({ endpoint }, k) => {
    const e = n + k;
    // Address → workload: only the workload's ingress applies.
    const inPieces = externalPieces(world, endpoint.range, 'ingress').map((piece) => ctx.rulesMatchingPiece(piece, 'ingress'));
    // Workload → address: only the workload's egress applies; named ports cannot resolve on an address.
    const outPieces = externalPieces(world, endpoint.range, 'egress').map((piece) => ctx.rulesMatchingPiece(piece, 'egress'));
    const toAddress = new Map<PolicyRule, number>();
    const portsToAddress = (rule: PolicyRule): number => {
      let id = toAddress.get(rule);
      if (id === undefined) toAddress.set(rule, (id = t.id(rulePorts(rule, endpoint).ports)));
      return id;
    };
    for (let i = 0; i < n; i++) {
      const w = workloads[i]!;
      const group = ctx.groups[ctx.groupOf.get(w)!]!;
      const dest = ctx.destGroups[ctx.destGroupOf.get(w)!]!;
      const into = allowedPerPiece(group.ingress.length > 0, ctx.addressRules(group, 'ingress'), inPieces, (rule) => ctx.rulePortsTo(rule, dest), t);
      const outOf = allowedPerPiece(group.egress.length > 0, ctx.addressRules(group, 'egress'), outPieces, portsToAddress, t);
      record(e, i, into);
      record(i, e, outOf);
    }
  });

  function record(from: number, to: number, pieces: number[]): void {
    let any = NONE_ID;
    let every = ALL_ID;
    for (const id of pieces) {
      any = t.union(any, id);
      every = t.intersect(every, id);
    }
    cells[from]![to] = any;
    if (every !== any) partial.push({ from, to, everywhere: every });
  }

  const endpoints: MatrixEndpointSummary[] = [
    ...workloads.map((w) => summarize(w)),
    ...externals.map(({ endpoint, label }) => ({ ...summarize(endpoint as Endpoint), id: label, range: formatRange(endpoint.range) })),
  ];
  return { endpoints, portSets: t.sets, cells, partial, errors };
}

/** Per piece of an external range: what the workload's policies (isolated or not) allow for it. */
function allowedPerPiece(
  isolated: boolean,
  addressRules: PolicyRule[],
  pieces: Set<PolicyRule>[],
  portsOf: (rule: PolicyRule) => number,
  t: PortSetTable,
): number[] {
  if (!isolated) return [ALL_ID];
  // Selector-only rules never match an address: with none other, every piece gets nothing.
  if (addressRules.length === 0) return [NONE_ID];
  return pieces.map((matching) => {
    let acc = NONE_ID;
    for (const rule of addressRules) if (matching.has(rule)) acc = t.union(acc, portsOf(rule));
    return acc;
  });
}

/** The port set of a cell (undefined for pairs that do not apply). */
export function matrixCell(m: PolicyMatrix, from: number, to: number): PortSet | undefined {
  const id = m.cells[from]?.[to];
  return id === undefined || id < 0 ? undefined : m.portSets[id];
}

/** Non-empty cells as (from, to, ports) triples, rows first. */
export function matrixConnections(m: PolicyMatrix): { from: number; to: number; ports: PortSet }[] {
  const out: { from: number; to: number; ports: PortSet }[] = [];
  m.cells.forEach((row, i) =>
    row.forEach((id, j) => {
      if (id >= 0 && !isEmpty(m.portSets[id]!)) out.push({ from: i, to: j, ports: m.portSets[id]! });
    }),
  );
  return out;
}
