// The same object (kind, namespace, name) defined twice in files deployed together: the last one applied wins.

import type { ResourceCheck } from '../types';
import { factsFor } from '../facts';
import { deployedTogether } from '../appliedTogether';
import type { Resource } from '../../model/types';

function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Same API group, where the old `extensions` group stands for those its kinds moved to. */
function sameGroup(a: Resource, b: Resource): boolean {
  const ga = apiGroup(a.apiVersion);
  const gb = apiGroup(b.apiVersion);
  return ga === gb || ga === 'extensions' || gb === 'extensions';
}

function describe(r: Resource): string {
  const file = r.uri.slice(r.uri.lastIndexOf('/') + 1);
  return `${file}${r.docIndex > 0 ? ` (document ${r.docIndex + 1})` : ''}`;
}

export const duplicateResource: ResourceCheck = {
  meta: {
    id: 'duplicate-resource',
    defaultSeverity: 'warning',
    summary: 'The same kind, namespace and name is defined twice; one definition silently replaces the other.',
  },
  check(resource, { index }) {
    if (!resource.name) return [];
    const patches = factsFor(index).kustomizePatchUris();
    if (patches.has(resource.uri)) return [];
    const others = index
      .find(resource.kind, resource.namespace, resource.name)
      .filter((r) => r !== resource && sameGroup(r, resource) && !patches.has(r.uri) && deployedTogether(r.uri, resource.uri));
    if (others.length === 0) return [];
    const scope = resource.namespace ? ` in namespace '${resource.namespace}'` : '';
    return [
      {
        message: `${resource.kind} '${resource.name}'${scope} is also defined in ${others.map(describe).join(', ')}; applying both keeps only one.`,
        path: [...resource.basePath, 'metadata', 'name'],
        target: 'value',
      },
    ];
  },
};
