// "Nothing matches": the pod templates that come closest to a selector, and which labels differ.

import type { LabelSelector, PodTemplate } from '../model/types';
import { describeRequirement, selectorFailures, type SelectorFailure } from '../policy';
import { editDistance } from '../checks/similar';

export interface NearCandidate {
  template: PodTemplate;
  failures: SelectorFailure[];
}

/**
 * The templates that fail the fewest requirements (at least one), closest first. A template that
 * has the key with another value ranks before one that lacks the key, as it is the likelier typo.
 */
export function nearestTemplates(selector: LabelSelector, pool: readonly PodTemplate[], limit = 3): NearCandidate[] {
  const withPaths = { selector, path: [], expressionPaths: [] };
  const scored: (NearCandidate & { score: number; distance: number })[] = [];
  for (const template of pool) {
    const failures = selectorFailures(withPaths, template.labels);
    if (failures.length === 0) continue;
    const absent = failures.filter((f) => f.actual === null).length;
    // A template with nothing in common (every requirement fails on an absent key) is no hint.
    if (absent === failures.length && failures.length >= requirementCount(selector)) continue;
    scored.push({ template, failures, score: failures.length * 2 + absent, distance: valueDistance(failures) });
  }
  scored.sort((a, b) => a.score - b.score || a.distance - b.distance);
  return scored.slice(0, limit).map(({ template, failures }) => ({ template, failures }));
}

/** How far the values are from what the selector wants: a typo (`wbe` for `web`) comes first. */
function valueDistance(failures: readonly SelectorFailure[]): number {
  let total = 0;
  for (const f of failures) {
    if (f.actual === null || f.values.length === 0) continue;
    total += Math.min(...f.values.map((v) => editDistance(v, f.actual!)));
  }
  return total;
}

function requirementCount(selector: LabelSelector): number {
  return Object.keys(selector.matchLabels).length + selector.matchExpressions.length;
}

export function describeFailures(failures: readonly SelectorFailure[]): string {
  return failures.map(describeRequirement).join('; ');
}
