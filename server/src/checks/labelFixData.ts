// Data for the "replace a selector label with the closest existing one" quick fix.

import type { JsonPath, LabelSelector } from '../model/types';

/** Where the labels to compare against come from: pods of some namespaces, or the namespaces themselves. */
export type LabelSource = { pods: string[] } | { namespaces: true };

export interface LabelFixData extends Record<string, unknown> {
  /** Path of the mapping of labels to edit (a Service selector, or a matchLabels). */
  labelsPath: JsonPath;
  source: LabelSource;
}

/** Fix data when the selector is a plain label map; undefined when it has matchExpressions. */
export function labelFixData(selector: LabelSelector, selectorPath: JsonPath, source: LabelSource): LabelFixData | undefined {
  if (selector.matchExpressions.length > 0 || Object.keys(selector.matchLabels).length === 0) return undefined;
  return { labelsPath: [...selectorPath, 'matchLabels'], source };
}
