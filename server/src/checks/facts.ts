// Workspace-wide facts the rules share. Aggregated incrementally per file (workspaceTables.ts) and
// materialised lazily once per index generation, in a stable order, so that checking a file costs
// index lookups rather than scans of the whole workspace, and the answer does not depend on the
// order edits arrived in.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Resource } from '../model/types';
import type { CheckSettings } from './types';
import type { ServiceView } from '../model/services';
import type { NetworkPolicyView } from '../model/networkPolicies';
import { DEFAULT_CLUSTER_DOMAIN } from '../model/dns';
import type { Cidr } from '../model/cidr';
import { isEmptySelector } from '../model/selectors';
import { serviceOf } from './views';
import { deployedTogether, folderOf } from './appliedTogether';
import { compareResources, routeKey, WorkspaceTables, type IngressRoute, type NodePortUse } from './workspaceTables';

export { ingressOf, policyOf, serviceOf, templateOf } from './views';
export { effectiveIngressClass, joinUri, KUBE_DNS_LABELS, KUBE_DNS_NAMESPACE, type IngressRoute, type NodePortUse } from './workspaceTables';

const CLUSTER_POPULATED_NAMESPACE = 'kube-system';
/** The names kustomize looks for in a folder listed as a resource. */
const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

const byResource = <T extends { resource: Resource }>(a: T, b: T) => compareResources(a.resource, b.resource);

export class WorkspaceFacts {
  private readonly cache = new Map<string, unknown>();

  constructor(
    readonly index: WorkspaceIndex,
    private readonly tables: WorkspaceTables,
  ) {}

  private once<T>(key: string, make: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, make());
    return this.cache.get(key) as T;
  }

  servicesIn(namespace: string): readonly ServiceView[] {
    return this.once(`services\u0000${namespace}`, () => [...(this.tables.servicesByNamespace.get(namespace) ?? [])].sort(byResource));
  }

  /** Services named `name` in `namespace` (several when duplicated). */
  servicesNamed(namespace: string, name: string): ServiceView[] {
    return this.index.find('Service', namespace, name).map(serviceOf);
  }

  policiesIn(namespace: string): readonly NetworkPolicyView[] {
    return this.once(`policies\u0000${namespace}`, () => [...(this.tables.policiesByNamespace.get(namespace) ?? [])].sort(byResource));
  }

  /** The workspace defines workloads in this namespace, so "matches no pod" can be judged there. */
  hasWorkloadsIn(namespace: string): boolean {
    return this.index.templatesInNamespace(namespace).length > 0;
  }

  /**
   * Evidence for "missing" judgements: the files deployed together with `uri` define workloads of
   * this namespace. Elsewhere (another project in the same workspace, another repository) they may
   * well exist under other labels, so a selector matching none of them proves nothing.
   */
  hasWorkloadsNear(namespace: string, uri: string): boolean {
    // The cluster itself runs pods there (CoreDNS, kube-proxy, the network plugin).
    if (namespace === CLUSTER_POPULATED_NAMESPACE) return false;
    return this.nearOrNamed(namespace, `workloads\u0000${namespace}`, uri, () => this.index.templatesInNamespace(namespace).map((t) => t.resource));
  }

  /** The files deployed together with `uri` define Services of this namespace. */
  hasServicesNear(namespace: string, uri: string): boolean {
    return this.nearOrNamed(namespace, `services\u0000${namespace}`, uri, () => this.servicesIn(namespace).map((s) => s.resource));
  }

  /**
   * A namespace other than `default` names one application wherever its files sit (services/ beside
   * deployments/), so any of its objects in the workspace is evidence; `default` is shared by
   * unrelated examples, so there only files deployed together count.
   */
  private nearOrNamed(namespace: string, what: string, uri: string, candidates: () => readonly Resource[]): boolean {
    if (namespace !== 'default' && !this.unreadableNear(uri) && this.once(`any\u0000${what}`, () => candidates().length > 0)) return true;
    return this.near(what, uri, candidates);
  }

  /** The files deployed together with `uri` define objects of this kind (IngressClass, Secret, Namespace). */
  hasKindNear(kind: string, uri: string): boolean {
    return this.near(`kind\u0000${kind}`, uri, () => this.index.resourcesOfKind(kind));
  }

  private near(what: string, uri: string, candidates: () => readonly Resource[]): boolean {
    return this.once(`near\u0000${what}\u0000${folderOf(uri)}`, () => {
      if (this.unreadableNear(uri)) return false;
      // One application split by kind (deployments/ beside services/): all of it is deployed together.
      if (this.oneApplication()) return candidates().length > 0;
      return candidates().some((r) => deployedTogether(r.uri, uri));
    });
  }

  /**
   * The workspace holds one application: no object is defined again in a folder deployed apart
   * from the first (per-environment copies, unrelated examples that reuse names). Its folders are
   * then parts of one deployment, not alternatives.
   */
  oneApplication(): boolean {
    return this.once('oneApplication', () => {
      const seen = new Map<string, string[]>();
      for (const r of this.index.allResources()) {
        if (!r.name) continue;
        const key = `${r.kind}\u0000${r.namespace}\u0000${r.name}`;
        const uris = seen.get(key);
        if (!uris) {
          seen.set(key, [r.uri]);
          continue;
        }
        if (uris.some((u) => !deployedTogether(u, r.uri) && !this.appliedAsOne(u, r.uri))) return false;
        uris.push(r.uri);
      }
      return true;
    });
  }

  /** A Helm template (or a file too large to read) deployed with `uri` may define what seems missing. */
  private unreadableNear(uri: string): boolean {
    return this.once(`unreadable\u0000${folderOf(uri)}`, () => [...this.tables.unreadable].some((u) => deployedTogether(u, uri)));
  }

  /** Two files deployed as one: the same file, or files one kustomization lists as resources. */
  appliedAsOne(a: string, b: string): boolean {
    if (a === b) return true;
    const groups = this.once('kustomized', () => {
      const out = new Map<string, Set<string>>();
      for (const [kustomization, files] of this.tables.kustomized) {
        for (const f of files) {
          let set = out.get(f);
          if (!set) out.set(f, (set = new Set()));
          set.add(kustomization);
        }
      }
      return out;
    });
    const ga = groups.get(a);
    const gb = groups.get(b);
    return !!ga && !!gb && [...ga].some((k) => gb.has(k));
  }

  /** The cluster domain: the setting, else the workspace's CoreDNS Corefile, else cluster.local. */
  clusterDomain(settings: CheckSettings): string {
    return settings.clusterDomain?.replace(/\.$/, '') || this.workspaceClusterDomain() || DEFAULT_CLUSTER_DOMAIN;
  }

  private workspaceClusterDomain(): string | undefined {
    return this.once('clusterDomain', () => {
      // The usual `coredns` ConfigMap first, then any other kube-system Corefile; by file order.
      const entries = [...this.tables.domains].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d);
      return (entries.find((d) => d.preferred) ?? entries[0])?.domain;
    });
  }

  nodePortUses(nodePort: number): readonly NodePortUse[] {
    return this.once(`nodePort\u0000${nodePort}`, () => [...(this.tables.nodePorts.get(nodePort) ?? [])].sort((a, b) => byResource(a.service, b.service) || a.port.index - b.port.index));
  }

  /** Every nodePort some Service in the workspace asks for. */
  usedNodePorts(): ReadonlySet<number> {
    return this.once('usedNodePorts', () => new Set(this.tables.nodePorts.keys()));
  }

  ingressClassNames(): ReadonlySet<string> {
    return this.once('ingressClasses', () => new Set([...this.tables.ingressClasses.keys()].sort()));
  }

  hasSecrets(): boolean {
    return this.tables.secretCount > 0;
  }

  /** Secret names that exist or will be created in a namespace (Secrets, cert-manager Certificates, sealed/external secrets). */
  secretNamesIn(namespace: string): ReadonlySet<string> {
    return this.once(`secrets\u0000${namespace}`, () => {
      const prefix = `${namespace}\u0000`;
      return new Set([...this.tables.secretNames.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)).sort());
    });
  }

  /** Ingress routes sharing class, host and path, in workspace order. */
  ingressRoutes(className: string, host: string, path: string): readonly IngressRoute[] {
    const key = routeKey(className, host, path);
    return this.once(`routes\u0000${key}`, () => [...(this.tables.routes.get(key) ?? [])].sort((a, b) => byResource(a.ingress, b.ingress)));
  }

  /** What the workspace's kustomizations list (patches and resources), as one comparable string. */
  kustomizationSignature(): string {
    return this.once('kustomizationSignature', () => JSON.stringify([[...this.tables.patches, ...this.tables.kustomized].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), [...this.selectorsFromKustomize()].sort()]));
  }

  /**
   * Files whose workload selectors a kustomization writes (`commonLabels`): the files it lists, and
   * those of the kustomizations in the folders it lists, at any depth.
   */
  selectorsFromKustomize(): ReadonlySet<string> {
    return this.once('selectorsFromKustomize', () => {
      const out = new Set<string>();
      const seen = new Set<string>();
      const visit = (kustomization: string) => {
        if (seen.has(kustomization)) return;
        seen.add(kustomization);
        for (const f of this.tables.kustomized.get(kustomization) ?? []) out.add(f);
        for (const folder of this.tables.kustomizedFolders.get(kustomization) ?? []) {
          const inner = KUSTOMIZATION_NAMES.map((n) => `${folder}/${n}`).find((u) => this.index.getFile(u));
          if (inner) visit(inner);
        }
      };
      [...this.tables.selectorLabelling].sort().forEach(visit);
      return out;
    });
  }

  /** Files a kustomization lists as patches: partial objects, not resources of their own. */
  kustomizePatchUris(): ReadonlySet<string> {
    return this.once('patches', () => new Set([...this.tables.patches.values()].flat()));
  }

  /** Pod networks the workspace declares (Calico IPPools, flannel's net-conf.json), in file order. */
  podNetworks(): readonly Cidr[] {
    return this.once('podNetworks', () =>
      [...this.tables.podNetworks]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .flatMap(([, cidrs]) => cidrs),
    );
  }

  /** Namespaces where an empty-podSelector policy isolates every pod for ingress. */
  hasDefaultDeny(namespace: string): boolean {
    return this.policiesIn(namespace).some(isDefaultDeny);
  }

  /**
   * The resource that carries namespace-level findings: the Namespace object when the workspace
   * defines it, else the first workload of the namespace (in workspace order).
   */
  namespaceAnchor(namespace: string): Resource | undefined {
    return this.once(`anchor\u0000${namespace}`, () => {
      const workloads = this.index.templatesInNamespace(namespace);
      if (workloads.length === 0) return undefined;
      const namespaceObject = [...this.index.find('Namespace', '', namespace)].sort(compareResources)[0];
      return namespaceObject ?? workloads.map((t) => t.resource).sort(compareResources)[0];
    });
  }

  /** Some workload of the workspace declares a container port with this name and protocol. */
  declaresPortAnywhere(name: string, protocol: string): boolean {
    return this.tables.declaredPorts.has(`${name}/${protocol}`);
  }

  /** Whether the workspace defines the cluster DNS pods (kube-system, k8s-app=kube-dns). */
  hasKubeDnsPods(): boolean {
    return this.tables.kubeDnsPods > 0;
  }
}

export function isDefaultDeny(policy: NetworkPolicyView): boolean {
  return isEmptySelector(policy.podSelector) && policy.isolates.ingress;
}

const tablesByIndex = new WeakMap<WorkspaceIndex, WorkspaceTables>();
const factsByIndex = new WeakMap<WorkspaceIndex, { generation: number; facts: WorkspaceFacts }>();

/** The facts of the index's current generation. */
export function factsFor(index: WorkspaceIndex): WorkspaceFacts {
  const cached = factsByIndex.get(index);
  if (cached && cached.generation === index.generation) return cached.facts;
  let tables = tablesByIndex.get(index);
  if (!tables) tablesByIndex.set(index, (tables = new WorkspaceTables()));
  tables.refresh(index);
  const facts = new WorkspaceFacts(index, tables);
  factsByIndex.set(index, { generation: index.generation, facts });
  return facts;
}
