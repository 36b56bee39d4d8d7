// Pod IPs change on every restart: an env value with a literal pod-network IP will go stale.

import type { CheckFinding, ResourceCheck } from '../types';
import { factsFor, templateOf } from '../facts';
import { cidrContainsIp, parseCidr, parseIp, type Cidr } from '../../model/cidr';

/** When the workspace declares no pod network: the private ranges pod networks are carved from. */
const PRIVATE_NETWORKS: readonly Cidr[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'].flatMap((c) => {
  const parsed = parseCidr(c);
  return parsed.ok ? [parsed.cidr] : [];
});

const IPV4_CANDIDATE = /(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])/g;
const IPV6_CANDIDATE = /(?<![\w:])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])/gi;

/** IP literals in a string (strictly parsed). */
export function ipLiterals(value: string): string[] {
  return [...(value.match(IPV4_CANDIDATE) ?? []), ...(value.match(IPV6_CANDIDATE) ?? [])].filter((s) => parseIp(s) !== undefined);
}

export const hardcodedPodIp: ResourceCheck = {
  meta: {
    id: 'hardcoded-pod-ip',
    defaultSeverity: 'info',
    summary: 'An env value holds a literal IP address inside the pod network; pod IPs change, Service names do not.',
  },
  check(resource, { index }) {
    const template = templateOf(resource);
    if (!template) return [];
    const declared = factsFor(index).podNetworks();
    const networks = declared.length > 0 ? declared : PRIVATE_NETWORKS;
    const out: CheckFinding[] = [];
    for (const container of template.containers) {
      for (const env of container.env) {
        const ip = ipLiterals(env.value).find((text) => {
          const parsed = parseIp(text)!;
          return networks.some((n) => cidrContainsIp(n, parsed));
        });
        if (!ip) continue;
        out.push({
          message: `${env.name} holds the literal address ${ip}, inside the ${declared.length > 0 ? 'pod network' : 'private address ranges pods use'}; pod IPs change when pods restart. Use a Service name instead.`,
          path: [...env.path, 'value'],
          target: 'value',
        });
      }
    }
    return out;
  },
};
