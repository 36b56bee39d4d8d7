// What is under the cursor, in Kubernetes terms: a selector, a pod template's labels, a Service
// name or a reference to one, a named port, an ipBlock… Every feature starts here.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { ContainerPort, JsonPath, OffsetRange, PodTemplate, Resource } from '../model/types';
import { pathAtOffset } from '../model/ranges';
import { asArray, asRecord, asString, getAt } from '../model/values';
import type { ServicePortView } from '../model/services';
import { isPrefix, relativePath, resourceAt, templateOfResource } from './locate';
import { siteAt, type SelectorSite } from './selection';
import { isNetworkPolicy } from '../policy/normalize';
import { refHostRange, serviceRefsOf, type ServiceRef } from './serviceRefs';
import { serviceOf } from './services';

interface Base {
  resource: Resource;
  /** Path under the cursor, relative to the resource. */
  relPath: JsonPath;
  /** The word or node the cursor is on. */
  range: OffsetRange;
  /** The cursor is on a mapping key rather than a value. */
  onKey: boolean;
}

export type CursorTarget = Base &
  (
    | { kind: 'selector'; site: SelectorSite }
    | { kind: 'pod-labels'; template: PodTemplate; label?: { key: string; value: string } }
    | { kind: 'workload-name'; template: PodTemplate }
    | { kind: 'service-name' }
    | { kind: 'service-ref'; ref: ServiceRef }
    | { kind: 'backend-port'; ref: ServiceRef }
    | { kind: 'target-port'; port: ServicePortView }
    | { kind: 'service-port-name'; port: ServicePortView }
    | { kind: 'container-port'; template: PodTemplate; container: string; port: ContainerPort }
    | { kind: 'policy-port'; direction: 'ingress' | 'egress'; rulePath: JsonPath; value: string | number }
    | { kind: 'ip-block'; cidr: unknown; except: unknown[]; focus: 'cidr' | number }
    | { kind: 'tls-secret'; name: string }
    | { kind: 'ingress-class'; name: string }
  );

export type CursorKind = CursorTarget['kind'];

/** Classifies the cursor position. Undefined when it is on nothing the features know. */
export function cursorTarget(index: WorkspaceIndex, uri: string, offset: number, clusterDomain: string): CursorTarget | undefined {
  const docs = index.documents(uri);
  if (!docs) return undefined;
  const hit = pathAtOffset(docs, offset);
  if (!hit) return undefined;
  const resource = resourceAt(index, uri, hit.docIndex, hit.path);
  if (!resource) return undefined;
  const relPath = relativePath(resource, hit.path);
  const base: Base = { resource, relPath, range: hit.range, onKey: hit.onKey };
  const templateOf = (r: Resource): PodTemplate | undefined => templateOfResource(index, r);
  return (
    byName(base, templateOf) ??
    bySelector(base) ??
    byServiceRef(index, base, offset, clusterDomain) ??
    byPodTemplate(base, templateOf) ??
    byServicePort(base) ??
    byPolicy(base) ??
    byIngress(base)
  );
}

function is(path: JsonPath, pattern: readonly (string | number | '#')[]): boolean {
  return path.length === pattern.length && pattern.every((p, i) => (p === '#' ? typeof path[i] === 'number' : p === path[i]));
}

function byName(base: Base, templateOf: (r: Resource) => PodTemplate | undefined): CursorTarget | undefined {
  if (!is(base.relPath, ['metadata', 'name'])) return undefined;
  const r = base.resource;
  if (r.kind === 'Service') return { ...base, kind: 'service-name' };
  const template = templateOf(r);
  if (template) return { ...base, kind: 'workload-name', template };
  return undefined;
}

function bySelector(base: Base): CursorTarget | undefined {
  const site = siteAt(base.resource, base.relPath);
  return site ? { ...base, kind: 'selector', site } : undefined;
}

function byServiceRef(index: WorkspaceIndex, base: Base, offset: number, clusterDomain: string): CursorTarget | undefined {
  const kind = base.resource.kind;
  if (kind !== 'Ingress' && kind !== 'StatefulSet' && base.relPath[base.relPath.length - 1] !== 'value') return undefined;
  const refs = serviceRefsOf(index, base.resource, clusterDomain);
  const here = refs.filter((r) => samePath(r.relPath, base.relPath));
  if (here.length > 0) {
    if (!here[0]!.dns) return { ...base, kind: 'service-ref', ref: here[0]! };
    // An env value may name several hosts: take the one under the cursor.
    for (const ref of here) {
      const host = refHostRange(index, ref);
      if (host && offset >= host.start && offset <= host.end) return { ...base, range: host, kind: 'service-ref', ref };
    }
    return undefined;
  }
  const port = refs.find((r) => r.port && samePath(r.port.relPath, base.relPath));
  return port ? { ...base, kind: 'backend-port', ref: port } : undefined;
}

function samePath(a: JsonPath, b: JsonPath): boolean {
  return a.length === b.length && a.every((seg, i) => seg === b[i]);
}

function byPodTemplate(base: Base, templateOf: (r: Resource) => PodTemplate | undefined): CursorTarget | undefined {
  const template = templateOf(base.resource);
  if (!template) return undefined;
  const labelsRel = relativePath(base.resource, template.labelsPath);
  if (isPrefix(labelsRel, base.relPath)) {
    const key = base.relPath.length === labelsRel.length + 1 ? base.relPath[labelsRel.length] : undefined;
    const value = typeof key === 'string' ? template.labels[key] : undefined;
    return { ...base, kind: 'pod-labels', template, ...(typeof key === 'string' && value !== undefined ? { label: { key, value } } : {}) };
  }
  const last = base.relPath[base.relPath.length - 1];
  if (last !== 'name' && last !== 'containerPort') return undefined;
  for (const c of template.containers) {
    for (const p of c.ports) {
      if (samePath(relativePath(base.resource, p.path), base.relPath.slice(0, -1))) return { ...base, kind: 'container-port', template, container: c.name, port: p };
    }
  }
  return undefined;
}

function byServicePort(base: Base): CursorTarget | undefined {
  if (base.resource.kind !== 'Service') return undefined;
  const p = base.relPath;
  if (!is(p, ['spec', 'ports', '#', 'targetPort']) && !is(p, ['spec', 'ports', '#', 'name'])) return undefined;
  const port = serviceOf(base.resource).ports.find((x) => x.index === p[2]);
  if (!port) return undefined;
  return p[3] === 'targetPort' ? { ...base, kind: 'target-port', port } : { ...base, kind: 'service-port-name', port };
}

function byPolicy(base: Base): CursorTarget | undefined {
  if (!isNetworkPolicy(base.resource)) return undefined;
  const p = base.relPath;
  const direction = p[1];
  if (p[0] !== 'spec' || (direction !== 'ingress' && direction !== 'egress')) return undefined;
  if (is(p, ['spec', direction, '#', 'ports', '#', 'port'])) {
    const value = getAt(base.resource.value, p);
    if (typeof value !== 'string' && typeof value !== 'number') return undefined;
    return { ...base, kind: 'policy-port', direction, rulePath: p.slice(0, 3), value };
  }
  const peers = direction === 'ingress' ? 'from' : 'to';
  if (p.length >= 6 && is(p.slice(0, 6), ['spec', direction, '#', peers, '#', 'ipBlock'])) {
    const block = asRecord(getAt(base.resource.value, p.slice(0, 6))) ?? {};
    const focus = p[6] === 'except' && typeof p[7] === 'number' ? p[7] : 'cidr';
    return { ...base, kind: 'ip-block', cidr: block['cidr'], except: asArray(block['except']), focus };
  }
  return undefined;
}

function byIngress(base: Base): CursorTarget | undefined {
  if (base.resource.kind !== 'Ingress') return undefined;
  const p = base.relPath;
  const value = asString(getAt(base.resource.value, p));
  if (value === undefined) return undefined;
  if (is(p, ['spec', 'tls', '#', 'secretName'])) return { ...base, kind: 'tls-secret', name: value };
  if (is(p, ['spec', 'ingressClassName'])) return { ...base, kind: 'ingress-class', name: value };
  return undefined;
}
