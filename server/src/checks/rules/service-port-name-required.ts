// A Service with several ports must name each of them (the API server rejects it otherwise).

import type { ResourceCheck } from '../types';
import { serviceOf } from '../facts';

export const servicePortNameRequired: ResourceCheck = {
  meta: {
    id: 'service-port-name-required',
    defaultSeverity: 'error',
    summary: 'A Service with more than one port leaves a port unnamed; the API server rejects it.',
  },
  kinds: ['Service'],
  check(resource) {
    const service = serviceOf(resource);
    if (service.ports.length < 2) return [];
    return service.ports
      .filter((p) => p.name === undefined)
      .map((p) => ({
        message: `This Service has ${service.ports.length} ports, so each needs a name; port ${p.port ?? '?'} has none.`,
        path: [...p.path, 'port'],
        target: 'entry' as const,
        data: { portPath: p.path },
      }));
  },
};
