// `kube-netlens matrix`: allowed ports between every pair of workloads, plus the internet.

import { parseArgs } from 'node:util';
import {
  computeMatrix,
  formatMatrixCsv,
  formatMatrixDot,
  formatMatrixJson,
  formatMatrixMermaid,
  formatMatrixTable,
  parseAddressOrCidr,
} from '../policy';
import { EXIT_OK, type CliIO } from './io';
import { ReachUsageError as UsageError, loadPolicyWorld, usageError } from './reach';

export const MATRIX_HELP = `Usage: kube-netlens matrix <paths...> [--format table|json|csv|dot|mermaid] [--namespace ns]

Prints which ports each workload may open to each other workload under the NetworkPolicies
in the manifests under <paths> (default: the current directory). An "internet" endpoint
(0.0.0.0/0, and ::/0 when a policy names an IPv6 block) stands for addresses outside the
cluster; its cell shows what at least one such address gets.

Options:
  -f, --format <fmt>           table (default), json, csv, dot (Graphviz) or mermaid
  -n, --namespace <ns>         Only list workloads of this namespace
      --external <ip|cidr>     Also list this external address or range (repeatable)
      --default-namespace <ns> Namespace of resources that do not name one (default: default)
  -h, --help                   Show this help

JSON: {"endpoints": [{type, id, ...}], "connections": [{"from": id, "to": id,
"ports": "8080/TCP", "portSet": [{"protocol", "port", "endPort"?}], "everyAddress"?}]};
pairs with no allowed port are left out. CSV: from,to,ports.

Exit status: 0 on success, 2 on bad usage.
`;

const FORMATS = ['table', 'json', 'csv', 'dot', 'mermaid'] as const;
type Format = (typeof FORMATS)[number];

const RENDER: Record<Format, (m: ReturnType<typeof computeMatrix>) => string> = {
  table: formatMatrixTable,
  json: formatMatrixJson,
  csv: formatMatrixCsv,
  dot: formatMatrixDot,
  mermaid: formatMatrixMermaid,
};

export async function runMatrix(args: string[], io: CliIO): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        strict: true,
        options: {
          format: { type: 'string', short: 'f' },
          namespace: { type: 'string', short: 'n' },
          external: { type: 'string', multiple: true },
          'default-namespace': { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message.split('. ')[0]! : String(e));
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.stdout(MATRIX_HELP);
      return EXIT_OK;
    }
    const format = values.format ?? 'table';
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format '${format}' (expected ${FORMATS.join(', ')})`);
    const externals = values.external ?? [];
    for (const x of externals) if (!parseAddressOrCidr(x)) throw new UsageError(`--external expects an IP address or CIDR, got '${x}'`);

    const { world } = await loadPolicyWorld(positionals.length > 0 ? positionals : ['.'], io, 'matrix', values['default-namespace']);
    const namespace = values.namespace;
    if (namespace !== undefined && !world.workloads.some((w) => w.namespace === namespace)) {
      io.stderr(`kube-netlens matrix: no workloads in namespace "${namespace}"\n`);
    }
    const m = computeMatrix(world, { ...(namespace !== undefined ? { namespace } : {}), externals });
    io.stdout(RENDER[format as Format](m));
    return EXIT_OK;
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, 'matrix', e.message);
    throw e;
  }
}
