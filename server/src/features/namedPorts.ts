// Which pods a NetworkPolicy port entry resolves named ports on: the destination of the traffic.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { JsonPath, PodTemplate, Resource } from '../model/types';
import { asArray, getAt } from '../model/values';
import { isPrefix } from './locate';
import { selectorSitesOf, templatesOfSite } from './selection';

/**
 * Ingress rules: the pods the policy applies to. Egress rules: the pods the rule's `to` peers pick
 * (every pod when the rule has no peers).
 */
export function namedPortScope(index: WorkspaceIndex, policy: Resource, direction: 'ingress' | 'egress', rulePath: JsonPath): PodTemplate[] {
  const sites = selectorSitesOf(policy);
  if (direction === 'ingress') {
    const own = sites.find((s) => s.role === 'policy');
    return own ? templatesOfSite(index, own) : [];
  }
  const peers = sites.filter((s) => s.peer && isPrefix(rulePath, s.peer.relPath) && (s.role === 'peer-pods' || !s.peer.podSelector));
  // No `to` at all: every destination. Only ipBlocks: no pod, so no named port resolves.
  if (asArray(getAt(policy.value, [...rulePath, 'to'])).length === 0) return [...index.podTemplates()];
  const seen = new Set<PodTemplate>();
  for (const site of peers) for (const t of templatesOfSite(index, site)) seen.add(t);
  return [...seen];
}
