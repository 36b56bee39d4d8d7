// An env value naming a Service by cluster DNS that the workspace does not define.

import type { CheckFinding, ResourceCheck } from '../types';
import { factsFor, templateOf } from '../facts';
import { envServiceReferences } from '../envReferences';
import { closestNames, didYouMean } from '../similar';

export const envServiceUnknown: ResourceCheck = {
  meta: {
    id: 'env-service-unknown',
    defaultSeverity: 'warning',
    summary: 'An env value names a Service (by cluster DNS name) that does not exist in that namespace.',
  },
  check(resource, { index, settings }) {
    const template = templateOf(resource);
    if (!template) return [];
    const facts = factsFor(index);
    const out: CheckFinding[] = [];
    for (const r of envServiceReferences(template, facts, facts.clusterDomain(settings))) {
      if (r.targets.length > 0) continue;
      const suggestions = closestNames(r.ref.service, r.candidates.map((s) => s.resource.name));
      out.push({
        message: `${r.env.name} names Service '${r.ref.service}', which does not exist in namespace '${r.namespace}'.${didYouMean(suggestions)}`,
        path: [...r.env.path, 'value'],
        target: 'value',
        data: { service: r.ref.service, hostOffset: r.mention.hostOffset, host: r.mention.host, suggestions },
      });
    }
    return out;
  },
};
