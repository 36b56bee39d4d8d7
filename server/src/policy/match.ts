// Does a rule's peer match an endpoint, and which ports does a rule open towards a destination?
// Each "no" says why, so explanations can point at the failing selector part or port entry.

import type { JsonPath, Protocol } from '../model/types';
import { requirementMatches, selectorMatches } from '../model/selectors';
import { formatRange, type AddressRange } from './addresses';
import { ALL_PORTS, NO_PORTS, portRange, protocolPorts, union, type PortSet } from './portSet';
import type { Endpoint, NetworkPolicyModel, Peer, PolicyRule, PortEntry, SelectorWithPaths, WorkloadEndpoint, WorkloadPort } from './types';
import { namespaceLabelsOf, type PolicyWorld } from './world';

export interface SelectorFailure {
  /** `=` for a matchLabels entry, else the matchExpressions operator. */
  operator: string;
  key: string;
  values: string[];
  /** The label's value where it was looked up; null when the label is absent. */
  actual: string | null;
  path: JsonPath;
}

export type PeerMismatch = { peer: number; path: JsonPath } & (
  | { reason: 'other-namespace'; policyNamespace: string; namespace: string }
  | { reason: 'namespace-selector'; namespace: string; failed: SelectorFailure[] }
  | { reason: 'pod-selector'; failed: SelectorFailure[] }
  | { reason: 'ip-block-vs-workload'; cidr: string }
  | { reason: 'outside-cidr'; cidr: string; address: string; partly: boolean }
  | { reason: 'in-except'; cidr: string; except: string; address: string; partly: boolean }
  | { reason: 'selector-vs-address'; address: string }
  | { reason: 'invalid-peer'; detail: string }
);

export type PeerResult = { matched: true } | { matched: false; mismatch: PeerMismatch };

/** Which requirements of a selector fail on these labels (empty when it matches). */
export function selectorFailures(s: SelectorWithPaths, labels: Record<string, string>): SelectorFailure[] {
  const out: SelectorFailure[] = [];
  const actualOf = (key: string): string | null => (Object.prototype.hasOwnProperty.call(labels, key) ? labels[key]! : null);
  for (const [key, value] of Object.entries(s.selector.matchLabels)) {
    if (actualOf(key) !== value) out.push({ operator: '=', key, values: [value], actual: actualOf(key), path: [...s.path, 'matchLabels', key] });
  }
  s.selector.matchExpressions.forEach((req, i) => {
    if (!requirementMatches(req, labels)) {
      out.push({ operator: req.operator, key: req.key, values: req.values, actual: actualOf(req.key), path: s.expressionPaths[i] ?? s.path });
    }
  });
  return out;
}

function miss(mismatch: PeerMismatch): PeerResult {
  return { matched: false, mismatch };
}

/** Peer semantics: podSelector alone = the policy's namespace; namespaceSelector alone = every pod there; both = AND. */
export function matchPeerToWorkload(world: PolicyWorld, policy: NetworkPolicyModel, peer: Peer, w: WorkloadEndpoint): PeerResult {
  const at = { peer: peer.index, path: peer.path };
  switch (peer.kind) {
    case 'invalid':
      return miss({ ...at, reason: 'invalid-peer', detail: peer.reason });
    case 'ipBlock':
      // Pod IPs are unknown in manifests: an ipBlock never matches a workload (docs/conformance.md).
      return miss({ ...at, reason: 'ip-block-vs-workload', cidr: peer.cidr });
    case 'pods': {
      if (peer.namespaceSelector) {
        if (!selectorMatches(peer.namespaceSelector.selector, namespaceLabelsOf(world, w.namespace))) {
          return miss({ ...at, reason: 'namespace-selector', namespace: w.namespace, failed: selectorFailures(peer.namespaceSelector, namespaceLabelsOf(world, w.namespace)) });
        }
      } else if (w.namespace !== policy.namespace) {
        return miss({ ...at, reason: 'other-namespace', policyNamespace: policy.namespace, namespace: w.namespace });
      }
      if (peer.podSelector && !selectorMatches(peer.podSelector.selector, w.labels)) {
        return miss({ ...at, reason: 'pod-selector', failed: selectorFailures(peer.podSelector, w.labels) });
      }
      return { matched: true };
    }
  }
}

/** Fast check: an ipBlock peer covers every address of the range (inside the CIDR, outside every except). */
export function ipBlockCovers(peer: Peer, range: AddressRange): boolean {
  if (peer.kind !== 'ipBlock') return false;
  const b = peer.block;
  if (b.family !== range.family || range.start < b.start || range.end > b.end) return false;
  for (const e of peer.excepts) if (e.family === range.family && range.start <= e.end && e.start <= range.end) return false;
  return true;
}

/** An ipBlock matches a range when every address of it is inside the CIDR and outside every except. */
export function matchPeerToRange(peer: Peer, range: AddressRange, label?: string): PeerResult {
  if (ipBlockCovers(peer, range)) return { matched: true };
  const at = { peer: peer.index, path: peer.path };
  const address = label ?? formatRange(range);
  switch (peer.kind) {
    case 'invalid':
      return miss({ ...at, reason: 'invalid-peer', detail: peer.reason });
    case 'pods':
      return miss({ ...at, reason: 'selector-vs-address', address });
    case 'ipBlock': {
      const b = peer.block;
      if (b.family !== range.family || range.start < b.start || range.end > b.end) {
        const partly = b.family === range.family && range.start <= b.end && b.start <= range.end;
        return miss({ ...at, reason: 'outside-cidr', cidr: peer.cidr, address, partly });
      }
      const i = peer.excepts.findIndex((e) => e.family === range.family && range.start <= e.end && e.start <= range.end);
      const e = peer.excepts[i]!;
      return miss({ ...at, reason: 'in-except', cidr: peer.cidr, except: peer.except[i]!, address, partly: range.start < e.start || range.end > e.end });
    }
  }
}

export function matchPeer(world: PolicyWorld, policy: NetworkPolicyModel, peer: Peer, endpoint: Endpoint): PeerResult {
  return endpoint.type === 'workload' ? matchPeerToWorkload(world, policy, peer, endpoint) : matchPeerToRange(peer, endpoint.range, endpoint.id);
}

/** The same verdict as matchPeer, without building reasons (the matrix and bulk queries use this). */
export function peerMatches(world: PolicyWorld, policy: NetworkPolicyModel, peer: Peer, endpoint: Endpoint): boolean {
  if (endpoint.type === 'external') return ipBlockCovers(peer, endpoint.range);
  if (peer.kind !== 'pods') return false;
  if (peer.namespaceSelector) {
    if (!selectorMatches(peer.namespaceSelector.selector, namespaceLabelsOf(world, endpoint.namespace))) return false;
  } else if (endpoint.namespace !== policy.namespace) {
    return false;
  }
  return !peer.podSelector || selectorMatches(peer.podSelector.selector, endpoint.labels);
}

/** The first matching peer of a rule, or every peer's mismatch. A rule without peers matches everything. */
export function matchRulePeers(
  world: PolicyWorld,
  policy: NetworkPolicyModel,
  rule: PolicyRule,
  endpoint: Endpoint,
): { matched: true; peer: Peer | null } | { matched: false; mismatches: PeerMismatch[] } {
  if (rule.peers === null) return { matched: true, peer: null };
  const mismatches: PeerMismatch[] = [];
  for (const peer of rule.peers) {
    const r = matchPeer(world, policy, peer, endpoint);
    if (r.matched) return { matched: true, peer };
    mismatches.push(r.mismatch);
  }
  return { matched: false, mismatches };
}

export interface ResolvedPortEntry {
  entry: PortEntry;
  ports: PortSet;
  /** A named port the destination does not declare with that protocol. */
  unresolved?: { name: string; protocol: Protocol; sameNameOtherProtocol: WorkloadPort[]; destination: 'workload' | 'external' };
}

/** Ports of one entry towards a destination. Named ports resolve on the destination's container ports, by name and protocol. */
export function resolvePortEntry(entry: PortEntry, destination: Endpoint): ResolvedPortEntry {
  switch (entry.kind) {
    case 'protocol':
      return { entry, ports: protocolPorts(entry.protocol) };
    case 'range':
      return { entry, ports: portRange(entry.protocol, entry.start, entry.end) };
    case 'invalid':
      return { entry, ports: NO_PORTS };
    case 'named': {
      if (destination.type === 'external') {
        return { entry, ports: NO_PORTS, unresolved: { name: entry.name, protocol: entry.protocol, sameNameOtherProtocol: [], destination: 'external' } };
      }
      let ports = NO_PORTS;
      const other: WorkloadPort[] = [];
      for (const p of destination.ports) {
        if (p.name !== entry.name) continue;
        if (p.protocol === entry.protocol) ports = union(ports, portRange(p.protocol, p.port));
        else other.push(p);
      }
      if (ports.TCP.length + ports.UDP.length + ports.SCTP.length > 0) return { entry, ports };
      return { entry, ports, unresolved: { name: entry.name, protocol: entry.protocol, sameNameOtherProtocol: other, destination: 'workload' } };
    }
  }
}

/** What a rule's ports open towards a destination: all ports when the rule lists none. */
export function rulePorts(rule: PolicyRule, destination: Endpoint): { ports: PortSet; entries: ResolvedPortEntry[] | null } {
  if (rule.ports === null) return { ports: ALL_PORTS, entries: null };
  const entries = rule.ports.map((e) => resolvePortEntry(e, destination));
  let ports = NO_PORTS;
  for (const e of entries) ports = union(ports, e.ports);
  return { ports, entries };
}
