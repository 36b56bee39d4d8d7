// Completion: label keys and values inside selectors, Service names and ports in Ingress backends,
// port names in targetPort and NetworkPolicy ports, and the enum values of a few fields.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { JsonPath, PodTemplate, Resource } from '../model/types';
import { asRecord, asString, getAt } from '../model/values';
import { parseLabelSelector, selectorMatches } from '../model/selectors';
import { completionPlace, type CompletionPlace } from './completionContext';
import { relativePath, resourceAt } from './locate';
import { namedPortScope } from './namedPorts';
import { isNetworkPolicy } from '../policy/normalize';
import { serviceOf, servicesInNamespace, targetOf, templatesOfService } from './services';
import type { CompletionEntry, CompletionKind, NavigationSettings } from './types';

export function completionAt(index: WorkspaceIndex, uri: string, offset: number, _settings?: NavigationSettings): CompletionEntry[] {
  const file = index.getFile(uri);
  const docs = index.documents(uri);
  if (!file || !docs) return [];
  const place = completionPlace(file.text, docs, offset);
  if (!place) return [];
  const resource = resourceAt(index, uri, place.docIndex, place.path) ?? resourceOfDocument(index, uri, place.docIndex);
  if (!resource) return [];
  const rel = relativePath(resource, place.path);
  const candidates = selectorCompletions(index, resource, rel, place) ?? referenceCompletions(index, resource, rel, place) ?? enumCompletions(resource, rel, place) ?? [];
  return finish(candidates, place);
}

function resourceOfDocument(index: WorkspaceIndex, uri: string, docIndex: number): Resource | undefined {
  return index.getFile(uri)?.resources.find((r) => r.docIndex === docIndex && r.basePath.length === 0);
}

interface Candidate {
  label: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  /** Lower first; ties keep label order. */
  rank: number;
  /** Inserted as written (numbers, enum values), never quoted. */
  literal?: boolean;
}

/** Filters by prefix, sorts, and shapes the items for the place (a key gets `: ` after it, YAML-ambiguous values get quotes). */
function finish(candidates: Candidate[], place: CompletionPlace): CompletionEntry[] {
  const prefix = place.prefix.toLowerCase();
  const seen = new Set<string>();
  return candidates
    .filter((c) => c.label.toLowerCase().startsWith(prefix) && !seen.has(c.label) && seen.add(c.label))
    .sort((a, b) => a.rank - b.rank || a.label.localeCompare(b.label))
    .map((c, i) => ({
      label: c.label,
      kind: c.kind,
      ...(c.detail ? { detail: c.detail } : {}),
      ...(c.documentation ? { documentation: c.documentation } : {}),
      insertText: place.mode === 'key' ? `${c.label}: ` : place.quoted || c.literal || !needsQuotes(c.label) ? c.label : `"${c.label}"`,
      sortText: String(i).padStart(5, '0'),
      replace: place.replace,
    }));
}

/** Plain scalars YAML would read as something other than a string (label values must be strings). */
function needsQuotes(value: string): boolean {
  return /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o?[0-7]+)$/.test(value) || value === '';
}

// ---- selectors -------------------------------------------------------------------------------

type LabelPool = { kind: 'pods'; templates: readonly PodTemplate[] } | { kind: 'namespaces'; labels: Record<string, string>[] };

interface SelectorPlace {
  /** Path of the selector object (or plain map), relative to the resource. */
  selectorPath: JsonPath;
  plainMap: boolean;
  pool: LabelPool;
}

function selectorPlace(index: WorkspaceIndex, resource: Resource, rel: JsonPath): SelectorPlace | undefined {
  const ns = resource.namespace;
  const pods = (namespaces: string[]): LabelPool => ({ kind: 'pods', templates: namespaces.flatMap((n) => index.templatesInNamespace(n)) });
  const namespacesPool = (): LabelPool => ({ kind: 'namespaces', labels: [...index.namespaces().values()].map((n) => n.labels) });
  if ((resource.kind === 'Service' || resource.kind === 'ReplicationController') && startsWith(rel, ['spec', 'selector'])) {
    return { selectorPath: ['spec', 'selector'], plainMap: true, pool: pods([ns]) };
  }
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(resource.kind) && startsWith(rel, ['spec', 'selector'])) {
    return { selectorPath: ['spec', 'selector'], plainMap: false, pool: pods([ns]) };
  }
  if (!isNetworkPolicy(resource)) return undefined;
  if (startsWith(rel, ['spec', 'podSelector'])) return { selectorPath: ['spec', 'podSelector'], plainMap: false, pool: pods([ns]) };
  const direction = rel[1];
  const peersKey = direction === 'ingress' ? 'from' : direction === 'egress' ? 'to' : undefined;
  if (!peersKey || rel[0] !== 'spec' || typeof rel[2] !== 'number' || rel[3] !== peersKey || typeof rel[4] !== 'number') return undefined;
  const peerPath = rel.slice(0, 5);
  if (rel[5] === 'namespaceSelector') return { selectorPath: [...peerPath, 'namespaceSelector'], plainMap: false, pool: namespacesPool() };
  if (rel[5] !== 'podSelector') return undefined;
  // A sibling namespaceSelector widens the pool to the namespaces it picks.
  const nsSelector = parseLabelSelector(getAt(resource.value, [...peerPath, 'namespaceSelector']));
  const namespaces = nsSelector ? [...index.namespaces().values()].filter((n) => selectorMatches(nsSelector, n.labels)).map((n) => n.name) : [ns];
  return { selectorPath: [...peerPath, 'podSelector'], plainMap: false, pool: pods(namespaces) };
}

function selectorCompletions(index: WorkspaceIndex, resource: Resource, rel: JsonPath, place: CompletionPlace): Candidate[] | undefined {
  const s = selectorPlace(index, resource, rel);
  if (!s) return undefined;
  const inner = rel.slice(s.selectorPath.length);
  const labelsMap = s.plainMap ? [] : ['matchLabels'];
  // Keys of the label map.
  if (place.mode === 'key' && same(inner, labelsMap)) {
    const written = Object.keys(asRecord(getAt(resource.value, [...s.selectorPath, ...labelsMap])) ?? {});
    return labelKeys(s.pool).filter((c) => !written.includes(c.label) || c.label === place.prefix);
  }
  if (place.mode === 'key' && inner.length === 0 && !s.plainMap) {
    return [
      { label: 'matchLabels', kind: 'field', detail: 'labels that must all be equal', rank: 0 },
      { label: 'matchExpressions', kind: 'field', detail: 'In, NotIn, Exists, DoesNotExist requirements', rank: 1 },
    ];
  }
  // Value of one label.
  if (place.mode === 'value' && inner.length === labelsMap.length + 1 && same(inner.slice(0, -1), labelsMap) && typeof inner[inner.length - 1] === 'string') {
    return labelValues(s.pool, inner[inner.length - 1] as string);
  }
  if (s.plainMap || inner[0] !== 'matchExpressions' || typeof inner[1] !== 'number') return undefined;
  const expression = [...s.selectorPath, 'matchExpressions', inner[1]];
  if (place.mode === 'value' && inner[2] === 'key' && inner.length === 3) return labelKeys(s.pool);
  if (place.mode === 'value' && inner[2] === 'operator' && inner.length === 3) return enumOf(['In', 'NotIn', 'Exists', 'DoesNotExist']);
  if (place.mode === 'item' && inner[2] === 'values' && inner.length === 3) {
    const key = asString(getAt(resource.value, [...expression, 'key']));
    return key ? labelValues(s.pool, key) : [];
  }
  if (place.mode === 'key' && inner.length === 2) return enumOf(['key', 'operator', 'values'], 'field');
  return undefined;
}

function labelSets(pool: LabelPool): Record<string, string>[] {
  return pool.kind === 'pods' ? pool.templates.map((t) => t.labels) : pool.labels;
}

/** Label keys of the pool, most frequent first. */
function labelKeys(pool: LabelPool): Candidate[] {
  const counts = new Map<string, number>();
  for (const labels of labelSets(pool)) for (const k of Object.keys(labels)) counts.set(k, (counts.get(k) ?? 0) + 1);
  const what = pool.kind === 'pods' ? 'pod template' : 'namespace';
  return [...counts].map(([label, n]) => ({ label, kind: 'property', detail: `on ${n} ${what}${n === 1 ? '' : 's'}`, rank: -n }));
}

/** Values of one label key in the pool, most frequent first. */
function labelValues(pool: LabelPool, key: string): Candidate[] {
  const counts = new Map<string, number>();
  for (const labels of labelSets(pool)) {
    const v = labels[key];
    if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const what = pool.kind === 'pods' ? 'pod template' : 'namespace';
  return [...counts].map(([label, n]) => ({ label, kind: 'value', detail: `${key}=${label} on ${n} ${what}${n === 1 ? '' : 's'}`, rank: -n }));
}

// ---- references ------------------------------------------------------------------------------

function referenceCompletions(index: WorkspaceIndex, resource: Resource, rel: JsonPath, place: CompletionPlace): Candidate[] | undefined {
  if (place.mode !== 'value') return undefined;
  const last = rel[rel.length - 1];
  if (resource.kind === 'Ingress') return ingressCompletions(index, resource, rel);
  if (resource.kind === 'Service' && rel.length === 4 && rel[0] === 'spec' && rel[1] === 'ports' && last === 'targetPort') {
    return targetPortNames(index, resource);
  }
  if (resource.kind === 'StatefulSet' && same(rel, ['spec', 'serviceName'])) {
    return servicesInNamespace(index, resource.namespace).map((s) => {
      const headless = serviceOf(s).clusterIP === 'None';
      return { label: s.name, kind: 'reference' as const, detail: headless ? 'headless Service' : 'Service (not headless)', rank: headless ? 0 : 1 };
    });
  }
  if (resource.kind === 'NetworkPolicy' && rel.length === 6 && (rel[1] === 'ingress' || rel[1] === 'egress') && rel[3] === 'ports' && last === 'port') {
    return policyPortNames(index, resource, rel[1], rel.slice(0, 3));
  }
  return undefined;
}

function ingressCompletions(index: WorkspaceIndex, ingress: Resource, rel: JsonPath): Candidate[] | undefined {
  const ns = ingress.namespace;
  const tail = rel.slice(-3);
  const backend = (upTo: number): JsonPath => rel.slice(0, rel.length - upTo);
  if (same(rel.slice(-2), ['service', 'name']) || rel[rel.length - 1] === 'serviceName') {
    return servicesInNamespace(index, ns).map((s) => {
      const view = serviceOf(s);
      return { label: s.name, kind: 'reference', detail: `Service · ${view.type} · ports ${view.ports.map((p) => p.name ?? String(p.port)).join(', ') || 'none'}`, rank: 0 };
    });
  }
  const portsOf = (serviceName: string | undefined) => {
    const s = serviceName ? index.find('Service', ns, serviceName)[0] : undefined;
    return s ? serviceOf(s).ports : [];
  };
  if (same(tail, ['service', 'port', 'name'])) {
    return portsOf(asString(getAt(ingress.value, [...backend(3), 'service', 'name'])))
      .filter((p) => p.name)
      .map((p) => ({ label: p.name!, kind: 'reference', detail: `port ${p.port ?? '?'}/${p.protocol} → ${targetOf(p) ?? '?'}`, rank: 0 }));
  }
  if (same(tail, ['service', 'port', 'number'])) {
    return portsOf(asString(getAt(ingress.value, [...backend(3), 'service', 'name'])))
      .filter((p) => p.port !== undefined)
      .map((p) => ({ label: String(p.port), kind: 'reference', detail: `${p.name ?? 'unnamed'} → ${targetOf(p) ?? '?'}`, rank: 0, literal: true }));
  }
  if (rel[rel.length - 1] === 'servicePort') {
    return portsOf(asString(getAt(ingress.value, [...backend(1), 'serviceName']))).flatMap((p) => [
      ...(p.port !== undefined ? [{ label: String(p.port), kind: 'reference' as const, rank: 0, literal: true }] : []),
      ...(p.name ? [{ label: p.name, kind: 'reference' as const, rank: 1 }] : []),
    ]);
  }
  if (same(rel, ['spec', 'ingressClassName'])) {
    return index.resourcesOfKind('IngressClass').map((c) => ({ label: c.name, kind: 'reference', detail: asString(getAt(c.value, ['spec', 'controller'])) ?? 'IngressClass', rank: 0 }));
  }
  if (rel.length === 4 && same([rel[0], rel[1], rel[3]], ['spec', 'tls', 'secretName'])) {
    return index
      .resourcesOfKind('Secret')
      .filter((s) => s.namespace === ns)
      .map((s) => ({ label: s.name, kind: 'reference', detail: asString(s.value['type']) ?? 'Secret', rank: s.value['type'] === 'kubernetes.io/tls' ? 0 : 1 }));
  }
  return undefined;
}

/** Container port names of the pods a Service selects (all pods of its namespace when it selects none yet). */
function targetPortNames(index: WorkspaceIndex, service: Resource): Candidate[] {
  const selected = templatesOfService(index, serviceOf(service));
  const pool = selected.length > 0 ? selected : index.templatesInNamespace(service.namespace);
  return portNameCandidates(pool, selected.length > 0 ? 0 : 1);
}

function policyPortNames(index: WorkspaceIndex, policy: Resource, direction: 'ingress' | 'egress', rulePath: JsonPath): Candidate[] {
  return portNameCandidates(namedPortScope(index, policy, direction, rulePath), 0);
}

function portNameCandidates(templates: readonly PodTemplate[], rank: number): Candidate[] {
  const byName = new Map<string, { ports: Set<string>; workloads: Set<string> }>();
  for (const t of templates) {
    for (const c of t.containers) {
      if (c.init) continue;
      for (const p of c.ports) {
        if (!p.name) continue;
        const entry = byName.get(p.name) ?? { ports: new Set(), workloads: new Set() };
        entry.ports.add(`${p.containerPort}/${p.protocol}`);
        entry.workloads.add(t.resource.name);
        byName.set(p.name, entry);
      }
    }
  }
  return [...byName].map(([label, e]) => ({
    label,
    kind: 'reference',
    detail: `${[...e.ports].join(', ')} on ${[...e.workloads].slice(0, 3).join(', ')}${e.workloads.size > 3 ? ', …' : ''}`,
    rank: rank * 1000 - e.workloads.size,
  }));
}

// ---- enums -----------------------------------------------------------------------------------

function enumOf(values: readonly string[], kind: CompletionKind = 'enum'): Candidate[] {
  return values.map((label, rank) => ({ label, kind, rank, literal: true }));
}

const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];

function enumCompletions(resource: Resource, rel: JsonPath, place: CompletionPlace): Candidate[] | undefined {
  const last = rel[rel.length - 1];
  if (place.mode === 'item') {
    if (resource.kind === 'NetworkPolicy' && same(rel, ['spec', 'policyTypes'])) {
      const written = (getAt(resource.value, rel) as unknown[] | undefined) ?? [];
      return enumOf(['Ingress', 'Egress']).filter((c) => !written.includes(c.label) || c.label === place.prefix);
    }
    return undefined;
  }
  if (place.mode !== 'value') return undefined;
  if (last === 'protocol' && rel.includes('ports')) return enumOf(['TCP', 'UDP', 'SCTP']);
  if (resource.kind === 'Service') {
    if (same(rel, ['spec', 'type'])) return enumOf(SERVICE_TYPES);
    if (same(rel, ['spec', 'externalTrafficPolicy']) || same(rel, ['spec', 'internalTrafficPolicy'])) return enumOf(['Cluster', 'Local']);
    if (same(rel, ['spec', 'sessionAffinity'])) return enumOf(['None', 'ClientIP']);
    if (same(rel, ['spec', 'ipFamilyPolicy'])) return enumOf(['SingleStack', 'PreferDualStack', 'RequireDualStack']);
  }
  if (resource.kind === 'Ingress' && last === 'pathType') return enumOf(['Prefix', 'Exact', 'ImplementationSpecific']);
  return undefined;
}

// ---- paths -----------------------------------------------------------------------------------

function startsWith(path: JsonPath, prefix: JsonPath): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => p === path[i]);
}

function same(a: JsonPath, b: JsonPath): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}

