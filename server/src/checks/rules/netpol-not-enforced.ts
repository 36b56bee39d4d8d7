// Some network plugins do not implement NetworkPolicy: the policy is accepted and does nothing.

import type { ResourceCheck } from '../types';

const NON_ENFORCING_CNI = new Set(['flannel', 'kubenet']);

export const netpolNotEnforced: ResourceCheck = {
  meta: {
    id: 'netpol-not-enforced',
    defaultSeverity: 'warning',
    summary: 'The configured network plugin (kube-netlens.cni: flannel or kubenet) does not enforce NetworkPolicies.',
  },
  kinds: ['NetworkPolicy'],
  check(resource, { settings }) {
    const cni = settings.cni?.trim().toLowerCase();
    if (!cni || !NON_ENFORCING_CNI.has(cni)) return [];
    return [
      {
        message: `The network plugin '${settings.cni}' does not enforce NetworkPolicies: this policy is stored but filters no traffic.`,
        path: [...resource.basePath, 'kind'],
        target: 'value',
      },
    ];
  },
};
