// A NetworkPolicy whose podSelector matches no workload of its namespace has no effect.

import type { ResourceCheck } from '../types';
import { factsFor, policyOf } from '../facts';
import { formatSelector, isEmptySelector } from '../../model/selectors';
import { labelFixData } from '../labelFixData';

export const netpolSelectsNothing: ResourceCheck = {
  meta: {
    id: 'netpol-selects-nothing',
    defaultSeverity: 'warning',
    summary: 'The NetworkPolicy podSelector matches no workload in its namespace, so the policy applies to nothing.',
  },
  kinds: ['NetworkPolicy'],
  check(resource, { index }) {
    const policy = policyOf(resource);
    if (isEmptySelector(policy.podSelector) || !factsFor(index).hasWorkloadsIn(resource.namespace)) return [];
    if (index.templatesMatching(policy.podSelector, resource.namespace).length > 0) return [];
    return [
      {
        message: `podSelector ${formatSelector(policy.podSelector)} matches no workload in namespace '${resource.namespace}': this policy applies to nothing.`,
        path: policy.podSelectorPath,
        target: 'value',
        data: labelFixData(policy.podSelector, policy.podSelectorPath, { pods: [resource.namespace] }),
      },
    ];
  },
};
