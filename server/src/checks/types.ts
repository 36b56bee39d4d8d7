// The contract every rule implements. Rules are pure: they read the index and return findings.

import type { Finding, Resource, Severity } from '../model/types';
import type { WorkspaceIndex } from '../index/workspaceIndex';

export type RuleLevel = Severity | 'off';

export interface RuleMeta {
  id: string;
  defaultSeverity: RuleLevel;
  summary: string;
  /** For a rule that is off by default: the level it is meant to run at once turned on. */
  enabledSeverity?: Severity;
}

export interface CheckSettings {
  /** Per-rule level overrides (`kube-netlens.rules`). */
  rules: Record<string, RuleLevel>;
  /** Container network plugin (`kube-netlens.cni`), when the user named it. */
  cni?: string;
  clusterDomain?: string;
  nodePortRange?: [number, number];
}

export const DEFAULT_CHECK_SETTINGS: CheckSettings = { rules: {} };

export interface CheckContext {
  index: WorkspaceIndex;
  settings: CheckSettings;
}

/** What a rule returns: the runner adds rule, severity and uri (docIndex defaults to the resource's). */
export type CheckFinding = Omit<Finding, 'severity' | 'rule' | 'uri'>;

/** A rule that looks at one resource at a time (it may query the whole index). */
export interface ResourceCheck {
  meta: RuleMeta;
  kinds?: readonly string[];
  check(resource: Resource, ctx: CheckContext): Omit<Finding, 'severity' | 'rule' | 'uri'>[];
}
