// With policyTypes written, rules of a direction it does not list are silently ignored.

import type { CheckFinding, ResourceCheck } from '../types';
import { policyOf } from '../facts';
import { directionKey, type PolicyDirection } from '../../model/networkPolicies';

export const netpolPolicyTypesIgnoredRules: ResourceCheck = {
  meta: {
    id: 'netpol-policytypes-ignored-rules',
    defaultSeverity: 'warning',
    summary: 'The policy has ingress or egress rules but policyTypes does not list that direction, so they are ignored.',
  },
  kinds: ['NetworkPolicy'],
  check(resource) {
    const policy = policyOf(resource);
    if (!policy.policyTypes || policy.policyTypes.length === 0) return [];
    const out: CheckFinding[] = [];
    for (const direction of ['ingress', 'egress'] as PolicyDirection[]) {
      const type = directionKey(direction);
      if (!policy.hasRules[direction] || policy.policyTypes.includes(type)) continue;
      out.push({
        message: `policyTypes does not list ${type}, so these ${direction} rules are ignored.`,
        path: [...policy.specPath, direction],
        target: 'key',
        data: { direction },
      });
    }
    return out;
  },
};
