// A Service whose selector matches no workload of its namespace has no endpoints.

import type { ResourceCheck } from '../types';
import { factsFor, serviceOf } from '../facts';
import { hasPodSelector } from '../../model/services';
import { formatSelector, mapSelector } from '../../model/selectors';
import type { LabelFixData } from '../labelFixData';
import { templatesSelectedBy } from '../podMatch';
import { labelCandidates, labelChanges, labelDidYouMean } from '../labelSuggestions';

export const serviceSelectorNoMatch: ResourceCheck = {
  meta: {
    id: 'service-selector-no-match',
    defaultSeverity: 'warning',
    summary: 'The Service selector matches no workload in its namespace, so the Service has no endpoints.',
  },
  kinds: ['Service'],
  check(resource, { index }) {
    const service = serviceOf(resource);
    if (service.type === 'ExternalName' || !hasPodSelector(service)) return [];
    const facts = factsFor(index);
    // Without workloads of this namespace deployed with the Service, they are defined elsewhere.
    if (!facts.hasWorkloadsNear(resource.namespace, resource.uri)) return [];
    const selector = mapSelector(service.selector);
    if (templatesSelectedBy(index, selector, resource.namespace).length > 0) return [];
    const source = { pods: [resource.namespace] };
    const hint = labelDidYouMean(labelChanges(service.selector, labelCandidates(index, source), 1));
    return [
      {
        message: `Selector ${formatSelector(selector)} matches no workload in namespace '${resource.namespace}': the Service has no endpoints.${hint}`,
        path: service.selectorPath,
        target: 'value',
        data: { labelsPath: service.selectorPath, source } satisfies LabelFixData,
      },
    ];
  },
};
