// The server's view of the `kube-netlens.*` settings (plus VS Code's `files.exclude`), read per
// workspace folder, checked value by value: a bad value falls back to its default, never throws.

import type { CheckSettings, RuleLevel } from '../checks/types';
import { DEFAULT_FILE_RULES } from '../node/workspaceFiles';

export type DiagnosticsScope = 'workspace' | 'openFiles';

export interface FolderSettings {
  include: string[];
  /** `kube-netlens.exclude` followed by the enabled `files.exclude` globs. */
  exclude: string[];
  maxFileSize: number;
  defaultNamespace: string;
  diagnosticsScope: DiagnosticsScope;
  check: CheckSettings;
}

export const CNI_VALUES = [
  'unknown',
  'calico',
  'cilium',
  'flannel',
  'kubenet',
  'weave',
  'antrea',
  'aws-vpc-cni',
  'azure',
  'gke-dataplane-v2',
  'other',
] as const;

const RULE_LEVELS: readonly RuleLevel[] = ['off', 'hint', 'info', 'warning', 'error'];

export const DEFAULT_SETTINGS: FolderSettings = {
  include: [...DEFAULT_FILE_RULES.include],
  exclude: [...DEFAULT_FILE_RULES.exclude],
  maxFileSize: DEFAULT_FILE_RULES.maxFileSize,
  defaultNamespace: 'default',
  diagnosticsScope: 'workspace',
  check: { rules: {} },
};

type Raw = Record<string, unknown>;

function record(v: unknown): Raw | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Raw) : undefined;
}

/** A dotted setting, whether the client sent it nested (`diagnostics: {scope}`) or flat (`'diagnostics.scope'`). */
function pick(raw: Raw, dotted: string): unknown {
  if (dotted in raw) return raw[dotted];
  let v: unknown = raw;
  for (const part of dotted.split('.')) {
    const r = record(v);
    if (!r) return undefined;
    v = r[part];
  }
  return v;
}

function stringList(v: unknown, fallback: string[]): string[] {
  if (!Array.isArray(v)) return fallback;
  return v.filter((s): s is string => typeof s === 'string' && s.trim() !== '');
}

function nonEmptyString(v: unknown, fallback: string): string {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : fallback;
}

function ruleLevels(v: unknown): Record<string, RuleLevel> {
  const out: Record<string, RuleLevel> = {};
  for (const [id, level] of Object.entries(record(v) ?? {})) {
    if (typeof level === 'string' && (RULE_LEVELS as readonly string[]).includes(level)) out[id] = level as RuleLevel;
  }
  return out;
}

/**
 * Globs enabled in VS Code's `files.exclude` (`{"**\/.git": true}`). Each also excludes everything
 * below it, as VS Code does for folders. Conditional entries (`{when: …}`) are left out.
 */
export function filesExcludeGlobs(filesSection: unknown): string[] {
  const exclude = record(record(filesSection)?.['exclude']);
  if (!exclude) return [];
  const out: string[] = [];
  for (const [glob, enabled] of Object.entries(exclude)) {
    if (enabled !== true || glob.trim() === '') continue;
    const g = glob.replace(/\/+$/, '');
    out.push(g, `${g}/**`);
  }
  return out;
}

/** `"30000-32767"` (the API server's --service-node-port-range form) → [30000, 32767]. */
function nodePortRangeOf(v: unknown): [number, number] | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d{1,5})\s*-\s*(\d{1,5})\s*$/.exec(v);
  if (!m) return undefined;
  const low = Number(m[1]);
  const high = Number(m[2]);
  return low >= 1 && low <= high && high <= 65535 ? [low, high] : undefined;
}

/** Normalises the raw `kube-netlens` section and the `files` section into typed settings. */
export function toFolderSettings(section: unknown, filesSection: unknown): FolderSettings {
  const raw = record(section) ?? {};
  const maxFileSize = pick(raw, 'maxFileSize');
  const scope = pick(raw, 'diagnostics.scope');
  const cni = pick(raw, 'cni');
  const check: CheckSettings = { rules: ruleLevels(pick(raw, 'rules')) };
  // Empty means "find out": a CoreDNS Corefile in the workspace, else cluster.local.
  const clusterDomain = pick(raw, 'clusterDomain');
  if (typeof clusterDomain === 'string' && clusterDomain.trim() !== '') check.clusterDomain = clusterDomain.trim().replace(/^\.+|\.+$/g, '');
  const nodePortRange = nodePortRangeOf(pick(raw, 'nodePortRange'));
  if (nodePortRange) check.nodePortRange = nodePortRange;
  // `unknown` is the same as not naming a plugin: rules then assume nothing about it.
  if (typeof cni === 'string' && cni !== 'unknown' && (CNI_VALUES as readonly string[]).includes(cni)) check.cni = cni;
  return {
    include: stringList(pick(raw, 'include'), DEFAULT_SETTINGS.include),
    exclude: [...stringList(pick(raw, 'exclude'), DEFAULT_SETTINGS.exclude), ...filesExcludeGlobs(filesSection)],
    maxFileSize: typeof maxFileSize === 'number' && Number.isFinite(maxFileSize) && maxFileSize > 0 ? maxFileSize : DEFAULT_SETTINGS.maxFileSize,
    defaultNamespace: nonEmptyString(pick(raw, 'defaultNamespace'), DEFAULT_SETTINGS.defaultNamespace),
    diagnosticsScope: scope === 'openFiles' ? 'openFiles' : 'workspace',
    check,
  };
}

/** Settings whose change means the folder's files must be walked and parsed again. */
export function needsReindex(before: FolderSettings, after: FolderSettings): boolean {
  return (
    before.defaultNamespace !== after.defaultNamespace ||
    before.maxFileSize !== after.maxFileSize ||
    JSON.stringify(before.include) !== JSON.stringify(after.include) ||
    JSON.stringify(before.exclude) !== JSON.stringify(after.exclude)
  );
}

/** Fetches the two raw sections for a scope (a folder URI, or undefined for the window). */
export type SettingsFetcher = (scopeUri: string | undefined) => Promise<[unknown, unknown]>;

/** Settings per folder, fetched once and kept until the configuration changes. */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<FolderSettings>>();

  constructor(private readonly fetch: SettingsFetcher) {}

  get(folderUri: string | undefined): Promise<FolderSettings> {
    const key = folderUri ?? '';
    let settings = this.cache.get(key);
    if (!settings) {
      settings = this.fetch(folderUri).then(
        ([section, files]) => toFolderSettings(section, files),
        () => DEFAULT_SETTINGS,
      );
      this.cache.set(key, settings);
    }
    return settings;
  }

  clear(): void {
    this.cache.clear();
  }
}
