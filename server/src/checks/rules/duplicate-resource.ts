// The same object (kind, namespace, name) defined twice in what is applied as one (a file, a
// kustomization's resources): the last definition applied wins.

import type { ResourceCheck } from '../types';
import { factsFor } from '../facts';
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

/**
 * Two plain manifest values are the same object definition (key order aside). Applying an exact
 * copy replaces nothing, so copies are not reported: only definitions that differ lose something.
 */
function sameDefinition(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameDefinition(v, b[i]));
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Number.isNaN(a) && Number.isNaN(b);
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const rb = b as Record<string, unknown>;
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && sameDefinition((a as Record<string, unknown>)[k], rb[k]));
}

/** Where the other definition is: "document 3 of this file", or "other.yaml (document 2)". */
function describe(r: Resource, from: Resource): string {
  if (r.uri === from.uri) return `document ${r.docIndex + 1} of this file`;
  const file = r.uri.slice(r.uri.lastIndexOf('/') + 1);
  return `${file}${r.docIndex > 0 ? ` (document ${r.docIndex + 1})` : ''}`;
}

export const duplicateResource: ResourceCheck = {
  meta: {
    id: 'duplicate-resource',
    defaultSeverity: 'warning',
    summary: 'The same kind, namespace and name is defined twice in one file or one kustomization; one definition silently replaces the other.',
  },
  check(resource, { index }) {
    if (!resource.name) return [];
    const facts = factsFor(index);
    const patches = facts.kustomizePatchUris();
    if (patches.has(resource.uri)) return [];
    // Copies in other files are often variants (per environment, per install mode): only objects
    // applied as one (one file, one kustomization) really replace each other, and only when they differ.
    const others = index
      .find(resource.kind, resource.namespace, resource.name)
      .filter((r) => r !== resource && sameGroup(r, resource) && !patches.has(r.uri) && facts.appliedAsOne(r.uri, resource.uri) && !sameDefinition(r.value, resource.value));
    if (others.length === 0) return [];
    const scope = resource.namespace ? ` in namespace '${resource.namespace}'` : '';
    return [
      {
        message: `${resource.kind} '${resource.name}'${scope} is also defined in ${others.map((o) => describe(o, resource)).join(', ')}; applying both keeps only one.`,
        path: [...resource.basePath, 'metadata', 'name'],
        target: 'value',
      },
    ];
  },
};
