// Hover: markdown about what is under the cursor.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import { cursorTarget } from './context';
import { clusterDomainFor } from './settings';
import type { HoverResult, NavigationSettings } from './types';
import { selectorHover } from './hoverSelector';
import { workloadHover } from './hoverWorkload';
import { serviceHover } from './hoverService';
import { containerPortHover, ingressClassHover, policyPortHover, serviceRefHover, servicePortNameHover, targetPortHover, tlsSecretHover } from './hoverReference';
import { ipBlockHover } from './hoverIpBlock';

export function hoverAt(index: WorkspaceIndex, uri: string, offset: number, settings?: NavigationSettings): HoverResult | undefined {
  const clusterDomain = clusterDomainFor(index, settings);
  const t = cursorTarget(index, uri, offset, clusterDomain);
  if (!t) return undefined;
  const contents = (() => {
    switch (t.kind) {
      case 'selector':
        return selectorHover(index, t.site);
      case 'pod-labels':
        return workloadHover(index, t.template, t.label);
      case 'workload-name':
        return workloadHover(index, t.template);
      case 'service-name':
        return serviceHover(index, t.resource, clusterDomain);
      case 'service-ref':
      case 'backend-port':
        return serviceRefHover(index, t.ref);
      case 'target-port':
        return targetPortHover(index, t);
      case 'service-port-name':
        return servicePortNameHover(index, t, clusterDomain);
      case 'container-port':
        return containerPortHover(index, t);
      case 'policy-port':
        return policyPortHover(index, t);
      case 'ip-block':
        return ipBlockHover(t.cidr, t.except, t.focus);
      case 'tls-secret':
        return tlsSecretHover(index, t);
      case 'ingress-class':
        return ingressClassHover(index, t);
    }
  })();
  return { contents, range: t.range };
}
