// Workspace-wide facts the rules share, computed lazily once per index generation, so that
// checking one file costs index lookups rather than scans of the whole workspace.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { PodTemplate, Resource } from '../model/types';
import type { CheckSettings } from './types';
import { serviceView, type ServicePortView, type ServiceView } from '../model/services';
import { ingressView, type IngressPathView, type IngressView } from '../model/ingresses';
import { networkPolicyView, type NetworkPolicyView } from '../model/networkPolicies';
import { clusterDomainFromCorefile, DEFAULT_CLUSTER_DOMAIN } from '../model/dns';
import { parseCidr, type Cidr } from '../model/cidr';
import { isEmptySelector } from '../model/selectors';
import { asArray, asRecord, asString, getAt } from '../model/values';
import { parseYamlDocuments } from '../model/parse';
import { podTemplateOf } from '../model/workloads';

// Views depend only on the resource object, which the index keeps until its file changes.
const serviceViews = new WeakMap<Resource, ServiceView>();
const ingressViews = new WeakMap<Resource, IngressView>();
const policyViews = new WeakMap<Resource, NetworkPolicyView>();
const templates = new WeakMap<Resource, PodTemplate | null>();

function memo<V>(cache: WeakMap<Resource, V>, resource: Resource, make: (r: Resource) => V): V {
  let v = cache.get(resource);
  if (v === undefined) {
    v = make(resource);
    cache.set(resource, v);
  }
  return v;
}

export const serviceOf = (r: Resource): ServiceView => memo(serviceViews, r, serviceView);
export const ingressOf = (r: Resource): IngressView => memo(ingressViews, r, ingressView);
export const policyOf = (r: Resource): NetworkPolicyView => memo(policyViews, r, networkPolicyView);
/** The pod template of a Pod or workload; undefined for other kinds. */
export const templateOf = (r: Resource): PodTemplate | undefined => memo(templates, r, (x) => podTemplateOf(x) ?? null) ?? undefined;

export interface NodePortUse {
  service: ServiceView;
  port: ServicePortView;
  nodePort: number;
}

export interface IngressRoute {
  ingress: IngressView;
  entry: IngressPathView;
  /** Effective class: spec.ingressClassName, else the annotation, else '' (the default class). */
  className: string;
}

/** The DNS pods' labels the quick fixes point DNS egress at, when the workspace defines them. */
export const KUBE_DNS_NAMESPACE = 'kube-system';
export const KUBE_DNS_LABELS: Readonly<Record<string, string>> = { 'k8s-app': 'kube-dns' };

function group<T>(items: Iterable<T>, keyOf: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}

export class WorkspaceFacts {
  private cache = new Map<string, unknown>();

  constructor(readonly index: WorkspaceIndex) {}

  private once<T>(key: string, make: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, make());
    return this.cache.get(key) as T;
  }

  servicesIn(namespace: string): readonly ServiceView[] {
    return this.once('services', () => group(this.index.resourcesOfKind('Service').map(serviceOf), (s) => s.resource.namespace)).get(namespace) ?? [];
  }

  /** Services named `name` in `namespace` (several when duplicated). */
  servicesNamed(namespace: string, name: string): ServiceView[] {
    return this.index.find('Service', namespace, name).map(serviceOf);
  }

  policiesIn(namespace: string): readonly NetworkPolicyView[] {
    return this.once('policies', () => group(this.index.resourcesOfKind('NetworkPolicy').map(policyOf), (p) => p.resource.namespace)).get(namespace) ?? [];
  }

  /** The workspace defines workloads in this namespace, so "matches no pod" can be judged there. */
  hasWorkloadsIn(namespace: string): boolean {
    return this.index.templatesInNamespace(namespace).length > 0;
  }

  /** The cluster domain: the setting, else the workspace's CoreDNS Corefile, else cluster.local. */
  clusterDomain(settings: CheckSettings): string {
    return settings.clusterDomain?.replace(/\.$/, '') || this.workspaceClusterDomain() || DEFAULT_CLUSTER_DOMAIN;
  }

  private workspaceClusterDomain(): string | undefined {
    return this.once('clusterDomain', () => {
      const candidates = [...this.index.find('ConfigMap', KUBE_DNS_NAMESPACE, 'coredns'), ...this.index.resourcesOfKind('ConfigMap')];
      for (const cm of candidates) {
        if (cm.namespace !== KUBE_DNS_NAMESPACE) continue;
        const corefile = asString(getAt(cm.value, ['data', 'Corefile']));
        const domain = corefile && clusterDomainFromCorefile(corefile);
        if (domain) return domain;
      }
      return undefined;
    });
  }

  nodePortUses(nodePort: number): readonly NodePortUse[] {
    const table = this.once('nodePorts', () => {
      const out = new Map<number, NodePortUse[]>();
      for (const r of this.index.resourcesOfKind('Service')) {
        const service = serviceOf(r);
        for (const port of service.ports) {
          if (port.nodePort === undefined) continue;
          const list = out.get(port.nodePort) ?? [];
          list.push({ service, port, nodePort: port.nodePort });
          out.set(port.nodePort, list);
        }
      }
      return out;
    });
    return table.get(nodePort) ?? [];
  }

  /** Every nodePort some Service in the workspace asks for. */
  usedNodePorts(): ReadonlySet<number> {
    return this.once('usedNodePorts', () => {
      const out = new Set<number>();
      for (const r of this.index.resourcesOfKind('Service')) for (const p of serviceOf(r).ports) if (p.nodePort !== undefined) out.add(p.nodePort);
      return out;
    });
  }

  ingressClassNames(): ReadonlySet<string> {
    return this.once('ingressClasses', () => new Set(this.index.resourcesOfKind('IngressClass').map((r) => r.name).filter(Boolean)));
  }

  hasSecrets(): boolean {
    return this.index.resourcesOfKind('Secret').length > 0;
  }

  /** Secret names that exist or will be created in a namespace (Secrets, cert-manager Certificates, sealed/external secrets). */
  secretNamesIn(namespace: string): ReadonlySet<string> {
    const table = this.once('secretNames', () => {
      const out = new Map<string, Set<string>>();
      const add = (ns: string, name: string | undefined) => {
        if (!name) return;
        let set = out.get(ns);
        if (!set) out.set(ns, (set = new Set()));
        set.add(name);
      };
      for (const r of this.index.resourcesOfKind('Secret')) add(r.namespace, r.name);
      for (const r of this.index.resourcesOfKind('SealedSecret')) add(r.namespace, asString(getAt(r.value, ['spec', 'template', 'metadata', 'name'])) ?? r.name);
      for (const r of this.index.resourcesOfKind('ExternalSecret')) add(r.namespace, asString(getAt(r.value, ['spec', 'target', 'name'])) ?? r.name);
      for (const r of this.index.resourcesOfKind('Certificate')) add(r.namespace, asString(getAt(r.value, ['spec', 'secretName'])));
      return out;
    });
    return table.get(namespace) ?? new Set();
  }

  /** Ingress routes sharing class, host and path. */
  ingressRoutes(className: string, host: string, path: string): readonly IngressRoute[] {
    const table = this.once('ingressRoutes', () => {
      const routes: IngressRoute[] = [];
      for (const r of this.index.resourcesOfKind('Ingress')) {
        const ingress = ingressOf(r);
        const className = effectiveIngressClass(ingress);
        for (const entry of ingress.paths) routes.push({ ingress, entry, className });
      }
      return group(routes, (route) => routeKey(route.className, route.entry.host, route.entry.path));
    });
    return table.get(routeKey(className, host, path)) ?? [];
  }

  /** Files a kustomization lists as patches: partial objects, not resources of their own. */
  kustomizePatchUris(): ReadonlySet<string> {
    return this.once('kustomizePatches', () => kustomizePatchUris(this.index));
  }

  /** Pod networks the workspace declares (Calico IPPools, flannel's net-conf.json). */
  podNetworks(): readonly Cidr[] {
    return this.once('podNetworks', () => {
      const out: Cidr[] = [];
      const add = (text: unknown) => {
        const parsed = parseCidr(text);
        if (parsed.ok) out.push(parsed.cidr);
      };
      for (const r of this.index.resourcesOfKind('IPPool')) add(getAt(r.value, ['spec', 'cidr']));
      for (const r of this.index.resourcesOfKind('ConfigMap')) {
        const netConf = asString(getAt(r.value, ['data', 'net-conf.json']));
        if (!netConf) continue;
        try {
          const conf = asRecord(JSON.parse(netConf));
          add(conf?.['Network']);
          add(conf?.['IPv6Network']);
        } catch {
          // Not JSON: nothing declared.
        }
      }
      return out;
    });
  }

  /** Namespaces where an empty-podSelector policy isolates every pod for ingress. */
  hasDefaultDeny(namespace: string): boolean {
    return this.policiesIn(namespace).some(isDefaultDeny);
  }

  /**
   * The resource that carries namespace-level findings: the Namespace object when the workspace
   * defines it, else the first workload of the namespace (in file order).
   */
  namespaceAnchor(namespace: string): Resource | undefined {
    const table = this.once('namespaceAnchors', () => {
      const out = new Map<string, Resource>();
      for (const t of this.index.podTemplates()) {
        const current = out.get(t.namespace);
        if (!current || before(t.resource, current)) out.set(t.namespace, t.resource);
      }
      for (const ns of this.index.resourcesOfKind('Namespace')) {
        const current = out.get(ns.name);
        if (current && (current.kind !== 'Namespace' || before(ns, current))) out.set(ns.name, ns);
      }
      return out;
    });
    return table.get(namespace);
  }

  /** Some workload of the workspace declares a container port with this name and protocol. */
  declaresPortAnywhere(name: string, protocol: string): boolean {
    return this.once('declaredPorts', () => {
      const out = new Set<string>();
      for (const t of this.index.podTemplates()) for (const c of t.containers) if (!c.init) for (const p of c.ports) if (p.name) out.add(`${p.name}/${p.protocol}`);
      return out;
    }).has(`${name}/${protocol}`);
  }

  /** Whether the workspace defines the cluster DNS pods (kube-system, k8s-app=kube-dns). */
  hasKubeDnsPods(): boolean {
    return this.once('kubeDns', () =>
      this.index.templatesInNamespace(KUBE_DNS_NAMESPACE).some((t: PodTemplate) => Object.entries(KUBE_DNS_LABELS).every(([k, v]) => t.labels[k] === v)),
    );
  }
}

function before(a: Resource, b: Resource): boolean {
  return a.uri < b.uri || (a.uri === b.uri && (a.docIndex < b.docIndex || (a.docIndex === b.docIndex && a.range.start < b.range.start)));
}

function routeKey(className: string, host: string, path: string): string {
  return `${className}\u0000${host.toLowerCase()}\u0000${path}`;
}

export function effectiveIngressClass(ingress: IngressView): string {
  return ingress.className ?? ingress.classAnnotation ?? '';
}

export function isDefaultDeny(policy: NetworkPolicyView): boolean {
  return isEmptySelector(policy.podSelector) && policy.isolates.ingress;
}

const KUSTOMIZATION_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

function kustomizePatchUris(index: WorkspaceIndex): Set<string> {
  const out = new Set<string>();
  for (const file of index.allFiles()) {
    if (!KUSTOMIZATION_FILE.test(file.uri) || !file.text) continue;
    let value: unknown;
    try {
      value = parseYamlDocuments(file.text)[0]?.toJS({ maxAliasCount: 100 });
    } catch {
      continue;
    }
    const k = asRecord(value);
    if (!k) continue;
    const paths: string[] = [];
    for (const p of asArray(k['patchesStrategicMerge'])) if (typeof p === 'string') paths.push(p);
    for (const key of ['patches', 'patchesJson6902']) {
      for (const p of asArray(k[key])) {
        const rel = asString(asRecord(p)?.['path']) ?? (key === 'patches' && typeof p === 'string' ? p : undefined);
        if (rel) paths.push(rel);
      }
    }
    const folder = file.uri.slice(0, file.uri.lastIndexOf('/'));
    for (const rel of paths) out.add(joinUri(folder, rel));
  }
  return out;
}

/** Resolves a relative path against a folder URI (`.` and `..` segments). */
export function joinUri(folder: string, relative: string): string {
  const parts = folder.split('/');
  for (const seg of relative.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length > 3) parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

const factsByIndex = new WeakMap<WorkspaceIndex, { generation: number; facts: WorkspaceFacts }>();

/** The facts of the index's current generation. */
export function factsFor(index: WorkspaceIndex): WorkspaceFacts {
  const cached = factsByIndex.get(index);
  if (cached && cached.generation === index.generation) return cached.facts;
  const facts = new WorkspaceFacts(index);
  factsByIndex.set(index, { generation: index.generation, facts });
  return facts;
}
