// A typed view of a Service manifest: type, selector and ports, each with its JSON path.

import type { JsonPath, Protocol, Resource } from './types';
import { asArray, asNumber, asRecord, asString, scalarString } from './values';
import { normalizeProtocol } from './workloads';

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export interface ServicePortView {
  /** Position in spec.ports. */
  index: number;
  name?: string;
  port?: number;
  /** Number, name, or undefined when omitted (then it equals `port`). */
  targetPort?: number | string;
  nodePort?: number;
  protocol: Protocol;
  /** Path of this spec.ports[] entry, relative to the document root. */
  path: JsonPath;
}

export interface ServiceView {
  resource: Resource;
  /** spec.type as written; 'ClusterIP' when omitted. Unknown strings are kept for diagnostics. */
  type: ServiceType | string;
  /** spec.selector with string-coerced values; undefined when absent or not a mapping. */
  selector?: Record<string, string>;
  specPath: JsonPath;
  selectorPath: JsonPath;
  /** spec.clusterIP as written ('None' for headless). */
  clusterIP?: string;
  externalName?: string;
  /** The raw spec.externalName, which may be a non-string. */
  externalNameRaw?: unknown;
  loadBalancerIP?: string;
  ports: ServicePortView[];
}

export function serviceView(resource: Resource): ServiceView {
  const specPath: JsonPath = [...resource.basePath, 'spec'];
  const spec = asRecord(resource.value['spec']) ?? {};
  const rawSelector = asRecord(spec['selector']);
  let selector: Record<string, string> | undefined;
  if (rawSelector) {
    selector = {};
    for (const [k, v] of Object.entries(rawSelector)) {
      const s = scalarString(v);
      if (s !== undefined) selector[k] = s;
    }
  }
  const ports = asArray(spec['ports']).flatMap((raw, index): ServicePortView[] => {
    const p = asRecord(raw);
    if (!p) return [];
    const target = p['targetPort'];
    const name = asString(p['name']);
    const port = asNumber(p['port']);
    // nodePort 0 means "not set": Kubernetes allocates one.
    const nodePort = asNumber(p['nodePort']) || undefined;
    // A quoted number stays a string: the API reads it as a port name (and rejects it).
    const targetPort = typeof target === 'number' || typeof target === 'string' ? target : undefined;
    return [
      {
        index,
        ...(name !== undefined && name !== '' ? { name } : {}),
        ...(port !== undefined ? { port } : {}),
        ...(targetPort !== undefined ? { targetPort } : {}),
        ...(nodePort !== undefined ? { nodePort } : {}),
        protocol: normalizeProtocol(p['protocol']),
        path: [...specPath, 'ports', index],
      },
    ];
  });
  const type = asString(spec['type']) ?? 'ClusterIP';
  const clusterIP = asString(spec['clusterIP']);
  const externalName = asString(spec['externalName']);
  const loadBalancerIP = scalarString(spec['loadBalancerIP']);
  return {
    resource,
    type,
    ...(selector ? { selector } : {}),
    specPath,
    selectorPath: [...specPath, 'selector'],
    ...(clusterIP !== undefined ? { clusterIP } : {}),
    ...(externalName !== undefined ? { externalName } : {}),
    ...(spec['externalName'] !== undefined ? { externalNameRaw: spec['externalName'] } : {}),
    ...(loadBalancerIP !== undefined ? { loadBalancerIP } : {}),
    ports,
  };
}

/** A Service with a non-empty selector manages its endpoints from the pods it selects. */
export function hasPodSelector(service: ServiceView): service is ServiceView & { selector: Record<string, string> } {
  return service.selector !== undefined && Object.keys(service.selector).length > 0;
}
