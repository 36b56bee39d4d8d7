// An ExternalName Service is a DNS CNAME: it needs a valid DNS name, and a selector does nothing.

import type { CheckFinding, ResourceCheck } from '../types';
import { serviceOf } from '../facts';
import { dnsSubdomainProblem } from '../../model/dns';
import { parseIp } from '../../model/cidr';

export const externalNameInvalid: ResourceCheck = {
  meta: {
    id: 'externalname-invalid',
    defaultSeverity: 'error',
    summary: 'An ExternalName Service has no valid externalName (a DNS name), or carries a selector that has no effect.',
  },
  kinds: ['Service'],
  check(resource) {
    const service = serviceOf(resource);
    if (service.type !== 'ExternalName') return [];
    const out: CheckFinding[] = [];
    const namePath = [...service.specPath, 'externalName'];
    const raw = service.externalNameRaw;
    if (raw === undefined || raw === null || raw === '') {
      out.push({ message: 'An ExternalName Service needs spec.externalName: the DNS name it aliases.', path: namePath, target: 'key' });
    } else if (typeof raw !== 'string') {
      out.push({ message: 'spec.externalName must be a DNS name (a string).', path: namePath, target: 'value' });
    } else {
      const clean = raw.replace(/\.$/, '');
      if (parseIp(clean)) {
        out.push({ message: `externalName '${raw}' is an IP address: it is served as a DNS CNAME, which cannot point at an IP. Use a Service without selector and an EndpointSlice instead.`, path: namePath, target: 'value' });
      } else {
        const problem = dnsSubdomainProblem(clean);
        if (problem) out.push({ message: `externalName '${raw}' is not a valid DNS name: it ${problem}.`, path: namePath, target: 'value' });
      }
    }
    if (service.selector && Object.keys(service.selector).length > 0) {
      out.push({ message: 'A selector on an ExternalName Service is ignored: the Service resolves to externalName, never to pods.', path: service.selectorPath, target: 'key' });
    }
    return out;
  },
};
