// `kube-netlens check`: reports every finding the editor would show, for CI.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { RULES } from '../checks/run';
import type { CheckSettings, RuleLevel } from '../checks/types';
import { DEFAULT_CHECK_SETTINGS } from '../checks/types';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIO } from './io';
import { loadWorkspace } from './workspace';
import { FILE_TOO_LARGE, checkWorkspace, countBySeverity } from './findings';
import { formatText } from './formats/text';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { buildFileReport } from './fileReport';

export const CHECK_HELP = `Usage: kube-netlens check [paths...] [options]

Checks the Kubernetes manifests under each path (default: the current directory)
and prints every problem the editor would show.

Options:
  -f, --format <text|json|sarif>  Output format (default: text)
      --max-warnings <n>          Exit with 1 when there are more than n warnings
      --rule <id=level>           Set a rule's level: off, hint, info, warning or error
                                  (repeatable)
      --default-namespace <ns>    Namespace of resources that do not name one (default: default)
      --report-files <file>       Also write a JSON report of every file under the paths:
                                  checked, not Kubernetes, skipped or ignored, and why
  -h, --help                      Show this help

Exit status: 0 no errors (and warnings within --max-warnings), 1 errors or too many
warnings, 2 bad usage.
`;

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];
const LEVELS: readonly RuleLevel[] = ['off', 'hint', 'info', 'warning', 'error'];

interface CheckOptions {
  paths: string[];
  format: Format;
  maxWarnings: number | undefined;
  settings: CheckSettings;
  defaultNamespace: string | undefined;
  reportFiles: string | undefined;
}

class UsageError extends Error {}

export async function runCheck(args: string[], io: CliIO): Promise<number> {
  let options: CheckOptions | 'help';
  try {
    options = parseCheckArgs(args);
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e.message);
    throw e;
  }
  if (options === 'help') {
    io.stdout(CHECK_HELP);
    return EXIT_OK;
  }

  const roots = options.paths.map((p) => path.resolve(io.cwd, p));
  for (let i = 0; i < roots.length; i++) {
    try {
      await fs.stat(roots[i]!);
    } catch {
      return usageError(io, `path not found: ${options.paths[i]}`);
    }
  }

  const ws = await loadWorkspace(roots, options.defaultNamespace ? { parse: { defaultNamespace: options.defaultNamespace } } : {});
  for (const u of ws.unreadable) io.stderr(`kube-netlens check: cannot read ${u.path}: ${u.reason}\n`);

  const result = checkWorkspace(ws, options.settings, io.cwd);
  if (options.reportFiles !== undefined) {
    const target = path.resolve(io.cwd, options.reportFiles);
    try {
      await fs.writeFile(target, JSON.stringify(buildFileReport(ws, result.findings, io.cwd), null, 2) + '\n');
    } catch (e) {
      return usageError(io, `cannot write --report-files ${options.reportFiles}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  switch (options.format) {
    case 'json':
      io.stdout(formatJson(result));
      break;
    case 'sarif':
      io.stdout(formatSarif(result, [...RULES, FILE_TOO_LARGE], io.cwd));
      break;
    default:
      io.stdout(formatText(result));
  }

  const counts = countBySeverity(result.findings);
  if (counts.error > 0) return EXIT_FINDINGS;
  if (options.maxWarnings !== undefined && counts.warning > options.maxWarnings) {
    io.stderr(`kube-netlens check: ${counts.warning} warnings, more than --max-warnings ${options.maxWarnings}.\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

function usageError(io: CliIO, message: string): number {
  io.stderr(`kube-netlens check: ${message}\nRun 'kube-netlens check --help' for usage.\n`);
  return EXIT_USAGE;
}

function parseCheckArgs(args: string[]): CheckOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        'max-warnings': { type: 'string' },
        rule: { type: 'string', multiple: true },
        'default-namespace': { type: 'string' },
        'report-files': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    // node's messages are precise ("Unknown option '--x'", "Option '--format <value>' argument missing").
    throw new UsageError(e instanceof Error ? e.message.split('. ')[0]! : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';

  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format '${format}' (expected ${FORMATS.join(', ')})`);
  }

  let maxWarnings: number | undefined;
  const rawMax = values['max-warnings'];
  if (rawMax !== undefined) {
    if (!/^\d+$/.test(rawMax)) throw new UsageError(`--max-warnings needs a whole number ≥ 0, got '${rawMax}'`);
    maxWarnings = Number(rawMax);
  }

  const rules: Record<string, RuleLevel> = {};
  const knownIds = new Set([...RULES, FILE_TOO_LARGE].map((r) => r.id));
  for (const spec of values.rule ?? []) {
    const m = /^([\w-]+)=(\w+)$/.exec(spec.trim());
    if (!m) throw new UsageError(`--rule expects id=level (for example service-selector-no-match=off), got '${spec}'`);
    const [, id, level] = m;
    if (!knownIds.has(id!)) throw new UsageError(`unknown rule '${id}' in --rule (rule ids are listed in docs/rules.md)`);
    if (!(LEVELS as readonly string[]).includes(level!)) {
      throw new UsageError(`unknown level '${level}' for rule ${id} (expected ${LEVELS.join(', ')})`);
    }
    rules[id!] = level as RuleLevel;
  }

  const defaultNamespace = values['default-namespace'];
  if (defaultNamespace !== undefined && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(defaultNamespace)) {
    throw new UsageError(`--default-namespace '${defaultNamespace}' is not a valid namespace name`);
  }

  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format: format as Format,
    maxWarnings,
    settings: { ...DEFAULT_CHECK_SETTINGS, rules },
    defaultNamespace,
    reportFiles: values['report-files'],
  };
}
