// Two Services deployed together cannot ask for the same nodePort (one port of one Service may
// share its nodePort with another of its ports only for a different protocol).

import type { ResourceCheck } from '../types';
import { factsFor, serviceOf } from '../facts';
import { deployedTogether } from '../appliedTogether';

export const nodePortConflict: ResourceCheck = {
  meta: {
    id: 'nodeport-conflict',
    defaultSeverity: 'error',
    summary: 'Two Services ask for the same nodePort; the second one is rejected.',
  },
  kinds: ['Service'],
  check(resource, { index }) {
    const facts = factsFor(index);
    const service = serviceOf(resource);
    const out = [];
    for (const port of service.ports) {
      if (port.nodePort === undefined) continue;
      const clash = facts.nodePortUses(port.nodePort).find((use) => {
        const other = use.service.resource;
        if (other === resource) return use.port.index !== port.index && use.port.protocol === port.protocol;
        // Another definition of the same Service is a duplicate, reported by duplicate-resource.
        if (other.namespace === resource.namespace && other.name === resource.name) return false;
        return deployedTogether(other.uri, resource.uri);
      });
      if (!clash) continue;
      const owner = clash.service.resource === resource ? `spec.ports[${clash.port.index}] of this Service` : `Service '${clash.service.resource.namespace}/${clash.service.resource.name}'`;
      out.push({
        message: `nodePort ${port.nodePort} is also requested by ${owner}.`,
        path: [...port.path, 'nodePort'],
        target: 'value' as const,
        data: { portPath: port.path },
      });
    }
    return out;
  },
};
