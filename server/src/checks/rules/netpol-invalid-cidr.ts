// ipBlock.cidr and its except entries must be valid CIDRs.

import type { CheckFinding, ResourceCheck } from '../types';
import { policyOf } from '../facts';
import { parseCidr } from '../../model/cidr';
import { ipBlocksOf } from '../../model/networkPolicies';

export const netpolInvalidCidr: ResourceCheck = {
  meta: {
    id: 'netpol-invalid-cidr',
    defaultSeverity: 'error',
    summary: 'An ipBlock cidr or except entry is not a valid CIDR; the API server rejects it.',
  },
  kinds: ['NetworkPolicy'],
  check(resource) {
    const out: CheckFinding[] = [];
    for (const block of ipBlocksOf(policyOf(resource))) {
      const cidr = parseCidr(block.cidr);
      if (!cidr.ok) {
        const missing = block.cidr === undefined || block.cidr === null || block.cidr === '';
        out.push({
          message: missing ? 'ipBlock needs a cidr.' : `ipBlock.cidr '${String(block.cidr)}' ${cidr.problem}.`,
          path: [...block.path, 'cidr'],
          target: missing ? 'key' : 'value',
        });
      }
      for (const e of block.except) {
        const parsed = parseCidr(e.value);
        if (!parsed.ok) out.push({ message: `except entry '${String(e.value)}' ${parsed.problem}.`, path: e.path, target: 'value' });
      }
    }
    return out;
  },
};
