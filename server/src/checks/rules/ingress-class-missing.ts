// spec.ingressClassName must name an IngressClass, when the workspace defines IngressClasses.

import type { ResourceCheck } from '../types';
import { factsFor, ingressOf } from '../facts';
import { closestNames, didYouMean } from '../similar';

export const ingressClassMissing: ResourceCheck = {
  meta: {
    id: 'ingress-class-missing',
    defaultSeverity: 'warning',
    summary: 'spec.ingressClassName names an IngressClass that the workspace does not define (while it defines others).',
  },
  kinds: ['Ingress'],
  check(resource, { index }) {
    const ingress = ingressOf(resource);
    const classes = factsFor(index).ingressClassNames();
    if (ingress.className === undefined || classes.has(ingress.className) || !factsFor(index).hasKindNear('IngressClass', resource.uri)) return [];
    const suggestions = closestNames(ingress.className, classes);
    return [
      {
        message: `IngressClass '${ingress.className}' is not defined in the workspace (defined: ${[...classes].join(', ')}); no controller will serve this Ingress.${didYouMean(suggestions)}`,
        path: [...ingress.specPath, 'ingressClassName'],
        target: 'value',
        data: { suggestions },
      },
    ];
  },
};
