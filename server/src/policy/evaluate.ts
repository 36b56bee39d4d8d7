// "Can A talk to B, on which ports, and why?" for one pair of endpoints.
// A connection needs the source's egress AND the destination's ingress to allow it. A workload is
// isolated in a direction iff some policy of that direction selects it; then the union of those
// policies' rules applies. External addresses have no policies of their own.
// Decisions where manifests cannot tell (docs/conformance.md): ipBlocks never match workloads (pod IPs
// are not known; status.podIP is ignored), and hostNetwork pods are evaluated like any pod, with a note.

import type { JsonPath } from '../model/types';
import { ALL_PORTS, NO_PORTS, contains, intersect, isEmpty, union, type PortSet } from './portSet';
import { formatRange } from './addresses';
import { matchRulePeers, peerMatches, rulePorts, type PeerMismatch } from './match';
import type { Direction, Endpoint, NetworkPolicyModel, PolicyRef, PortQuery, SourceRef, WorkloadPort } from './types';
import { isolationOf, type PolicyWorld } from './world';

export interface EndpointSummary {
  type: 'workload' | 'external';
  id: string;
  namespace?: string;
  kind?: string;
  name?: string;
  source?: SourceRef;
  hostNetwork?: boolean;
}

/** One (rule, peer, port entry) that opened ports. Indices are 0-based; prose numbers rules from 1. */
export interface Allowance {
  policy: PolicyRef;
  rule: number;
  rulePath: JsonPath;
  /** null: the rule has no `from`/`to`, so it matches every peer. */
  peer: number | null;
  peerPath: JsonPath | null;
  /** null: the rule lists no ports, so all ports. */
  port: number | null;
  portPath: JsonPath | null;
  ports: PortSet;
  /** Present with a port query: whether these ports include it. */
  matchesQuery?: boolean;
}

interface RuleAt {
  policy: PolicyRef;
  rule: number;
  rulePath: JsonPath;
}

export type NearMiss =
  | { kind: 'no-rules'; policy: PolicyRef }
  | (RuleAt & { kind: 'peer-mismatch'; peers: PeerMismatch[] })
  | (RuleAt & { kind: 'ports-differ'; peer: number | null; peerPath: JsonPath | null; ports: PortSet })
  | (RuleAt & {
      kind: 'named-port-unresolved';
      peer: number | null;
      peerPath: JsonPath | null;
      port: number;
      portPath: JsonPath;
      name: string;
      protocol: string;
      /** Ports of the destination with this name but another protocol. */
      sameNameOtherProtocol: WorkloadPort[];
      destination: 'workload' | 'external';
    })
  | (RuleAt & { kind: 'invalid-port'; peer: number | null; peerPath: JsonPath | null; port: number; portPath: JsonPath; detail: string });

export interface DirectionVerdict {
  direction: Direction;
  /** The endpoint whose policies apply: the source for egress, the destination for ingress. */
  subject: string;
  /** false when the subject is an external address: no NetworkPolicy applies there. */
  enforced: boolean;
  isolated: boolean;
  /** The policies that isolate the subject in this direction. */
  policies: PolicyRef[];
  /** What this direction allows (all ports when not isolated). */
  ports: PortSet;
  allowedBy: Allowance[];
  /** Filled when this direction denies: what almost allowed the traffic. */
  nearMisses: NearMiss[];
}

export interface Explanation {
  from: EndpointSummary;
  to: EndpointSummary;
  query: PortQuery | null;
  /** With a query: that port is allowed. Without: some port is allowed. */
  allowed: boolean;
  /** Every allowed port: egress ∩ ingress. */
  ports: PortSet;
  egress: DirectionVerdict;
  ingress: DirectionVerdict;
  notes: string[];
}

export function summarize(e: Endpoint): EndpointSummary {
  if (e.type === 'external') return { type: 'external', id: e.id };
  return { type: 'workload', id: e.id, namespace: e.namespace, kind: e.kind, name: e.name, source: e.source, hostNetwork: e.hostNetwork };
}

function isolatingPolicies(world: PolicyWorld, direction: Direction, subject: Endpoint): NetworkPolicyModel[] {
  if (subject.type === 'external') return [];
  return isolationOf(world, subject)[direction];
}

function directionAllows(ports: PortSet, query: PortQuery | null): boolean {
  return query ? contains(ports, query.protocol, query.port) : !isEmpty(ports);
}

/**
 * One direction: `subject` owns the policies, `peer` is the other end. Ports always resolve on the
 * destination (named ports are the destination's container ports).
 */
function evaluateDirection(
  world: PolicyWorld,
  direction: Direction,
  subject: Endpoint,
  peer: Endpoint,
  destination: Endpoint,
  query: PortQuery | null,
  explain: boolean,
): DirectionVerdict {
  const policies = isolatingPolicies(world, direction, subject);
  const verdict: DirectionVerdict = {
    direction,
    subject: subject.id,
    enforced: subject.type === 'workload',
    isolated: policies.length > 0,
    policies: policies.map((p) => p.ref),
    ports: policies.length > 0 ? NO_PORTS : ALL_PORTS,
    allowedBy: [],
    nearMisses: [],
  };
  if (policies.length === 0) return verdict;

  const misses: NearMiss[] = [];
  for (const policy of policies) {
    const rules = policy[direction];
    if (rules.length === 0) {
      if (explain) misses.push({ kind: 'no-rules', policy: policy.ref });
      continue;
    }
    for (const rule of rules) {
      const at: RuleAt = { policy: policy.ref, rule: rule.index, rulePath: rule.path };
      if (!explain) {
        if (rule.peers === null || rule.peers.some((x) => peerMatches(world, policy, x, peer))) {
          verdict.ports = union(verdict.ports, rulePorts(rule, destination).ports);
        }
        continue;
      }
      const m = matchRulePeers(world, policy, rule, peer);
      if (!m.matched) {
        misses.push({ ...at, kind: 'peer-mismatch', peers: m.mismatches });
        continue;
      }
      const { ports, entries } = rulePorts(rule, destination);
      verdict.ports = union(verdict.ports, ports);
      const peerAt = { peer: m.peer ? m.peer.index : null, peerPath: m.peer ? m.peer.path : null };
      if (entries === null) {
        verdict.allowedBy.push({ ...at, ...peerAt, port: null, portPath: null, ports, ...(query ? { matchesQuery: true } : {}) });
        continue;
      }
      for (const e of entries) {
        if (!isEmpty(e.ports)) {
          const matchesQuery = query ? contains(e.ports, query.protocol, query.port) : undefined;
          verdict.allowedBy.push({ ...at, ...peerAt, port: e.entry.index, portPath: e.entry.path, ports: e.ports, ...(matchesQuery !== undefined ? { matchesQuery } : {}) });
        } else if (e.unresolved && (!query || query.protocol === e.unresolved.protocol || e.unresolved.sameNameOtherProtocol.some((p) => p.protocol === query.protocol))) {
          // Also when the asked protocol is the one the destination declares under that name
          // (a TCP rule on a UDP-only `dns` port, asked about 53/UDP): that is the near miss to show.
          misses.push({ ...at, ...peerAt, kind: 'named-port-unresolved', port: e.entry.index, portPath: e.entry.path, ...e.unresolved });
        } else if (e.entry.kind === 'invalid') {
          misses.push({ ...at, ...peerAt, kind: 'invalid-port', port: e.entry.index, portPath: e.entry.path, detail: e.entry.reason });
        }
      }
      if (query && !isEmpty(ports) && !contains(ports, query.protocol, query.port)) {
        misses.push({ ...at, ...peerAt, kind: 'ports-differ', ports });
      }
    }
  }
  // Near misses matter only when this direction denies what was asked.
  if (explain && !directionAllows(verdict.ports, query)) verdict.nearMisses = misses;
  return verdict;
}

function notesFor(from: Endpoint, to: Endpoint): string[] {
  const notes: string[] = [];
  for (const e of [from, to]) {
    if (e.type === 'workload' && e.hostNetwork) {
      notes.push(
        `${e.id} uses hostNetwork: it is evaluated like any pod, but many network plugins do not enforce NetworkPolicy for host-network pods.`,
      );
    }
    if (e.type === 'external' && e.range.start !== e.range.end) {
      notes.push(`${e.id} is a range: an ipBlock counts only when it covers every address of ${formatRange(e.range)}.`);
    }
  }
  return notes;
}

function run(world: PolicyWorld, from: Endpoint, to: Endpoint, query: PortQuery | null, explain: boolean): Explanation {
  const egress = evaluateDirection(world, 'egress', from, to, to, query, explain);
  const ingress = evaluateDirection(world, 'ingress', to, from, to, query, explain);
  const ports = intersect(egress.ports, ingress.ports);
  return {
    from: summarize(from),
    to: summarize(to),
    query,
    allowed: directionAllows(ports, query),
    ports,
    egress,
    ingress,
    notes: explain ? notesFor(from, to) : [],
  };
}

/** The verdict with its explanation. Without a port, `allowed` means some port is allowed. */
export function evaluate(world: PolicyWorld, from: Endpoint, to: Endpoint, port?: PortQuery): Explanation {
  return run(world, from, to, port ?? null, true);
}

/** Every port on which `from` may open connections to `to`. */
export function allowedPorts(world: PolicyWorld, from: Endpoint, to: Endpoint): PortSet {
  return run(world, from, to, null, false).ports;
}
