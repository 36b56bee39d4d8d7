// Where a completion is asked, in YAML terms: typing a key of some mapping, the value of some key, or
// an item of some sequence. Read from the line text (the document may be half-written) and anchored
// on the parsed neighbours' JSON paths.

import type { Document } from 'yaml';
import type { JsonPath, OffsetRange } from '../model/types';
import { pathAtOffset } from '../model/ranges';

export interface CompletionPlace {
  docIndex: number;
  /** 'key': a key of the mapping at `path`; 'value': the value of the key at `path`; 'item': an item of the sequence at `path`. */
  mode: 'key' | 'value' | 'item';
  path: JsonPath;
  /** What is typed so far (without an opening quote). */
  prefix: string;
  /** The range a completion replaces: the typed prefix plus the rest of the word after the cursor. */
  replace: OffsetRange;
  /** The value was opened with a quote. */
  quoted: boolean;
}

interface Line {
  start: number;
  text: string;
}

/** Where the line holding `offset` starts. (lastIndexOf from -1 still looks at index 0: not used for offset 0.) */
function lineStartOf(text: string, offset: number): number {
  return offset > 0 ? text.lastIndexOf('\n', offset - 1) + 1 : 0;
}

function lineAt(text: string, offset: number): Line {
  const start = lineStartOf(text, offset);
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  return { start, text: text.slice(start, end).replace(/\r$/, '') };
}

const VALUE_LINE = /^(\s*)((?:-\s+)*)("[^"]*"|'[^']*'|[^\s:#'"-][^:#]*?|-[^\s:#][^:#]*?):[ \t]+(["']?)([^\s'"#,[\]{}]*)$/;
const ITEM_LINE = /^(\s*)-[ \t]+(["']?)([^\s'"#:,[\]{}]*)$/;
const KEY_LINE = /^(\s*)((?:-\s+)*)([^\s:#'"-][^\s:#'"]*|)$/;

export function completionPlace(text: string, documents: readonly Document[], offset: number): CompletionPlace | undefined {
  const line = lineAt(text, offset);
  const before = line.text.slice(0, offset - line.start);
  const after = line.text.slice(offset - line.start);
  const rest = /^[^\s:#,'"[\]{}]*/.exec(after)![0];
  const replaceFrom = (prefix: string): OffsetRange => ({ start: offset - prefix.length, end: offset + rest.length });

  const value = VALUE_LINE.exec(before);
  if (value) {
    const keyCol = value[1]!.length + value[2]!.length;
    const keyPath = keyPathAt(documents, line.start + keyCol);
    if (!keyPath) return undefined;
    return { ...keyPath, mode: 'value', prefix: value[5]!, replace: replaceFrom(value[5]!), quoted: value[4] !== '' };
  }
  const item = ITEM_LINE.exec(before);
  if (item) {
    const dashCol = item[1]!.length;
    const owner = sequenceOwner(text, documents, line.start, dashCol);
    if (!owner) return undefined;
    return { ...owner, mode: 'item', prefix: item[3]!, replace: replaceFrom(item[3]!), quoted: item[2] !== '' };
  }
  const key = KEY_LINE.exec(before);
  if (key) {
    const col = key[1]!.length + key[2]!.length;
    const parent = mappingOwner(text, documents, line.start, col);
    if (!parent) return undefined;
    return { ...parent, mode: 'key', prefix: key[3]!, replace: replaceFrom(key[3]!), quoted: false };
  }
  return undefined;
}

/** The path of the key written at `offset`. */
function keyPathAt(documents: readonly Document[], offset: number): { docIndex: number; path: JsonPath } | undefined {
  const hit = pathAtOffset(documents, offset + 1);
  if (!hit || !hit.onKey) return undefined;
  return { docIndex: hit.docIndex, path: hit.path };
}

interface Shape {
  start: number;
  indent: number;
  /** Column where the line's content starts, after any `- ` markers. */
  contentCol: number;
  dash: boolean;
  /** `key:` with nothing after it: its value is on the following lines. */
  opensBlock: boolean;
  hasKey: boolean;
}

function shapeOf(text: string, start: number): Shape | undefined {
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  const line = text.slice(start, end).replace(/\r$/, '');
  if (/^\s*(#.*)?$/.test(line) || /^(---|\.\.\.)/.test(line)) return undefined;
  // `s`: a lone CR or U+2028 inside the line must not make the match fail.
  const m = /^(\s*)((?:-\s+)*)(.*)$/s.exec(line)!;
  const content = m[3]!;
  return {
    start,
    indent: m[1]!.length,
    contentCol: m[1]!.length + m[2]!.length,
    dash: m[2]!.length > 0,
    opensBlock: /^("[^"]*"|'[^']*'|[^\s#'"][^#]*?):\s*(#.*)?$/.test(content),
    hasKey: /^("[^"]*"|'[^']*'|[^\s#'"][^#]*?):(\s|$)/.test(content),
  };
}

/** Lines above `lineStart`, nearest first, stopping at a document marker. */
function* linesAbove(text: string, lineStart: number): Generator<Shape> {
  let end = lineStart - 1;
  while (end >= 0) {
    // From a text starting with a line break, lastIndexOf('\n', -1) would give this line again, forever.
    const start = lineStartOf(text, end);
    if (/^(---|\.\.\.)(\s|$)/.test(text.slice(start, end))) return;
    const shape = shapeOf(text, start);
    if (shape) yield shape;
    end = start - 1;
  }
}

/** The mapping a key typed at column `col` belongs to: a sibling key's parent, or the block key above. */
function mappingOwner(text: string, documents: readonly Document[], lineStart: number, col: number): { docIndex: number; path: JsonPath } | undefined {
  for (const l of linesAbove(text, lineStart)) {
    if (l.contentCol === col && l.hasKey) {
      const sibling = keyPathAt(documents, l.start + l.contentCol);
      return sibling ? { docIndex: sibling.docIndex, path: sibling.path.slice(0, -1) } : undefined;
    }
    if (l.contentCol < col) {
      if (!l.opensBlock) return undefined;
      return keyPathAt(documents, l.start + l.contentCol);
    }
  }
  return undefined;
}

/** The sequence an item typed with its dash at `dashCol` belongs to. */
function sequenceOwner(text: string, documents: readonly Document[], lineStart: number, dashCol: number): { docIndex: number; path: JsonPath } | undefined {
  for (const l of linesAbove(text, lineStart)) {
    if (l.dash && l.indent === dashCol) {
      // A sibling item: its content's path is [...sequence, i] or [...sequence, i, key].
      const hit = pathAtOffset(documents, l.start + l.contentCol + 1);
      if (!hit) return undefined;
      const i = lastIndexOfNumber(hit.path);
      return i < 0 ? undefined : { docIndex: hit.docIndex, path: hit.path.slice(0, i) };
    }
    if (l.contentCol < dashCol || (l.contentCol === dashCol && !l.dash)) {
      if (!l.opensBlock) return undefined;
      return keyPathAt(documents, l.start + l.contentCol);
    }
  }
  return undefined;
}

function lastIndexOfNumber(path: JsonPath): number {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'number') return i;
  return -1;
}
