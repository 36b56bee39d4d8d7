// The serialisable world input: built by the server from indexed resources, turned back into a
// policy world by whoever evaluates (the panel, the edit proposals, tests). One conversion each way,
// so "current" and "saved" states are built the same and compare cell for cell.

import type { PodTemplate, Resource } from '../model/types';
import { isNetworkPolicy } from '../policy/normalize';
import { buildPolicyWorld, type PolicyWorld } from '../policy/world';
import type { PanelWorkload, PanelWorldInput } from './protocol';

/** What one file contributes: its resources and the pod templates among them. */
export interface FileResources {
  resources: readonly Resource[];
  templates: readonly PodTemplate[];
}

function workloadOf(t: PodTemplate): PanelWorkload {
  const ports: PanelWorkload['ports'] = [];
  for (const c of t.containers) {
    // Named ports resolve on serving containers only, as the evaluator does.
    if (c.init) continue;
    for (const p of c.ports) ports.push({ ...(p.name ? { name: p.name } : {}), port: p.containerPort, protocol: p.protocol });
  }
  const r = t.resource;
  return {
    namespace: t.namespace,
    kind: r.kind,
    name: r.name,
    labels: { ...t.labels },
    ports,
    hostNetwork: t.hostNetwork,
    source: { uri: r.uri, docIndex: r.docIndex, path: t.templatePath },
  };
}

/** A NetworkPolicy resource with only what the evaluator reads (spec, identity, location). */
function trimPolicy(r: Resource): Resource {
  return {
    uri: r.uri,
    docIndex: r.docIndex,
    basePath: r.basePath,
    apiVersion: r.apiVersion,
    kind: r.kind,
    name: r.name,
    namespace: r.namespace,
    namespaceExplicit: r.namespaceExplicit,
    labels: {},
    annotations: {},
    value: r.value['spec'] === undefined ? {} : { spec: r.value['spec'] },
    range: r.range,
  };
}

export function panelWorldInput(files: Iterable<FileResources>): PanelWorldInput {
  const input: PanelWorldInput = { workloads: [], namespaces: [], policies: [] };
  for (const file of files) {
    for (const t of file.templates) input.workloads.push(workloadOf(t));
    for (const r of file.resources) {
      if (r.kind === 'Namespace' && r.name) input.namespaces.push({ name: r.name, labels: { ...r.labels } });
      else if (isNetworkPolicy(r)) input.policies.push(trimPolicy(r));
    }
  }
  return input;
}

/** The pod template the world builder expects, rebuilt from a transported workload. */
function templateOf(w: PanelWorkload): PodTemplate {
  const resource: Resource = {
    uri: w.source.uri,
    docIndex: w.source.docIndex,
    basePath: [],
    apiVersion: '',
    kind: w.kind,
    name: w.name,
    namespace: w.namespace,
    namespaceExplicit: true,
    labels: {},
    annotations: {},
    value: {},
    range: { start: 0, end: 0 },
  };
  return {
    resource,
    namespace: w.namespace,
    labels: w.labels,
    containers: [
      {
        name: '',
        ports: w.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), containerPort: p.port, protocol: p.protocol, path: [] })),
        env: [],
        path: [],
        init: false,
      },
    ],
    templatePath: w.source.path,
    labelsPath: [],
    replicas: 1,
    hostNetwork: w.hostNetwork,
  };
}

export function worldFromPanelInput(input: PanelWorldInput): PolicyWorld {
  return buildPolicyWorld({ templates: input.workloads.map(templateOf), namespaces: input.namespaces, policies: input.policies });
}
