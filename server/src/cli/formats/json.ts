// Machine-readable report: a JSON array of findings with fixed field names.

import type { CheckResult, CliFinding } from '../findings';

export function formatJson(result: CheckResult): string {
  // Build each object explicitly so the output has exactly the documented fields, in a stable order.
  const rows = result.findings.map((f: CliFinding) => ({
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    severity: f.severity,
    rule: f.rule,
    message: f.message,
  }));
  return JSON.stringify(rows, null, 2) + '\n';
}
