// An Ingress without TLS serves plain HTTP.

import type { ResourceCheck } from '../types';
import { ingressOf } from '../facts';

export const ingressNoTls: ResourceCheck = {
  meta: {
    id: 'ingress-no-tls',
    defaultSeverity: 'hint',
    summary: 'The Ingress has no TLS section: its hosts are served over plain HTTP.',
  },
  kinds: ['Ingress'],
  check(resource) {
    const ingress = ingressOf(resource);
    if (ingress.tls.length > 0) return [];
    return [{ message: 'This Ingress has no spec.tls: its hosts are served over plain HTTP.', path: [...ingress.specPath, 'tls'], target: 'key' }];
  },
};
