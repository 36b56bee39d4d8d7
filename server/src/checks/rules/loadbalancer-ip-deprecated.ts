// spec.loadBalancerIP is deprecated since Kubernetes 1.24 and ignored by many providers.

import type { ResourceCheck } from '../types';
import { serviceOf } from '../facts';

export const loadBalancerIpDeprecated: ResourceCheck = {
  meta: {
    id: 'loadbalancer-ip-deprecated',
    defaultSeverity: 'info',
    summary: 'spec.loadBalancerIP is deprecated; use the load balancer implementation\'s annotation instead.',
  },
  kinds: ['Service'],
  check(resource) {
    const service = serviceOf(resource);
    if (service.loadBalancerIP === undefined) return [];
    return [
      {
        message: 'spec.loadBalancerIP is deprecated since Kubernetes 1.24 and its behaviour is left to each provider; prefer the provider\'s annotation (for example metallb.universe.tf/loadBalancerIPs or service.beta.kubernetes.io/azure-load-balancer-ipv4).',
        path: [...service.specPath, 'loadBalancerIP'],
        target: 'key',
      },
    ];
  },
};
