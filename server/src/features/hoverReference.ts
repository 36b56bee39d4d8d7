// Hover on something that points elsewhere: an Ingress backend, an env DNS name or URL, a StatefulSet
// serviceName, a named port, a TLS Secret, an IngressClass. Says what it resolves to, or why not.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { PodTemplate, Protocol, Resource } from '../model/types';
import { normalizeProtocol } from '../model/workloads';
import { asNumber, asString, getAt } from '../model/values';
import type { ServicePortView } from '../model/services';
import { closestNames } from '../checks/similar';
import { factsFor } from '../checks/facts';
import { bullets, code, inline, resourceLink } from './markdown';
import { containerPortsFor, findServicePort, serviceOf, servicesInNamespace, targetOf, templatesOfService } from './services';
import { portChainLines } from './hoverService';
import type { ServiceRef } from './serviceRefs';
import { refsToService } from './serviceRefs';
import { displayName } from './locate';
import { namedPortScope } from './namedPorts';
import type { CursorTarget } from './context';

type Target<K extends CursorTarget['kind']> = Extract<CursorTarget, { kind: K }>;

export function serviceRefHover(index: WorkspaceIndex, ref: ServiceRef): string {
  const lines: string[] = [];
  const written = ref.dns ? ref.dns.mention.host : ref.name;
  if (!ref.target) {
    lines.push(`${code(written)}: **no Service ${code(ref.name)} in namespace ${code(ref.namespace)}** in the workspace.`);
    const similar = closestNames(ref.name, servicesInNamespace(index, ref.namespace).map((s) => s.name));
    if (similar.length > 0) lines.push('', `Did you mean ${similar.map(code).join(' or ')}?`);
    const elsewhere = index.resourcesOfKind('Service').filter((s) => s.name === ref.name && s.namespace !== ref.namespace);
    if (elsewhere.length > 0) {
      lines.push('', `A Service of that name exists in ${inline(elsewhere.map((s) => resourceLink(index, s, s.namespace)))}${ref.source === 'env' ? ` (write ${code(`${ref.name}.${elsewhere[0]!.namespace}`)} to reach it)` : ' (an Ingress reaches Services of its own namespace only)'}.`);
    }
    return lines.join('\n');
  }
  const view = serviceOf(ref.target);
  lines.push(`${code(written)} → ${resourceLink(index, ref.target)} · ${view.type}${view.clusterIP === 'None' ? ' · headless' : ''}`);
  if (ref.source === 'statefulset') {
    lines.push('', view.clusterIP === 'None' ? 'Headless, as a StatefulSet governing Service should be: each pod gets a stable DNS name.' : `⚠ Not headless (\`clusterIP: None\`): the pods get no per-pod DNS names.`);
  }
  if (ref.dns?.pod) lines.push('', podLine(index, ref.target, ref.dns.pod));
  const templates = templatesOfService(index, view);
  const port = refPort(ref, view.ports);
  if (port === 'missing') {
    const wanted = ref.port?.name ?? ref.port?.number ?? ref.dns?.mention.port;
    lines.push('', `✗ The Service has no port ${code(String(wanted))}; its ports: ${inline(view.ports.map((p) => code(`${p.port ?? '?'}${p.name ? `/${p.name}` : ''}`))) || 'none'}.`);
  } else if (port) {
    lines.push('', '**Port chain**', ...portChainLines(index, view, port, templates));
  } else if (view.ports.length > 0) {
    lines.push('', '**Ports**', ...view.ports.flatMap((p) => portChainLines(index, view, p, templates)));
  }
  return lines.join('\n');
}

/** The Service port a reference names: by backend port or URL port; 'missing' when named but absent. */
function refPort(ref: ServiceRef, ports: readonly ServicePortView[]): ServicePortView | 'missing' | undefined {
  const wanted = ref.port ? { ...(ref.port.name !== undefined ? { name: ref.port.name } : {}), ...(ref.port.number !== undefined ? { number: ref.port.number } : {}) } : ref.dns?.mention.port !== undefined ? { number: ref.dns.mention.port } : undefined;
  if (!wanted) return undefined;
  const found = findServicePort({ ports }, wanted);
  if (found) return found;
  // A URL without explicit port assumes the scheme's port: only a hint, not an error, when absent.
  if (ref.dns && !ref.dns.mention.portExplicit) return undefined;
  return 'missing';
}

function podLine(index: WorkspaceIndex, service: Resource, pod: string): string {
  const m = /^(.*)-(\d+)$/.exec(pod);
  const set = m ? index.find('StatefulSet', service.namespace, m[1]!)[0] : undefined;
  if (!set || !m) return `Pod hostname ${code(pod)}: no StatefulSet in ${code(service.namespace)} would create it.`;
  const replicas = asNumber(getAt(set.value, ['spec', 'replicas'])) ?? 1;
  const ordinal = Number(m[2]);
  return ordinal < replicas ? `Pod ${code(pod)} of ${resourceLink(index, set)} (ordinal ${ordinal} of ${replicas}).` : `⚠ ${resourceLink(index, set)} has ${replicas} replicas: pod ${code(pod)} does not exist.`;
}

/** Service spec.ports[].targetPort: where it lands on each selected workload. */
export function targetPortHover(index: WorkspaceIndex, t: Target<'target-port'>): string {
  const view = serviceOf(t.resource);
  return [`**targetPort** of ${displayName(t.resource)} port ${code(String(t.port.port ?? '?'))}`, '', ...portChainLines(index, view, t.port, templatesOfService(index, view))].join('\n');
}

/** Service spec.ports[].name: who names this port. */
export function servicePortNameHover(index: WorkspaceIndex, t: Target<'service-port-name'>, clusterDomain: string): string {
  const users = refsToService(index, t.resource.namespace, t.resource.name, clusterDomain).filter((r) => r.port?.name === t.port.name);
  const lines = [`**Service port ${code(t.port.name ?? '')}** · ${code(`${t.port.port ?? '?'}/${t.port.protocol}`)} → targetPort ${code(String(targetOf(t.port) ?? '?'))}`, ''];
  lines.push(users.length > 0 ? `Named by ${inline(users.map((u) => resourceLink(index, u.resource)))}.` : 'No Ingress backend names this port.');
  return lines.join('\n');
}

/** A container port: which Service ports and NetworkPolicy ports land on it. */
export function containerPortHover(index: WorkspaceIndex, t: Target<'container-port'>): string {
  const p = t.port;
  const lines = [`**Container port** ${code(`${p.containerPort}/${p.protocol}`)}${p.name ? ` named ${code(p.name)}` : ''} · container ${code(t.container)} of ${displayName(t.resource)}`, ''];
  const services = index.resourcesOfKind('Service').filter((s) => s.namespace === t.template.namespace);
  const hits: string[] = [];
  for (const s of services) {
    const view = serviceOf(s);
    if (!templatesOfService(index, view).some((x) => x.resource === t.resource)) continue;
    for (const sp of view.ports) {
      if (containerPortsFor(t.template, targetOf(sp) ?? -1, sp.protocol).some((h) => h.port === p)) hits.push(`${resourceLink(index, s)} port ${code(String(sp.port ?? '?'))}`);
    }
  }
  lines.push(hits.length > 0 ? `Receives traffic from ${inline(hits)}.` : 'No Service port targets it.');
  return lines.join('\n');
}

/** NetworkPolicy ports[].port: a number, or a name resolved on the destination pods. */
export function policyPortHover(index: WorkspaceIndex, t: Target<'policy-port'>): string {
  const scope = namedPortScope(index, t.resource, t.direction, t.rulePath);
  const protocol = normalizeProtocol(getAt(t.resource.value, [...t.relPath.slice(0, -1), 'protocol']));
  const where = t.direction === 'ingress' ? 'the pods this policy applies to' : "the rule's destination pods";
  const lines = [`**${t.direction === 'ingress' ? 'Ingress' : 'Egress'} port** ${code(`${t.value}/${protocol}`)} · resolved on ${where}`, ''];
  const hits = resolutions(index, scope, t.value, protocol);
  if (scope.length === 0) lines.push('No workload in the workspace is in scope.');
  else lines.push(...bullets(hits));
  return lines.join('\n');
}

function resolutions(index: WorkspaceIndex, scope: readonly PodTemplate[], value: string | number, protocol: Protocol): string[] {
  return scope.map((tpl) => {
    const found = containerPortsFor(tpl, value, protocol);
    if (found.length > 0) return `${resourceLink(index, tpl.resource)}: ${found.map((h) => code(`${h.port.containerPort}`)).join(', ')} (container ${code(found[0]!.container)})`;
    return typeof value === 'string' ? `✗ ${resourceLink(index, tpl.resource)}: no container port named ${code(value)} (the rule opens nothing there)` : `${resourceLink(index, tpl.resource)}: not declared in containerPorts`;
  });
}

export function tlsSecretHover(index: WorkspaceIndex, t: Target<'tls-secret'>): string {
  const ns = t.resource.namespace;
  const secret = index.find('Secret', ns, t.name)[0];
  if (secret) return `TLS Secret → ${resourceLink(index, secret)}${secret.value['type'] === 'kubernetes.io/tls' ? ' · type `kubernetes.io/tls`' : ''}`;
  const made = factsFor(index).secretNamesIn(ns).has(t.name);
  return made
    ? `TLS Secret ${code(t.name)} in ${code(ns)} is created by another resource in the workspace (a Certificate, SealedSecret or ExternalSecret).`
    : `No Secret ${code(t.name)} in namespace ${code(ns)} in the workspace (it may be created in the cluster).`;
}

export function ingressClassHover(index: WorkspaceIndex, t: Target<'ingress-class'>): string {
  const cls = index.find('IngressClass', '', t.name)[0];
  if (!cls) return `No IngressClass ${code(t.name)} in the workspace (it may be installed with the controller).`;
  const controller = asString(getAt(cls.value, ['spec', 'controller']));
  const isDefault = cls.annotations['ingressclass.kubernetes.io/is-default-class'] === 'true';
  return `IngressClass → ${resourceLink(index, cls)}${controller ? ` · controller ${code(controller)}` : ''}${isDefault ? ' · default class' : ''}`;
}
