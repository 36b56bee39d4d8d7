// A URL or host:port naming a Service on a port the Service does not expose.

import type { CheckFinding, ResourceCheck } from '../types';
import { factsFor, templateOf } from '../facts';
import { envServiceReferences } from '../envReferences';
import { mapSelector } from '../../model/selectors';
import { hasPodSelector, type ServiceView } from '../../model/services';
import type { WorkspaceIndex } from '../../index/workspaceIndex';
import { templatesSelectedBy } from '../podMatch';

/**
 * Ports a client may use with this name: the Service's ports, and for a headless Service (whose
 * name resolves to pod IPs) the pods' container ports and numeric targetPorts.
 */
function reachablePorts(index: WorkspaceIndex, service: ServiceView, podAddressed: boolean): Set<number> {
  const out = new Set<number>();
  for (const p of service.ports) if (p.port !== undefined) out.add(p.port);
  if (service.clusterIP === 'None' || podAddressed) {
    for (const p of service.ports) if (typeof p.targetPort === 'number') out.add(p.targetPort);
    if (hasPodSelector(service)) {
      for (const t of templatesSelectedBy(index, mapSelector(service.selector), service.resource.namespace)) {
        for (const c of t.containers) for (const p of c.ports) out.add(p.containerPort);
      }
    }
  }
  return out;
}

export const envServicePortMismatch: ResourceCheck = {
  meta: {
    id: 'env-service-port-mismatch',
    defaultSeverity: 'warning',
    summary: 'A URL or host:port in an env value uses a port that the named Service does not expose.',
  },
  check(resource, { index, settings }) {
    const template = templateOf(resource);
    if (!template) return [];
    const facts = factsFor(index);
    const out: CheckFinding[] = [];
    for (const r of envServiceReferences(template, facts, facts.clusterDomain(settings))) {
      const port = r.mention.port;
      if (port === undefined || r.targets.length === 0) continue;
      if (r.targets.some((s) => s.type === 'ExternalName' || s.ports.length === 0)) continue;
      const podAddressed = r.ref.podHostname !== undefined;
      const allowed = new Set(r.targets.flatMap((s) => [...reachablePorts(index, s, podAddressed)]));
      if (allowed.has(port)) continue;
      const servicePorts = [...new Set(r.targets.flatMap((s) => s.ports.flatMap((p) => (p.port !== undefined ? [p.port] : []))))];
      const how = r.mention.portExplicit ? `port ${port}` : `port ${port} (the default for ${r.mention.scheme}://)`;
      out.push({
        message: `${r.env.name} uses ${how} of Service '${r.ref.service}', which exposes ${servicePorts.join(', ')}.`,
        path: [...r.env.path, 'value'],
        target: 'value',
        data: { ports: servicePorts },
      });
    }
    return out;
  },
};
