// Human-readable report, one line per finding as compilers print them, then a summary line.

import { countBySeverity, type CheckResult } from '../findings';

export function formatText(result: CheckResult): string {
  const lines = result.findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.rule}: ${f.message}`);
  lines.push(summary(result));
  return lines.join('\n') + '\n';
}

function summary(result: CheckResult): string {
  const scope = `${plural(result.filesChecked, 'file')} checked, ${plural(result.resources, 'resource')}`;
  if (result.findings.length === 0) return `No problems found (${scope}).`;
  const c = countBySeverity(result.findings);
  const parts = [plural(c.error, 'error'), plural(c.warning, 'warning')];
  if (c.info) parts.push(plural(c.info, 'info', 'infos'));
  if (c.hint) parts.push(plural(c.hint, 'hint'));
  return `${plural(result.findings.length, 'problem')} (${parts.join(', ')}) (${scope}).`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
