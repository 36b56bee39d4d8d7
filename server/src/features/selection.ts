// Label selectors written in manifests ("sites") and what each one selects: pod templates or namespaces.

import type { NamespaceInfo, WorkspaceIndex } from '../index/workspaceIndex';
import { METADATA_NAME_LABEL } from '../index/workspaceIndex';
import type { JsonPath, LabelSelector, PodTemplate, Resource } from '../model/types';
import { asArray, asRecord, getAt, stringMap } from '../model/values';
import { mapSelector, parseLabelSelector, selectorMatches } from '../model/selectors';
import { isPrefix } from './locate';
import { isNetworkPolicy } from '../policy/normalize';

export type SelectorRole =
  /** Service spec.selector (a plain map; empty selects nothing). */
  | 'service'
  /** A workload's own spec.selector. */
  | 'workload'
  /** NetworkPolicy spec.podSelector: the pods the policy applies to. */
  | 'policy'
  /** A peer's podSelector in ingress.from / egress.to. */
  | 'peer-pods'
  /** A peer's namespaceSelector. */
  | 'peer-namespaces';

export interface SelectorSite {
  resource: Resource;
  role: SelectorRole;
  /** Path of the selector node, relative to the resource. */
  relPath: JsonPath;
  /** Written as a plain label map (Service, ReplicationController) rather than matchLabels/matchExpressions. */
  plainMap: boolean;
  selector: LabelSelector;
  /** Peers: the rule direction and the peer's own selectors. */
  peer?: { direction: 'ingress' | 'egress'; relPath: JsonPath; podSelector?: LabelSelector; namespaceSelector?: LabelSelector };
}

const WORKLOAD_SELECTOR_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

const sitesCache = new WeakMap<Resource, SelectorSite[]>();

/** Every selector a resource writes (cached with the resource, which the index keeps until its file changes). */
export function selectorSitesOf(resource: Resource): SelectorSite[] {
  let sites = sitesCache.get(resource);
  if (!sites) {
    sites = readSites(resource);
    sitesCache.set(resource, sites);
  }
  return sites;
}

function readSites(resource: Resource): SelectorSite[] {
  const v = resource.value;
  const base = { resource };
  if (resource.kind === 'Service') {
    const raw = asRecord(getAt(v, ['spec', 'selector']));
    return raw ? [{ ...base, role: 'service', relPath: ['spec', 'selector'], plainMap: true, selector: mapSelector(stringMap(raw)) }] : [];
  }
  if (resource.kind === 'ReplicationController') {
    const raw = asRecord(getAt(v, ['spec', 'selector']));
    return raw ? [{ ...base, role: 'workload', relPath: ['spec', 'selector'], plainMap: true, selector: mapSelector(stringMap(raw)) }] : [];
  }
  if (WORKLOAD_SELECTOR_KINDS.has(resource.kind)) {
    const selector = parseLabelSelector(getAt(v, ['spec', 'selector']));
    return selector ? [{ ...base, role: 'workload', relPath: ['spec', 'selector'], plainMap: false, selector }] : [];
  }
  // Only networking.k8s.io/v1: other APIs' NetworkPolicy kinds (Calico's) have other shapes.
  if (!isNetworkPolicy(resource)) return [];
  const sites: SelectorSite[] = [];
  const podSelector = parseLabelSelector(getAt(v, ['spec', 'podSelector'])) ?? { matchLabels: {}, matchExpressions: [] };
  sites.push({ ...base, role: 'policy', relPath: ['spec', 'podSelector'], plainMap: false, selector: podSelector });
  for (const [direction, peersKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
    asArray(getAt(v, ['spec', direction])).forEach((rule, i) => {
      asArray(asRecord(rule)?.[peersKey]).forEach((rawPeer, j) => {
        const peer = asRecord(rawPeer);
        if (!peer) return;
        const relPath: JsonPath = ['spec', direction, i, peersKey, j];
        const pods = parseLabelSelector(peer['podSelector']);
        const namespaces = parseLabelSelector(peer['namespaceSelector']);
        if (!pods && !namespaces) return;
        const info = { direction, relPath, ...(pods ? { podSelector: pods } : {}), ...(namespaces ? { namespaceSelector: namespaces } : {}) };
        if (pods) sites.push({ ...base, role: 'peer-pods', relPath: [...relPath, 'podSelector'], plainMap: false, selector: pods, peer: info });
        if (namespaces) sites.push({ ...base, role: 'peer-namespaces', relPath: [...relPath, 'namespaceSelector'], plainMap: false, selector: namespaces, peer: info });
      });
    });
  }
  return sites;
}

/** The site whose selector contains a path (relative to the resource). */
export function siteAt(resource: Resource, relPath: JsonPath): SelectorSite | undefined {
  return selectorSitesOf(resource).find((s) => isPrefix(s.relPath, relPath));
}

export function namespaceLabels(index: WorkspaceIndex, namespace: string): Record<string, string> {
  return index.namespaces().get(namespace)?.labels ?? { [METADATA_NAME_LABEL]: namespace };
}

/** The namespaces whose pods a site looks at. */
export function namespacesOfSite(index: WorkspaceIndex, site: SelectorSite): NamespaceInfo[] {
  const ns = site.resource.namespace;
  if (site.peer?.namespaceSelector) return index.namespacesMatching(site.peer.namespaceSelector);
  return [index.namespaces().get(ns) ?? { name: ns, labels: { [METADATA_NAME_LABEL]: ns } }];
}

/** The pod templates a site selects (for a namespaceSelector: the peer's pods in the namespaces it picks). */
export function templatesOfSite(index: WorkspaceIndex, site: SelectorSite): PodTemplate[] {
  return selectedBy(index, site).sort(byName);
}

/** Stable, readable order: namespace, then name, then kind. */
export function byName(a: PodTemplate, b: PodTemplate): number {
  const ra = a.resource;
  const rb = b.resource;
  return ra.namespace.localeCompare(rb.namespace) || ra.name.localeCompare(rb.name) || ra.kind.localeCompare(rb.kind);
}

function selectedBy(index: WorkspaceIndex, site: SelectorSite): PodTemplate[] {
  switch (site.role) {
    case 'service':
      if (Object.keys(site.selector.matchLabels).length === 0) return [];
      if (getAt(site.resource.value, ['spec', 'type']) === 'ExternalName') return [];
      return index.templatesMatching(site.selector, site.resource.namespace);
    case 'workload':
    case 'policy':
      return index.templatesMatching(site.selector, site.resource.namespace);
    case 'peer-pods':
    case 'peer-namespaces': {
      const pods = site.peer?.podSelector ?? { matchLabels: {}, matchExpressions: [] };
      return namespacesOfSite(index, site).flatMap((ns) => index.templatesMatching(pods, ns.name));
    }
  }
}

/** Does a site select this template? (Same rules as templatesOfSite, for one template.) */
export function siteSelects(index: WorkspaceIndex, site: SelectorSite, template: PodTemplate): boolean {
  switch (site.role) {
    case 'service':
      if (Object.keys(site.selector.matchLabels).length === 0) return false;
      if (getAt(site.resource.value, ['spec', 'type']) === 'ExternalName') return false;
      return template.namespace === site.resource.namespace && selectorMatches(site.selector, template.labels);
    case 'workload':
    case 'policy':
      return template.namespace === site.resource.namespace && selectorMatches(site.selector, template.labels);
    case 'peer-pods':
    case 'peer-namespaces': {
      const peer = site.peer!;
      const nsOk = peer.namespaceSelector
        ? selectorMatches(peer.namespaceSelector, namespaceLabels(index, template.namespace))
        : template.namespace === site.resource.namespace;
      return nsOk && (!peer.podSelector || selectorMatches(peer.podSelector, template.labels));
    }
  }
}

/** Path (relative to the resource) of the i-th parsed matchExpressions entry; entries without key or operator are skipped by the parser. */
export function expressionRelPath(site: SelectorSite, parsedIndex: number): JsonPath {
  const raw = asArray(getAt(site.resource.value, [...site.relPath, 'matchExpressions']));
  let seen = -1;
  for (let i = 0; i < raw.length; i++) {
    const e = asRecord(raw[i]);
    if (typeof e?.['key'] === 'string' && typeof e['operator'] === 'string') seen++;
    if (seen === parsedIndex) return [...site.relPath, 'matchExpressions', i];
  }
  return [...site.relPath, 'matchExpressions'];
}
