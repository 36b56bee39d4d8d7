// Small markdown builders for hovers: links to file lines, inline code, capped lists.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Resource } from '../model/types';
import { displayName } from './locate';

/** Lists longer than this end with "… and N more". */
export const LIST_LIMIT = 12;

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#|]/g, (c) => `\\${c}`);
}

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text}${fence}`;
}

/** A link to a file line: `[text](file:///…#L12)`. Lines are 1-based, as editors show them. */
export function markdownLink(index: WorkspaceIndex, text: string, uri: string, offset: number): string {
  const line = (index.lineIndex(uri)?.positionAt(offset).line ?? 0) + 1;
  return `[${escapeMarkdown(text)}](${uri}#L${line})`;
}

/** A link to where a resource starts; needs no re-parse, so it is cheap in long lists. */
export function resourceLink(index: WorkspaceIndex, resource: Resource, text = displayName(resource)): string {
  return markdownLink(index, text, resource.uri, resource.range.start);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Bullet lines, capped. */
export function bullets(items: readonly string[], limit = LIST_LIMIT): string[] {
  const shown = items.slice(0, limit).map((i) => `- ${i}`);
  if (items.length > limit) shown.push(`- … and ${items.length - limit} more`);
  return shown;
}

/** Comma-joined, capped. */
export function inline(items: readonly string[], limit = LIST_LIMIT): string {
  const shown = items.slice(0, limit).join(', ');
  return items.length > limit ? `${shown}, … and ${items.length - limit} more` : shown;
}

export function formatLabels(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return parts.length === 0 ? '(none)' : code(parts.join(', '));
}
