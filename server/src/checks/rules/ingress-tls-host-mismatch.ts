// TLS hosts and rule hosts must agree: a TLS host no rule serves is usually a typo, and a rule
// host that no TLS entry covers is served without this certificate.

import type { CheckFinding, ResourceCheck } from '../types';
import { ingressOf } from '../facts';
import { hostCovers } from '../../model/ingresses';
import { closestNames, didYouMean } from '../similar';

export const ingressTlsHostMismatch: ResourceCheck = {
  meta: {
    id: 'ingress-tls-host-mismatch',
    defaultSeverity: 'warning',
    summary: 'A TLS host matches no rule host, or a rule host is not covered by the TLS hosts.',
  },
  kinds: ['Ingress'],
  check(resource) {
    const ingress = ingressOf(resource);
    const tlsHosts = ingress.tls.flatMap((t) => t.hosts);
    if (tlsHosts.length === 0) return [];
    const ruleHosts = new Map<string, (string | number)[]>();
    for (const p of ingress.paths) if (p.host && !ruleHosts.has(p.host)) ruleHosts.set(p.host, [...p.rulePath, 'host']);
    const out: CheckFinding[] = [];
    if (ruleHosts.size > 0) {
      for (const t of tlsHosts) {
        if ([...ruleHosts.keys()].some((h) => hostCovers(t.host, h) || hostCovers(h, t.host))) continue;
        out.push({
          message: `TLS host '${t.host}' matches no rule host of this Ingress.${didYouMean(closestNames(t.host, ruleHosts.keys()))}`,
          path: t.path,
          target: 'value',
        });
      }
    }
    // Every TLS entry lists its hosts, so a rule host outside them gets no certificate from here.
    if (ingress.tls.every((t) => t.hosts.length > 0)) {
      for (const [host, path] of ruleHosts) {
        if (tlsHosts.some((t) => hostCovers(t.host, host))) continue;
        out.push({
          message: `Host '${host}' is not listed in spec.tls: it is served without this Ingress's certificate.${didYouMean(closestNames(host, tlsHosts.map((t) => t.host)))}`,
          path,
          target: 'value',
        });
      }
    }
    return out;
  },
};
