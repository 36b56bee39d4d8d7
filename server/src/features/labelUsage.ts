// Which selectors in the workspace pick a pod template, and which use one of its labels.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { JsonPath, PodTemplate } from '../model/types';
import { formatSelector, requirementMatches, selectorMatches } from '../model/selectors';
import type { LabelSelector } from '../model/types';
import { memo } from './memo';
import { expressionRelPath, namespaceLabels, selectorSitesOf, siteSelects, type SelectorSite } from './selection';

const SELECTOR_KINDS = ['Service', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'NetworkPolicy'];

/** Every selector written in the workspace (cached until the index changes). */
export function allSelectorSites(index: WorkspaceIndex): readonly SelectorSite[] {
  return memo(index, 'selectorSites', () => SELECTOR_KINDS.flatMap((kind) => index.resourcesOfKind(kind).flatMap(selectorSitesOf)));
}

interface SitesByScope {
  /** Sites that pick pods of their own namespace only (Services, workloads, policies' podSelectors). */
  byNamespace: Map<string, SelectorSite[]>;
  /** Peers without namespaceSelector: pods of their policy's namespace. */
  peersByPolicyNamespace: Map<string, SelectorSite[]>;
  /** Peers with a namespaceSelector, grouped by that selector: few distinct ones are written, many times. */
  peersByNamespaceSelector: Map<string, { selector: LabelSelector; sites: SelectorSite[] }>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function sitesByScope(index: WorkspaceIndex): SitesByScope {
  return memo(index, 'selectorSitesByScope', () => {
    const out: SitesByScope = { byNamespace: new Map(), peersByPolicyNamespace: new Map(), peersByNamespaceSelector: new Map() };
    for (const site of allSelectorSites(index)) {
      const nsSelector = site.peer?.namespaceSelector;
      if (!site.peer) push(out.byNamespace, site.resource.namespace, site);
      else if (!nsSelector) push(out.peersByPolicyNamespace, site.resource.namespace, site);
      else {
        const key = formatSelector(nsSelector);
        const group = out.peersByNamespaceSelector.get(key);
        if (group) group.sites.push(site);
        else out.peersByNamespaceSelector.set(key, { selector: nsSelector, sites: [site] });
      }
    }
    return out;
  });
}

/** Peer sites that can pick pods of a namespace (cached per namespace until the index changes). */
function peersSeeing(index: WorkspaceIndex, namespace: string): SelectorSite[] {
  return memo(index, `peersSeeing:${namespace}`, () => {
    const scope = sitesByScope(index);
    const nsLabels = namespaceLabels(index, namespace);
    const out = [...(scope.peersByPolicyNamespace.get(namespace) ?? [])];
    for (const group of scope.peersByNamespaceSelector.values()) if (selectorMatches(group.selector, nsLabels)) out.push(...group.sites);
    return out;
  });
}

/**
 * Selectors that pick the template. A peer with both selectors appears once (as its podSelector, or
 * its namespaceSelector when it has no podSelector).
 */
export function sitesSelecting(index: WorkspaceIndex, template: PodTemplate): SelectorSite[] {
  const own = (sitesByScope(index).byNamespace.get(template.namespace) ?? []).filter((s) => siteSelects(index, s, template));
  const peerSites = peersSeeing(index, template.namespace).filter((s) => (s.role === 'peer-pods' || !s.peer?.podSelector) && siteSelects(index, s, template));
  return [...own, ...peerSites];
}

export interface LabelUse {
  site: SelectorSite;
  /** Path of the requirement on the label (matchLabels entry, map entry or matchExpressions item), relative to the resource. */
  relPath: JsonPath;
}

/** Selectors with a requirement on `key` that this label value satisfies, among those that can see the template's namespace. */
export function selectorsUsingLabel(index: WorkspaceIndex, template: PodTemplate, key: string, value: string): LabelUse[] {
  const out: LabelUse[] = [];
  for (const site of [...(sitesByScope(index).byNamespace.get(template.namespace) ?? []), ...peersSeeing(index, template.namespace)]) {
    if (site.role === 'peer-namespaces') continue;
    const labels = { [key]: value };
    if (site.selector.matchLabels[key] === value) {
      out.push({ site, relPath: [...site.relPath, ...(site.plainMap ? [] : ['matchLabels']), key] });
    }
    site.selector.matchExpressions.forEach((req, i) => {
      if (req.key === key && req.operator !== 'DoesNotExist' && req.operator !== 'NotIn' && requirementMatches(req, labels)) {
        out.push({ site, relPath: expressionRelPath(site, i) });
      }
    });
  }
  return out;
}
