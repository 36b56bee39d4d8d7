// `kube-netlens reach`: can one endpoint talk to another, on which ports, and why.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resolvePath } from '../model/ranges';
import type { Protocol } from '../model/types';
import {
  evaluate,
  formatPortSet,
  portSetEntries,
  renderExplanation,
  resolveEndpoint,
  worldFromIndex,
  type Explanation,
  type PolicyWorld,
  type PortQuery,
  type SourceRef,
} from '../policy';
import { EXIT_OK, EXIT_USAGE, type CliIO } from './io';
import { loadWorkspace } from './workspace';

export const REACH_HELP = `Usage:
  kube-netlens reach <paths...> --from <ref> --to <ref> [--port <n>[/<proto>]] [--format text|json]
  kube-netlens reach <paths...> --queries <file> [--format json]

Evaluates the NetworkPolicies in the manifests under <paths> (default: the current
directory) and says whether --from can open connections to --to, and why.

A <ref> is namespace/name (a workload or a Pod), namespace/Kind/name when a name is
used by several kinds, or an IP address (IPv4 or IPv6) outside the cluster.

Options:
      --from <ref>              Source endpoint
      --to <ref>                Destination endpoint
      --port <n>[/<proto>]      Ask about one port; proto is TCP (default), UDP or SCTP.
                                Without it, the allowed port set is reported.
  -f, --format <text|json>      Output format (default: text)
      --queries <file>          Answer many questions: one JSON object per line,
                                {"from": ref, "to": ref, "port": 5432, "protocol": "TCP"}
                                ("port" and "protocol" optional). Prints one JSON object
                                per line in the same order, each with "allowed", or
                                {"error": "...", "line": n} for a line that cannot be
                                answered (bad JSON, bad ref or port, or a blank line:
                                output line n always answers input line n).
      --default-namespace <ns>  Namespace of resources that do not name one (default: default)
  -h, --help                    Show this help

JSON answer (--format json, and each --queries line):
  {"from": id, "to": id, "port"?: n, "protocol"?: "TCP"|"UDP"|"SCTP",
   "allowed": boolean,         with --port: that port; without: at least one port
   "ports": "8080/TCP; 53/UDP" the allowed port set in words ("all", "none", or a list),
   "portSet": [{"protocol", "port", "endPort"?}],   the same set as data,
   "explanation": {...}}       isolation, allowing rules and near misses per direction,
                               with the source location of every policy and rule.

Exit status: 0 when the question was answered (allowed or not), 2 on bad usage
(unknown option, bad reference or port, unreadable path or queries file).
`;

const FORMATS = ['text', 'json'] as const;
type Format = (typeof FORMATS)[number];

class UsageError extends Error {}

/** Loads the manifests under `paths` into a policy world; a usage error for a missing path. */
export async function loadPolicyWorld(
  paths: readonly string[],
  io: CliIO,
  command: string,
  defaultNamespace: string | undefined,
): Promise<{ world: PolicyWorld; locate: (s: SourceRef) => string | undefined }> {
  if (defaultNamespace !== undefined && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(defaultNamespace)) {
    throw new UsageError(`--default-namespace '${defaultNamespace}' is not a valid namespace name`);
  }
  const roots = paths.map((p) => path.resolve(io.cwd, p));
  for (let i = 0; i < roots.length; i++) {
    try {
      await fs.stat(roots[i]!);
    } catch {
      throw new UsageError(`path not found: ${paths[i]}`);
    }
  }
  const ws = await loadWorkspace(roots, defaultNamespace ? { parse: { defaultNamespace } } : {});
  for (const u of ws.unreadable) io.stderr(`kube-netlens ${command}: cannot read ${u.path}: ${u.reason}\n`);
  const index = ws.index;
  const world = worldFromIndex(index);
  // A few notes help; hundreds (a cluster dump read twice) would bury the answer.
  for (const note of world.notes.slice(0, 5)) io.stderr(`kube-netlens ${command}: ${note}\n`);
  if (world.notes.length > 5) io.stderr(`kube-netlens ${command}: … and ${world.notes.length - 5} more notes like these.\n`);
  const locate = (s: SourceRef): string | undefined => {
    const doc = index.documents(s.uri)?.[s.docIndex];
    const lines = index.lineIndex(s.uri);
    if (!doc || !lines) return undefined;
    const resolved = resolvePath(doc, s.path, 'key');
    let file: string;
    try {
      file = path.relative(io.cwd, fileURLToPath(s.uri)) || s.uri;
    } catch {
      file = s.uri;
    }
    return resolved ? `${file}:${lines.positionAt(resolved.range.start).line + 1}` : file;
  };
  return { world, locate };
}

export function parsePortArg(text: string): PortQuery {
  const m = /^(\d{1,5})(?:\/([A-Za-z]+))?$/.exec(text.trim());
  const port = m ? Number(m[1]) : NaN;
  if (!m || port < 1 || port > 65535) throw new UsageError(`--port expects <n>[/<proto>] with n from 1 to 65535, got '${text}'`);
  return { port, protocol: parseProtocol(m[2] ?? 'TCP') };
}

function parseProtocol(text: string): Protocol {
  const p = text.toUpperCase();
  if (p !== 'TCP' && p !== 'UDP' && p !== 'SCTP') throw new UsageError(`unknown protocol '${text}' (expected TCP, UDP or SCTP)`);
  return p;
}

/** The JSON answer to one question (shared by --format json and --queries). */
export function answerJson(e: Explanation): Record<string, unknown> {
  return {
    from: e.from.id,
    to: e.to.id,
    ...(e.query ? { port: e.query.port, protocol: e.query.protocol } : {}),
    allowed: e.allowed,
    ports: formatPortSet(e.ports),
    portSet: portSetEntries(e.ports),
    explanation: e,
  };
}

/** One line of a queries file → one output object; never throws. */
export function answerQueryLine(world: PolicyWorld, line: string): Record<string, unknown> {
  let q: unknown;
  try {
    q = JSON.parse(line);
  } catch {
    return { error: 'not a JSON object' };
  }
  if (q === null || typeof q !== 'object' || Array.isArray(q)) return { error: 'not a JSON object' };
  const { from, to, port, protocol } = q as Record<string, unknown>;
  if (typeof from !== 'string' || typeof to !== 'string') return { error: '"from" and "to" must be strings' };
  let query: PortQuery | undefined;
  if (port !== undefined && port !== null) {
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) return { error: '"port" must be a whole number from 1 to 65535' };
    if (protocol !== undefined && protocol !== null && typeof protocol !== 'string') return { error: '"protocol" must be TCP, UDP or SCTP' };
    try {
      query = { port, protocol: parseProtocol(protocol ?? 'TCP') };
    } catch (e) {
      return { error: (e as Error).message };
    }
  } else if (protocol !== undefined && protocol !== null) {
    return { error: '"protocol" needs a "port"' };
  }
  const a = resolveEndpoint(world, from);
  if (!a.ok) return { error: `from: ${a.error}` };
  const b = resolveEndpoint(world, to);
  if (!b.ok) return { error: `to: ${b.error}` };
  return answerJson(evaluate(world, a.endpoint, b.endpoint, query));
}

interface ReachOptions {
  paths: string[];
  format: Format;
  from?: string;
  to?: string;
  port?: PortQuery;
  queries?: string;
  defaultNamespace?: string;
}

function parseReachArgs(args: string[]): ReachOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        port: { type: 'string' },
        format: { type: 'string', short: 'f' },
        queries: { type: 'string' },
        'default-namespace': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.split('. ')[0]! : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const queries = values.queries;
  const format = values.format ?? (queries !== undefined ? 'json' : 'text');
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format '${format}' (expected ${FORMATS.join(', ')})`);
  if (queries !== undefined) {
    if (values.from !== undefined || values.to !== undefined || values.port !== undefined) {
      throw new UsageError('--queries cannot be combined with --from, --to or --port');
    }
    if (format !== 'json') throw new UsageError('--queries answers in JSON lines: use --format json');
  } else if (values.from === undefined || values.to === undefined) {
    throw new UsageError('--from and --to are required (or --queries <file>)');
  }
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format: format as Format,
    ...(values.from !== undefined ? { from: values.from } : {}),
    ...(values.to !== undefined ? { to: values.to } : {}),
    ...(values.port !== undefined ? { port: parsePortArg(values.port) } : {}),
    ...(queries !== undefined ? { queries } : {}),
    ...(values['default-namespace'] !== undefined ? { defaultNamespace: values['default-namespace'] } : {}),
  };
}

function usageError(io: CliIO, command: string, message: string): number {
  io.stderr(`kube-netlens ${command}: ${message}\nRun 'kube-netlens ${command} --help' for usage.\n`);
  return EXIT_USAGE;
}

export async function runReach(args: string[], io: CliIO): Promise<number> {
  try {
    const options = parseReachArgs(args);
    if (options === 'help') {
      io.stdout(REACH_HELP);
      return EXIT_OK;
    }
    let queriesText: string | undefined;
    if (options.queries !== undefined) {
      try {
        queriesText = await fs.readFile(path.resolve(io.cwd, options.queries), 'utf8');
      } catch (e) {
        throw new UsageError(`cannot read queries file ${options.queries}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      }
    }
    const { world, locate } = await loadPolicyWorld(options.paths, io, 'reach', options.defaultNamespace);

    if (queriesText !== undefined) {
      const lines = queriesText.split(/\r?\n/);
      // A final newline ends the last line; it does not start another question.
      if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
      const out = lines.map((line, i) => {
        const answer = line.trim() === '' ? { error: 'empty line' } : answerQueryLine(world, line);
        return JSON.stringify('error' in answer ? { ...answer, line: i + 1 } : answer);
      });
      io.stdout(out.length > 0 ? `${out.join('\n')}\n` : '');
      return EXIT_OK;
    }

    const from = resolveEndpoint(world, options.from!);
    if (!from.ok) throw new UsageError(`--from: ${from.error}`);
    const to = resolveEndpoint(world, options.to!);
    if (!to.ok) throw new UsageError(`--to: ${to.error}`);
    const explanation = evaluate(world, from.endpoint, to.endpoint, options.port);
    if (options.format === 'json') io.stdout(`${JSON.stringify(answerJson(explanation), null, 2)}\n`);
    else io.stdout(`${renderExplanation(explanation, { locate })}\n`);
    return EXIT_OK;
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, 'reach', e.message);
    throw e;
  }
}

export { UsageError as ReachUsageError, usageError };
