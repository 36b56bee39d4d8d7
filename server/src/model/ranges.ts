// JSON path ↔ source range over parsed YAML documents.

import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { JsonPath, OffsetRange } from './types';

export function nodeRange(node: unknown): OffsetRange | undefined {
  const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return r ? { start: r[0], end: r[1] } : undefined;
}

/** Where on a path to point: the mapping key, the value, or key through value. */
export type PathTarget = 'key' | 'value' | 'entry';

export interface ResolvedPath {
  range: OffsetRange;
  /** True when the whole path exists; false when the range is that of the deepest existing ancestor. */
  exact: boolean;
  /** Length of the path prefix that was found. */
  depth: number;
}

/**
 * Resolves a path to a range. A missing tail is "ranged at the edge": the key of the deepest
 * existing ancestor, so a finding about a missing field points at its parent's key.
 */
export function resolvePath(doc: Document, path: JsonPath, target: PathTarget = 'value'): ResolvedPath | undefined {
  let node: unknown = doc.contents;
  let lastPair: Pair | undefined;
  let lastItem: unknown;
  for (let depth = 0; depth < path.length; depth++) {
    const seg = path[depth]!;
    const step = childOf(doc, node, seg);
    if (!step) {
      const edge = (lastPair && nodeRange(lastPair.key)) ?? nodeRange(lastItem) ?? nodeRange(doc.contents);
      return edge ? { range: edge, exact: false, depth } : undefined;
    }
    lastPair = step.pair;
    lastItem = step.node;
    node = step.node;
  }
  const keyRange = lastPair ? nodeRange(lastPair.key) : undefined;
  // `key:` with no value gets an empty value node after the colon: point at the key instead.
  const rawValueRange = nodeRange(node);
  const valueRange = rawValueRange && rawValueRange.start === rawValueRange.end && keyRange ? undefined : rawValueRange;
  let range: OffsetRange | undefined;
  if (target === 'key') range = keyRange ?? valueRange;
  else if (target === 'entry') range = keyRange && valueRange ? { start: keyRange.start, end: valueRange.end } : (keyRange ?? valueRange);
  else range = valueRange ?? keyRange;
  // A key with no value (`selector:`) has no value node: point at the key.
  if (!range) return undefined;
  return { range, exact: true, depth: path.length };
}

interface Step {
  node: unknown;
  pair?: Pair;
}

function childOf(doc: Document, parent: unknown, seg: string | number): Step | undefined {
  const resolved = isAlias(parent) ? parent.resolve(doc) : parent;
  if (typeof seg === 'number') {
    if (!isSeq(resolved)) return undefined;
    const item = resolved.items[seg];
    return item === undefined ? undefined : { node: item };
  }
  if (!isMap(resolved)) return undefined;
  for (const pair of resolved.items) {
    if (keyString(pair.key) === seg) {
      // `key:` with no value: the pair exists; its value node is null.
      return { node: pair.value ?? pair.key, pair };
    }
  }
  // Merge keys: the field may come from an anchored mapping.
  for (const pair of resolved.items) {
    if (keyString(pair.key) === '<<') {
      const source = isAlias(pair.value) ? pair.value.resolve(doc) : pair.value;
      const found = childOf(doc, source, seg);
      if (found) return found;
    }
  }
  return undefined;
}

function keyString(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  // With `merge: true`, yaml gives a `<<` key a symbol value.
  if (typeof key.value === 'symbol') return '<<';
  return key.value === null ? '' : String(key.value);
}

export interface PathAtOffset {
  docIndex: number;
  path: JsonPath;
  /** The cursor is on a mapping key (not its value). */
  onKey: boolean;
  /** Range of the scalar (or node) under the cursor. */
  range: OffsetRange;
  /** The scalar value under the cursor, when it is a scalar. */
  scalar?: unknown;
}

/** The document and JSON path under a cursor offset. */
export function pathAtOffset(documents: readonly Document[], offset: number): PathAtOffset | undefined {
  for (let docIndex = 0; docIndex < documents.length; docIndex++) {
    const doc = documents[docIndex]!;
    const r = doc.range;
    if (!r || offset < r[0] || offset > r[2]) continue;
    const path: JsonPath = [];
    const hit = descend(doc.contents, offset, path);
    if (hit) return { docIndex, path, ...hit };
  }
  return undefined;
}

function contains(node: unknown, offset: number): boolean {
  const r = nodeRange(node);
  return !!r && offset >= r.start && offset <= r.end;
}

function descend(node: unknown, offset: number, path: JsonPath): Omit<PathAtOffset, 'docIndex' | 'path'> | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = keyString(pair.key);
      if (key === undefined) continue;
      if (contains(pair.key, offset)) {
        path.push(key);
        return { onKey: true, range: nodeRange(pair.key)!, scalar: key };
      }
      if (pair.value !== null && contains(pair.value, offset)) {
        path.push(key);
        return descend(pair.value, offset, path) ?? leaf(pair.value as Node);
      }
    }
    return undefined;
  }
  if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i];
      if (contains(item, offset)) {
        path.push(i);
        return descend(item, offset, path) ?? leaf(item as Node);
      }
    }
    return undefined;
  }
  if (isScalar(node) || isAlias(node)) return leaf(node);
  return undefined;
}

function leaf(node: Node): Omit<PathAtOffset, 'docIndex' | 'path'> | undefined {
  const range = nodeRange(node);
  if (!range) return undefined;
  return { onKey: false, range, scalar: isScalar(node) ? node.value : undefined };
}
