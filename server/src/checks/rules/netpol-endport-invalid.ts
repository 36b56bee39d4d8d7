// endPort makes a port range: it needs a numeric port no greater than itself.

import type { CheckFinding, ResourceCheck } from '../types';
import { policyOf } from '../facts';

export const netpolEndPortInvalid: ResourceCheck = {
  meta: {
    id: 'netpol-endport-invalid',
    defaultSeverity: 'error',
    summary: 'endPort is below port, or set with a named or missing port; the API server rejects it.',
  },
  kinds: ['NetworkPolicy'],
  check(resource) {
    const out: CheckFinding[] = [];
    const policy = policyOf(resource);
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const p of rule.ports) {
        if (p.endPort === undefined) continue;
        const path = [...p.path, 'endPort'];
        if (p.port === undefined) out.push({ message: `endPort ${p.endPort} needs a port to start the range.`, path, target: 'value' });
        else if (typeof p.port === 'string') out.push({ message: `endPort cannot be used with the named port '${p.port}': a range needs a numeric port.`, path, target: 'value' });
        else if (p.endPort < p.port) out.push({ message: `endPort ${p.endPort} is below port ${p.port}.`, path, target: 'value' });
      }
    }
    return out;
  },
};
