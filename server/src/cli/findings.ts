// Findings as the CLI reports them: a file relative to the working directory and 1-based positions.

import * as path from 'node:path';
import { findingsForFile, type LocatedFinding } from '../checks/run';
import type { CheckSettings, RuleMeta } from '../checks/types';
import type { Severity } from '../model/types';
import type { LineIndex } from '../model/lines';
import type { LoadedWorkspace } from './workspace';

/** One reported problem. Field names are part of the JSON output format. */
export interface CliFinding {
  file: string;
  /** 1-based line of the first character. */
  line: number;
  /** 1-based column in UTF-16 code units, as editors count. */
  column: number;
  endLine: number;
  /** 1-based column just after the last character. */
  endColumn: number;
  severity: Severity;
  rule: string;
  message: string;
}

/** Notices the CLI adds itself (not produced by a rule). */
export const FILE_TOO_LARGE: RuleMeta = {
  id: 'file-too-large',
  defaultSeverity: 'info',
  summary: 'The file is larger than the size limit and was not analysed.',
};

export interface CheckResult {
  findings: CliFinding[];
  filesChecked: number;
  resources: number;
}

/** Runs every rule on every loaded file: the same call the editor makes per file. */
export function checkWorkspace(ws: LoadedWorkspace, settings: CheckSettings, cwd: string): CheckResult {
  const findings: CliFinding[] = [];
  for (const file of ws.files) {
    const located = findingsForFile(ws.index, file.uri, settings);
    if (located.length === 0) continue;
    const lines = ws.index.lineIndex(file.uri);
    const rel = relativeFile(cwd, file.path);
    for (const f of located) findings.push(toCliFinding(rel, f, lines));
  }
  const tooLargeLevel = settings.rules[FILE_TOO_LARGE.id] ?? FILE_TOO_LARGE.defaultSeverity;
  if (tooLargeLevel !== 'off') {
    for (const file of ws.tooLarge.filter((f) => f.looksLikeManifest)) {
      findings.push({
        file: relativeFile(cwd, file.path),
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        severity: tooLargeLevel,
        rule: FILE_TOO_LARGE.id,
        message: `Not analysed: the file has ${file.size.toLocaleString('en-US')} bytes, more than the limit of ${ws.maxFileSize.toLocaleString('en-US')}.`,
      });
    }
  }
  findings.sort(compareFindings);
  return { findings, filesChecked: ws.files.length, resources: ws.index.resourceCount };
}

function toCliFinding(file: string, f: LocatedFinding, lines: LineIndex | undefined): CliFinding {
  const start = lines?.positionAt(f.range.start) ?? { line: 0, character: 0 };
  const end = lines?.positionAt(f.range.end) ?? start;
  return {
    file,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    severity: f.severity,
    rule: f.rule,
    message: f.message,
  };
}

/** Path relative to `cwd` with forward slashes, so reports read the same on every OS. */
export function relativeFile(cwd: string, absPath: string): string {
  const rel = path.relative(cwd, absPath) || path.basename(absPath);
  return rel.split(path.sep).join('/');
}

function compareFindings(a: CliFinding, b: CliFinding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
  hint: number;
}

export function countBySeverity(findings: readonly CliFinding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
