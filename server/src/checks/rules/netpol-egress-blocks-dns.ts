// A pod whose egress is isolated, that may reach something, but to which no policy allows UDP 53:
// it cannot resolve any name. Reported on the policies that give it egress, where DNS belongs.
// Pods that may reach only the API server (TCP 6443) are left alone: they address it by IP.

import type { ResourceCheck } from '../types';
import { policyOf } from '../facts';
import { egressDnsJudgeFor } from '../egressDns';
import { templatesSelectedBy } from '../podMatch';

export const netpolEgressBlocksDns: ResourceCheck = {
  meta: {
    id: 'netpol-egress-blocks-dns',
    defaultSeverity: 'warning',
    summary: 'Pods this policy selects have isolated egress and no policy allows them UDP 53: they cannot resolve DNS names.',
  },
  kinds: ['NetworkPolicy'],
  check(resource, { index }) {
    const policy = policyOf(resource);
    if (!policy.isolates.egress || !policy.hasRules.egress) return [];
    const judge = egressDnsJudgeFor(index, resource.namespace);
    const blocked = templatesSelectedBy(index, policy.podSelector, resource.namespace)
      .filter((t) => {
        // A PodTemplate object runs no pods.
        if (t.resource.kind === 'PodTemplate') return false;
        const v = judge(t);
        return v.isolated && v.reachesSomething && !v.allowsDns && !v.reachesOnlyApiServer;
      })
      .map((t) => `${t.resource.kind} '${t.resource.name}'`);
    if (blocked.length === 0) return [];
    const names = [...new Set(blocked)];
    const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
    return [
      {
        message: `No NetworkPolicy allows DNS (UDP 53) for ${shown}: their egress is isolated, so name lookups fail. Allow UDP and TCP 53 to the cluster DNS.`,
        path: [...policy.specPath, 'egress'],
        target: 'key',
        data: { egressPath: [...policy.specPath, 'egress'] },
      },
    ];
  },
};
