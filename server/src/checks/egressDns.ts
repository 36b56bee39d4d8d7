// Whether a workload can still resolve names: judged on the union of ALL the policies that isolate
// its egress (the evaluator's isolation and normalized rules), never one policy at a time.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { PodTemplate, Resource } from '../model/types';
import { buildPolicyWorld, isolationOf, workloadId, type PolicyWorld } from '../policy/world';
import { isNetworkPolicy, normalizeNetworkPolicy } from '../policy/normalize';
import { factsFor } from './facts';
import type { NetworkPolicyModel, PolicyRule, PortEntry, WorkloadEndpoint } from '../policy/types';

/** What the rule needs to know about one workload's egress. */
export interface EgressDnsVerdict {
  /** Some policy isolates the workload's egress. */
  isolated: boolean;
  /** Those policies allow some egress at all (a pure deny-all blocks DNS on purpose). */
  reachesSomething: boolean;
  /** Their union allows UDP port 53 to some destination. */
  allowsDns: boolean;
  /**
   * All they allow is the API server's port (TCP 6443): such pods talk only to the Kubernetes API,
   * which in-cluster clients reach by the IP in KUBERNETES_SERVICE_HOST, so they resolve no names.
   */
  reachesOnlyApiServer: boolean;
  /** `namespace/name` of the policies isolating its egress. */
  policies: string[];
}

/** The small interface the rule is written against; `evaluatorEgressDns` implements it. */
export type EgressDnsJudge = (template: PodTemplate) => EgressDnsVerdict;

const DNS_PORT = 53;
/** The port the API server listens on behind the `kubernetes` Service (policies see the endpoint port). */
const API_SERVER_PORT = 6443;

/**
 * Whether one port entry may open UDP 53. A named UDP port resolves on the destination, which may
 * be a DNS server outside the workspace: it counts as allowing DNS (we only report certainties).
 */
function entryAllowsDns(entry: PortEntry): boolean {
  if (entry.protocol !== 'UDP') return false;
  switch (entry.kind) {
    case 'protocol':
    case 'named':
      return true;
    case 'range':
      return entry.start <= DNS_PORT && DNS_PORT <= entry.end;
    case 'invalid':
      return false;
  }
}

function ruleReachesSomething(rule: PolicyRule): boolean {
  return rule.peers === null || rule.peers.some((p) => p.kind !== 'invalid');
}

function ruleAllowsOnlyApiServer(rule: PolicyRule): boolean {
  return rule.ports !== null && rule.ports.length > 0 && rule.ports.every((p) => p.protocol === 'TCP' && p.kind === 'range' && p.start === API_SERVER_PORT && p.end === API_SERVER_PORT);
}

function ruleAllowsDns(rule: PolicyRule): boolean {
  if (!ruleReachesSomething(rule)) return false;
  return rule.ports === null || rule.ports.some(entryAllowsDns);
}

/** A judge over the evaluator's view of the workspace, caching a verdict per pod template. */
export function evaluatorEgressDns(world: PolicyWorld): EgressDnsJudge {
  const verdicts = new WeakMap<PodTemplate, EgressDnsVerdict>();
  return (template) => {
    const cached = verdicts.get(template);
    if (cached) return cached;
    const policies = isolationOf(world, workloadFor(template)).egress;
    const rules = policies.flatMap((p) => p.egress);
    const verdict: EgressDnsVerdict = {
      isolated: policies.length > 0,
      reachesSomething: rules.some(ruleReachesSomething),
      allowsDns: rules.some(ruleAllowsDns),
      reachesOnlyApiServer: rules.some(ruleReachesSomething) && rules.filter(ruleReachesSomething).every(ruleAllowsOnlyApiServer),
      policies: policies.map((p) => p.ref.id),
    };
    verdicts.set(template, verdict);
    return verdict;
  };
}

/** The evaluator's endpoint for a template (the per-namespace world holds no workloads of its own). */
function workloadFor(t: PodTemplate): WorkloadEndpoint {
  return {
    type: 'workload',
    id: workloadId(t.namespace, t.resource.kind, t.resource.name),
    namespace: t.namespace,
    kind: t.resource.kind,
    name: t.resource.name,
    labels: t.labels,
    ports: [],
    hostNetwork: t.hostNetwork,
    source: { uri: t.resource.uri, docIndex: t.resource.docIndex, path: t.templatePath },
  };
}

// Normalized policies depend only on their resource, which the index keeps until its file changes.
const models = new WeakMap<Resource, NetworkPolicyModel>();

function modelOf(r: Resource): NetworkPolicyModel {
  let m = models.get(r);
  if (!m) models.set(r, (m = normalizeNetworkPolicy(r)));
  return m;
}

const judges = new WeakMap<WorkspaceIndex, { generation: number; byNamespace: Map<string, EgressDnsJudge> }>();

/**
 * The judge for one namespace at the index's current generation. Only that namespace's policies can
 * isolate its pods, so the evaluator's world holds just those (built once per generation).
 */
export function egressDnsJudgeFor(index: WorkspaceIndex, namespace: string): EgressDnsJudge {
  let cached = judges.get(index);
  if (!cached || cached.generation !== index.generation) judges.set(index, (cached = { generation: index.generation, byNamespace: new Map() }));
  let judge = cached.byNamespace.get(namespace);
  if (!judge) {
    const policies = factsFor(index).policiesIn(namespace).map((p) => p.resource).filter(isNetworkPolicy).map(modelOf);
    judge = evaluatorEgressDns(buildPolicyWorld({ templates: [], policies }));
    cached.byNamespace.set(namespace, judge);
  }
  return judge;
}
