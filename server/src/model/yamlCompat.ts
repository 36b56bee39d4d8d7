// Where Kubernetes' YAML reader is more lenient than the YAML specification, read as Kubernetes does.
//
// Kubernetes decodes manifests with go-yaml (through sigs.k8s.io/yaml), a port of libyaml, which does
// not check the indentation of the lines inside a quoted scalar or a flow collection ([...], {...}).
// The specification, and so the `yaml` package, wants those lines indented more than the parent
// node; written otherwise, `yaml` cuts the value short and reports errors, although `kubectl apply`
// takes the file. We re-read such files with those lines indented just enough: leading white space
// of a continuation line is folded away inside quotes and brackets, so no value changes. The AST's
// offsets are then mapped back to the original text, and each repaired spot is reported (rule
// `yaml-compat`) as a warning, not an error.

import { isNode, visit, type Document } from 'yaml';
import type { OffsetRange } from './types';

export interface CompatRepair {
  kind: 'quoted' | 'flow';
  /** The construct, from its opening to its closing character, in the original text. */
  range: OffsetRange;
}

/** A quoted scalar or flow collection spanning lines, some indented no further than its parent. */
interface Site extends CompatRepair {
  /** The parent's column: continuation lines need more indentation than this. */
  parentColumn: number;
  /** Start offsets of the continuation lines that need it. */
  shallowLines: number[];
}

/** One insertion of spaces into the original text. */
interface Padding {
  at: number;
  count: number;
}

export interface LenientRead {
  documents: Document[];
  repairs: CompatRepair[];
}

/**
 * Re-reads `text` with under-indented continuation lines padded, when that is what made `parse`
 * fail. Returns undefined when there is nothing of the kind, or the re-read is not cleaner.
 */
export function readLeniently(text: string, original: readonly Document[], parse: (text: string) => Document[]): LenientRead | undefined {
  const errorsBefore = errorOffsets(original);
  if (errorsBefore.length === 0) return undefined;
  const candidates = findShallowSites(text);
  // Only constructs where `yaml` actually failed: the rest parse the same either way. Its recovery
  // after a failure may hide the next one, so rounds continue while new failures point at candidates.
  const sites: Site[] = [];
  let errors = errorsBefore;
  let documents: Document[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const fresh = candidates.filter((s) => !sites.includes(s) && errors.some((o) => o >= s.range.start && o <= lineEndAt(text, s.range.end)));
    if (fresh.length === 0) break;
    sites.push(...fresh);
    const paddings = sites.flatMap((s) => s.shallowLines.map((at) => ({ at, count: s.parentColumn + 1 - indentAt(text, at) })));
    paddings.sort((a, b) => a.at - b.at);
    documents = parse(applyPaddings(text, paddings));
    const back = offsetMapper(paddings);
    for (const doc of documents) remapDocument(doc, back);
    errors = errorOffsets(documents);
  }
  if (sites.length === 0) return undefined;
  const inSites = errors.some((o) => sites.some((s) => o >= s.range.start && o <= s.range.end));
  if (inSites || errors.length >= errorsBefore.length) return undefined;
  sites.sort((a, b) => a.range.start - b.range.start);
  return { documents, repairs: sites.map((s) => ({ kind: s.kind, range: s.range })) };
}

/** Re-reads allowed per file: each may uncover a failure the previous one hid. */
const MAX_ROUNDS = 8;

function errorOffsets(documents: readonly Document[]): number[] {
  return documents.flatMap((d) => d.errors.map((e) => e.pos[0]));
}

function indentAt(text: string, lineStart: number): number {
  let i = lineStart;
  while (text[i] === ' ') i++;
  return i - lineStart;
}

function lineEndAt(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

function isBreakOrEnd(c: string | undefined): boolean {
  return c === undefined || c === '\n' || c === '\r';
}

/** `---` or `...` at a line start: inside quotes, libyaml stops there too (an unterminated scalar). */
function isDocumentMarker(text: string, i: number): boolean {
  if (i > 0 && text[i - 1] !== '\n') return false;
  const three = text.slice(i, i + 3);
  return (three === '---' || three === '...') && (isBlank(text[i + 3]) || isBreakOrEnd(text[i + 3]));
}

/** Offset of the closing quote of the scalar opened at `open`, or -1. */
function quotedEnd(text: string, open: number): number {
  const quote = text[open];
  for (let k = open + 1; k < text.length; k++) {
    const c = text[k];
    if (isDocumentMarker(text, k)) return -1;
    if (quote === '"' && c === '\\') k++;
    else if (c === quote) {
      if (quote === "'" && text[k + 1] === "'") k++;
      else return k;
    }
  }
  return -1;
}

/** Offset of the bracket closing the flow collection opened at `open`, or -1. */
function flowEnd(text: string, open: number): number {
  let depth = 0;
  for (let k = open; k < text.length; k++) {
    const c = text[k]!;
    if (isDocumentMarker(text, k)) return -1;
    const prev = text[k - 1];
    if ((c === '"' || c === "'") && (prev === undefined || '[{,:'.includes(prev) || isBlank(prev) || prev === '\n')) {
      k = quotedEnd(text, k);
      if (k < 0) return -1;
    } else if (c === '#' && (isBlank(prev) || prev === '\n')) {
      k = lineEndAt(text, k) - 1;
    } else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return k;
    }
  }
  return -1;
}

/**
 * Quoted scalars and flow collections, in block context, whose continuation lines are indented no
 * further than the node they belong to. A line-by-line reading of YAML: comments and block scalars
 * are skipped, keys and `- ` entries set the parent column of the value that follows them.
 */
function findShallowSites(text: string): Site[] {
  const sites: Site[] = [];
  let blockParent = -1;
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = lineEndAt(text, lineStart);
    const indent = indentAt(text, lineStart);
    const blank = text.slice(lineStart, lineEnd).trim() === '';
    if (blockParent >= 0 && (blank || indent > blockParent)) {
      lineStart = lineEnd + 1;
      continue;
    }
    blockParent = -1;
    let parentColumn = indent;
    let atValue = true;
    let j = lineStart + indent;
    scan: while (j < lineEnd) {
      const c = text[j]!;
      if (isBlank(c) || c === '\r') {
        j++;
      } else if (c === '#' && (j === lineStart || isBlank(text[j - 1]))) {
        break;
      } else if (atValue && (c === '-' || c === '?') && (isBlank(text[j + 1]) || isBreakOrEnd(text[j + 1]))) {
        if (c === '-') parentColumn = j - lineStart;
        j++;
      } else if (atValue && (c === '&' || c === '!')) {
        while (j < lineEnd && !isBlank(text[j])) j++;
      } else if (atValue && (c === '"' || c === "'" || c === '[' || c === '{')) {
        const end = c === '"' || c === "'" ? quotedEnd(text, j) : flowEnd(text, j);
        if (end < 0) break scan;
        if (end > lineEnd) {
          const site = shallowSite(text, j, end, parentColumn, c === '"' || c === "'" ? 'quoted' : 'flow');
          if (site) sites.push(site);
        }
        j = end + 1;
        lineEnd = lineEndAt(text, end);
        lineStart = text.lastIndexOf('\n', end) + 1;
        atValue = false;
      } else if (atValue && (c === '|' || c === '>')) {
        blockParent = parentColumn;
        break;
      } else {
        // A key (`name:`) or a plain scalar running to the end of the line.
        let k = j;
        while (k < lineEnd && !(text[k] === ':' && (isBlank(text[k + 1]) || isBreakOrEnd(text[k + 1]))) && !(text[k] === '#' && isBlank(text[k - 1]))) k++;
        if (k < lineEnd && text[k] === ':') {
          parentColumn = j - lineStart;
          atValue = true;
          j = k + 1;
        } else break;
      }
    }
    lineStart = lineEnd + 1;
  }
  return sites;
}

function shallowSite(text: string, open: number, close: number, parentColumn: number, kind: Site['kind']): Site | undefined {
  const shallowLines: number[] = [];
  for (let nl = text.indexOf('\n', open); nl >= 0 && nl < close; nl = text.indexOf('\n', nl + 1)) {
    const start = nl + 1;
    const line = text.slice(start, lineEndAt(text, start));
    if (line.trim() === '') continue;
    if (indentAt(text, start) <= parentColumn) shallowLines.push(start);
  }
  return shallowLines.length > 0 ? { kind, range: { start: open, end: close + 1 }, parentColumn, shallowLines } : undefined;
}

function applyPaddings(text: string, paddings: readonly Padding[]): string {
  const parts: string[] = [];
  let from = 0;
  for (const p of paddings) {
    parts.push(text.slice(from, p.at), ' '.repeat(p.count));
    from = p.at;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** Maps an offset in the padded text back to the original (inside padding: to where it was inserted). */
function offsetMapper(paddings: readonly Padding[]): (offset: number) => number {
  const paddedAt: number[] = [];
  const before: number[] = [];
  let added = 0;
  for (const p of paddings) {
    before.push(added);
    paddedAt.push(p.at + added);
    added += p.count;
  }
  return (offset) => {
    let lo = 0;
    let hi = paddedAt.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (paddedAt[mid]! <= offset) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (k < 0) return offset;
    const p = paddings[k]!;
    const inside = offset - paddedAt[k]!;
    return inside < p.count ? p.at : offset - before[k]! - p.count;
  };
}

type Range3 = [number, number, number];

function remapDocument(doc: Document, back: (offset: number) => number): void {
  const remap = (r: Range3): Range3 => [back(r[0]), back(r[1]), back(r[2])];
  doc.range = remap(doc.range as Range3);
  visit(doc, (_key, node) => {
    if (isNode(node) && node.range) node.range = remap(node.range as Range3);
  });
  for (const e of [...doc.errors, ...doc.warnings]) e.pos = [back(e.pos[0]), back(e.pos[1])];
}
