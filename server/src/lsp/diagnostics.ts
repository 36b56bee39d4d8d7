// Findings → LSP diagnostics, and a publisher that sends a file's diagnostics only when they changed.

import { DiagnosticSeverity, type Connection, type Diagnostic, type Range } from 'vscode-languageserver/node';
import type { LocatedFinding } from '../checks/run';
import type { LineIndex } from '../model/lines';
import type { OffsetRange, Severity } from '../model/types';
import { DIAGNOSTIC_SOURCE, RULES_DOC_URL } from './protocol';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(range: OffsetRange, lines: LineIndex): Range {
  return { start: lines.positionAt(range.start), end: lines.positionAt(range.end) };
}

export function ruleDocUrl(rule: string): string {
  return `${RULES_DOC_URL}#${rule}`;
}

export function toDiagnostic(finding: LocatedFinding, lines: LineIndex): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(finding.range, lines),
    severity: SEVERITY[finding.severity] ?? DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code: finding.rule,
    codeDescription: { href: ruleDocUrl(finding.rule) },
    message: finding.message,
  };
  if (finding.data !== undefined) diagnostic.data = finding.data;
  return diagnostic;
}

/** The one notice for a file not analysed because of its size (it has no rule: it is not a problem in the file). */
export function tooLargeNotice(size: number, maxFileSize: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    message: `Not analysed: the file has ${formatBytes(size)}, more than kube-netlens.maxFileSize (${formatBytes(maxFileSize)}).`,
  };
}

export function formatBytes(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)} MB`;
  if (n >= 1_000) return `${(n / 1_000).toFixed(1)} kB`;
  return `${n} bytes`;
}

/** Publishes per URI, skipping a publish that would repeat what the client already shows. */
export class DiagnosticsPublisher {
  /** Last published diagnostics per URI, serialised; absent means "none shown". */
  private readonly shown = new Map<string, string>();

  constructor(private readonly connection: Connection) {}

  /** Returns true when something was sent. */
  publish(uri: string, diagnostics: Diagnostic[], version?: number): boolean {
    const key = diagnostics.length === 0 ? undefined : JSON.stringify(diagnostics);
    if (key === this.shown.get(uri)) return false;
    if (key === undefined) this.shown.delete(uri);
    else this.shown.set(uri, key);
    void this.connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
    return true;
  }

  /** URIs that currently show diagnostics. */
  shownUris(): string[] {
    return [...this.shown.keys()];
  }
}
