// What the NetworkPolicy evaluator says about one workload: which policies isolate it and who may
// reach it. The only place the navigation features call the evaluator.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { PodTemplate } from '../model/types';
import { allowedPorts, isEmpty, isolationOf, worldFromIndex, workloadId, type NetworkPolicyModel, type PolicyWorld, type WorkloadEndpoint } from '../policy';
import { memo } from './memo';

export function policyWorld(index: WorkspaceIndex): PolicyWorld {
  return memo(index, 'policyWorld', () => worldFromIndex(index));
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
  const from = world.workloads.filter((source) => source !== target && mayReach(world, source, target, isolation.ingress.length > 0));
  return {
    workload: target,
    ingressIsolatedBy: isolation.ingress,
    egressIsolatedBy: isolation.egress,
    from,
    fromExternal: externalAccess(isolation.ingress),
    otherWorkloads: world.workloads.length - 1,
  };
}

function mayReach(world: PolicyWorld, source: WorkloadEndpoint, target: WorkloadEndpoint, targetIsolated: boolean): boolean {
  // Neither end isolated: everything is allowed, no need to evaluate.
  if (!targetIsolated && isolationOf(world, source).egress.length === 0) return true;
  return !isEmpty(allowedPorts(world, source, target));
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
