// Which workloads a NetworkPolicy peer (podSelector / namespaceSelector) can match, and whether
// the workspace knows enough to say that it matches none.

import { METADATA_NAME_LABEL, type WorkspaceIndex } from '../index/workspaceIndex';
import type { LabelSelector, PodTemplate } from '../model/types';
import type { NetpolPeerView } from '../model/networkPolicies';
import { selectorMatches } from '../model/selectors';
import { podsMayMatch } from './podMatch';

export interface PeerPods {
  /** Workloads of the workspace the peer matches. */
  templates: PodTemplate[];
  /** Namespaces the peer reaches into. */
  namespaces: string[];
  /** The namespaceSelector matches no namespace the workspace knows. */
  noNamespace: boolean;
}

/** Namespaces every cluster has, whether or not the workspace defines them. */
const BUILT_IN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** Namespaces a namespaceSelector matches: the workspace's, and the built-in ones by their name label. */
export function namespacesMatching(index: WorkspaceIndex, selector: LabelSelector): string[] {
  const out = index.namespacesMatching(selector).map((n) => n.name);
  for (const name of BUILT_IN_NAMESPACES) {
    if (!out.includes(name) && !index.namespaces().has(name) && selectorMatches(selector, { [METADATA_NAME_LABEL]: name })) out.push(name);
  }
  return out;
}

/** Pods of a pod/namespace peer; undefined for an ipBlock peer. */
export function peerPods(index: WorkspaceIndex, policyNamespace: string, peer: NetpolPeerView): PeerPods | undefined {
  if (!peer.podSelector && !peer.namespaceSelector) return undefined;
  const namespaces = peer.namespaceSelector ? namespacesMatching(index, peer.namespaceSelector) : [policyNamespace];
  const templates: PodTemplate[] = [];
  for (const ns of namespaces) {
    const pool = index.templatesInNamespace(ns);
    for (const t of pool) if (!peer.podSelector || podsMayMatch(peer.podSelector, t)) templates.push(t);
  }
  return { templates, namespaces, noNamespace: peer.namespaceSelector !== undefined && namespaces.length === 0 };
}
