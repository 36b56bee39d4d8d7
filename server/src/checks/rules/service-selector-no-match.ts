// A Service whose selector matches no workload of its namespace has no endpoints.

import type { ResourceCheck } from '../types';
import { factsFor, serviceOf } from '../facts';
import { hasPodSelector } from '../../model/services';
import { formatSelector, mapSelector } from '../../model/selectors';
import type { LabelFixData } from '../labelFixData';
import { templatesSelectedBy } from '../podMatch';
import { labelCandidates, labelChanges, labelDidYouMean, type LabelCandidate } from '../labelSuggestions';
import type { WorkspaceIndex } from '../../index/workspaceIndex';
import type { Resource } from '../../model/types';
import { asRecord, asString, getAt } from '../../model/values';

/**
 * Whether the selector speaks of the namespace's workloads at all: it shares a label key with one
 * (`app: api` vs `app: api-server`), or a label value (`app: web` vs `name: web`, the other
 * convention), or names one (`app: web` vs a Deployment 'web').
 */
function relatesToWorkloads(selector: Record<string, string>, candidates: readonly LabelCandidate[], workloadNames: ReadonlySet<string>): boolean {
  const keys = Object.keys(selector);
  const values = new Set(Object.values(selector));
  if ([...values].some((v) => workloadNames.has(v))) return true;
  return candidates.some((c) => keys.some((k) => Object.prototype.hasOwnProperty.call(c.labels, k)) || Object.values(c.labels).some((v) => values.has(v)));
}

/**
 * A CiliumLocalRedirectPolicy whose `serviceMatcher` names the Service: Cilium redirects the
 * Service's traffic to node-local pods the policy selects, so its own selector need match nothing.
 */
function redirectedByCilium(index: WorkspaceIndex, service: Resource): boolean {
  return index.resourcesOfKind('CiliumLocalRedirectPolicy').some((policy) => {
    const matcher = asRecord(getAt(policy.value, ['spec', 'redirectFrontend', 'serviceMatcher']));
    if (!matcher || asString(matcher['serviceName']) !== service.name) return false;
    return (asString(matcher['namespace']) || policy.namespace) === service.namespace;
  });
}

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
    // Cilium sends this Service's traffic to the pods of a local redirect policy instead.
    if (redirectedByCilium(index, resource)) return [];
    const source = { pods: [resource.namespace] };
    const candidates = labelCandidates(index, source);
    const changes = labelChanges(service.selector, candidates, 1);
    // A selector unrelated to every workload of the namespace, and no typo of theirs, targets pods
    // labelled by something else (a Helm chart, an operator): the workspace says nothing of them.
    const workloadNames = new Set(index.templatesInNamespace(resource.namespace).map((t) => t.resource.name));
    if (changes.length === 0 && !relatesToWorkloads(service.selector, candidates, workloadNames)) return [];
    const hint = labelDidYouMean(changes);
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
