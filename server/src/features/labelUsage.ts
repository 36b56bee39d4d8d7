// Which selectors in the workspace pick a pod template, and which use one of its labels.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { JsonPath, PodTemplate } from '../model/types';
import { requirementMatches, selectorMatches } from '../model/selectors';
import { memo } from './memo';
import { expressionRelPath, namespaceLabels, selectorSitesOf, siteSelects, type SelectorSite } from './selection';

const SELECTOR_KINDS = ['Service', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'NetworkPolicy'];

/** Every selector written in the workspace (cached until the index changes). */
export function allSelectorSites(index: WorkspaceIndex): readonly SelectorSite[] {
  return memo(index, 'selectorSites', () => SELECTOR_KINDS.flatMap((kind) => index.resourcesOfKind(kind).flatMap(selectorSitesOf)));
}

/** Sites that can only pick pods of their own namespace, grouped by it; peers are kept apart. */
function sitesByScope(index: WorkspaceIndex): { byNamespace: Map<string, SelectorSite[]>; peers: SelectorSite[] } {
  return memo(index, 'selectorSitesByScope', () => {
    const byNamespace = new Map<string, SelectorSite[]>();
    const peers: SelectorSite[] = [];
    for (const site of allSelectorSites(index)) {
      if (site.role === 'peer-pods' || site.role === 'peer-namespaces') {
        peers.push(site);
        continue;
      }
      const list = byNamespace.get(site.resource.namespace);
      if (list) list.push(site);
      else byNamespace.set(site.resource.namespace, [site]);
    }
    return { byNamespace, peers };
  });
}

/**
 * Selectors that pick the template. A peer with both selectors appears once (as its podSelector, or
 * its namespaceSelector when it has no podSelector).
 */
export function sitesSelecting(index: WorkspaceIndex, template: PodTemplate): SelectorSite[] {
  const { byNamespace, peers } = sitesByScope(index);
  const own = (byNamespace.get(template.namespace) ?? []).filter((s) => siteSelects(index, s, template));
  const peerSites = peers.filter((s) => (s.role === 'peer-pods' || !s.peer?.podSelector) && siteSelects(index, s, template));
  return [...own, ...peerSites];
}

export interface LabelUse {
  site: SelectorSite;
  /** Path of the requirement on the label (matchLabels entry, map entry or matchExpressions item), relative to the resource. */
  relPath: JsonPath;
}

/** Selectors with a requirement on `key` that this label value satisfies, among those that can see the template's namespace. */
export function selectorsUsingLabel(index: WorkspaceIndex, template: PodTemplate, key: string, value: string): LabelUse[] {
  const { byNamespace, peers } = sitesByScope(index);
  const out: LabelUse[] = [];
  const nsLabels = namespaceLabels(index, template.namespace);
  for (const site of [...(byNamespace.get(template.namespace) ?? []), ...peers]) {
    if (site.role === 'peer-namespaces') continue;
    if (site.peer) {
      const nsOk = site.peer.namespaceSelector ? selectorMatches(site.peer.namespaceSelector, nsLabels) : site.resource.namespace === template.namespace;
      if (!nsOk) continue;
    }
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
