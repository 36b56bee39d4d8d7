// An Ingress backend must name a Service of the Ingress's namespace.

import type { CheckFinding, ResourceCheck } from '../types';
import { factsFor, ingressOf } from '../facts';
import { closestNames, didYouMean } from '../similar';

export const ingressBackendServiceMissing: ResourceCheck = {
  meta: {
    id: 'ingress-backend-service-missing',
    defaultSeverity: 'warning',
    summary: 'An Ingress backend names a Service that does not exist in the Ingress\'s namespace.',
  },
  kinds: ['Ingress'],
  check(resource, { index }) {
    const facts = factsFor(index);
    // Without Services of this namespace deployed with the Ingress, they are defined elsewhere.
    if (!facts.hasServicesNear(resource.namespace, resource.uri)) return [];
    const services = facts.servicesIn(resource.namespace);
    const names = services.map((s) => s.resource.name);
    const ingress = ingressOf(resource);
    const out: CheckFinding[] = [];
    for (const backend of [...ingress.paths.map((p) => p.backend), ingress.defaultBackend]) {
      if (!backend?.serviceName || names.includes(backend.serviceName)) continue;
      const suggestions = closestNames(backend.serviceName, names);
      out.push({
        message: `Service '${backend.serviceName}' does not exist in namespace '${resource.namespace}'.${didYouMean(suggestions)}`,
        path: backend.serviceNamePath,
        target: 'value',
        data: { suggestions },
      });
    }
    return out;
  },
};
