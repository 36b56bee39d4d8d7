// SARIF 2.1.0 report, shaped for GitHub code scanning: relative artifact URIs under %SRCROOT%,
// 1-based regions, and a rule table with help links.

import { pathToFileURL } from 'node:url';
import type { RuleLevel, RuleMeta } from '../../checks/types';
import type { Severity } from '../../model/types';
import type { CheckResult, CliFinding } from '../findings';
import { INFORMATION_URI, RULES_DOC_URI, cliVersion } from '../version';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

function sarifLevel(level: RuleLevel | Severity): SarifLevel {
  switch (level) {
    case 'error':
      return 'error';
    case 'warning':
      return 'warning';
    case 'off':
      return 'none';
    default:
      return 'note';
  }
}

export function formatSarif(result: CheckResult, rules: readonly RuleMeta[], cwd: string): string {
  const table = ruleTable(rules, result.findings);
  const ruleIndex = new Map(table.map((r, i) => [r.id, i]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kube-netlens',
            version: cliVersion(),
            semanticVersion: cliVersion(),
            informationUri: INFORMATION_URI,
            rules: table.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(cwd) } },
        columnKind: 'utf16CodeUnits',
        results: result.findings.map((f) => sarifResult(f, ruleIndex.get(f.rule)!)),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** Every known rule, plus any rule a finding names that the table lacks (so each ruleIndex resolves). */
function ruleTable(rules: readonly RuleMeta[], findings: readonly CliFinding[]): RuleMeta[] {
  const table = [...rules];
  const known = new Set(table.map((r) => r.id));
  for (const f of findings) {
    if (known.has(f.rule)) continue;
    known.add(f.rule);
    table.push({ id: f.rule, defaultSeverity: f.severity, summary: f.rule });
  }
  return table;
}

function ruleDescriptor(rule: RuleMeta) {
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.summary },
    helpUri: `${RULES_DOC_URI}#${rule.id}`,
    help: { text: `${rule.summary} See ${RULES_DOC_URI}#${rule.id}` },
    defaultConfiguration: { level: sarifLevel(rule.defaultSeverity), enabled: rule.defaultSeverity !== 'off' },
    properties: { tags: ['kubernetes'] },
  };
}

/** SARIF names rules in PascalCase: service-selector-no-match → ServiceSelectorNoMatch. */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

function sarifResult(f: CliFinding, ruleIndex: number) {
  return {
    ruleId: f.rule,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: relativeUri(f.file), uriBaseId: SRCROOT },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
        },
      },
    ],
  };
}

/** A relative URI reference for a forward-slash path: each segment percent-encoded. */
function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
