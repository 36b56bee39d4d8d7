// A from/to peer that matches no workload (or whose namespaceSelector matches no namespace)
// allows nothing: usually a wrong label.

import type { CheckFinding, ResourceCheck } from '../types';
import { policyOf } from '../facts';
import { peerPods } from '../peers';
import { formatSelector } from '../../model/selectors';
import { labelFixData } from '../labelFixData';

export const netpolPeerSelectsNothing: ResourceCheck = {
  meta: {
    id: 'netpol-peer-selects-nothing',
    defaultSeverity: 'warning',
    summary: 'A from/to peer matches no workload, or its namespaceSelector matches no namespace.',
  },
  kinds: ['NetworkPolicy'],
  check(resource, { index }) {
    const policy = policyOf(resource);
    const hasNamespaceObjects = index.hasNamespaceObjects();
    const out: CheckFinding[] = [];
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers) {
        const pods = peerPods(index, resource.namespace, peer);
        if (!pods) continue;
        if (pods.noNamespace) {
          // Namespaces the workspace merely mentions carry only their name label: judge only when it defines Namespace objects.
          if (!hasNamespaceObjects) continue;
          out.push({
            message: `namespaceSelector ${formatSelector(peer.namespaceSelector!)} matches no Namespace of the workspace: this peer allows nothing.`,
            path: [...peer.path, 'namespaceSelector'],
            target: 'value',
            data: labelFixData(peer.namespaceSelector!, [...peer.path, 'namespaceSelector'], { namespaces: true }),
          });
          continue;
        }
        if (pods.templates.length > 0 || !pods.judgeable || !peer.podSelector) continue;
        const where = peer.namespaceSelector ? `the namespaces it selects (${pods.namespaces.join(', ')})` : `namespace '${resource.namespace}'`;
        out.push({
          message: `podSelector ${formatSelector(peer.podSelector)} matches no workload in ${where}: this peer allows nothing.`,
          path: [...peer.path, 'podSelector'],
          target: 'value',
          data: labelFixData(peer.podSelector, [...peer.path, 'podSelector'], { pods: pods.namespaces }),
        });
      }
    }
    return out;
  },
};
