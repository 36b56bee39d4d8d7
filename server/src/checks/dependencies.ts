// Which files' findings may change after a file changed. Most rules look only into the resource's
// own namespace; the rest depend on other namespaces (namespaceSelector peers, env names of other
// namespaces' Services, nodePorts, Ingress routes) or on workspace-wide facts (cluster domain, pod
// network, whether Secrets, Namespaces or IngressClasses are defined, kustomize patches).
// What each file depends on is kept in an inverted index, updated per changed file, so a call costs
// a few lookups, not a pass over the workspace.

import type { ChangeSummary, IndexedFile, WorkspaceIndex } from '../index/workspaceIndex';
import { METADATA_NAME_LABEL } from '../index/workspaceIndex';
import type { LabelSelector, Resource } from '../model/types';
import { effectiveIngressClass, factsFor, ingressOf, policyOf, serviceOf } from './facts';
import { routeKey } from './workspaceTables';
import { envNameHoldsHost, hostMentions } from '../model/dns';
import { isWorkloadKind } from '../model/kinds';

/** What one version of a file depends on, and what it offers that others may clash with. */
interface FileDependencies {
  /** Namespaces of its resources (a Namespace object counts in its own namespace). */
  namespaces: Set<string>;
  /** Namespaces its env values may name (`svc.ns`, `pod.svc.ns`): a cheap superset. */
  envNamespaces: Set<string>;
  /** Namespaces its policies' namespaceSelectors reach into, by name. */
  policyReach: Set<string>;
  /** Some selector reaches namespaces by other labels (so any namespace may matter). */
  policyReachesAny: boolean;
  nodePorts: Set<number>;
  /** Ingress routes as class, host and path. */
  routes: Set<string>;
}

export function namespaceKey(r: Pick<Resource, 'kind' | 'name' | 'namespace'>): string {
  return r.kind === 'Namespace' ? r.name : r.namespace;
}

/** The namespaces a selector can match when it names them (`kubernetes.io/metadata.name`), else 'any'. */
function namedNamespaces(selector: LabelSelector): string[] | 'any' {
  const byLabel = selector.matchLabels[METADATA_NAME_LABEL];
  if (byLabel !== undefined) return [byLabel];
  const byIn = selector.matchExpressions.find((e) => e.key === METADATA_NAME_LABEL && e.operator === 'In');
  return byIn ? byIn.values : 'any';
}

function summarize(file: IndexedFile): FileDependencies {
  const d: FileDependencies = { namespaces: new Set(), envNamespaces: new Set(), policyReach: new Set(), policyReachesAny: false, nodePorts: new Set(), routes: new Set() };
  for (const r of file.resources) {
    d.namespaces.add(namespaceKey(r));
    if (r.kind === 'Service') {
      for (const p of serviceOf(r).ports) if (p.nodePort !== undefined) d.nodePorts.add(p.nodePort);
    } else if (r.kind === 'Ingress') {
      const ingress = ingressOf(r);
      for (const p of ingress.paths) d.routes.add(routeKey(effectiveIngressClass(ingress), p.host, p.path));
    } else if (r.kind === 'NetworkPolicy') {
      const p = policyOf(r);
      for (const rule of [...p.ingress, ...p.egress]) {
        for (const peer of rule.peers) {
          if (!peer.namespaceSelector) continue;
          const names = namedNamespaces(peer.namespaceSelector);
          if (names === 'any') d.policyReachesAny = true;
          else names.forEach((n) => d.policyReach.add(n));
        }
      }
      // Named ports of an egress rule without peers resolve on any pod anywhere.
      if (p.egress.some((rule) => !rule.peersWritten && rule.ports.some((port) => typeof port.port === 'string'))) d.policyReachesAny = true;
    }
  }
  for (const t of file.templates) {
    for (const c of t.containers) {
      for (const env of c.env) {
        for (const m of hostMentions(env.value, envNameHoldsHost(env.name))) {
          for (const label of m.host.toLowerCase().split('.').slice(1, 3)) d.envNamespaces.add(label);
        }
      }
    }
  }
  return d;
}

const NO_DEPENDENCIES = summarize({ uri: '', version: 0, text: '', status: 'not-kubernetes', resources: [], templates: [], yamlFindings: [] });

class SetMap<K> {
  private readonly map = new Map<K, Set<string>>();
  add(k: K, uri: string): void {
    let s = this.map.get(k);
    if (!s) this.map.set(k, (s = new Set()));
    s.add(uri);
  }
  delete(k: K, uri: string): void {
    const s = this.map.get(k);
    if (s?.delete(uri) && s.size === 0) this.map.delete(k);
  }
  get(k: K): ReadonlySet<string> | undefined {
    return this.map.get(k);
  }
}

/** The inverted index: which files depend on a namespace, a nodePort, an Ingress route. */
class DependencyIndex {
  private readonly seen = new Map<string, { file: IndexedFile; deps: FileDependencies }>();
  private generation = -1;
  /** The dependencies the files changed in the latest refresh had before. */
  readonly previous = new Map<string, FileDependencies>();
  readonly byNamespace = new SetMap<string>();
  readonly byReach = new SetMap<string>();
  readonly reachingAny = new Set<string>();
  readonly byNodePort = new SetMap<number>();
  readonly byRoute = new SetMap<string>();
  signature = '';

  refresh(index: WorkspaceIndex): void {
    if (this.generation === index.generation) return;
    this.generation = index.generation;
    this.previous.clear();
    for (const file of index.allFiles()) {
      const prev = this.seen.get(file.uri);
      if (prev?.file === file) continue;
      const deps = summarize(file);
      this.replace(file.uri, prev?.deps, deps);
      this.seen.set(file.uri, { file, deps });
    }
    if (this.seen.size > index.fileCount) {
      for (const [uri, prev] of this.seen) {
        if (index.getFile(uri)) continue;
        this.replace(uri, prev.deps, undefined);
        this.seen.delete(uri);
      }
    }
  }

  private replace(uri: string, before: FileDependencies | undefined, after: FileDependencies | undefined): void {
    this.previous.set(uri, before ?? NO_DEPENDENCIES);
    for (const [deps, op] of [
      [before, 'delete'],
      [after, 'add'],
    ] as const) {
      if (!deps) continue;
      for (const ns of deps.namespaces) this.byNamespace[op](ns, uri);
      for (const ns of deps.envNamespaces) this.byNamespace[op](ns, uri);
      for (const ns of deps.policyReach) this.byReach[op](ns, uri);
      if (deps.policyReachesAny) {
        if (op === 'add') this.reachingAny.add(uri);
        else this.reachingAny.delete(uri);
      }
      for (const p of deps.nodePorts) this.byNodePort[op](p, uri);
      for (const r of deps.routes) this.byRoute[op](r, uri);
    }
  }

  current(uri: string): FileDependencies {
    return this.seen.get(uri)?.deps ?? NO_DEPENDENCIES;
  }
}

/** Workspace-wide facts some rules depend on; when they change, every file is re-checked. */
function globalSignature(index: WorkspaceIndex): string {
  const facts = factsFor(index);
  return JSON.stringify([
    facts.clusterDomain({ rules: {} }),
    facts.podNetworks().map((c) => `${c.address}/${c.prefix}`),
    facts.hasSecrets(),
    [...facts.ingressClassNames()],
    index.hasNamespaceObjects(),
    facts.kustomizationSignature(),
  ]);
}

const dependencyIndexes = new WeakMap<WorkspaceIndex, DependencyIndex>();

/**
 * Every file whose findings may differ after `change` was applied to the index (the changed file
 * included). Call it after index.update/remove with the ChangeSummary they return; calls may be
 * batched (one per change, after several changes).
 */
export function filesToRecheck(index: WorkspaceIndex, change: ChangeSummary): string[] {
  let deps = dependencyIndexes.get(index);
  const first = !deps;
  if (!deps) dependencyIndexes.set(index, (deps = new DependencyIndex()));
  deps.refresh(index);
  const out = new Set<string>([change.uri]);
  const add = (uris: Iterable<string> | undefined) => {
    for (const uri of uris ?? []) out.add(uri);
  };

  const signature = globalSignature(index);
  const globalChange = !first && deps.signature !== signature;
  deps.signature = signature;
  if (globalChange) {
    for (const f of index.allFiles()) if (f.resources.length > 0) out.add(f.uri);
    return [...out];
  }

  // On the first call, the file's previous version was never seen.
  const before = first ? undefined : deps.previous.get(change.uri);
  const after = deps.current(change.uri);
  // Rules that look into a namespace, and env names of its Services and pods used from elsewhere.
  for (const ns of change.namespaces) add(deps.byNamespace.get(ns));
  // Policies whose namespaceSelectors may select pods or Namespaces that changed.
  if ([...change.kinds].some((k) => k === 'Namespace' || isWorkloadKind(k))) {
    add(deps.reachingAny);
    for (const ns of change.namespaces) add(deps.byReach.get(ns));
  }
  // Clashes with what the file offers now or offered before.
  for (const d of [before, after]) {
    for (const p of d?.nodePorts ?? []) add(deps.byNodePort.get(p));
    for (const r of d?.routes ?? []) add(deps.byRoute.get(r));
  }
  if (!before && (change.kinds.has('Service') || change.kinds.has('Ingress'))) {
    // The index was first seen after this change: what the file offered before is unknown.
    for (const f of index.allFiles()) {
      const d = deps.current(f.uri);
      if (d.nodePorts.size > 0 || d.routes.size > 0) out.add(f.uri);
    }
  }
  return [...out];
}
