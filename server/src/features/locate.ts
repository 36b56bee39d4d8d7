// From model positions (resource, JSON path) to locations and markdown links.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { JsonPath, OffsetRange, PodTemplate, Resource } from '../model/types';
import type { Document } from 'yaml';
import { resolvePath, type PathTarget } from '../model/ranges';
import { parseYamlDocuments } from '../model/parse';
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

/** Files larger than this are not parsed whole to locate one path: only the resource's own text is. */
const FRAGMENT_THRESHOLD = 64 * 1024;

/** The range of a path in a file; undefined when the path does not exist. */
export function pathRange(index: WorkspaceIndex, uri: string, docIndex: number, path: JsonPath, target: PathTarget = 'value'): OffsetRange | undefined {
  const file = index.getFile(uri);
  if (!file) return undefined;
  let range: OffsetRange | undefined;
  const resource = file.text.length > FRAGMENT_THRESHOLD ? resourceAt(index, uri, docIndex, path) : undefined;
  if (resource) {
    range = fragmentRange(file.text, resource, path.slice(resource.basePath.length), target);
  } else {
    const doc = index.documents(uri)?.[docIndex];
    const resolved = doc ? resolvePath(doc, path, target) : undefined;
    range = resolved?.exact ? resolved.range : undefined;
  }
  if (!range) return undefined;
  // Block nodes end after their line break: a location ends with its text.
  let end = range.end;
  while (end > range.start && /\s/.test(file.text[end - 1] ?? '')) end--;
  return { start: range.start, end };
}

const fragments = new Map<string, { text: string; doc: Document }>();
const FRAGMENT_CACHE = 64;

/**
 * Resolves a path inside one resource by parsing only that resource's text, indented as in the file
 * so the block structure holds. A big multi-document file costs one small parse, not a whole one.
 */
function fragmentRange(text: string, resource: Resource, relPath: JsonPath, target: PathTarget): OffsetRange | undefined {
  const { start, end } = resource.range;
  const lineStart = start > 0 ? text.lastIndexOf('\n', start - 1) + 1 : 0;
  const indent = start - lineStart;
  const key = `${resource.uri}#${start}`;
  let cached = fragments.get(key);
  if (!cached || cached.text !== text) {
    const doc = parseYamlDocuments(' '.repeat(indent) + text.slice(start, end))[0];
    if (!doc) return undefined;
    cached = { text, doc };
    fragments.set(key, cached);
    if (fragments.size > FRAGMENT_CACHE) fragments.delete(fragments.keys().next().value!);
  }
  const resolved = resolvePath(cached.doc, relPath, target);
  if (!resolved?.exact) return undefined;
  const shift = start - indent;
  return { start: resolved.range.start + shift, end: resolved.range.end + shift };
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
