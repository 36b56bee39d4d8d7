// A namespace whose workloads no default-deny policy isolates accepts traffic from everywhere.
// Reported once per namespace, on its Namespace object or else on its first workload.

import type { ResourceCheck } from '../types';
import { factsFor } from '../facts';
import { WORKLOAD_TEMPLATE_PATHS } from '../../model/kinds';

/** System namespaces are managed by the cluster's own components. */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export const namespaceNoDefaultDeny: ResourceCheck = {
  meta: {
    id: 'namespace-no-default-deny',
    defaultSeverity: 'off',
    enabledSeverity: 'hint',
    summary: 'A namespace with workloads has no default-deny NetworkPolicy (an empty podSelector isolating ingress). Off by default.',
  },
  kinds: ['Namespace', 'Pod', ...Object.keys(WORKLOAD_TEMPLATE_PATHS)],
  check(resource, { index }) {
    const namespace = resource.kind === 'Namespace' ? resource.name : resource.namespace;
    if (!namespace || SYSTEM_NAMESPACES.has(namespace)) return [];
    const facts = factsFor(index);
    if (facts.namespaceAnchor(namespace) !== resource || facts.hasDefaultDeny(namespace)) return [];
    const path =
      resource.kind === 'Namespace' || !resource.namespaceExplicit
        ? [...resource.basePath, 'metadata', 'name']
        : [...resource.basePath, 'metadata', 'namespace'];
    return [
      {
        message: `Namespace '${namespace}' has workloads but no default-deny NetworkPolicy: every pod accepts traffic from anywhere.`,
        path,
        target: 'value',
        data: { namespace },
      },
    ];
  },
};
