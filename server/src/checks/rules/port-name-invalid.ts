// Port names as the API server validates them: IANA_SVC_NAME for container, target, policy and
// Ingress backend port names; a DNS-1123 label for a Service's own port names.

import type { CheckFinding, ResourceCheck } from '../types';
import { ingressOf, policyOf, serviceOf, templateOf } from '../facts';
import { dnsLabelProblem, ianaSvcNameProblem } from '../../model/dns';
import { isWorkloadKind } from '../../model/kinds';
import type { JsonPath, Resource } from '../../model/types';

function ianaFinding(name: string, path: JsonPath, what: string): CheckFinding[] {
  const problem = ianaSvcNameProblem(name);
  if (!problem) return [];
  return [{ message: `${what} '${name}' is not a valid port name: it ${problem} (IANA_SVC_NAME: at most 15 lowercase letters, digits and single '-', with a letter).`, path, target: 'value' }];
}

function check(resource: Resource): CheckFinding[] {
  if (resource.kind === 'Service') {
    const service = serviceOf(resource);
    return service.ports.flatMap((p) => {
      const out: CheckFinding[] = [];
      if (p.name !== undefined) {
        const problem = dnsLabelProblem(p.name);
        if (problem) out.push({ message: `Service port name '${p.name}' is not a DNS label: it ${problem}.`, path: [...p.path, 'name'], target: 'value' });
      }
      if (typeof p.targetPort === 'string') out.push(...ianaFinding(p.targetPort, [...p.path, 'targetPort'], 'targetPort'));
      return out;
    });
  }
  if (resource.kind === 'Ingress') {
    const ingress = ingressOf(resource);
    const backends = [...ingress.paths.map((p) => p.backend), ingress.defaultBackend];
    return backends.flatMap((b) => (b && typeof b.port === 'string' ? ianaFinding(b.port, b.portPath, 'Backend port') : []));
  }
  if (resource.kind === 'NetworkPolicy') {
    const policy = policyOf(resource);
    return [...policy.ingress, ...policy.egress].flatMap((rule) =>
      rule.ports.flatMap((p) => (typeof p.port === 'string' ? ianaFinding(p.port, [...p.path, 'port'], 'Policy port') : [])),
    );
  }
  if (isWorkloadKind(resource.kind)) {
    const template = templateOf(resource);
    return (template?.containers ?? []).flatMap((c) => c.ports.flatMap((p) => (p.name !== undefined ? ianaFinding(p.name, [...p.path, 'name'], 'Container port name') : [])));
  }
  return [];
}

export const portNameInvalid: ResourceCheck = {
  meta: {
    id: 'port-name-invalid',
    defaultSeverity: 'error',
    summary: 'A port name is not valid: container, target, policy and Ingress port names must be IANA_SVC_NAMEs, Service port names DNS labels.',
  },
  check,
};
