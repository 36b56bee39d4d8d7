// Endpoint ids as the panel names them: a workload's `namespace/Kind/name`, "internet",
// "internet-ipv6", or an address / CIDR the user added.

import { formatRange, fullRange, parseAddressOrCidr } from '../policy/addresses';
import type { Endpoint } from '../policy/types';
import type { PolicyWorld } from '../policy/world';
import { INTERNET_ID, INTERNET_V6_ID } from './protocol';

export function endpointById(world: PolicyWorld, id: string): Endpoint | undefined {
  const workload = world.workloadsById.get(id);
  if (workload) return workload;
  if (id === INTERNET_ID) return { type: 'external', id, range: fullRange('ipv4') };
  if (id === INTERNET_V6_ID) return { type: 'external', id, range: fullRange('ipv6') };
  const range = parseAddressOrCidr(id);
  return range ? { type: 'external', id: formatRange(range), range } : undefined;
}

/** The canonical spelling of a user-given address or CIDR, or undefined when it is neither. */
export function canonicalExternal(text: string): string | undefined {
  const range = parseAddressOrCidr(text.trim());
  return range ? formatRange(range) : undefined;
}
