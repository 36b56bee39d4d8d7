// Kubernetes label selectors: parsing from manifest JSON and exact matching semantics.

import type { LabelSelector, LabelSelectorRequirement } from './types';
import { asRecord, asArray, asString, scalarString } from './values';

/** Parses a LabelSelector (matchLabels + matchExpressions). Non-objects give undefined. */
export function parseLabelSelector(raw: unknown): LabelSelector | undefined {
  if (raw === null || raw === undefined) return undefined;
  const obj = asRecord(raw);
  if (!obj) return undefined;
  const matchLabels: Record<string, string> = {};
  const labels = asRecord(obj['matchLabels']);
  if (labels) {
    for (const [k, v] of Object.entries(labels)) {
      const s = scalarString(v);
      if (s !== undefined) matchLabels[k] = s;
    }
  }
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const e of asArray(obj['matchExpressions'])) {
    const expr = asRecord(e);
    if (!expr) continue;
    const key = asString(expr['key']);
    const operator = asString(expr['operator']);
    if (key === undefined || operator === undefined) continue;
    const values = asArray(expr['values'])
      .map(scalarString)
      .filter((v): v is string => v !== undefined);
    matchExpressions.push({ key, operator, values });
  }
  return { matchLabels, matchExpressions };
}

/** A Service's or ReplicationController's plain map selector. */
export function mapSelector(labels: Record<string, string>): LabelSelector {
  return { matchLabels: { ...labels }, matchExpressions: [] };
}

export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/** Exact selector semantics: all matchLabels and all matchExpressions must hold. Empty matches all. */
export function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    if (labels[key] !== value) return false;
  }
  for (const req of selector.matchExpressions) {
    if (!requirementMatches(req, labels)) return false;
  }
  return true;
}

export function requirementMatches(req: LabelSelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  switch (req.operator) {
    case 'In':
      return has && req.values.includes(labels[req.key]!);
    case 'NotIn':
      // NotIn also matches when the key is absent.
      return !has || !req.values.includes(labels[req.key]!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      // The API server rejects unknown operators; such a selector selects nothing.
      return false;
  }
}

/** Human-readable selector, as kubectl prints it: `app=web,tier in (a,b)`. */
export function formatSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const r of selector.matchExpressions) {
    switch (r.operator) {
      case 'In':
        parts.push(`${r.key} in (${r.values.join(',')})`);
        break;
      case 'NotIn':
        parts.push(`${r.key} notin (${r.values.join(',')})`);
        break;
      case 'Exists':
        parts.push(r.key);
        break;
      case 'DoesNotExist':
        parts.push(`!${r.key}`);
        break;
      default:
        parts.push(`${r.key} ${r.operator} (${r.values.join(',')})`);
    }
  }
  return parts.length === 0 ? '<all>' : parts.join(',');
}
