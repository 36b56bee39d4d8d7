// `check --report-files <path>`: what happened to every file under the checked paths — checked, read
// but not a manifest, skipped, unreadable or left out by the include/exclude patterns — and why.

import { isMap, isScalar } from 'yaml';
import { isToolConfig } from '../model/kinds';
import type { IndexedFile } from '../index/workspaceIndex';
import type { LoadedWorkspace } from './workspace';
import { relativeFile, type CliFinding } from './findings';

export type FileReportStatus = 'checked' | 'not-kubernetes' | 'skipped' | 'unreadable' | 'ignored';

/** One file's fate. Field names are part of the report format. */
export interface FileReportEntry {
  file: string;
  status: FileReportStatus;
  /** Why it was not checked (every status but `checked`). */
  reason?: string;
  /** Kubernetes resources read from it (`checked` files). */
  resources?: number;
  /** Findings reported in it, any severity. */
  findings?: number;
}

export interface FileReport {
  files: FileReportEntry[];
  summary: Record<FileReportStatus, number> & { resources: number };
}

export function buildFileReport(ws: LoadedWorkspace, findings: readonly CliFinding[], cwd: string): FileReport {
  const perFile = new Map<string, number>();
  for (const f of findings) perFile.set(f.file, (perFile.get(f.file) ?? 0) + 1);
  const entries: FileReportEntry[] = [];
  const add = (absPath: string, entry: Omit<FileReportEntry, 'file'>) => {
    const file = relativeFile(cwd, absPath);
    entries.push({ file, ...entry, ...(perFile.has(file) ? { findings: perFile.get(file)! } : {}) });
  };

  for (const loaded of ws.files) {
    const file = ws.index.getFile(loaded.uri);
    if (!file) continue;
    if (file.status === 'kubernetes') add(loaded.path, { status: 'checked', resources: file.resources.length });
    else if (file.status === 'skipped') add(loaded.path, { status: 'skipped', reason: skipReasonText(file, ws.maxFileSize) });
    else add(loaded.path, { status: 'not-kubernetes', reason: notKubernetesReason(ws, file) });
  }
  for (const big of ws.tooLarge) {
    add(big.path, { status: 'skipped', reason: `larger than the size limit (${big.size.toLocaleString('en-US')} bytes, limit ${ws.maxFileSize.toLocaleString('en-US')})` });
  }
  for (const u of ws.unreadable) add(u.path, { status: 'unreadable', reason: u.reason });
  for (const i of ws.ignored) {
    add(i.path, { status: 'ignored', reason: i.reason === 'excluded' ? 'matches an exclude pattern' : 'does not match the include patterns (*.yaml, *.yml, *.json by default)' });
  }
  entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  const summary: FileReport['summary'] = { checked: 0, 'not-kubernetes': 0, skipped: 0, unreadable: 0, ignored: 0, resources: 0 };
  for (const e of entries) {
    summary[e.status]++;
    summary.resources += e.resources ?? 0;
  }
  return { files: entries, summary };
}

function skipReasonText(file: IndexedFile, maxFileSize: number): string {
  switch (file.skipReason) {
    case 'binary':
      return 'binary content, not text';
    case 'helm-template':
      return 'a Go (Helm) template: not YAML until it is rendered';
    case 'too-large':
      return `larger than the size limit (${maxFileSize.toLocaleString('en-US')} bytes)`;
    default:
      return 'not read';
  }
}

const KUSTOMIZATION_FILE = /\/(kustomization\.ya?ml|Kustomization)$/;

/** Why a file that was read holds no Kubernetes object. */
function notKubernetesReason(ws: LoadedWorkspace, file: IndexedFile): string {
  const documents = ws.index.documents(file.uri) ?? [];
  const contents = documents.map((d) => d.contents).filter((c) => c !== null && !(isScalar(c) && (c.value === null || c.value === '')));
  if (contents.length === 0) return 'empty: no YAML content';
  if (KUSTOMIZATION_FILE.test(file.uri)) return 'kustomize configuration (read for the files it lists), not a cluster object';
  for (const root of contents) {
    if (!isMap(root)) continue;
    const apiVersion = root.get('apiVersion');
    const kind = root.get('kind');
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') continue;
    if (isToolConfig(apiVersion, kind)) return `tool configuration (${kind} ${apiVersion}), not a cluster object`;
    if (kind.endsWith('List')) return `a ${kind} without items`;
  }
  const broken = documents.some((d) => d.errors.length > 0);
  return `${broken ? 'not valid YAML, and ' : ''}no document has a string apiVersion and kind: not a Kubernetes manifest`;
}
