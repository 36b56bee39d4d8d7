// Which files' findings may change after a file changed. Most rules look only into the resource's
// own namespace; the rest depend on other namespaces (namespaceSelector peers, env names of other
// namespaces' Services, nodePorts, Ingress paths and classes) or on workspace-wide facts (cluster
// domain, pod network, whether Secrets, Namespaces or IngressClasses are defined, kustomize patches).

import type { ChangeSummary, WorkspaceIndex } from '../index/workspaceIndex';
import type { Resource } from '../model/types';
import { factsFor, policyOf, serviceOf } from './facts';
import { envNameHoldsHost, hostMentions } from '../model/dns';
import { isWorkloadKind } from '../model/kinds';

interface DependencyTables {
  generation: number;
  /** Files by the namespace of their resources (a Namespace object counts in its own namespace). */
  filesByNamespace: Map<string, Set<string>>;
  /** Files with policies whose peers reach into other namespaces (or anywhere). */
  crossNamespacePolicyFiles: Set<string>;
  /** Files whose env values may name something in a namespace, by that namespace. */
  envFilesByNamespace: Map<string, Set<string>>;
  nodePortFiles: Set<string>;
  ingressFiles: Set<string>;
  /** Files with pod templates that have env values. */
  envFiles: Set<string>;
  allResourceFiles: Set<string>;
}

const KINDS_WITH_PODS_OR_LABELS = (kind: string) => kind === 'Namespace' || isWorkloadKind(kind);

function add(map: Map<string, Set<string>>, key: string, uri: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(uri);
}

export function namespaceKey(r: Pick<Resource, 'kind' | 'name' | 'namespace'>): string {
  return r.kind === 'Namespace' ? r.name : r.namespace;
}

function buildTables(index: WorkspaceIndex): DependencyTables {
  const t: DependencyTables = {
    generation: index.generation,
    filesByNamespace: new Map(),
    crossNamespacePolicyFiles: new Set(),
    envFilesByNamespace: new Map(),
    nodePortFiles: new Set(),
    ingressFiles: new Set(),
    envFiles: new Set(),
    allResourceFiles: new Set(),
  };
  for (const r of index.allResources()) {
    t.allResourceFiles.add(r.uri);
    add(t.filesByNamespace, namespaceKey(r), r.uri);
    if (r.kind === 'Ingress') t.ingressFiles.add(r.uri);
    else if (r.kind === 'Service' && serviceOf(r).ports.some((p) => p.nodePort !== undefined)) t.nodePortFiles.add(r.uri);
    else if (r.kind === 'NetworkPolicy') {
      const p = policyOf(r);
      const reachesOut = [...p.ingress, ...p.egress].some((rule) => rule.peers.some((peer) => peer.namespaceSelector !== undefined));
      const anywhere = p.egress.some((rule) => !rule.peersWritten);
      if (reachesOut || anywhere) t.crossNamespacePolicyFiles.add(r.uri);
    }
  }
  for (const tpl of index.podTemplates()) {
    for (const c of tpl.containers) {
      for (const env of c.env) {
        t.envFiles.add(tpl.resource.uri);
        // Every label after the first two may be a namespace (svc.ns…, pod.svc.ns…): a cheap superset.
        for (const m of hostMentions(env.value, envNameHoldsHost(env.name))) {
          for (const label of m.host.toLowerCase().split('.').slice(1, 3)) add(t.envFilesByNamespace, label, tpl.resource.uri);
        }
      }
    }
  }
  return t;
}

/** Workspace-wide facts some rules depend on; when they change, every file is re-checked. */
function globalSignature(index: WorkspaceIndex): string {
  const facts = factsFor(index);
  return JSON.stringify([
    facts.clusterDomain({ rules: {} }),
    facts.podNetworks().map((c) => `${c.address}/${c.prefix}`),
    facts.hasSecrets(),
    [...facts.ingressClassNames()].sort(),
    index.hasNamespaceObjects(),
    [...facts.kustomizePatchUris()].sort(),
  ]);
}

const tablesByIndex = new WeakMap<WorkspaceIndex, DependencyTables>();
const lastSignature = new WeakMap<WorkspaceIndex, string>();

function tablesFor(index: WorkspaceIndex): DependencyTables {
  const cached = tablesByIndex.get(index);
  if (cached && cached.generation === index.generation) return cached;
  const t = buildTables(index);
  tablesByIndex.set(index, t);
  return t;
}

/**
 * Every file whose findings may differ after `change` was applied to the index (the changed file
 * included). Call it once per change, after index.update/remove: it also notices changes of
 * workspace-wide facts since the previous call.
 */
export function filesToRecheck(index: WorkspaceIndex, change: ChangeSummary): string[] {
  const t = tablesFor(index);
  const out = new Set<string>([change.uri]);
  const signature = globalSignature(index);
  const previous = lastSignature.get(index);
  lastSignature.set(index, signature);
  if (previous !== undefined && previous !== signature) {
    for (const uri of t.allResourceFiles) out.add(uri);
    return [...out];
  }
  const addAll = (set: Iterable<string> | undefined) => {
    for (const uri of set ?? []) out.add(uri);
  };
  // Rules that look into the resource's own namespace.
  for (const ns of change.namespaces) {
    addAll(t.filesByNamespace.get(ns));
    // Names of this namespace's Services and pods used from other namespaces.
    addAll(t.envFilesByNamespace.get(ns));
  }
  const kinds = change.kinds;
  if ([...kinds].some(KINDS_WITH_PODS_OR_LABELS)) addAll(t.crossNamespacePolicyFiles);
  if (kinds.has('Service')) addAll(t.nodePortFiles);
  if (kinds.has('Ingress') || kinds.has('IngressClass')) addAll(t.ingressFiles);
  // A kustomization's patch list or anything else without resources was handled by the signature.
  return [...out];
}

/** Whether a rule's findings can depend on other namespaces than the resource's own (for hosts that re-check by namespace only). */
export function dependsOnOtherNamespaces(ruleId: string): boolean {
  return CROSS_NAMESPACE_RULES.has(ruleId);
}

const CROSS_NAMESPACE_RULES = new Set([
  'netpol-peer-selects-nothing',
  'netpol-named-port-missing',
  'nodeport-conflict',
  'ingress-path-conflict',
  'ingress-class-missing',
  'ingress-tls-secret-missing',
  'duplicate-resource',
  'env-service-unknown',
  'env-service-port-mismatch',
  'hardcoded-pod-ip',
]);
