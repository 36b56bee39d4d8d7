// Semantic tokens for references: Service names (Ingress backends, env values, StatefulSet
// serviceName) and named ports, marked resolved or not, so an editor can colour dangling ones apart.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { OffsetRange, Protocol, Resource } from '../model/types';
import { asArray, asRecord, getAt } from '../model/values';
import { normalizeProtocol } from '../model/workloads';
import { pathRange } from './locate';
import { namedPortScope } from './namedPorts';
import { isNetworkPolicy } from '../policy/normalize';
import { refNameRange, serviceRefsOf, textRangeInScalar } from './serviceRefs';
import { containerPortsFor, findServicePort, serviceOf, templatesOfService } from './services';
import { clusterDomainFor } from './settings';
import type { NavigationSettings, SemanticTokenResult } from './types';

export function semanticTokensFor(index: WorkspaceIndex, uri: string, settings?: NavigationSettings): SemanticTokenResult[] {
  const file = index.getFile(uri);
  if (!file || file.status !== 'kubernetes') return [];
  const clusterDomain = clusterDomainFor(index, settings);
  const out: SemanticTokenResult[] = [];
  const push = (range: OffsetRange | undefined, type: SemanticTokenResult['type'], resolved: boolean): void => {
    if (range && range.end > range.start) out.push({ range, type, resolved });
  };
  for (const r of file.resources) {
    for (const ref of serviceRefsOf(index, r, clusterDomain)) {
      push(refNameRange(index, ref), 'service', ref.target !== undefined);
      if (ref.port?.name !== undefined) {
        const resolved = ref.target !== undefined && findServicePort(serviceOf(ref.target), { name: ref.port.name }) !== undefined;
        push(textRangeInScalar(index, r, ref.port.relPath, 0, ref.port.name), 'port', resolved);
      }
    }
    if (r.kind === 'Service') serviceTargetPorts(index, r, push);
    if (isNetworkPolicy(r)) policyPorts(index, r, push);
  }
  return withoutOverlaps(out);
}

type Push = (range: OffsetRange | undefined, type: SemanticTokenResult['type'], resolved: boolean) => void;

/** A named targetPort resolves when every selected workload (at least one) has a container port of that name. */
function serviceTargetPorts(index: WorkspaceIndex, service: Resource, push: Push): void {
  const view = serviceOf(service);
  const templates = templatesOfService(index, view);
  for (const port of view.ports) {
    if (typeof port.targetPort !== 'string') continue;
    const name = port.targetPort;
    const resolved = templates.length > 0 && templates.every((t) => containerPortsFor(t, name, port.protocol).length > 0);
    push(textRangeInScalar(index, service, [...port.path.slice(service.basePath.length), 'targetPort'], 0, name), 'port', resolved);
  }
}

/** A named NetworkPolicy port resolves when some pod in the rule's scope has it. */
function policyPorts(index: WorkspaceIndex, policy: Resource, push: Push): void {
  for (const direction of ['ingress', 'egress'] as const) {
    asArray(getAt(policy.value, ['spec', direction])).forEach((rule, i) => {
      asArray(asRecord(rule)?.['ports']).forEach((entry, j) => {
        const e = asRecord(entry);
        const name = e?.['port'];
        if (typeof name !== 'string') return;
        const protocol: Protocol = normalizeProtocol(e?.['protocol']);
        const scope = namedPortScope(index, policy, direction, ['spec', direction, i]);
        const resolved = scope.some((t) => containerPortsFor(t, name, protocol).length > 0);
        const relPath = ['spec', direction, i, 'ports', j, 'port'];
        push(textRangeInScalar(index, policy, relPath, 0, name) ?? pathRange(index, policy.uri, policy.docIndex, [...policy.basePath, ...relPath]), 'port', resolved);
      });
    });
  }
}

function withoutOverlaps(tokens: SemanticTokenResult[]): SemanticTokenResult[] {
  tokens.sort((a, b) => a.range.start - b.range.start || b.range.end - a.range.end);
  const out: SemanticTokenResult[] = [];
  for (const t of tokens) {
    const last = out[out.length - 1];
    if (last && t.range.start < last.range.end) continue;
    out.push(t);
  }
  return out;
}
