// Two Ingresses of one class claiming the same host and path: the controller serves only one.

import type { CheckFinding, ResourceCheck } from '../types';
import { effectiveIngressClass, factsFor, ingressOf } from '../facts';
import { deployedTogether } from '../appliedTogether';

const CANARY_ANNOTATION = 'nginx.ingress.kubernetes.io/canary';

export const ingressPathConflict: ResourceCheck = {
  meta: {
    id: 'ingress-path-conflict',
    defaultSeverity: 'warning',
    summary: 'Two Ingresses of the same class route the same host and path.',
  },
  kinds: ['Ingress'],
  check(resource, { index }) {
    if (resource.annotations[CANARY_ANNOTATION] === 'true') return [];
    const facts = factsFor(index);
    const ingress = ingressOf(resource);
    const className = effectiveIngressClass(ingress);
    const out: CheckFinding[] = [];
    for (const entry of ingress.paths) {
      const other = facts.ingressRoutes(className, entry.host, entry.path).find(({ ingress: o }) => {
        const r = o.resource;
        if (r === resource || (r.namespace === resource.namespace && r.name === resource.name)) return false;
        return r.annotations[CANARY_ANNOTATION] !== 'true' && deployedTogether(r.uri, resource.uri);
      });
      if (!other) continue;
      const where = entry.host ? `host '${entry.host}'` : 'every host';
      out.push({
        message: `Path '${entry.path || '/'}' on ${where} is also routed by Ingress '${other.ingress.resource.namespace}/${other.ingress.resource.name}'${className ? ` (class '${className}')` : ''}; only one of them is served.`,
        path: [...entry.entryPath, 'path'],
        target: 'value',
      });
    }
    return out;
  },
};
