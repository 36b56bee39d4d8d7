// A NetworkPolicy whose podSelector matches no workload of its namespace has no effect.

import type { ResourceCheck } from '../types';
import { factsFor, policyOf } from '../facts';
import { formatSelector, isEmptySelector } from '../../model/selectors';
import { labelFixData } from '../labelFixData';
import { templatesSelectedBy } from '../podMatch';
import { labelCandidates, labelChanges, labelDidYouMean } from '../labelSuggestions';

export const netpolSelectsNothing: ResourceCheck = {
  meta: {
    id: 'netpol-selects-nothing',
    defaultSeverity: 'warning',
    summary: 'The NetworkPolicy podSelector matches no workload in its namespace, so the policy applies to nothing.',
  },
  kinds: ['NetworkPolicy'],
  check(resource, { index }) {
    const policy = policyOf(resource);
    if (isEmptySelector(policy.podSelector) || !factsFor(index).hasWorkloadsNear(resource.namespace, resource.uri)) return [];
    if (templatesSelectedBy(index, policy.podSelector, resource.namespace).length > 0) return [];
    const data = labelFixData(policy.podSelector, policy.podSelectorPath, { pods: [resource.namespace] });
    const hint = data ? labelDidYouMean(labelChanges(policy.podSelector.matchLabels, labelCandidates(index, data.source), 1)) : '';
    return [
      {
        message: `podSelector ${formatSelector(policy.podSelector)} matches no workload in namespace '${resource.namespace}': this policy applies to nothing.${hint}`,
        path: policy.podSelectorPath,
        target: 'value',
        data,
      },
    ];
  },
};
