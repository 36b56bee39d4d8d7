// An Ingress backend port (number or name) must be a port of the backend Service.

import type { CheckFinding, ResourceCheck } from '../types';
import { factsFor, ingressOf } from '../facts';
import { closestNames, didYouMean, rankByCloseness } from '../similar';

export const ingressBackendPortMissing: ResourceCheck = {
  meta: {
    id: 'ingress-backend-port-missing',
    defaultSeverity: 'error',
    summary: 'An Ingress backend port, by number or name, is not a port of the backend Service.',
  },
  kinds: ['Ingress'],
  check(resource, { index }) {
    const facts = factsFor(index);
    const ingress = ingressOf(resource);
    const out: CheckFinding[] = [];
    for (const backend of [...ingress.paths.map((p) => p.backend), ingress.defaultBackend]) {
      if (!backend?.serviceName || backend.port === undefined) continue;
      const services = facts.servicesNamed(resource.namespace, backend.serviceName);
      if (services.length === 0 || services.some((s) => s.type === 'ExternalName' || s.ports.length === 0)) continue;
      const ports = services.flatMap((s) => s.ports);
      const port = backend.port;
      if (typeof port === 'number') {
        if (ports.some((p) => p.port === port)) continue;
        const numbers = ports.flatMap((p) => (p.port !== undefined ? [String(p.port)] : []));
        out.push({
          message: `Service '${backend.serviceName}' has no port ${port}; its ports are ${numbers.join(', ')}.`,
          path: backend.portPath,
          target: 'value',
          data: { suggestions: rankByCloseness(String(port), numbers), kind: 'number' },
        });
      } else {
        if (ports.some((p) => p.name === port)) continue;
        const names = ports.flatMap((p) => (p.name !== undefined ? [p.name] : []));
        const suggestions = closestNames(port, names);
        out.push({
          message: `Service '${backend.serviceName}' has no port named '${port}'${names.length ? `; its port names are ${names.join(', ')}` : ' (its ports are unnamed)'}.${didYouMean(suggestions)}`,
          path: backend.portPath,
          target: 'value',
          data: { suggestions: rankByCloseness(port, names), kind: 'name' },
        });
      }
    }
    return out;
  },
};
