// What each file contributes to the workspace-wide facts (Services by namespace, nodePorts, Ingress
// routes, Secrets, the cluster domain, …), aggregated incrementally: after an edit, only the changed
// files' contributions are replaced, so facts cost in proportion to the edit, not to the workspace.

import type { IndexedFile, WorkspaceIndex } from '../index/workspaceIndex';
import type { Resource } from '../model/types';
import type { ServicePortView, ServiceView } from '../model/services';
import type { IngressPathView, IngressView } from '../model/ingresses';
import type { NetworkPolicyView } from '../model/networkPolicies';
import { clusterDomainFromCorefile } from '../model/dns';
import { parseCidr, type Cidr } from '../model/cidr';
import { asArray, asRecord, asString, getAt } from '../model/values';
import { parseYamlDocuments } from '../model/parse';
import { ingressOf, policyOf, serviceOf } from './views';

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

/** The cluster DNS: its namespace and pod labels (the DNS quick fix points there when the workspace defines them). */
export const KUBE_DNS_NAMESPACE = 'kube-system';
export const KUBE_DNS_LABELS: Readonly<Record<string, string>> = { 'k8s-app': 'kube-dns' };

export function effectiveIngressClass(ingress: IngressView): string {
  return ingress.className ?? ingress.classAnnotation ?? '';
}

export function routeKey(className: string, host: string, path: string): string {
  return `${className}\u0000${host.toLowerCase()}\u0000${path}`;
}

/** One file's contribution. */
interface Contribution {
  services: ServiceView[];
  policies: NetworkPolicyView[];
  nodePorts: NodePortUse[];
  routes: IngressRoute[];
  ingressClasses: string[];
  secretCount: number;
  /** [namespace, name] of Secrets that exist or that a Certificate/SealedSecret/ExternalSecret creates. */
  secretNames: [string, string][];
  /** A kube-system Corefile's domain; `preferred` when the ConfigMap is the usual `coredns`. */
  domain?: { domain: string; preferred: boolean };
  podNetworks: Cidr[];
  patches: string[];
  /** The files a kustomization lists as resources (directly, by file name). */
  kustomized: string[];
  /** The folders a kustomization lists as resources (each holds a kustomization of its own). */
  kustomizedFolders: string[];
  /** A kustomization that adds labels to selectors (`commonLabels`). */
  addsSelectorLabels: boolean;
  /** A template we cannot read (Helm, too large) that may define anything. */
  unreadable: boolean;
  /** `name/protocol` of named container ports. */
  declaredPorts: string[];
  kubeDnsPods: number;
}

/** A multimap of sets, for contributions that come and go. */
class SetMap<K, V> {
  private readonly map = new Map<K, Set<V>>();
  add(k: K, v: V): void {
    let s = this.map.get(k);
    if (!s) this.map.set(k, (s = new Set()));
    s.add(v);
  }
  delete(k: K, v: V): void {
    const s = this.map.get(k);
    if (!s) return;
    s.delete(v);
    if (s.size === 0) this.map.delete(k);
  }
  get(k: K): ReadonlySet<V> | undefined {
    return this.map.get(k);
  }
  keys(): IterableIterator<K> {
    return this.map.keys();
  }
}

/** Counts, for names several files may define. */
class Counter<K> {
  private readonly map = new Map<K, number>();
  add(k: K, by = 1): void {
    const n = (this.map.get(k) ?? 0) + by;
    if (n === 0) this.map.delete(k);
    else this.map.set(k, n);
  }
  has(k: K): boolean {
    return this.map.has(k);
  }
  keys(): IterableIterator<K> {
    return this.map.keys();
  }
}

const KUSTOMIZATION_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

function contributionOf(file: IndexedFile): Contribution {
  const c: Contribution = {
    services: [],
    policies: [],
    nodePorts: [],
    routes: [],
    ingressClasses: [],
    secretCount: 0,
    secretNames: [],
    podNetworks: [],
    patches: [],
    kustomized: [],
    kustomizedFolders: [],
    addsSelectorLabels: false,
    unreadable: file.status === 'skipped' && file.skipReason !== 'binary',
    declaredPorts: [],
    kubeDnsPods: 0,
  };
  const cidr = (text: unknown) => {
    const parsed = parseCidr(text);
    if (parsed.ok) c.podNetworks.push(parsed.cidr);
  };
  for (const r of file.resources) readResource(r, c, cidr);
  for (const t of file.templates) {
    for (const container of t.containers) if (!container.init) for (const p of container.ports) if (p.name) c.declaredPorts.push(`${p.name}/${p.protocol}`);
    if (t.namespace === KUBE_DNS_NAMESPACE && Object.entries(KUBE_DNS_LABELS).every(([k, v]) => t.labels[k] === v)) c.kubeDnsPods++;
  }
  if (file.status === 'not-kubernetes' && KUSTOMIZATION_FILE.test(file.uri)) {
    const lists = kustomizationLists(file);
    c.patches = lists.patches;
    c.kustomized = lists.kustomized;
    c.kustomizedFolders = lists.kustomizedFolders;
    c.addsSelectorLabels = lists.addsSelectorLabels;
  }
  return c;
}

function readResource(r: Resource, c: Contribution, cidr: (text: unknown) => void): void {
  switch (r.kind) {
    case 'Service': {
      const service = serviceOf(r);
      c.services.push(service);
      for (const port of service.ports) if (port.nodePort !== undefined) c.nodePorts.push({ service, port, nodePort: port.nodePort });
      break;
    }
    case 'NetworkPolicy':
      c.policies.push(policyOf(r));
      break;
    case 'Ingress': {
      const ingress = ingressOf(r);
      const className = effectiveIngressClass(ingress);
      for (const entry of ingress.paths) c.routes.push({ ingress, entry, className });
      break;
    }
    case 'IngressClass':
      if (r.name) c.ingressClasses.push(r.name);
      break;
    case 'Secret':
      c.secretCount++;
      c.secretNames.push([r.namespace, r.name]);
      break;
    case 'SealedSecret':
      c.secretNames.push([r.namespace, asString(getAt(r.value, ['spec', 'template', 'metadata', 'name'])) ?? r.name]);
      break;
    case 'ExternalSecret':
      c.secretNames.push([r.namespace, asString(getAt(r.value, ['spec', 'target', 'name'])) ?? r.name]);
      break;
    case 'Certificate': {
      const name = asString(getAt(r.value, ['spec', 'secretName']));
      if (name) c.secretNames.push([r.namespace, name]);
      break;
    }
    case 'IPPool':
      cidr(getAt(r.value, ['spec', 'cidr']));
      break;
    case 'ConfigMap': {
      const corefile = r.namespace === KUBE_DNS_NAMESPACE ? asString(getAt(r.value, ['data', 'Corefile'])) : undefined;
      const domain = corefile ? clusterDomainFromCorefile(corefile) : undefined;
      if (domain && (!c.domain || (!c.domain.preferred && r.name === 'coredns'))) c.domain = { domain, preferred: r.name === 'coredns' };
      const netConf = asString(getAt(r.value, ['data', 'net-conf.json']));
      if (netConf) {
        try {
          const conf = asRecord(JSON.parse(netConf));
          cidr(conf?.['Network']);
          cidr(conf?.['IPv6Network']);
        } catch {
          // Not JSON: nothing declared.
        }
      }
      break;
    }
  }
}

interface KustomizationLists {
  patches: string[];
  kustomized: string[];
  kustomizedFolders: string[];
  addsSelectorLabels: boolean;
}

const nothingListed = (): KustomizationLists => ({ patches: [], kustomized: [], kustomizedFolders: [], addsSelectorLabels: false });

/**
 * The files a kustomization lists as patches (partial objects) and as resources (deployed together),
 * the folders it lists as resources, and whether it adds labels to selectors.
 */
function kustomizationLists(file: IndexedFile): KustomizationLists {
  let value: unknown;
  try {
    value = parseYamlDocuments(file.text)[0]?.toJS({ maxAliasCount: 100 });
  } catch {
    return nothingListed();
  }
  const k = asRecord(value);
  if (!k) return nothingListed();
  const paths: string[] = [];
  for (const p of asArray(k['patchesStrategicMerge'])) if (typeof p === 'string') paths.push(p);
  for (const key of ['patches', 'patchesJson6902']) {
    for (const p of asArray(k[key])) {
      const rel = asString(asRecord(p)?.['path']) ?? (key === 'patches' && typeof p === 'string' ? p : undefined);
      if (rel) paths.push(rel);
    }
  }
  const folder = file.uri.slice(0, file.uri.lastIndexOf('/'));
  const listed = asArray(k['resources']).filter((r): r is string => typeof r === 'string' && !r.includes('://'));
  return {
    patches: paths.map((rel) => joinUri(folder, rel)),
    kustomized: listed.filter((r) => MANIFEST_FILE.test(r)).map((rel) => joinUri(folder, rel)),
    kustomizedFolders: listed.filter((r) => !MANIFEST_FILE.test(r)).map((rel) => joinUri(folder, rel)),
    addsSelectorLabels: addsSelectorLabels(k),
  };
}

const MANIFEST_FILE = /\.(ya?ml|json)$/;

/**
 * kustomize writes `commonLabels` (and `labels` entries with `includeSelectors: true`) into every
 * workload's `spec.selector` and pod template, and every Service's selector: a base may leave them out.
 */
function addsSelectorLabels(k: Record<string, unknown>): boolean {
  const common = asRecord(k['commonLabels']);
  if (common && Object.keys(common).length > 0) return true;
  return asArray(k['labels']).some((entry) => {
    const e = asRecord(entry);
    return e?.['includeSelectors'] === true && Object.keys(asRecord(e['pairs']) ?? {}).length > 0;
  });
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

/** Stable workspace order of resources: by file, then position. */
export function compareResources(a: Resource, b: Resource): number {
  return a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.docIndex - b.docIndex || a.range.start - b.range.start;
}

export class WorkspaceTables {
  private readonly seen = new Map<string, { file: IndexedFile; c: Contribution }>();
  private generation = -1;

  readonly servicesByNamespace = new SetMap<string, ServiceView>();
  readonly policiesByNamespace = new SetMap<string, NetworkPolicyView>();
  readonly nodePorts = new SetMap<number, NodePortUse>();
  readonly routes = new SetMap<string, IngressRoute>();
  readonly ingressClasses = new Counter<string>();
  readonly secretNames = new Counter<string>();
  readonly declaredPorts = new Counter<string>();
  secretCount = 0;
  kubeDnsPods = 0;
  /** By file: small maps, read in file order for a deterministic answer. */
  readonly domains = new Map<string, { domain: string; preferred: boolean }>();
  readonly podNetworks = new Map<string, Cidr[]>();
  readonly patches = new Map<string, string[]>();
  /** Kustomization → the resource files it lists. */
  readonly kustomized = new Map<string, string[]>();
  /** Kustomization → the folders it lists as resources. */
  readonly kustomizedFolders = new Map<string, string[]>();
  /** Kustomizations that add labels to selectors. */
  readonly selectorLabelling = new Set<string>();
  /** Helm templates and other files we could not read. */
  readonly unreadable = new Set<string>();

  /** Brings the tables to the index's generation: one identity check per file, work per changed file. */
  refresh(index: WorkspaceIndex): void {
    if (this.generation === index.generation) return;
    this.generation = index.generation;
    for (const file of index.allFiles()) {
      const prev = this.seen.get(file.uri);
      if (prev?.file === file) continue;
      if (prev) this.apply(file.uri, prev.c, -1);
      const c = contributionOf(file);
      this.apply(file.uri, c, 1);
      this.seen.set(file.uri, { file, c });
    }
    if (this.seen.size > index.fileCount) {
      for (const [uri, prev] of this.seen) {
        if (index.getFile(uri)) continue;
        this.apply(uri, prev.c, -1);
        this.seen.delete(uri);
      }
    }
  }

  private apply(uri: string, c: Contribution, sign: 1 | -1): void {
    const set = <K, V>(m: SetMap<K, V>, k: K, v: V) => (sign > 0 ? m.add(k, v) : m.delete(k, v));
    for (const s of c.services) set(this.servicesByNamespace, s.resource.namespace, s);
    for (const p of c.policies) set(this.policiesByNamespace, p.resource.namespace, p);
    for (const u of c.nodePorts) set(this.nodePorts, u.nodePort, u);
    for (const r of c.routes) set(this.routes, routeKey(r.className, r.entry.host, r.entry.path), r);
    for (const n of c.ingressClasses) this.ingressClasses.add(n, sign);
    for (const [ns, name] of c.secretNames) this.secretNames.add(`${ns}\u0000${name}`, sign);
    for (const p of c.declaredPorts) this.declaredPorts.add(p, sign);
    this.secretCount += sign * c.secretCount;
    this.kubeDnsPods += sign * c.kubeDnsPods;
    const byFile = <V>(m: Map<string, V>, v: V | undefined, present: boolean) => {
      if (sign > 0 && present) m.set(uri, v!);
      else if (sign < 0) m.delete(uri);
    };
    byFile(this.domains, c.domain, c.domain !== undefined);
    byFile(this.podNetworks, c.podNetworks, c.podNetworks.length > 0);
    byFile(this.patches, c.patches, c.patches.length > 0);
    byFile(this.kustomized, c.kustomized, c.kustomized.length > 0);
    byFile(this.kustomizedFolders, c.kustomizedFolders, c.kustomizedFolders.length > 0);
    if (c.addsSelectorLabels) {
      if (sign > 0) this.selectorLabelling.add(uri);
      else this.selectorLabelling.delete(uri);
    }
    if (c.unreadable) {
      if (sign > 0) this.unreadable.add(uri);
      else this.unreadable.delete(uri);
    }
  }
}
