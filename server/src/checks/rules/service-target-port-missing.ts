// A named targetPort must be declared, with that name and protocol, by the pods the Service selects.

import type { ResourceCheck } from '../types';
import { serviceOf } from '../facts';
import { hasPodSelector } from '../../model/services';
import { mapSelector } from '../../model/selectors';
import { closestNames, didYouMean } from '../similar';
import { declaredPortNames, declaresPort } from '../ports';
import { templatesSelectedBy } from '../podMatch';

export const serviceTargetPortMissing: ResourceCheck = {
  meta: {
    id: 'service-target-port-missing',
    defaultSeverity: 'error',
    summary: 'A named targetPort is not declared, with that name and protocol, by any pod the Service selects.',
  },
  kinds: ['Service'],
  check(resource, { index }) {
    const service = serviceOf(resource);
    if (service.type === 'ExternalName' || !hasPodSelector(service)) return [];
    const named = service.ports.filter((p) => typeof p.targetPort === 'string');
    if (named.length === 0) return [];
    const selected = templatesSelectedBy(index, mapSelector(service.selector), resource.namespace);
    if (selected.length === 0) return [];
    return named.flatMap((port) => {
      const name = port.targetPort as string;
      if (selected.some((t) => declaresPort(t, name, port.protocol))) return [];
      const candidates = declaredPortNames(selected, port.protocol);
      const otherProtocol = (['TCP', 'UDP', 'SCTP'] as const).find((p) => p !== port.protocol && selected.some((t) => declaresPort(t, name, p)));
      const why = otherProtocol
        ? `the selected pods declare '${name}' for ${otherProtocol} only, not ${port.protocol}.`
        : `no selected pod declares a ${port.protocol} container port named '${name}'.${didYouMean(closestNames(name, candidates))}`;
      return [
        {
          message: `targetPort '${name}' does not resolve: ${why}`,
          path: [...port.path, 'targetPort'],
          target: 'value' as const,
          data: { portPath: port.path, protocol: port.protocol, candidates },
        },
      ];
    });
  },
};
