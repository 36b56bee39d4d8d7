// Two ports of one Service with the same port and protocol, or the same name, are rejected.

import type { ResourceCheck } from '../types';
import { serviceOf } from '../facts';

export const serviceDuplicatePort: ResourceCheck = {
  meta: {
    id: 'service-duplicate-port',
    defaultSeverity: 'error',
    summary: 'Two ports of the Service share the same port number and protocol, or the same name.',
  },
  kinds: ['Service'],
  check(resource) {
    const service = serviceOf(resource);
    const out = [];
    const byNumber = new Map<string, number>();
    const byName = new Map<string, number>();
    for (const p of service.ports) {
      if (p.port !== undefined) {
        const key = `${p.port}/${p.protocol}`;
        const first = byNumber.get(key);
        if (first !== undefined) {
          out.push({
            message: `Port ${p.port}/${p.protocol} is already defined by spec.ports[${first}].`,
            path: [...p.path, 'port'],
            target: 'value' as const,
            data: { portPath: p.path },
          });
        } else byNumber.set(key, p.index);
      }
      if (p.name !== undefined) {
        const first = byName.get(p.name);
        if (first !== undefined) {
          out.push({
            message: `Port name '${p.name}' is already used by spec.ports[${first}].`,
            path: [...p.path, 'name'],
            target: 'value' as const,
            data: { portPath: p.path },
          });
        } else byName.set(p.name, p.index);
      }
    }
    return out;
  },
};
