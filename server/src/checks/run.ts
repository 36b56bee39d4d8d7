// Runs every rule for one file and applies the user's levels and suppression comments.

import type { Finding, OffsetRange } from '../model/types';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { validateResource } from '../schema/validate';
import { RESOURCE_CHECKS } from './catalog';
import { DUPLICATE_KEY, SCHEMA, YAML_COMPAT, YAML_SYNTAX } from './yamlRules';
import type { CheckSettings, RuleLevel, RuleMeta } from './types';
import { suppressedRules } from './suppression';
import { factsFor } from './facts';

/** The rule table the editor, the CLI and the docs read. */
export const RULES: readonly RuleMeta[] = [YAML_SYNTAX, YAML_COMPAT, DUPLICATE_KEY, SCHEMA, ...RESOURCE_CHECKS.map((c) => c.meta)];

const RULES_BY_ID = new Map(RULES.map((r) => [r.id, r]));

export interface LocatedFinding extends Finding {
  range: OffsetRange;
}

function levelOf(rule: string, settings: CheckSettings, fallback: RuleLevel): RuleLevel {
  return settings.rules[rule] ?? RULES_BY_ID.get(rule)?.defaultSeverity ?? fallback;
}

/** A block collection's range runs through its last line break: end the finding on the last character. */
function trimTrailingSpace(text: string, range: OffsetRange): OffsetRange {
  let end = range.end;
  while (end > range.start && /\s/.test(text[end - 1]!)) end--;
  return end === range.end ? range : { start: range.start, end };
}

/** All findings for one file, ranged, with levels and suppressions applied. Empty for non-Kubernetes files. */
export function findingsForFile(index: WorkspaceIndex, uri: string, settings: CheckSettings): LocatedFinding[] {
  const file = index.getFile(uri);
  if (!file || file.status !== 'kubernetes') return [];
  const ctx = { index, settings };
  const raw: Finding[] = [...file.yamlFindings];
  // A kustomize patch is a partial object by design: required fields are not missing there.
  const facts = factsFor(index);
  const isPatch = facts.kustomizePatchUris().has(uri);
  const schemaOptions = { selectorFromKustomize: facts.selectorsFromKustomize().has(uri) };
  for (const resource of file.resources) {
    if (!isPatch) raw.push(...validateResource(resource, schemaOptions));
    for (const check of RESOURCE_CHECKS) {
      if (check.kinds && !check.kinds.includes(resource.kind)) continue;
      if (levelOf(check.meta.id, settings, 'off') === 'off') continue;
      for (const f of check.check(resource, ctx)) {
        raw.push({ ...f, rule: check.meta.id, severity: 'warning', uri, docIndex: f.docIndex ?? resource.docIndex });
      }
    }
  }
  // Most files have nothing to report: skip building their line index.
  if (raw.length === 0) return [];
  const lines = index.lineIndex(uri);
  const suppressed = suppressedRules(file.text);
  const out: LocatedFinding[] = [];
  for (const f of raw) {
    const level = levelOf(f.rule, settings, f.severity);
    if (level === 'off') continue;
    const range = trimTrailingSpace(file.text, index.rangeOf(f));
    const line = lines ? lines.positionAt(range.start).line : 0;
    if (suppressed.isSuppressed(f.rule, line)) continue;
    out.push({ ...f, severity: level, range });
  }
  return out;
}
