// Renders small JSON values as YAML in a file's own style (indent step, sequence indentation),
// for fixes that insert whole blocks.

import { scalarText } from './yamlText';

export type Plain = string | number | boolean | Plain[] | { [key: string]: Plain };

export interface BlockStyle {
  indentUnit: number;
  /** `- ` at the parent key's column (`ports:\n- port: 80`) rather than one step in. */
  compactSequences: boolean;
}

function isRecord(v: Plain): v is { [key: string]: Plain } {
  return typeof v === 'object' && !Array.isArray(v);
}

function scalar(v: string | number | boolean): string {
  return typeof v === 'string' ? scalarText(v) : String(v);
}

function isEmptyCollection(v: Plain): boolean {
  return typeof v === 'object' && (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0);
}

/** A mapping's lines, its keys at column `indent`. */
export function blockMap(value: { [key: string]: Plain }, style: BlockStyle, indent = 0): string[] {
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'object') out.push(`${pad}${key}: ${scalar(v)}`);
    else if (isEmptyCollection(v)) out.push(`${pad}${key}: ${Array.isArray(v) ? '[]' : '{}'}`);
    else if (Array.isArray(v)) out.push(`${pad}${key}:`, ...blockSeq(v, style, style.compactSequences ? indent : indent + style.indentUnit));
    else out.push(`${pad}${key}:`, ...blockMap(v, style, indent + style.indentUnit));
  }
  return out;
}

/** A sequence's lines, its `-` at column `indent`. */
export function blockSeq(items: Plain[], style: BlockStyle, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== 'object' || isEmptyCollection(item)) out.push(`${pad}- ${typeof item === 'object' ? flow(item) : scalar(item)}`);
    else if (isRecord(item)) {
      const lines = blockMap(item, style, indent + 2);
      out.push(`${pad}- ${lines[0]!.trimStart()}`, ...lines.slice(1));
    } else out.push(`${pad}- ${flow(item)}`);
  }
  return out;
}

/** Flow form: `{to: [{namespaceSelector: {}}], ports: [{protocol: UDP, port: 53}]}`. */
export function flow(v: Plain): string {
  if (typeof v !== 'object') return scalar(v);
  if (Array.isArray(v)) return `[${v.map(flow).join(', ')}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${k}: ${flow(x)}`)
    .join(', ')}}`;
}

/** Whether the file writes block sequences at their parent key's column. */
export function detectCompactSequences(text: string): boolean {
  let compact = 0;
  let indented = 0;
  const lines = text.split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    const m = /^( *)- /.exec(lines[i]!);
    const parent = /^( *)(- )?[^#\s][^:]*:\s*$/.exec(lines[i - 1]!);
    if (!m || !parent) continue;
    const parentColumn = parent[1]!.length + (parent[2] ? 2 : 0);
    if (m[1]!.length === parentColumn) compact++;
    else if (m[1]!.length > parentColumn) indented++;
  }
  return compact >= indented && compact > 0;
}
