// The contract every rule implements. Rules are pure: they read the index and return findings.

import type { Finding, Resource, Severity } from '../model/types';
import type { WorkspaceIndex } from '../index/workspaceIndex';

export type RuleLevel = Severity | 'off';

export interface RuleMeta {
  id: string;
  defaultSeverity: RuleLevel;
  summary: string;
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

/** A rule that looks at one resource at a time (it may query the whole index). */
export interface ResourceCheck {
  meta: RuleMeta;
  kinds?: readonly string[];
  check(resource: Resource, ctx: CheckContext): Omit<Finding, 'severity' | 'rule' | 'uri'>[];
}
