// Each ipBlock.except entry must be a strict subset of the block's cidr.

import type { CheckFinding, ResourceCheck } from '../types';
import { policyOf } from '../facts';
import { isStrictSubset, parseCidr } from '../../model/cidr';
import { ipBlocksOf } from '../../model/networkPolicies';

export const netpolExceptOutsideCidr: ResourceCheck = {
  meta: {
    id: 'netpol-except-outside-cidr',
    defaultSeverity: 'error',
    summary: 'An ipBlock except entry is not strictly inside the block\'s cidr; the API server rejects it.',
  },
  kinds: ['NetworkPolicy'],
  check(resource) {
    const out: CheckFinding[] = [];
    for (const block of ipBlocksOf(policyOf(resource))) {
      const outer = parseCidr(block.cidr);
      if (!outer.ok) continue;
      for (const e of block.except) {
        const inner = parseCidr(e.value);
        if (!inner.ok || isStrictSubset(inner.cidr, outer.cidr)) continue;
        const why =
          inner.cidr.family !== outer.cidr.family
            ? 'it is of the other address family'
            : inner.cidr.prefix <= outer.cidr.prefix
              ? 'it is not smaller than the cidr'
              : 'it lies outside the cidr';
        out.push({ message: `except '${String(e.value)}' must be strictly inside cidr '${String(block.cidr)}': ${why}.`, path: e.path, target: 'value' });
      }
    }
    return out;
  },
};
