// Services as navigation needs them: lookup, the pods they pick, their DNS names and port chains.
// The Service shape itself comes from model/services (shared with the rules).

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { ContainerPort, PodTemplate, Protocol, Resource } from '../model/types';
import { mapSelector, selectorMatches } from '../model/selectors';
import { hasPodSelector, type ServicePortView, type ServiceView } from '../model/services';
import { serviceOf } from '../checks/facts';
import { memo } from './memo';
import { byName } from './selection';

export { serviceOf };

export function findService(index: WorkspaceIndex, namespace: string, name: string): Resource | undefined {
  return index.find('Service', namespace, name)[0];
}

export function servicesInNamespace(index: WorkspaceIndex, namespace: string): readonly Resource[] {
  const byNamespace = memo(index, 'servicesByNamespace', () => {
    const map = new Map<string, Resource[]>();
    for (const s of index.resourcesOfKind('Service')) {
      if (!s.name) continue;
      const list = map.get(s.namespace);
      if (list) list.push(s);
      else map.set(s.namespace, [s]);
    }
    return map;
  });
  return byNamespace.get(namespace) ?? [];
}

function selectsPods(view: ServiceView): view is ServiceView & { selector: Record<string, string> } {
  return hasPodSelector(view) && view.type !== 'ExternalName';
}

/** The pod templates whose pods become the Service's endpoints. A Service without selector picks none. */
export function templatesOfService(index: WorkspaceIndex, view: ServiceView): PodTemplate[] {
  if (!selectsPods(view)) return [];
  return index.templatesMatching(mapSelector(view.selector), view.resource.namespace).sort(byName);
}

export function servicesSelecting(index: WorkspaceIndex, template: PodTemplate): Resource[] {
  return servicesInNamespace(index, template.namespace).filter((s) => {
    const view = serviceOf(s);
    return selectsPods(view) && selectorMatches(mapSelector(view.selector), template.labels);
  });
}

/** Where a Service port sends traffic: its targetPort, defaulting to the port. */
export function targetOf(port: ServicePortView): number | string | undefined {
  return port.targetPort ?? port.port;
}

export interface ContainerPortHit {
  container: string;
  port: ContainerPort;
}

/** The container ports a Service port reaches on one pod template (by name or by number). */
export function containerPortsFor(template: PodTemplate, target: number | string, protocol: Protocol): ContainerPortHit[] {
  const out: ContainerPortHit[] = [];
  for (const c of template.containers) {
    if (c.init) continue;
    for (const p of c.ports) {
      if (p.protocol !== protocol) continue;
      if (typeof target === 'string' ? p.name === target : p.containerPort === target) out.push({ container: c.name, port: p });
    }
  }
  return out;
}

/** A Service port named by an Ingress backend or a URL: by name, else by number. */
export function findServicePort(view: { ports: readonly ServicePortView[] }, ref: { name?: string; number?: number }): ServicePortView | undefined {
  if (ref.name !== undefined) return view.ports.find((p) => p.name === ref.name);
  if (ref.number !== undefined) return view.ports.find((p) => p.port === ref.number);
  return undefined;
}

/** The names a Service answers to, shortest first. */
export function serviceDnsNames(service: string, namespace: string, clusterDomain: string): string[] {
  return [service, `${service}.${namespace}`, `${service}.${namespace}.svc`, `${service}.${namespace}.svc.${clusterDomain}`];
}
