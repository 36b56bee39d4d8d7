// From model positions (resource, JSON path) to locations and markdown links.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { JsonPath, OffsetRange, PodTemplate, Resource } from '../model/types';
import { resolvePath, type PathTarget } from '../model/ranges';
import type { Location } from './types';

/** The resource of a file whose document and base path contain `path`. */
export function resourceAt(index: WorkspaceIndex, uri: string, docIndex: number, path: JsonPath): Resource | undefined {
  const file = index.getFile(uri);
  if (!file) return undefined;
  let best: Resource | undefined;
  for (const r of file.resources) {
    if (r.docIndex !== docIndex || !isPrefix(r.basePath, path)) continue;
    if (!best || r.basePath.length > best.basePath.length) best = r;
  }
  return best;
}

export function isPrefix(prefix: JsonPath, path: JsonPath): boolean {
  if (prefix.length > path.length) return false;
  return prefix.every((seg, i) => seg === path[i]);
}

/** `path` relative to the resource object (without its `items[i]` prefix). */
export function relativePath(resource: Resource, path: JsonPath): JsonPath {
  return path.slice(resource.basePath.length);
}

/** The range of a path in a file; the resource's own range when the path cannot be resolved. */
export function pathRange(index: WorkspaceIndex, uri: string, docIndex: number, path: JsonPath, target: PathTarget = 'value'): OffsetRange | undefined {
  const doc = index.documents(uri)?.[docIndex];
  if (!doc) return undefined;
  const resolved = resolvePath(doc, path, target);
  if (!resolved?.exact) return undefined;
  // Block nodes end after their line break: a location ends with its text.
  const text = index.getFile(uri)?.text ?? '';
  let end = resolved.range.end;
  while (end > resolved.range.start && /\s/.test(text[end - 1] ?? '')) end--;
  return { start: resolved.range.start, end };
}

export function pathLocation(index: WorkspaceIndex, resource: Resource, relPath: JsonPath, target: PathTarget = 'value'): Location {
  const range = pathRange(index, resource.uri, resource.docIndex, [...resource.basePath, ...relPath], target);
  return { uri: resource.uri, range: range ?? resource.range };
}

/** Where a resource is named: its metadata.name value. */
export function nameLocation(index: WorkspaceIndex, resource: Resource): Location {
  return pathLocation(index, resource, ['metadata', 'name']);
}

/** Where a pod template's labels are written (the `labels:` key), else its workload's name. */
export function templateLocation(index: WorkspaceIndex, template: PodTemplate): Location {
  const r = template.resource;
  const range = pathRange(index, r.uri, r.docIndex, template.labelsPath, 'key');
  return range ? { uri: r.uri, range } : nameLocation(index, r);
}

/** `Kind namespace/name`, or `Kind name` for cluster-scoped kinds. */
export function displayName(resource: Resource): string {
  const name = resource.name || '(unnamed)';
  return resource.namespace ? `${resource.kind} ${resource.namespace}/${name}` : `${resource.kind} ${name}`;
}

/** The index's pod template of a workload resource (the same object the index's queries return). */
export function templateOfResource(index: WorkspaceIndex, resource: Resource): PodTemplate | undefined {
  return index.getFile(resource.uri)?.templates.find((t) => t.resource === resource);
}

/** Above this many targets, locations point at each resource's first line instead of re-parsing every file. */
export const PRECISE_LOCATION_LIMIT = 25;

/** The first line of a resource: known from the index, no re-parse needed. */
export function resourceStart(index: WorkspaceIndex, resource: Resource): Location {
  const text = index.getFile(resource.uri)?.text ?? '';
  const start = resource.range.start;
  const lineEnd = text.indexOf('\n', start);
  return { uri: resource.uri, range: { start, end: lineEnd < 0 ? text.length : lineEnd } };
}

/** Precise locations for a few targets; first lines for many (each precise one may parse a file). */
export function locationsOf<T>(index: WorkspaceIndex, items: readonly T[], precise: (item: T) => Location, resourceOf: (item: T) => Resource, limit = PRECISE_LOCATION_LIMIT): Location[] {
  return items.length <= limit ? items.map(precise) : items.map((item) => resourceStart(index, resourceOf(item)));
}
