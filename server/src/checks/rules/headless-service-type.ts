// A headless Service (clusterIP: None) cannot be a NodePort or LoadBalancer Service.

import type { ResourceCheck } from '../types';
import { serviceOf } from '../facts';

export const headlessServiceType: ResourceCheck = {
  meta: {
    id: 'headless-service-type',
    defaultSeverity: 'error',
    summary: 'clusterIP: None (headless) is combined with type NodePort or LoadBalancer; the API server rejects it.',
  },
  kinds: ['Service'],
  check(resource) {
    const service = serviceOf(resource);
    if (service.clusterIP !== 'None' || (service.type !== 'NodePort' && service.type !== 'LoadBalancer')) return [];
    return [
      {
        message: `A headless Service (clusterIP: None) cannot be of type ${service.type}: ${service.type} needs a cluster IP. Remove clusterIP: None or use type ClusterIP.`,
        path: [...service.specPath, 'clusterIP'],
        target: 'entry',
      },
    ];
  },
};
