// A from/to peer that matches no workload (or whose namespaceSelector matches no namespace)
// allows nothing: usually a wrong label.

import type { CheckFinding, ResourceCheck } from '../types';
import { factsFor, policyOf } from '../facts';
import { peerPods } from '../peers';
import { formatSelector } from '../../model/selectors';
import { labelFixData, type LabelFixData } from '../labelFixData';
import { labelCandidates, labelChanges, labelDidYouMean } from '../labelSuggestions';
import type { WorkspaceIndex } from '../../index/workspaceIndex';
import type { LabelSelector } from '../../model/types';

function hintFor(index: WorkspaceIndex, selector: LabelSelector, data: LabelFixData | undefined): string {
  return data ? labelDidYouMean(labelChanges(selector.matchLabels, labelCandidates(index, data.source), 1)) : '';
}

export const netpolPeerSelectsNothing: ResourceCheck = {
  meta: {
    id: 'netpol-peer-selects-nothing',
    defaultSeverity: 'warning',
    summary: 'A from/to peer matches no workload, or its namespaceSelector matches no namespace.',
  },
  kinds: ['NetworkPolicy'],
  check(resource, { index }) {
    const policy = policyOf(resource);
    const facts = factsFor(index);
    const out: CheckFinding[] = [];
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers) {
        const pods = peerPods(index, resource.namespace, peer);
        if (!pods) continue;
        if (pods.noNamespace) {
          // Namespaces the workspace merely mentions carry only their name label: judge only when it defines Namespace objects.
          if (!facts.hasKindNear('Namespace', resource.uri)) continue;
          const data = labelFixData(peer.namespaceSelector!, [...peer.path, 'namespaceSelector'], { namespaces: true });
          out.push({
            message: `namespaceSelector ${formatSelector(peer.namespaceSelector!)} matches no Namespace of the workspace: this peer allows nothing.${hintFor(index, peer.namespaceSelector!, data)}`,
            path: [...peer.path, 'namespaceSelector'],
            target: 'value',
            data,
          });
          continue;
        }
        if (pods.templates.length > 0 || !peer.podSelector || !pods.namespaces.every((ns) => facts.hasWorkloadsNear(ns, resource.uri))) continue;
        const where = peer.namespaceSelector ? `the namespaces it selects (${pods.namespaces.join(', ')})` : `namespace '${resource.namespace}'`;
        const data = labelFixData(peer.podSelector, [...peer.path, 'podSelector'], { pods: pods.namespaces });
        out.push({
          message: `podSelector ${formatSelector(peer.podSelector)} matches no workload in ${where}: this peer allows nothing.${hintFor(index, peer.podSelector, data)}`,
          path: [...peer.path, 'podSelector'],
          target: 'value',
          data,
        });
      }
    }
    return out;
  },
};
