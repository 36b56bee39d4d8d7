// The evaluator's input, assembled once: workloads, namespaces with labels, normalized policies,
// and which policies isolate each workload. Fed by plain data, so it runs in a browser as well.

import type { PodTemplate, Resource } from '../model/types';
import { podTemplateOf } from '../model/workloads';
import { selectorMatches } from '../model/selectors';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { isNetworkPolicy, normalizeNetworkPolicy } from './normalize';
import type { NamespaceLabels, NetworkPolicyModel, WorkloadEndpoint, WorkloadPort } from './types';

export const METADATA_NAME_LABEL = 'kubernetes.io/metadata.name';

export interface PolicyWorldInput {
  templates: readonly PodTemplate[];
  /** Namespace objects (name and labels); namespaces without one are added with only the name label. */
  namespaces?: Iterable<NamespaceLabels> | ReadonlyMap<string, NamespaceLabels>;
  /** NetworkPolicy resources (others are ignored) or already normalized policies. */
  policies: readonly (Resource | NetworkPolicyModel)[];
}

export interface Isolation {
  /** Policies that select the workload and affect ingress, in input order. */
  ingress: NetworkPolicyModel[];
  egress: NetworkPolicyModel[];
}

export interface PolicyWorld {
  workloads: WorkloadEndpoint[];
  workloadsById: ReadonlyMap<string, WorkloadEndpoint>;
  namespaces: ReadonlyMap<string, NamespaceLabels>;
  policies: NetworkPolicyModel[];
  /** By workload id. */
  isolation: ReadonlyMap<string, Isolation>;
  /** Things the world builder left out, in words (duplicate workloads, nameless pods). */
  notes: string[];
}

/** Kinds that hold a pod template but run no pods themselves. */
const NON_RUNNING_KINDS = new Set(['PodTemplate']);

export function workloadId(namespace: string, kind: string, name: string): string {
  return `${namespace}/${kind}/${name}`;
}

function workloadOf(t: PodTemplate): WorkloadEndpoint {
  const ports: WorkloadPort[] = [];
  // Named ports resolve against the containers that serve traffic; init containers are not among them.
  for (const c of t.containers) {
    if (c.init) continue;
    for (const p of c.ports) ports.push({ ...(p.name ? { name: p.name } : {}), port: p.containerPort, protocol: p.protocol });
  }
  const r = t.resource;
  return {
    type: 'workload',
    id: workloadId(t.namespace, r.kind, r.name),
    namespace: t.namespace,
    kind: r.kind,
    name: r.name,
    labels: t.labels,
    ports,
    hostNetwork: t.hostNetwork,
    source: { uri: r.uri, docIndex: r.docIndex, path: t.templatePath },
  };
}

function isPolicyModel(p: Resource | NetworkPolicyModel): p is NetworkPolicyModel {
  return (p as NetworkPolicyModel).ref !== undefined && (p as NetworkPolicyModel).affects !== undefined;
}

function namespaceEntries(input: PolicyWorldInput['namespaces']): Iterable<NamespaceLabels> {
  if (!input) return [];
  if (input instanceof Map) return (input as ReadonlyMap<string, NamespaceLabels>).values();
  return input as Iterable<NamespaceLabels>;
}

export function buildPolicyWorld(input: PolicyWorldInput): PolicyWorld {
  const notes: string[] = [];
  const workloads: WorkloadEndpoint[] = [];
  const workloadsById = new Map<string, WorkloadEndpoint>();
  for (const t of input.templates) {
    if (NON_RUNNING_KINDS.has(t.resource.kind)) continue;
    if (!t.resource.name) {
      notes.push(`A ${t.resource.kind} without metadata.name in ${t.resource.uri} is left out.`);
      continue;
    }
    const w = workloadOf(t);
    if (workloadsById.has(w.id)) {
      notes.push(`${w.id} is defined more than once; the first definition is used.`);
      continue;
    }
    workloads.push(w);
    workloadsById.set(w.id, w);
  }

  const policies = input.policies.flatMap((p) => (isPolicyModel(p) ? [p] : isNetworkPolicy(p) ? [normalizeNetworkPolicy(p)] : []));

  const namespaces = new Map<string, NamespaceLabels>();
  for (const ns of namespaceEntries(input.namespaces)) {
    if (!ns.name) continue;
    // The API server always sets this label to the namespace's name.
    namespaces.set(ns.name, { name: ns.name, labels: { ...ns.labels, [METADATA_NAME_LABEL]: ns.name } });
  }
  for (const name of [...workloads.map((w) => w.namespace), ...policies.map((p) => p.namespace)]) {
    if (name && !namespaces.has(name)) namespaces.set(name, { name, labels: { [METADATA_NAME_LABEL]: name } });
  }

  const byNamespace = new Map<string, WorkloadEndpoint[]>();
  for (const w of workloads) {
    const list = byNamespace.get(w.namespace);
    if (list) list.push(w);
    else byNamespace.set(w.namespace, [w]);
  }
  const isolation = new Map<string, Isolation>(workloads.map((w) => [w.id, { ingress: [], egress: [] }]));
  for (const p of policies) {
    if (!p.affects.ingress && !p.affects.egress) continue;
    for (const w of byNamespace.get(p.namespace) ?? []) {
      if (!selectorMatches(p.podSelector.selector, w.labels)) continue;
      const iso = isolation.get(w.id)!;
      if (p.affects.ingress) iso.ingress.push(p);
      if (p.affects.egress) iso.egress.push(p);
    }
  }

  return { workloads, workloadsById, namespaces, policies, isolation, notes };
}

/** A world from resources: pod templates, Namespaces and NetworkPolicies are picked out. */
export function worldFromResources(resources: readonly Resource[]): PolicyWorld {
  const templates = resources.map(podTemplateOf).filter((t): t is PodTemplate => t !== undefined);
  const namespaces = resources.filter((r) => r.kind === 'Namespace' && r.name).map((r) => ({ name: r.name, labels: r.labels }));
  return buildPolicyWorld({ templates, namespaces, policies: resources });
}

export function worldFromIndex(index: WorkspaceIndex): PolicyWorld {
  return buildPolicyWorld({
    templates: index.podTemplates(),
    namespaces: index.namespaces(),
    policies: index.resourcesOfKind('NetworkPolicy'),
  });
}

export function namespaceLabelsOf(world: PolicyWorld, namespace: string): Record<string, string> {
  return world.namespaces.get(namespace)?.labels ?? { [METADATA_NAME_LABEL]: namespace };
}

/** The policies isolating a workload (computed on the spot for a workload the world does not hold). */
export function isolationOf(world: PolicyWorld, w: WorkloadEndpoint): Isolation {
  const known = world.workloadsById.get(w.id) === w ? world.isolation.get(w.id) : undefined;
  if (known) return known;
  const selecting = world.policies.filter((p) => p.namespace === w.namespace && selectorMatches(p.podSelector.selector, w.labels));
  return { ingress: selecting.filter((p) => p.affects.ingress), egress: selecting.filter((p) => p.affects.egress) };
}
