// Find references: who uses a Service, who selects a workload, which selectors use a label, who names a port.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { ContainerPort, PodTemplate, Resource } from '../model/types';
import { asArray, asRecord, getAt } from '../model/values';
import { normalizeProtocol } from '../model/workloads';
import { cursorTarget, type CursorTarget } from './context';
import { definitionsOf } from './definition';
import { allSelectorSites, selectorsUsingLabel, sitesSelecting } from './labelUsage';
import { locationsOf, nameLocation, pathLocation, resourceStart } from './locate';
import { namedPortScope } from './namedPorts';
import { refNameRange, refsToService } from './serviceRefs';
import { containerPortsFor, serviceOf, targetOf } from './services';
import { clusterDomainFor } from './settings';
import type { Location, NavigationSettings } from './types';

export function referencesAt(index: WorkspaceIndex, uri: string, offset: number, settings?: NavigationSettings, includeDeclaration = true): Location[] {
  const clusterDomain = clusterDomainFor(index, settings);
  const t = cursorTarget(index, uri, offset, clusterDomain);
  if (!t) return [];
  return dedupe(referencesOf(index, t, clusterDomain, includeDeclaration));
}

function referencesOf(index: WorkspaceIndex, t: CursorTarget, clusterDomain: string, includeDeclaration: boolean): Location[] {
  switch (t.kind) {
    case 'service-name':
      return serviceReferences(index, t.resource.namespace, t.resource.name, clusterDomain, includeDeclaration);
    case 'service-ref':
    case 'backend-port':
      return serviceReferences(index, t.ref.namespace, t.ref.name, clusterDomain, includeDeclaration);
    case 'workload-name':
    case 'pod-labels':
      if (t.kind === 'pod-labels' && t.label) {
        const uses = selectorsUsingLabel(index, t.template, t.label.key, t.label.value);
        return locationsOf(index, uses, (u) => pathLocation(index, u.site.resource, u.relPath, 'entry'), (u) => u.site.resource, REFERENCE_LIMIT);
      }
      return locationsOf(index, sitesSelecting(index, t.template), (s) => pathLocation(index, s.resource, s.relPath, 'key'), (s) => s.resource, REFERENCE_LIMIT);
    case 'container-port':
      return [...(includeDeclaration ? [{ uri: t.resource.uri, range: t.range }] : []), ...portUsers(index, t.template, t.port)];
    case 'target-port':
    case 'policy-port':
    case 'selector':
    case 'tls-secret':
    case 'ingress-class':
      return definitionsOf(index, t);
    case 'service-port-name':
      return [
        ...(includeDeclaration ? [{ uri: t.resource.uri, range: t.range }] : []),
        ...refsToService(index, t.resource.namespace, t.resource.name, clusterDomain)
          .filter((r) => r.port?.name !== undefined && r.port.name === t.port.name)
          .map((r) => pathLocation(index, r.resource, r.port!.relPath)),
      ];
    case 'ip-block':
      return [];
  }
}

/** References are worth more precision than lenses: parse up to this many files for exact ranges. */
const REFERENCE_LIMIT = 50;

/** The Service's name (when asked) and every reference to it, across files. */
export function serviceReferences(index: WorkspaceIndex, namespace: string, name: string, clusterDomain: string, includeDeclaration: boolean): Location[] {
  const out: Location[] = [];
  if (includeDeclaration) for (const s of index.find('Service', namespace, name)) out.push(nameLocation(index, s));
  const refs = refsToService(index, namespace, name, clusterDomain);
  if (refs.length > REFERENCE_LIMIT) return [...out, ...refs.map((ref) => resourceStart(index, ref.resource))];
  for (const ref of refs) {
    const range = refNameRange(index, ref);
    if (range) out.push({ uri: ref.resource.uri, range });
  }
  return out;
}

/** Service targetPorts and NetworkPolicy ports that land on this container port. */
function portUsers(index: WorkspaceIndex, template: PodTemplate, port: ContainerPort): Location[] {
  const out: Location[] = [];
  const lands = (target: number | string | undefined, protocol: string): boolean =>
    target !== undefined && protocol === port.protocol && (typeof target === 'string' ? target === port.name : target === port.containerPort);
  for (const s of sitesSelecting(index, template)) {
    if (s.role === 'service') {
      for (const sp of serviceOf(s.resource).ports) {
        if (sp.targetPort !== undefined && lands(targetOf(sp), sp.protocol)) out.push(pathLocation(index, s.resource, [...sp.path.slice(s.resource.basePath.length), 'targetPort']));
      }
    }
  }
  for (const site of allSelectorSites(index)) {
    if (site.resource.kind !== 'NetworkPolicy' || site.role !== 'policy') continue;
    out.push(...policyPortsLanding(index, site.resource, template, port));
  }
  return out;
}

function policyPortsLanding(index: WorkspaceIndex, policy: Resource, template: PodTemplate, port: ContainerPort): Location[] {
  const out: Location[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    asArray(getAt(policy.value, ['spec', direction])).forEach((rule, i) => {
      asArray(asRecord(rule)?.['ports']).forEach((raw, j) => {
        const entry = asRecord(raw);
        const value = entry?.['port'];
        if (typeof value !== 'string' && typeof value !== 'number') return;
        if (!containerPortsFor(template, value, normalizeProtocol(entry?.['protocol'])).some((h) => h.port === port)) return;
        if (!namedPortScope(index, policy, direction, ['spec', direction, i]).some((tpl) => tpl.resource === template.resource)) return;
        out.push(pathLocation(index, policy, ['spec', direction, i, 'ports', j, 'port']));
      });
    });
  }
  return out;
}

function dedupe(locations: Location[]): Location[] {
  const seen = new Set<string>();
  return locations.filter((l) => {
    const key = `${l.uri}#${l.range.start}:${l.range.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

