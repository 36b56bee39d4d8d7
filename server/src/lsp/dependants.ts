// Which other files' diagnostics may change when one file changes. Rules read across files
// (a Service in a.yaml selects pods in b.yaml), mostly within one namespace, so every file
// sharing a namespace with the change is re-checked. Some rules read cluster-wide:
// - NetworkPolicy peers: namespaceSelectors reach workloads and Namespace labels anywhere;
// - Services: nodePort clashes between any two Services;
// - Ingresses: host/path conflicts between any two Ingresses, "does the workspace define Secrets";
// - a cluster-scoped resource (IngressClass, …) can matter to any namespace.
// Over-approximating only costs background work; missing a dependant leaves a stale diagnostic.

import type { ChangeSummary, WorkspaceIndex } from '../index/workspaceIndex';
import { isWorkloadKind } from '../model/kinds';

/** For a changed kind: the kinds whose files are re-checked in every namespace. */
const CLUSTER_WIDE_READERS: Readonly<Record<string, readonly string[]>> = {
  Service: ['Service', 'Ingress'],
  Ingress: ['Ingress'],
  Secret: ['Ingress'],
  Namespace: ['NetworkPolicy'],
  NetworkPolicy: ['NetworkPolicy'],
};

function readersOf(kinds: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const kind of kinds) {
    for (const reader of CLUSTER_WIDE_READERS[kind] ?? []) out.add(reader);
    if (isWorkloadKind(kind)) out.add('NetworkPolicy');
  }
  return out;
}

export function dependantsOf(index: WorkspaceIndex, change: ChangeSummary): string[] {
  if (change.namespaces.size === 0 && change.kinds.size === 0) return [];
  const everything = change.namespaces.has('');
  const readers = readersOf(change.kinds);
  const out: string[] = [];
  for (const file of index.allFiles()) {
    if (file.uri === change.uri || file.status !== 'kubernetes') continue;
    const affected =
      everything ||
      file.resources.some(
        (r) => change.namespaces.has(r.namespace) || (r.kind === 'Namespace' && change.namespaces.has(r.name)) || readers.has(r.kind),
      );
    if (affected) out.push(file.uri);
  }
  return out;
}
