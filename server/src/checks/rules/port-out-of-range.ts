// Port numbers must be integers from 1 to 65535: Service port and numeric targetPort, container
// and host ports, NetworkPolicy ports and endPorts, Ingress backend port numbers. The schema only
// knows they are integers. nodePorts have their own rule (nodeport-out-of-range), and an endPort
// below its port is netpol-endport-invalid's.

import type { CheckFinding, ResourceCheck } from '../types';
import type { JsonPath, Resource } from '../../model/types';
import { asArray, asRecord, getAt } from '../../model/values';
import { WORKLOAD_TEMPLATE_PATHS } from '../../model/kinds';
import { ingressOf } from '../facts';
import { isBuiltIn, isPortOutOfRange, MAX_PORT, MIN_PORT } from '../apiSyntax';

function finding(value: number, path: JsonPath, what: string): CheckFinding {
  return { message: `${what} ${value} is outside ${MIN_PORT}–${MAX_PORT}.`, path, target: 'value' };
}

/** Checks the listed integer fields of a mapping. */
function fields(raw: unknown, path: JsonPath, names: Readonly<Record<string, string>>): CheckFinding[] {
  const entry = asRecord(raw);
  if (!entry) return [];
  return Object.entries(names).flatMap(([key, what]) => (isPortOutOfRange(entry[key]) ? [finding(entry[key] as number, [...path, key], what)] : []));
}

function servicePorts(resource: Resource): CheckFinding[] {
  const path = [...resource.basePath, 'spec', 'ports'];
  return asArray(getAt(resource.value, ['spec', 'ports'])).flatMap((p, i) => fields(p, [...path, i], { port: 'port', targetPort: 'targetPort' }));
}

function containerPorts(resource: Resource): CheckFinding[] {
  const templateRel = resource.kind === 'Pod' ? [] : WORKLOAD_TEMPLATE_PATHS[resource.kind];
  if (!templateRel) return [];
  const specRel = [...templateRel, 'spec'];
  const spec = asRecord(getAt(resource.value, specRel));
  if (!spec) return [];
  const out: CheckFinding[] = [];
  for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
    asArray(spec[list]).forEach((c, i) => {
      const portsPath = [...resource.basePath, ...specRel, list, i, 'ports'];
      asArray(asRecord(c)?.['ports']).forEach((p, j) => {
        // hostPort 0 means "no host port".
        const hostPort = asRecord(p)?.['hostPort'];
        out.push(...fields(p, [...portsPath, j], hostPort === 0 ? { containerPort: 'containerPort' } : { containerPort: 'containerPort', hostPort: 'hostPort' }));
      });
    });
  }
  return out;
}

function policyPorts(resource: Resource): CheckFinding[] {
  const specPath = [...resource.basePath, 'spec'];
  const spec = asRecord(resource.value['spec']);
  if (!spec) return [];
  const out: CheckFinding[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    asArray(spec[direction]).forEach((rule, i) => {
      asArray(asRecord(rule)?.['ports']).forEach((p, j) => {
        const entry = asRecord(p);
        if (!entry) return;
        const path = [...specPath, direction, i, 'ports', j];
        const port = entry['port'];
        const endPort = entry['endPort'];
        if (isPortOutOfRange(port)) out.push(finding(port, [...path, 'port'], 'port'));
        // An endPort below its port is reported by netpol-endport-invalid.
        const belowPort = typeof port === 'number' && typeof endPort === 'number' && endPort < port;
        if (isPortOutOfRange(endPort) && !belowPort) out.push(finding(endPort, [...path, 'endPort'], 'endPort'));
      });
    });
  }
  return out;
}

function ingressPorts(resource: Resource): CheckFinding[] {
  const ingress = ingressOf(resource);
  return [...ingress.paths.map((p) => p.backend), ingress.defaultBackend].flatMap((b) =>
    b && isPortOutOfRange(b.port) ? [finding(b.port, b.portPath, 'Backend port')] : [],
  );
}

function check(resource: Resource): CheckFinding[] {
  if (!isBuiltIn(resource)) return [];
  switch (resource.kind) {
    case 'Service':
      return servicePorts(resource);
    case 'NetworkPolicy':
      return policyPorts(resource);
    case 'Ingress':
      return ingressPorts(resource);
    default:
      return containerPorts(resource);
  }
}

export const portOutOfRange: ResourceCheck = {
  meta: {
    id: 'port-out-of-range',
    defaultSeverity: 'error',
    summary: 'A port number (Service port or targetPort, container or host port, policy port or endPort, Ingress backend port) is outside 1–65535; the API server rejects it.',
  },
  check,
};
