// Pod templates of workloads: labels, containers, ports and env, with their paths.

import type { Container, ContainerPort, EnvVar, JsonPath, PodTemplate, Protocol, Resource } from './types';
import { asArray, asNumber, asRecord, asString, getAt, scalarString, stringMap } from './values';
import { WORKLOAD_TEMPLATE_PATHS } from './kinds';

export function normalizeProtocol(v: unknown): Protocol {
  return v === 'UDP' || v === 'SCTP' ? v : 'TCP';
}

/** The pod template of a Pod or workload resource; undefined for other kinds. */
export function podTemplateOf(resource: Resource): PodTemplate | undefined {
  const base = resource.basePath;
  let templateRel: readonly string[];
  let metadata: unknown;
  let podSpec: unknown;
  if (resource.kind === 'Pod') {
    templateRel = [];
    metadata = resource.value['metadata'];
    podSpec = resource.value['spec'];
  } else {
    const rel = WORKLOAD_TEMPLATE_PATHS[resource.kind];
    if (!rel) return undefined;
    templateRel = rel;
    const template = getAt(resource.value, rel);
    metadata = asRecord(template)?.['metadata'];
    podSpec = asRecord(template)?.['spec'];
  }
  const templatePath: JsonPath = [...base, ...templateRel];
  const specPath: JsonPath = [...templatePath, 'spec'];
  const spec = asRecord(podSpec) ?? {};
  const containers: Container[] = [
    ...readContainers(spec['containers'], [...specPath, 'containers'], false),
    ...readContainers(spec['initContainers'], [...specPath, 'initContainers'], true),
  ];
  return {
    resource,
    namespace: resource.namespace,
    labels: stringMap(asRecord(metadata)?.['labels']),
    containers,
    templatePath,
    labelsPath: [...templatePath, 'metadata', 'labels'],
    replicas: replicasOf(resource),
    hostNetwork: spec['hostNetwork'] === true,
  };
}

function replicasOf(resource: Resource): number {
  if (resource.kind === 'Pod' || resource.kind === 'DaemonSet' || resource.kind === 'CronJob') return 1;
  const spec = asRecord(resource.value['spec']);
  if (resource.kind === 'Job') return asNumber(spec?.['parallelism']) ?? 1;
  return asNumber(spec?.['replicas']) ?? 1;
}

function readContainers(raw: unknown, path: JsonPath, init: boolean): Container[] {
  return asArray(raw).flatMap((c, i) => {
    const container = asRecord(c);
    if (!container) return [];
    const containerPath = [...path, i];
    return [
      {
        name: asString(container['name']) ?? '',
        ports: readPorts(container['ports'], [...containerPath, 'ports']),
        env: readEnv(container['env'], [...containerPath, 'env']),
        path: containerPath,
        init,
      },
    ];
  });
}

function readPorts(raw: unknown, path: JsonPath): ContainerPort[] {
  return asArray(raw).flatMap((p, i) => {
    const port = asRecord(p);
    const number = asNumber(port?.['containerPort']);
    if (!port || number === undefined) return [];
    const name = asString(port['name']);
    return [{ ...(name ? { name } : {}), containerPort: number, protocol: normalizeProtocol(port['protocol']), path: [...path, i] }];
  });
}

function readEnv(raw: unknown, path: JsonPath): EnvVar[] {
  return asArray(raw).flatMap((e, i) => {
    const env = asRecord(e);
    const name = asString(env?.['name']);
    const value = scalarString(env?.['value']);
    if (!env || name === undefined || value === undefined) return [];
    return [{ name, value, path: [...path, i] }];
  });
}
