// A TLS secretName should exist in the Ingress's namespace, when the workspace defines Secrets.

import type { CheckFinding, ResourceCheck } from '../types';
import { factsFor, ingressOf } from '../facts';
import { closestNames, didYouMean } from '../similar';

/** Annotations that make cert-manager create the TLS Secret. */
const CERT_MANAGER_ANNOTATIONS = ['cert-manager.io/cluster-issuer', 'cert-manager.io/issuer', 'kubernetes.io/tls-acme'];

export const ingressTlsSecretMissing: ResourceCheck = {
  meta: {
    id: 'ingress-tls-secret-missing',
    defaultSeverity: 'info',
    summary: 'A TLS secretName names a Secret the workspace does not define (checked only when it defines Secrets).',
  },
  kinds: ['Ingress'],
  check(resource, { index }) {
    const facts = factsFor(index);
    if (!facts.hasKindNear('Secret', resource.uri)) return [];
    if (CERT_MANAGER_ANNOTATIONS.some((a) => resource.annotations[a] !== undefined)) return [];
    const ingress = ingressOf(resource);
    const known = facts.secretNamesIn(resource.namespace);
    const out: CheckFinding[] = [];
    for (const tls of ingress.tls) {
      if (!tls.secretName || known.has(tls.secretName)) continue;
      out.push({
        message: `Secret '${tls.secretName}' is not defined in namespace '${resource.namespace}' (nor made by a Certificate, SealedSecret or ExternalSecret).${didYouMean(closestNames(tls.secretName, known))}`,
        path: [...tls.path, 'secretName'],
        target: 'value',
      });
    }
    return out;
  },
};
