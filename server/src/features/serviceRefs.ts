// Every place a manifest names a Service: Ingress backends, env values (DNS names and URLs) and
// StatefulSet serviceName. Found from plain values; ranges are resolved only for the few asked for.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { JsonPath, OffsetRange, Resource } from '../model/types';
import { asString, getAt } from '../model/values';
import { envNameHoldsHost, hostMentions, parseServiceHost, type HostMention, type ServiceHostReference } from '../model/dns';
import { ingressOf } from '../checks/facts';
import { pathRange, templateOfResource } from './locate';
import { memo } from './memo';
import { findService } from './services';

export type ServiceRefSource = 'ingress-backend' | 'env' | 'statefulset';

export interface BackendPortRef {
  name?: string;
  number?: number;
  /** Path of the port value, relative to the resource. */
  relPath: JsonPath;
}

export interface EnvDnsRef {
  envName: string;
  mention: HostMention;
  host: ServiceHostReference;
  /** Offset of the service label inside the host (after a StatefulSet pod's hostname). */
  serviceOffset: number;
  /** A StatefulSet pod's hostname, for `pod.svc.ns…` names. */
  pod?: string;
}

export interface ServiceRef {
  source: ServiceRefSource;
  /** The resource that holds the reference. */
  resource: Resource;
  /** Path of the scalar holding the name, relative to the resource. */
  relPath: JsonPath;
  /** Namespace the name is looked up in. */
  namespace: string;
  name: string;
  /** The Service it names, when the workspace has it. */
  target?: Resource;
  /** Ingress backends: the Service port they name. */
  port?: BackendPortRef;
  /** Env values: the host as written and how it reads as a DNS name. */
  dns?: EnvDnsRef;
}

const rawCache = new WeakMap<Resource, { key: string; refs: ServiceRef[] }>();

/** References to Services held by one resource, resolved against the current index. */
export function serviceRefsOf(index: WorkspaceIndex, resource: Resource, clusterDomain: string): ServiceRef[] {
  // Reading a resource's references depends only on it, the cluster domain and the known namespaces.
  const key = `${clusterDomain}\u0000${namespacesKey(index)}`;
  let cached = rawCache.get(resource);
  if (!cached || cached.key !== key) {
    cached = { key, refs: readRefs(index, resource, clusterDomain) };
    rawCache.set(resource, cached);
  }
  const out: ServiceRef[] = [];
  for (const raw of cached.refs) {
    const ref = resolve(index, raw);
    // A one-word host is a Service only if one by that name exists.
    if (ref.target || ref.dns?.host.form !== 'bare') out.push(ref);
  }
  return out;
}

function namespacesKey(index: WorkspaceIndex): string {
  return memo(index, 'namespacesKey', () => [...index.namespaces().keys()].sort().join(','));
}

/** Unresolved references of one resource. Bare one-word hosts are kept; the caller drops those that name nothing. */
function readRefs(index: WorkspaceIndex, resource: Resource, clusterDomain: string): ServiceRef[] {
  if (resource.kind === 'Ingress') return ingressRefs(resource);
  const out: ServiceRef[] = [];
  if (resource.kind === 'StatefulSet') {
    const serviceName = asString(getAt(resource.value, ['spec', 'serviceName']));
    if (serviceName) out.push({ source: 'statefulset', resource, relPath: ['spec', 'serviceName'], namespace: resource.namespace, name: serviceName });
  }
  const template = templateOfResource(index, resource);
  if (!template) return out;
  const namespaces = index.namespaces();
  for (const container of template.containers) {
    for (const env of container.env) {
      for (const mention of hostMentions(env.value, envNameHoldsHost(env.name))) {
        const host = parseServiceHost(mention.host, clusterDomain);
        if (!host) continue;
        // `x.y` is a Service only when y is a namespace the workspace knows (else it is `example.com`).
        if (host.form === 'namespaced' && !namespaces.has(host.namespace!)) continue;
        const hostLabels = mention.host.toLowerCase().split('.');
        const pod = hostLabels[0] !== host.service && hostLabels[1] === host.service ? hostLabels[0] : undefined;
        out.push({
          source: 'env',
          resource,
          relPath: [...env.path.slice(resource.basePath.length), 'value'],
          namespace: host.namespace ?? resource.namespace,
          name: host.service,
          dns: { envName: env.name, mention, host, serviceOffset: pod ? pod.length + 1 : 0, ...(pod ? { pod } : {}) },
        });
      }
    }
  }
  return out;
}

function ingressRefs(ingress: Resource): ServiceRef[] {
  const view = ingressOf(ingress);
  const backends = [...(view.defaultBackend ? [view.defaultBackend] : []), ...view.paths.flatMap((p) => (p.backend ? [p.backend] : []))];
  const rel = (path: JsonPath): JsonPath => path.slice(ingress.basePath.length);
  const out: ServiceRef[] = [];
  for (const b of backends) {
    if (!b.serviceName) continue;
    const port: BackendPortRef | undefined =
      typeof b.port === 'string' ? { name: b.port, relPath: rel(b.portPath) } : typeof b.port === 'number' ? { number: b.port, relPath: rel(b.portPath) } : undefined;
    out.push({ source: 'ingress-backend', resource: ingress, relPath: rel(b.serviceNamePath), namespace: ingress.namespace, name: b.serviceName, ...(port ? { port } : {}) });
  }
  return out;
}

function resolve(index: WorkspaceIndex, ref: ServiceRef): ServiceRef {
  const target = findService(index, ref.namespace, ref.name);
  return target ? { ...ref, target } : ref;
}

const REF_KINDS = new Set(['Ingress', 'StatefulSet', 'Deployment', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Pod', 'PodTemplate']);

/** Every Service reference in the workspace (cached until the index changes). */
export function allServiceRefs(index: WorkspaceIndex, clusterDomain: string): readonly ServiceRef[] {
  return memo(index, `serviceRefs:${clusterDomain}`, () => {
    const out: ServiceRef[] = [];
    for (const r of index.allResources()) if (REF_KINDS.has(r.kind)) out.push(...serviceRefsOf(index, r, clusterDomain));
    return out;
  });
}

/** References that name a given Service (namespace and name), resolved or not. */
export function refsToService(index: WorkspaceIndex, namespace: string, name: string, clusterDomain: string): readonly ServiceRef[] {
  const byTarget = memo(index, `serviceRefsByTarget:${clusterDomain}`, () => {
    const map = new Map<string, ServiceRef[]>();
    for (const ref of allServiceRefs(index, clusterDomain)) {
      const key = `${ref.namespace}/${ref.name}`;
      const list = map.get(key);
      if (list) list.push(ref);
      else map.set(key, [ref]);
    }
    return map;
  });
  return byTarget.get(`${namespace}/${name}`) ?? [];
}

/** The scalar that holds a reference. */
export function refScalarRange(index: WorkspaceIndex, ref: ServiceRef): OffsetRange | undefined {
  return pathRange(index, ref.resource.uri, ref.resource.docIndex, [...ref.resource.basePath, ...ref.relPath]);
}

/** The source range of the Service name itself, inside quotes, or just the service label of an env host. */
export function refNameRange(index: WorkspaceIndex, ref: ServiceRef): OffsetRange | undefined {
  const valueOffset = ref.dns ? ref.dns.mention.hostOffset + ref.dns.serviceOffset : 0;
  return textRangeInScalar(index, ref.resource, ref.relPath, valueOffset, ref.name);
}

/**
 * The range of `needle`, found at `valueOffset` of a string scalar's value, in the source text; the
 * whole scalar when the source cannot be matched (escapes).
 */
export function textRangeInScalar(index: WorkspaceIndex, resource: Resource, relPath: JsonPath, valueOffset: number, needle: string): OffsetRange | undefined {
  const scalar = pathRange(index, resource.uri, resource.docIndex, [...resource.basePath, ...relPath]);
  const file = index.getFile(resource.uri);
  const value = getAt(resource.value, relPath);
  if (!scalar || !file || (typeof value !== 'string' && typeof value !== 'number')) return scalar;
  const inSource = sourceOffset(file.text.slice(scalar.start, scalar.end), String(value), valueOffset, needle);
  return inSource === undefined ? scalar : { start: scalar.start + inSource, end: scalar.start + inSource + needle.length };
}

/** Where the whole host sits in the source (for hovers on env values). */
export function refHostRange(index: WorkspaceIndex, ref: ServiceRef): OffsetRange | undefined {
  const scalar = refScalarRange(index, ref);
  if (!scalar || !ref.dns) return scalar;
  const file = index.getFile(ref.resource.uri);
  const value = getAt(ref.resource.value, ref.relPath);
  if (!file || typeof value !== 'string') return scalar;
  const host = ref.dns.mention.host;
  const inSource = sourceOffset(file.text.slice(scalar.start, scalar.end), value, ref.dns.mention.hostOffset, host);
  return inSource === undefined ? scalar : { start: scalar.start + inSource, end: scalar.start + inSource + host.length };
}

/**
 * Maps an offset in a string value to its offset in the scalar's source text (which may carry quotes,
 * a block-scalar header or escapes): the k-th occurrence of `needle` in the value is the k-th in the source.
 */
export function sourceOffset(source: string, value: string, valueOffset: number, needle: string): number | undefined {
  let k = 0;
  for (let i = value.indexOf(needle); i >= 0 && i < valueOffset; i = value.indexOf(needle, i + 1)) k++;
  let at = -1;
  for (let n = 0; n <= k; n++) {
    at = source.indexOf(needle, at + 1);
    if (at < 0) return undefined;
  }
  return at;
}
