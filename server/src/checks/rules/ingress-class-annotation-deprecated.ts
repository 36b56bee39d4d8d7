// The kubernetes.io/ingress.class annotation is deprecated in favour of spec.ingressClassName.

import type { ResourceCheck } from '../types';
import { ingressOf } from '../facts';
import { INGRESS_CLASS_ANNOTATION } from '../../model/ingresses';

export const ingressClassAnnotationDeprecated: ResourceCheck = {
  meta: {
    id: 'ingress-class-annotation-deprecated',
    defaultSeverity: 'info',
    summary: 'The kubernetes.io/ingress.class annotation is deprecated; use spec.ingressClassName.',
  },
  kinds: ['Ingress'],
  check(resource) {
    const ingress = ingressOf(resource);
    if (ingress.classAnnotation === undefined) return [];
    const clash = ingress.className !== undefined && ingress.className !== ingress.classAnnotation;
    return [
      {
        message: clash
          ? `The deprecated ${INGRESS_CLASS_ANNOTATION} annotation ('${ingress.classAnnotation}') differs from spec.ingressClassName ('${ingress.className}'): the API server rejects the pair. Keep ingressClassName only.`
          : `The ${INGRESS_CLASS_ANNOTATION} annotation is deprecated since Kubernetes 1.18; use spec.ingressClassName.`,
        path: [...resource.basePath, 'metadata', 'annotations', INGRESS_CLASS_ANNOTATION],
        target: 'entry',
        data: { className: ingress.classAnnotation },
      },
    ];
  },
};
