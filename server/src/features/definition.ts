// Go to definition / declaration: from a reference to what it names.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { PodTemplate, Protocol } from '../model/types';
import { normalizeProtocol } from '../model/workloads';
import { asString, getAt } from '../model/values';
import { cursorTarget, type CursorTarget } from './context';
import { locationsOf, nameLocation, pathLocation, PRECISE_LOCATION_LIMIT, resourceStart, templateLocation } from './locate';
import { namedPortScope } from './namedPorts';
import { namespacesOfSite, templatesOfSite } from './selection';
import { containerPortsFor, findServicePort, serviceOf, targetOf, templatesOfService } from './services';
import { clusterDomainFor } from './settings';
import type { ServiceRef } from './serviceRefs';
import type { Location, NavigationSettings } from './types';

export function definitionAt(index: WorkspaceIndex, uri: string, offset: number, settings?: NavigationSettings): Location[] {
  const t = cursorTarget(index, uri, offset, clusterDomainFor(index, settings));
  return t ? definitionsOf(index, t) : [];
}

export function definitionsOf(index: WorkspaceIndex, t: CursorTarget): Location[] {
  switch (t.kind) {
    case 'service-ref':
      return t.ref.target ? [nameLocation(index, t.ref.target)] : [];
    case 'backend-port':
      return backendPortLocations(index, t.ref);
    case 'service-name':
      return [nameLocation(index, t.resource)];
    case 'target-port': {
      const target = targetOf(t.port);
      if (target === undefined) return [];
      const templates = templatesOfService(index, serviceOf(t.resource));
      return templates.length <= PRECISE_LOCATION_LIMIT ? templates.flatMap((tpl) => containerPortLocations(index, tpl, target, t.port.protocol)) : templates.map((tpl) => resourceStart(index, tpl.resource));
    }
    case 'policy-port': {
      const protocol = normalizeProtocol(getAt(t.resource.value, [...t.relPath.slice(0, -1), 'protocol']));
      const scope = namedPortScope(index, t.resource, t.direction, t.rulePath).filter((tpl) => containerPortsFor(tpl, t.value, protocol).length > 0);
      return scope.length <= PRECISE_LOCATION_LIMIT ? scope.flatMap((tpl) => containerPortLocations(index, tpl, t.value, protocol)) : scope.map((tpl) => resourceStart(index, tpl.resource));
    }
    case 'selector':
      if (t.site.role === 'peer-namespaces') {
        const namespaces = namespacesOfSite(index, t.site).flatMap((ns) => (ns.resource ? [ns.resource] : []));
        return locationsOf(index, namespaces, (r) => nameLocation(index, r), (r) => r);
      }
      return locationsOf(index, templatesOfSite(index, t.site), (tpl) => templateLocation(index, tpl), (tpl) => tpl.resource);
    case 'tls-secret':
      return secretLocations(index, t.resource.namespace, t.name);
    case 'ingress-class':
      return index.find('IngressClass', '', t.name).map((r) => nameLocation(index, r));
    case 'service-port-name':
    case 'container-port':
      return [{ uri: t.resource.uri, range: t.range }];
    case 'pod-labels':
    case 'workload-name':
    case 'ip-block':
      return [];
  }
}

function backendPortLocations(index: WorkspaceIndex, ref: ServiceRef): Location[] {
  if (!ref.target || !ref.port) return [];
  const view = serviceOf(ref.target);
  const port = findServicePort(view, { ...(ref.port.name !== undefined ? { name: ref.port.name } : {}), ...(ref.port.number !== undefined ? { number: ref.port.number } : {}) });
  if (!port) return [nameLocation(index, ref.target)];
  return [pathLocation(index, ref.target, [...port.path.slice(ref.target.basePath.length), ref.port.name !== undefined ? 'name' : 'port'])];
}

function containerPortLocations(index: WorkspaceIndex, template: PodTemplate, target: number | string, protocol: Protocol): Location[] {
  const r = template.resource;
  return containerPortsFor(template, target, protocol).map((h) => pathLocation(index, r, [...h.port.path.slice(r.basePath.length), typeof target === 'string' ? 'name' : 'containerPort']));
}

/** A Secret, or the resource that will create it (cert-manager Certificate, SealedSecret, ExternalSecret). */
function secretLocations(index: WorkspaceIndex, namespace: string, name: string): Location[] {
  const direct = index.find('Secret', namespace, name);
  if (direct.length > 0) return direct.map((r) => nameLocation(index, r));
  const makers: [string, string[]][] = [
    ['Certificate', ['spec', 'secretName']],
    ['SealedSecret', ['spec', 'template', 'metadata', 'name']],
    ['ExternalSecret', ['spec', 'target', 'name']],
  ];
  const out: Location[] = [];
  for (const [kind, path] of makers) {
    for (const r of index.resourcesOfKind(kind)) {
      if (r.namespace === namespace && asString(getAt(r.value, path)) === name) out.push(pathLocation(index, r, path));
    }
  }
  return out;
}
