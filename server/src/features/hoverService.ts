// Hover on a Service's name: DNS names, the port chain to containers, an endpoints preview and a
// command to try it from inside the cluster.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { PodTemplate, Resource } from '../model/types';
import { asNumber, asString, getAt } from '../model/values';
import type { ServicePortView, ServiceView } from '../model/services';
import { formatSelector, mapSelector } from '../model/selectors';
import { bullets, code, inline, plural, resourceLink } from './markdown';
import { containerPortsFor, serviceDnsNames, serviceOf, targetOf, templatesOfService } from './services';
import { podCount, workloadLine } from './hoverSelector';

export function serviceHover(index: WorkspaceIndex, service: Resource, clusterDomain: string): string {
  const view = serviceOf(service);
  const ns = service.namespace;
  const headless = view.clusterIP === 'None';
  const lines = [`**Service ${ns}/${service.name}** · ${view.type}${headless ? ' · headless' : ''}`, ''];

  if (view.type === 'ExternalName') {
    lines.push(`DNS: ${code(`${service.name}.${ns}.svc.${clusterDomain}`)} is a CNAME for ${code(view.externalName ?? '(missing externalName)')}; no endpoints, no port mapping.`);
    return lines.join('\n');
  }

  lines.push('**DNS names**', ...bullets(serviceDnsNames(service.name, ns, clusterDomain).map((n, i) => `${code(n)}${i === 0 ? ' (from the same namespace)' : ''}`)));
  const templates = templatesOfService(index, view);
  if (headless) lines.push(...podDnsLines(service, templates, clusterDomain));

  lines.push('', view.selector ? `**Selects** ${code(formatSelector(mapSelector(view.selector)))}: ${selectionSummary(index, templates)}` : '**No selector**: endpoints come from Endpoints/EndpointSlice objects managed by hand.');
  if (view.ports.length > 0) lines.push('', '**Ports** (port → targetPort → container port)', ...view.ports.flatMap((p) => portChainLines(index, view, p, templates)));
  lines.push('', ...endpointsPreview(index, view, templates));
  lines.push('', ...tryItLines(view));
  return lines.join('\n');
}

function selectionSummary(index: WorkspaceIndex, templates: readonly PodTemplate[]): string {
  if (templates.length === 0) return '**no workload** in the workspace matches.';
  return `${plural(templates.length, 'workload')}, ${plural(podCount(templates), 'pod')}\n${bullets(templates.map((t) => workloadLine(index, t))).join('\n')}`;
}

/** `80/TCP (http) → http → 8080 on Deployment shop/web (container app)`, one line per selected workload. */
export function portChainLines(index: WorkspaceIndex, view: ServiceView, port: ServicePortView, templates: readonly PodTemplate[]): string[] {
  const target = targetOf(port);
  const head = `${code(`${port.port ?? '?'}/${port.protocol}`)}${port.name ? ` (${port.name})` : ''}${port.nodePort ? ` · nodePort ${port.nodePort}` : ''} → targetPort ${code(String(target ?? '?'))}`;
  if (target === undefined) return [`- ${head}`];
  if (templates.length === 0) return [`- ${head}${view.selector ? ' → no selected pods' : ''}`];
  const hops = templates.map((t) => {
    const hits = containerPortsFor(t, target, port.protocol);
    if (hits.length > 0) return `${hits.map((h) => `${code(String(h.port.containerPort))} (container ${code(h.container)})`).join(', ')} on ${resourceLink(index, t.resource)}`;
    if (typeof target === 'string') return `✗ ${resourceLink(index, t.resource)} has no container port named ${code(target)}`;
    return `${code(String(target))} on ${resourceLink(index, t.resource)} (not declared in containerPorts; works if the process listens there)`;
  });
  if (hops.length === 1) return [`- ${head} → ${hops[0]}`];
  return [`- ${head} →`, ...bullets(hops).map((l) => `  ${l}`)];
}

function podDnsLines(service: Resource, templates: readonly PodTemplate[], clusterDomain: string): string[] {
  const sets = templates.filter((t) => t.resource.kind === 'StatefulSet' && asString(getAt(t.resource.value, ['spec', 'serviceName'])) === service.name);
  if (sets.length === 0) return [];
  const names: string[] = [];
  for (const t of sets) {
    const replicas = asNumber(getAt(t.resource.value, ['spec', 'replicas'])) ?? 1;
    for (let i = 0; i < Math.min(replicas, 5); i++) names.push(code(`${t.resource.name}-${i}.${service.name}.${service.namespace}.svc.${clusterDomain}`));
    if (replicas > 5) names.push(`… up to ${code(`${t.resource.name}-${replicas - 1}`)}`);
  }
  return ['', '**Pod DNS names** (headless Service of a StatefulSet)', ...bullets(names, 12)];
}

/** What `kubectl get endpoints` would list once the selected pods are ready. */
function endpointsPreview(index: WorkspaceIndex, view: ServiceView, templates: readonly PodTemplate[]): string[] {
  const name = view.resource.name;
  const header = `**Endpoints preview** (\`kubectl get endpoints ${name} -n ${view.resource.namespace}\` once pods are ready)`;
  if (!view.selector) return [header, manualEndpoints(index, view)];
  const entries: string[] = [];
  for (const t of templates) {
    const ports = view.ports.flatMap((p) => {
      const target = targetOf(p);
      if (target === undefined) return [];
      if (typeof target === 'number') return [target];
      return containerPortsFor(t, target, p.protocol).map((h) => h.port.containerPort);
    });
    const unique = [...new Set(ports)];
    const pods = `<${t.resource.kind} ${t.resource.name} pod${t.replicas === 1 ? '' : ` ×${t.replicas}`}>`;
    entries.push(unique.length > 0 ? unique.map((p) => `${pods}:${p}`).join(',') : pods);
  }
  const endpoints = entries.length > 0 ? entries.join(',') : '<none>';
  const width = Math.max('NAME'.length, name.length) + 3;
  return [header, '```text', `${'NAME'.padEnd(width)}ENDPOINTS`, `${name.padEnd(width)}${endpoints}`, '```'];
}

function manualEndpoints(index: WorkspaceIndex, view: ServiceView): string {
  const ns = view.resource.namespace;
  const objects = [
    ...index.find('Endpoints', ns, view.resource.name),
    ...index.resourcesOfKind('EndpointSlice').filter((s) => s.namespace === ns && s.labels['kubernetes.io/service-name'] === view.resource.name),
  ];
  if (objects.length === 0) return 'No selector and no Endpoints or EndpointSlice object of that name in the workspace: the Service has no endpoints.';
  return `From ${inline(objects.map((o) => resourceLink(index, o)))}.`;
}

const HTTP_PORTS = new Set([80, 443, 3000, 5000, 8000, 8080, 8443, 8888, 9090]);

/** An HTTP-looking port gets `wget`; another TCP port `nc -z`; no TCP port a DNS lookup. */
function tryItLines(view: ServiceView): string[] {
  const host = `${view.resource.name}.${view.resource.namespace}`;
  const run = `kubectl run tmp --rm -it --image=busybox --restart=Never -n ${view.resource.namespace} --`;
  const tcp = view.ports.filter((p) => p.protocol === 'TCP' && p.port !== undefined);
  const http = tcp.find((p) => HTTP_PORTS.has(p.port!) || /http|web/.test(p.name ?? ''));
  const command = http
    ? `${run} wget -qO- http://${host}:${http.port}`
    : tcp[0]
      ? `${run} nc -zv -w 3 ${host} ${tcp[0].port}`
      : `${run} nslookup ${host}`;
  return ['**Try it** from a pod in the cluster:', '```sh', command, '```'];
}
