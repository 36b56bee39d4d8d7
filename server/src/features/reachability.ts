// What the NetworkPolicy evaluator says about one workload: which policies isolate it and who may
// reach it. The only place the navigation features call the evaluator.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { LabelSelector, PodTemplate, Resource } from '../model/types';
import { formatSelector, selectorMatches } from '../model/selectors';
import { allowedPorts, buildPolicyWorld, isEmpty, isNetworkPolicy, isolationOf, namespaceLabelsOf, normalizeNetworkPolicy, workloadId, type NetworkPolicyModel, type PolicyWorld, type WorkloadEndpoint } from '../policy';
import { memo } from './memo';
import { peerMatches } from '../policy/match';

const normalized = new WeakMap<Resource, NetworkPolicyModel>();

/** A NetworkPolicy in the evaluator's model, normalized once per resource. */
export function normalizedPolicy(resource: Resource): NetworkPolicyModel {
  let model = normalized.get(resource);
  if (!model) {
    model = normalizeNetworkPolicy(resource);
    normalized.set(resource, model);
  }
  return model;
}

/** The evaluator's world for the index; policies are normalized once per resource, not once per change. */
export function policyWorld(index: WorkspaceIndex): PolicyWorld {
  return memo(index, 'policyWorld', () => {
    const policies = index.resourcesOfKind('NetworkPolicy').filter(isNetworkPolicy).map(normalizedPolicy);
    return buildPolicyWorld({ templates: index.podTemplates(), namespaces: index.namespaces(), policies });
  });
}

export interface Reachability {
  workload: WorkloadEndpoint;
  ingressIsolatedBy: NetworkPolicyModel[];
  egressIsolatedBy: NetworkPolicyModel[];
  /** Workloads (other than itself) that may open a connection to it on some port. */
  from: WorkloadEndpoint[];
  /** Addresses outside the cluster's pods: all of them, some (ipBlocks), or none. */
  fromExternal: 'all' | 'some' | 'none';
  /** Workloads in the workspace, itself excluded. */
  otherWorkloads: number;
}

export function workloadOf(index: WorkspaceIndex, template: PodTemplate): WorkloadEndpoint | undefined {
  const r = template.resource;
  return policyWorld(index).workloadsById.get(workloadId(template.namespace, r.kind, r.name));
}

/** Isolation and sources of one workload; undefined for templates that run no pods (PodTemplate) or lack a name. */
export function reachabilityOf(index: WorkspaceIndex, template: PodTemplate): Reachability | undefined {
  const world = policyWorld(index);
  const target = workloadOf(index, template);
  if (!target) return undefined;
  const isolation = isolationOf(world, target);
  const admittedByEgress = egressPoliciesAdmitting(index, world, target);
  const candidates = ingressCandidates(index, world, isolation.ingress);
  const from = world.workloads.filter((source) => {
    if (source === target || (candidates !== 'all' && !candidates.has(source))) return false;
    const egress = isolationOf(world, source).egress;
    // Neither end isolated: everything is allowed, no need to evaluate.
    if (egress.length === 0 && isolation.ingress.length === 0) return true;
    // The source's egress policies all leave the target out: nothing to evaluate either.
    if (egress.length > 0 && !egress.some((p) => admittedByEgress.has(p))) return false;
    return !isEmpty(allowedPorts(world, source, target));
  });
  return {
    workload: target,
    ingressIsolatedBy: isolation.ingress,
    egressIsolatedBy: isolation.egress,
    from,
    fromExternal: externalAccess(isolation.ingress),
    otherWorkloads: world.workloads.length - 1,
  };
}

/** Workloads some ingress rule of the target's policies could admit (every workload when it is not isolated). */
function ingressCandidates(index: WorkspaceIndex, world: PolicyWorld, policies: readonly NetworkPolicyModel[]): Set<WorkloadEndpoint> | 'all' {
  if (policies.length === 0) return 'all';
  const out = new Set<WorkloadEndpoint>();
  const byNamespace = workloadsByNamespace(index, world);
  for (const p of policies) {
    for (const rule of p.ingress) {
      if (rule.peers === null) return 'all';
      for (const peer of rule.peers) {
        if (peer.kind !== 'pods') continue;
        const nsSelector = peer.namespaceSelector?.selector;
        const namespaces = nsSelector ? [...byNamespace.keys()].filter((ns) => selectorMatches(nsSelector, namespaceLabelsOf(world, ns))) : [p.namespace];
        for (const ns of namespaces) for (const w of byNamespace.get(ns) ?? []) if (peerMatches(world, p, peer, w)) out.add(w);
      }
    }
  }
  return out;
}

interface EgressPeer {
  policy: NetworkPolicyModel;
  podSelector?: LabelSelector;
}

/** Egress peers grouped by the namespaces they can reach, so a target looks at the few that concern it. */
interface EgressPeerIndex {
  /** Policies with a rule open to every destination. */
  open: NetworkPolicyModel[];
  byPolicyNamespace: Map<string, EgressPeer[]>;
  byNamespaceSelector: Map<string, { selector: LabelSelector; peers: EgressPeer[] }>;
}

function egressPeerIndex(index: WorkspaceIndex, world: PolicyWorld): EgressPeerIndex {
  return memo(index, 'egressPeerIndex', () => {
    const out: EgressPeerIndex = { open: [], byPolicyNamespace: new Map(), byNamespaceSelector: new Map() };
    for (const policy of world.policies) {
      if (!policy.affects.egress) continue;
      for (const rule of policy.egress) {
        if (rule.peers === null) {
          out.open.push(policy);
          continue;
        }
        for (const peer of rule.peers) {
          if (peer.kind !== 'pods') continue;
          const entry: EgressPeer = { policy, ...(peer.podSelector ? { podSelector: peer.podSelector.selector } : {}) };
          const nsSelector = peer.namespaceSelector?.selector;
          if (!nsSelector) {
            const list = out.byPolicyNamespace.get(policy.namespace);
            if (list) list.push(entry);
            else out.byPolicyNamespace.set(policy.namespace, [entry]);
            continue;
          }
          const key = formatSelector(nsSelector);
          const group = out.byNamespaceSelector.get(key);
          if (group) group.peers.push(entry);
          else out.byNamespaceSelector.set(key, { selector: nsSelector, peers: [entry] });
        }
      }
    }
    return out;
  });
}

/** Policies with an egress rule that lets traffic go to the target (ports aside). */
function egressPoliciesAdmitting(index: WorkspaceIndex, world: PolicyWorld, target: WorkloadEndpoint): Set<NetworkPolicyModel> {
  const peers = egressPeerIndex(index, world);
  const out = new Set<NetworkPolicyModel>(peers.open);
  const consider = (list: readonly EgressPeer[]): void => {
    for (const e of list) if (!e.podSelector || selectorMatches(e.podSelector, target.labels)) out.add(e.policy);
  };
  consider(peers.byPolicyNamespace.get(target.namespace) ?? []);
  const nsLabels = namespaceLabelsOf(world, target.namespace);
  for (const group of peers.byNamespaceSelector.values()) if (selectorMatches(group.selector, nsLabels)) consider(group.peers);
  return out;
}

function workloadsByNamespace(index: WorkspaceIndex, world: PolicyWorld): Map<string, WorkloadEndpoint[]> {
  return memo(index, 'workloadsByNamespace', () => {
    const map = new Map<string, WorkloadEndpoint[]>();
    for (const w of world.workloads) {
      const list = map.get(w.namespace);
      if (list) list.push(w);
      else map.set(w.namespace, [w]);
    }
    return map;
  });
}

function externalAccess(ingressPolicies: readonly NetworkPolicyModel[]): Reachability['fromExternal'] {
  if (ingressPolicies.length === 0) return 'all';
  let some = false;
  for (const p of ingressPolicies) {
    for (const rule of p.ingress) {
      if (rule.peers === null) return 'all';
      if (rule.peers.some((peer) => peer.kind === 'ipBlock')) some = true;
    }
  }
  return some ? 'some' : 'none';
}
