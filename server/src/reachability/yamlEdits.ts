// Minimal text edits on a parsed YAML document: append to a sequence, add a key to a mapping,
// remove a sequence item. Block style keeps the surrounding indentation; flow style (and JSON files)
// gets JSON, which is valid in both. Every edit is an offset range into the unchanged text.

import { isMap, isScalar, isSeq, stringify, type Document, type Pair } from 'yaml';
import type { JsonPath } from '../model/types';
import type { TextEdit } from './textEdits';

export { applyEdits, type TextEdit } from './textEdits';

/** Kubernetes reads YAML 1.1: `yes`, `on`, `n` are booleans there, so such strings get quotes. */
const STRINGIFY = { version: '1.1', indent: 2, lineWidth: 0 } as const;

interface Located {
  node: unknown;
  /** The mapping pair holding the node, when its parent is a mapping. */
  pair?: Pair;
}

/** The node at a path (mapping keys and sequence indices). */
export function nodeAt(doc: Document, path: JsonPath): Located | undefined {
  let cur: Located = { node: doc.contents };
  for (const seg of path) {
    const parent = cur.node;
    if (typeof seg === 'number') {
      if (!isSeq(parent)) return undefined;
      const item = parent.items[seg];
      if (item === undefined) return undefined;
      cur = { node: item };
    } else {
      if (!isMap(parent)) return undefined;
      const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
      if (!pair) return undefined;
      cur = { node: pair.value, pair: pair as Pair };
    }
  }
  return cur;
}

function rangeOf(node: unknown): [number, number] | undefined {
  const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}

function isFlow(node: unknown): boolean {
  return (node as { flow?: boolean }).flow === true;
}

export function lineBreakOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** The offset after the line break that ends the line holding `offset - 1` (a node's end). */
function afterLine(text: string, end: number): number {
  if (end > 0 && text[end - 1] === '\n') return end;
  const nl = text.indexOf('\n', end);
  return nl < 0 ? text.length : nl + 1;
}

/** A block sequence item's `-` indicator, found before the item's content. */
function dashBefore(text: string, itemStart: number): number {
  let i = itemStart - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i--;
  return text[i] === '-' ? i : itemStart;
}

/** Block YAML lines for `value`, each prefixed, joined with the file's line break (trailing break included). */
function blockLines(value: unknown, prefixFirst: string, prefixRest: string, eol: string): string {
  const lines = stringify(value, STRINGIFY).replace(/\n$/, '').split('\n');
  return lines.map((l, i) => `${i === 0 ? prefixFirst : prefixRest}${l}`).join(eol) + eol;
}

/** Text inserted at the end of a line-oriented position: a line break first when the file lacks one there. */
function atLineEnd(text: string, at: number, body: string, eol: string): TextEdit {
  const needsBreak = at > 0 && text[at - 1] !== '\n';
  return { start: at, end: at, newText: needsBreak ? eol + body : body };
}

/** Appends an item to the sequence at `path`. */
export function appendToSequence(text: string, doc: Document, path: JsonPath, value: unknown): TextEdit | undefined {
  const seq = nodeAt(doc, path)?.node;
  if (!isSeq(seq)) return undefined;
  const range = rangeOf(seq);
  if (!range) return undefined;
  if (isFlow(seq)) {
    const close = text.lastIndexOf(']', range[1] - 1);
    if (close < range[0]) return undefined;
    return { start: close, end: close, newText: `${seq.items.length > 0 ? ', ' : ''}${JSON.stringify(value)}` };
  }
  const last = seq.items[seq.items.length - 1];
  const lastRange = rangeOf(last);
  if (!lastRange) return undefined;
  const firstRange = rangeOf(seq.items[0])!;
  const dash = dashBefore(text, firstRange[0]);
  const indent = ' '.repeat(dash - lineStart(text, dash));
  const eol = lineBreakOf(text);
  return atLineEnd(text, afterLine(text, lastRange[1]), blockLines(value, `${indent}- `, `${indent}  `, eol), eol);
}

/** Adds `key: value` to the mapping at `path` (the key must be absent). */
export function addKey(text: string, doc: Document, path: JsonPath, key: string, value: unknown): TextEdit | undefined {
  const map = nodeAt(doc, path)?.node;
  if (!isMap(map)) return undefined;
  const range = rangeOf(map);
  if (!range) return undefined;
  if (isFlow(map) || map.items.length === 0) {
    const close = text.lastIndexOf('}', range[1] - 1);
    if (close < range[0]) return undefined;
    return { start: close, end: close, newText: `${map.items.length > 0 ? ', ' : ''}${JSON.stringify(key)}: ${JSON.stringify(value)}` };
  }
  const first = rangeOf(map.items[0]!.key);
  const last = map.items[map.items.length - 1]!;
  const lastEnd = rangeOf(last.value)?.[1] ?? rangeOf(last.key)?.[1];
  if (!first || lastEnd === undefined) return undefined;
  const indent = ' '.repeat(first[0] - lineStart(text, first[0]));
  const eol = lineBreakOf(text);
  return atLineEnd(text, afterLine(text, lastEnd), blockLines({ [key]: value }, indent, indent, eol), eol);
}

/** Gives a key that has no value (`ingress:`) or a scalar one a new value. */
export function replaceValue(text: string, doc: Document, path: JsonPath, value: unknown): TextEdit | undefined {
  const located = nodeAt(doc, path);
  const pair = located?.pair;
  const keyRange = rangeOf(pair?.key);
  if (!pair || !keyRange) return undefined;
  const colon = text.indexOf(':', keyRange[1]);
  if (colon < 0) return undefined;
  const valueRange = rangeOf(pair.value);
  const end = valueRange && valueRange[1] > colon ? valueRange[1] : colon + 1;
  const parent = nodeAt(doc, path.slice(0, -1))?.node;
  if (isFlow(parent)) return { start: colon + 1, end, newText: ` ${JSON.stringify(value)}` };
  const indent = ' '.repeat(keyRange[0] - lineStart(text, keyRange[0]) + 2);
  const eol = lineBreakOf(text);
  // The new block starts on the next line; the old value's line remainder is replaced.
  const body = blockLines(value, indent, indent, eol).replace(new RegExp(`${eol}$`), '');
  return { start: colon + 1, end, newText: `${eol}${body}` };
}

/** Sets a mapping entry that may be missing, empty or a sequence: appends when it is a sequence. */
export function appendOrCreate(text: string, doc: Document, mapPath: JsonPath, key: string, item: unknown): TextEdit | undefined {
  const located = nodeAt(doc, [...mapPath, key]);
  if (!located) return addKey(text, doc, mapPath, key, [item]);
  if (isSeq(located.node)) return appendToSequence(text, doc, [...mapPath, key], item);
  return replaceValue(text, doc, [...mapPath, key], [item]);
}

/**
 * Removes item `index` of the sequence at `path`. Removing the last remaining item leaves an empty
 * flow sequence (`key: []`), never a bare key.
 */
export function removeSequenceItem(text: string, doc: Document, path: JsonPath, index: number): TextEdit | undefined {
  const located = nodeAt(doc, path);
  const seq = located?.node;
  if (!isSeq(seq)) return undefined;
  const item = seq.items[index];
  const itemRange = rangeOf(item);
  if (!itemRange) return undefined;
  if (isFlow(seq)) {
    // Take the item with the comma after it, or (for the last item) the comma before it.
    const nextRange = rangeOf(seq.items[index + 1]);
    if (nextRange) return { start: itemRange[0], end: nextRange[0], newText: '' };
    const prevRange = rangeOf(seq.items[index - 1]);
    if (prevRange) return { start: prevRange[1], end: itemRange[1], newText: '' };
    return { start: itemRange[0], end: itemRange[1], newText: '' };
  }
  if (seq.items.length === 1) {
    const keyRange = rangeOf(located?.pair?.key);
    if (!keyRange) return undefined;
    const colon = text.indexOf(':', keyRange[1]);
    const eol = lineBreakOf(text);
    return { start: colon + 1, end: afterLine(text, itemRange[1]), newText: ` []${eol}` };
  }
  const dash = dashBefore(text, itemRange[0]);
  const nextRange = rangeOf(seq.items[index + 1]);
  const end = nextRange ? lineStart(text, dashBefore(text, nextRange[0])) : afterLine(text, itemRange[1]);
  return { start: lineStart(text, dash), end, newText: '' };
}

/** Replaces a whole sequence value with an empty flow sequence (`key: []`). */
export function emptySequence(text: string, doc: Document, path: JsonPath): TextEdit | undefined {
  const located = nodeAt(doc, path);
  const seq = located?.node;
  const range = rangeOf(seq);
  if (!isSeq(seq) || !range) return undefined;
  if (isFlow(seq)) return { start: range[0], end: range[1], newText: '[]' };
  const keyRange = rangeOf(located?.pair?.key);
  if (!keyRange) return undefined;
  const colon = text.indexOf(':', keyRange[1]);
  return { start: colon + 1, end: afterLine(text, range[1]), newText: ` []${lineBreakOf(text)}` };
}

/** A new document at the end of the file. */
export function appendDocument(text: string, value: unknown): TextEdit {
  const eol = lineBreakOf(text);
  const body = blockLines(value, '', '', eol);
  const lead = text.length === 0 ? '' : text.endsWith('\n') ? '' : eol;
  const separator = text.trim().length === 0 ? '' : `---${eol}`;
  return { start: text.length, end: text.length, newText: `${lead}${separator}${body}` };
}
