// Text-level YAML editing for quick fixes: find nodes by JSON path, and build edits that keep the
// file's indentation, sequence style, quoting and line endings, so the result stays valid YAML.

import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { WorkspaceIndex } from '../../index/workspaceIndex';
import type { JsonPath, OffsetRange } from '../../model/types';
import { parseYamlDocuments } from '../../model/parse';
import type { TextEdit } from './types';

export interface Located {
  node: Node | null;
  /** The mapping pair holding the node, when its parent is a mapping. */
  pair?: Pair;
  /** The collection holding the node. */
  parent?: YAMLMap | YAMLSeq;
}

function keyText(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  if (typeof key.value === 'symbol') return '<<';
  return key.value === null ? '' : String(key.value);
}

function rangeOf(node: unknown): [number, number, number] | undefined {
  return (node as { range?: [number, number, number] } | null | undefined)?.range ?? undefined;
}

/** A file's text and parsed documents, with the edit builders. */
export class EditableFile {
  readonly eol: string;
  readonly indentUnit: number;

  constructor(
    readonly uri: string,
    readonly text: string,
    readonly documents: readonly Document[],
  ) {
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
    this.indentUnit = detectIndentUnit(text);
  }

  static of(index: WorkspaceIndex, uri: string): EditableFile | undefined {
    const file = index.getFile(uri);
    const docs = index.documents(uri);
    if (!file || !docs) return undefined;
    return new EditableFile(uri, file.text, docs);
  }

  edit(range: OffsetRange, newText: string): TextEdit {
    return { uri: this.uri, range, newText };
  }

  lineStart(offset: number): number {
    let i = offset;
    while (i > 0 && this.text[i - 1] !== '\n' && this.text[i - 1] !== '\r') i--;
    return i;
  }

  /** Offset just after the line break ending the line that holds `offset` (or the text's end). */
  afterLine(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    return nl < 0 ? this.text.length : nl + 1;
  }

  column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  /** Only spaces between the start of the line and the offset. */
  startsLine(offset: number): boolean {
    return /^[ \t]*$/.test(this.text.slice(this.lineStart(offset), offset));
  }

  pad(column: number): string {
    return ' '.repeat(Math.max(0, column));
  }

  /** Follows a path without expanding aliases or merge keys (edits there would change other places). */
  locate(docIndex: number, path: JsonPath): Located | undefined {
    const doc = this.documents[docIndex];
    if (!doc) return undefined;
    let node: unknown = doc.contents;
    let located: Located = { node: (node as Node | null) ?? null };
    for (const seg of path) {
      if (typeof seg === 'number') {
        if (!isSeq(node)) return undefined;
        const item = node.items[seg];
        if (item === undefined) return undefined;
        located = { node: item as Node | null, parent: node };
        node = item;
      } else {
        if (!isMap(node)) return undefined;
        const pair = node.items.find((p) => keyText(p.key) === seg);
        if (!pair) return undefined;
        located = { node: (pair.value as Node | null) ?? null, pair, parent: node };
        node = pair.value;
      }
    }
    return located;
  }

  /** The scalar node exactly at a range (as a finding on a scalar value or key points at it). */
  scalarAt(docIndex: number | undefined, range: OffsetRange): Scalar | undefined {
    const docs = docIndex === undefined ? this.documents : [this.documents[docIndex]];
    let found: Scalar | undefined;
    const visit = (node: unknown): void => {
      if (found) return;
      if (isScalar(node)) {
        const r = rangeOf(node);
        if (r && r[0] === range.start && r[1] === range.end) found = node;
      } else if (isMap(node)) {
        for (const p of node.items) {
          visit(p.key);
          visit(p.value);
        }
      } else if (isSeq(node)) node.items.forEach(visit);
    };
    for (const d of docs) if (d) visit(d.contents);
    return found;
  }

  /** The pair whose key starts at an offset (a duplicate-key finding points at the key). */
  pairWithKeyAt(docIndex: number | undefined, offset: number): { pair: Pair; map: YAMLMap } | undefined {
    const docs = docIndex === undefined ? this.documents : [this.documents[docIndex]];
    let found: { pair: Pair; map: YAMLMap } | undefined;
    const visit = (node: unknown): void => {
      if (found) return;
      if (isMap(node)) {
        for (const p of node.items) {
          if (rangeOf(p.key)?.[0] === offset) {
            found = { pair: p, map: node };
            return;
          }
          visit(p.value);
        }
      } else if (isSeq(node)) node.items.forEach(visit);
    };
    for (const d of docs) if (d) visit(d.contents);
    return found;
  }

  /** The JSON path of a node of a document (undefined when it is not in the document's tree). */
  pathOf(docIndex: number, target: unknown): JsonPath | undefined {
    const path: JsonPath = [];
    const visit = (node: unknown): boolean => {
      if (node === target) return true;
      if (isMap(node)) {
        for (const p of node.items) {
          path.push(keyText(p.key) ?? '');
          if (visit(p.value)) return true;
          path.pop();
        }
      } else if (isSeq(node)) {
        for (let i = 0; i < node.items.length; i++) {
          path.push(i);
          if (visit(node.items[i])) return true;
          path.pop();
        }
      }
      return false;
    };
    return visit(this.documents[docIndex]?.contents) ? path : undefined;
  }

  /** Replaces a scalar, keeping its quote style when it has one. */
  replaceScalar(node: Scalar, value: string | number): TextEdit | undefined {
    const r = rangeOf(node);
    if (!r) return undefined;
    // A block scalar's range runs through its last line break: that stays, or the next line joins this one.
    let end = r[1];
    while (end > r[0] && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
    return this.edit({ start: r[0], end }, typeof value === 'number' ? String(value) : scalarText(value, node.type));
  }

  /** Adds `key: value` (a one-line value) to a mapping, as its first or last entry. */
  insertPair(map: YAMLMap, key: string, value: string, where: 'first' | 'last' = 'last'): TextEdit | undefined {
    const r = rangeOf(map);
    if (!r) return undefined;
    if (map.flow) {
      const close = this.closingBracket(r, '}');
      if (close === undefined) return undefined;
      if (map.items.length === 0) return this.edit({ start: close, end: close }, `${key}: ${value}`);
      if (where === 'first') {
        const firstKey = rangeOf(map.items[0]!.key)!;
        return this.edit({ start: firstKey[0], end: firstKey[0] }, `${key}: ${value}, `);
      }
      const last = map.items[map.items.length - 1]!;
      const end = rangeOf(last.value)?.[1] ?? rangeOf(last.key)![1];
      return this.edit({ start: end, end }, `, ${key}: ${value}`);
    }
    const first = map.items[0];
    const firstKey = first ? rangeOf(first.key) : undefined;
    if (!firstKey) return undefined;
    const column = this.column(firstKey[0]);
    if (where === 'first') {
      if (this.startsLine(firstKey[0])) {
        const at = this.lineStart(firstKey[0]);
        return this.edit({ start: at, end: at }, `${this.pad(column)}${key}: ${value}${this.eol}`);
      }
      // The first key follows `- `: the new key takes its place and the old one moves down.
      return this.edit({ start: firstKey[0], end: firstKey[0] }, `${key}: ${value}${this.eol}${this.pad(column)}`);
    }
    return this.appendLines(r[1], [`${this.pad(column)}${key}: ${value}`]);
  }

  /**
   * Appends an item to a sequence. `blockLines` is the item in block form: the first line follows
   * `- `, the others are indented relative to the item's content. `flowText` is its flow form.
   */
  appendItem(seq: YAMLSeq, blockLines: string[], flowText: string): TextEdit | undefined {
    const r = rangeOf(seq);
    if (!r) return undefined;
    if (seq.flow) {
      const close = this.closingBracket(r, ']');
      if (close === undefined) return undefined;
      if (seq.items.length === 0) return this.edit({ start: close, end: close }, flowText);
      const end = rangeOf(seq.items[seq.items.length - 1])?.[1];
      return end === undefined ? undefined : this.edit({ start: end, end }, `, ${flowText}`);
    }
    const dash = this.dashColumn(seq);
    if (dash === undefined) return undefined;
    const content = dash + 2;
    const lines = [`${this.pad(dash)}- ${blockLines[0]}`, ...blockLines.slice(1).map((l) => `${this.pad(content)}${l}`)];
    return this.appendLines(r[1], lines);
  }

  /** Column of a block sequence's `-` markers. */
  dashColumn(seq: YAMLSeq): number | undefined {
    const first = rangeOf(seq.items[0]) ?? rangeOf(seq);
    if (!first) return undefined;
    let i = first[0];
    const start = this.lineStart(i);
    // From the first item back to its `-` on the same line.
    while (i > start && this.text[i] !== '-') i--;
    return this.text[i] === '-' ? this.column(i) : undefined;
  }

  /** Removes a `key: value` entry (with its nested block) from a mapping. */
  removePair(map: YAMLMap, pair: Pair): TextEdit | undefined {
    const key = rangeOf(pair.key);
    if (!key) return undefined;
    const valueEnd = Math.max(rangeOf(pair.value)?.[1] ?? key[1], key[1]);
    const index = map.items.indexOf(pair);
    const next = map.items[index + 1];
    const nextKey = next ? rangeOf(next.key) : undefined;
    if (map.flow) {
      if (nextKey) return this.edit({ start: key[0], end: nextKey[0] }, '');
      const prev = map.items[index - 1];
      const prevEnd = prev ? (rangeOf(prev.value)?.[1] ?? rangeOf(prev.key)?.[1]) : undefined;
      return this.edit({ start: prevEnd ?? key[0], end: valueEnd }, '');
    }
    const end = this.text[valueEnd - 1] === '\n' ? valueEnd : this.afterLine(valueEnd);
    if (this.startsLine(key[0])) return this.edit({ start: this.lineStart(key[0]), end }, '');
    // The key follows `- `: pull the next key up into its place.
    if (nextKey) return this.edit({ start: key[0], end: nextKey[0] }, '');
    return undefined;
  }

  /** Inserts whole lines at a node's end (which is a line start for block nodes). */
  private appendLines(at: number, lines: string[]): TextEdit {
    const body = lines.join(this.eol);
    const atLineStart = at === 0 || this.text[at - 1] === '\n';
    return atLineStart ? this.edit({ start: at, end: at }, `${body}${this.eol}`) : this.edit({ start: at, end: at }, `${this.eol}${body}`);
  }

  private closingBracket(r: [number, number, number], bracket: '}' | ']'): number | undefined {
    const at = this.text.lastIndexOf(bracket, r[1] - 1);
    return at >= r[0] ? at : undefined;
  }
}

/** The file's indentation step: the most common increase between successive lines (2 by default). */
export function detectIndentUnit(text: string): number {
  const counts = new Map<number, number>();
  let prev = -1;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const indent = /^ */.exec(line)![0].length;
    if (prev >= 0 && indent > prev && indent - prev <= 8) counts.set(indent - prev, (counts.get(indent - prev) ?? 0) + 1);
    prev = indent;
  }
  let best = 2;
  let bestCount = 0;
  for (const [delta, count] of counts) {
    if (count > bestCount || (count === bestCount && delta < best)) {
      best = delta;
      bestCount = count;
    }
  }
  return best;
}

/** A scalar as YAML text: in the given quote style, plain when that reads back as the same string, else double-quoted. */
export function scalarText(value: string, style?: Scalar['type']): string {
  if (style === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return plainReadsBack(value) ? value : JSON.stringify(value);
}

function plainReadsBack(value: string): boolean {
  if (value === '' || value !== value.trim() || /[\r\n]/.test(value)) return false;
  const doc = parseYamlDocuments(`k: ${value}\n`)[0];
  if (!doc || doc.errors.length > 0) return false;
  const parsed = (doc.toJS() as Record<string, unknown> | null)?.['k'];
  return parsed === value;
}
