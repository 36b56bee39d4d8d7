// "Did you mean": one-label changes that make a selector match an existing workload (or namespace).
// Shared by the selector rules' messages and their quick fix.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { LabelSource } from './labelFixData';
import { editDistance } from './similar';
import { compareResources } from './workspaceTables';

export interface LabelCandidate {
  labels: Record<string, string>;
  /** What matching these labels means, for titles: "Deployment 'web'", "namespace 'prod'". */
  what: string;
}

export interface LabelChange {
  /** The selector key that changes (its value, or the key itself). */
  key: string;
  change: 'value' | 'key';
  /** The new value (change 'value') or the new key (change 'key'). */
  replacement: string;
  /** The resulting `key: value`. */
  label: string;
  what: string;
  score: number;
}

export function labelCandidates(index: WorkspaceIndex, source: LabelSource | unknown): LabelCandidate[] {
  const rec = source as { pods?: unknown; namespaces?: unknown } | undefined;
  if (rec?.namespaces === true) {
    return [...index.namespaces().values()]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((ns) => ({ labels: ns.labels, what: `namespace '${ns.name}'` }));
  }
  const namespaces = Array.isArray(rec?.pods) ? rec!.pods.filter((n): n is string => typeof n === 'string') : [];
  return namespaces.flatMap((ns) =>
    [...index.templatesInNamespace(ns)]
      .sort((a, b) => compareResources(a.resource, b.resource))
      .map((t) => ({ labels: t.labels, what: `${t.resource.kind} '${t.resource.name}'` })),
  );
}

/** Changes of exactly one label that make `selector` match a candidate, closest first. */
export function labelChanges(selector: Record<string, string>, candidates: readonly LabelCandidate[], limit = 3): LabelChange[] {
  const best = new Map<string, LabelChange>();
  const offer = (c: LabelChange) => {
    const id = `${c.change}\u0000${c.key}\u0000${c.replacement}`;
    const existing = best.get(id);
    if (!existing || c.score < existing.score) best.set(id, c);
  };
  const entries = Object.entries(selector);
  for (const candidate of candidates) {
    const wrong = entries.filter(([k, v]) => candidate.labels[k] !== v);
    if (wrong.length !== 1) continue;
    const [key, value] = wrong[0]!;
    const actual = candidate.labels[key];
    if (actual !== undefined) {
      offer({ key, change: 'value', replacement: actual, label: `${key}: ${actual}`, what: candidate.what, score: editDistance(value, actual) });
      continue;
    }
    // The value exists under another key: the key is the typo.
    for (const [otherKey, otherValue] of Object.entries(candidate.labels)) {
      if (otherValue !== value || Object.prototype.hasOwnProperty.call(selector, otherKey)) continue;
      offer({ key, change: 'key', replacement: otherKey, label: `${otherKey}: ${value}`, what: candidate.what, score: editDistance(key, otherKey) });
    }
  }
  return [...best.values()].sort((a, b) => a.score - b.score).slice(0, limit);
}

/** " Did you mean 'app: web' (Deployment 'web')?" for a message, or ''. */
export function labelDidYouMean(changes: readonly LabelChange[]): string {
  const first = changes[0];
  return first ? ` Did you mean '${first.label}' (${first.what})?` : '';
}
