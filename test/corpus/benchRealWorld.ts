// Times the real-world corpus: `kube-netlens check` (wall time and peak RSS from /usr/bin/time -v) and
// the language server indexing it as a workspace folder (from the initialize request to the status
// notification that reports indexing over, and to the one that reports diagnostics done; peak RSS of
// the server process from /proc). Median of --runs (default 3). Not a test: run it by hand with
//   node scripts/build.mjs && npx tsc -p test/tsconfig.json && node out/test/corpus/benchRealWorld.js

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, REPO_ROOT } from '../cli/run';
import { LspClient } from '../lsp/harness';

const CORPUS = path.resolve(REPO_ROOT, '..', 'shared', 'corpus', 'real-world');

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface CliSample {
  seconds: number;
  maxRssMb: number;
  status: number | null;
}

function cliSample(): CliSample {
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, CLI, 'check', CORPUS, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  if (!wall || !rss) throw new Error(`no /usr/bin/time -v output:\n${r.stderr}`);
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  return { seconds, maxRssMb: Number(rss[1]) / 1024, status: r.status };
}

interface ServerSample {
  indexedMs: number;
  checkedMs: number;
  maxRssMb: number;
  files: number;
  resources: number;
  problems: number;
}

/** Peak resident set of a live process (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function serverSample(): Promise<ServerSample> {
  const started = performance.now();
  const client = await LspClient.start({ folders: [CORPUS], workDoneProgress: true });
  try {
    const indexed = await client.waitFor('indexing over', () => {
      const begun = client.statuses.findIndex((s) => s.indexing);
      return begun >= 0 ? client.statuses.slice(begun).find((s) => !s.indexing) : undefined;
    }, 600_000);
    const indexedMs = performance.now() - started;
    const done = await client.waitFor('diagnostics done', () => {
      const begun = client.statuses.findIndex((s) => s.indexing);
      return begun >= 0 ? client.statuses.slice(begun).find((s) => !s.indexing && !s.checking) : undefined;
    }, 600_000);
    const checkedMs = performance.now() - started;
    const maxRssMb = peakRssMb(client.process.pid!);
    let problems = 0;
    for (const list of client.diagnostics.values()) problems += list.filter((d) => d.severity === 1 || d.severity === 2).length;
    return { indexedMs, checkedMs, maxRssMb, files: indexed.files, resources: done.resources, problems };
  } finally {
    await client.stop();
  }
}

async function main(): Promise<void> {
  if (!existsSync(CORPUS)) {
    console.log(`real-world corpus not found at ${CORPUS}`);
    return;
  }
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 3;
  const cli: CliSample[] = [];
  const server: ServerSample[] = [];
  for (let i = 0; i < runs; i++) cli.push(cliSample());
  for (let i = 0; i < runs; i++) server.push(await serverSample());

  console.log(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`CLI runs (s): ${cli.map((s) => s.seconds.toFixed(2)).join(', ')}; exit ${cli.map((s) => s.status).join(', ')}`);
  console.log(`CLI peak RSS (MB): ${cli.map((s) => s.maxRssMb.toFixed(0)).join(', ')}`);
  console.log(`server indexed (s): ${server.map((s) => (s.indexedMs / 1000).toFixed(2)).join(', ')}`);
  console.log(`server diagnostics done (s): ${server.map((s) => (s.checkedMs / 1000).toFixed(2)).join(', ')}`);
  console.log(`server peak RSS (MB): ${server.map((s) => s.maxRssMb.toFixed(0)).join(', ')}`);
  const last = server[server.length - 1]!;
  console.log(`server: ${last.files} files, ${last.resources} resources, ${last.problems} warnings+errors published`);
  console.log('');
  console.log('| what | median time (s) | median peak RSS (MB) |');
  console.log('|---|---:|---:|');
  console.log(`| \`kube-netlens check\` (whole corpus, JSON) | ${median(cli.map((s) => s.seconds)).toFixed(2)} | ${median(cli.map((s) => s.maxRssMb)).toFixed(0)} |`);
  console.log(`| language server: initialize → indexing over | ${(median(server.map((s) => s.indexedMs)) / 1000).toFixed(2)} | ${median(server.map((s) => s.maxRssMb)).toFixed(0)} |`);
  console.log(`| language server: initialize → diagnostics published | ${(median(server.map((s) => s.checkedMs)) / 1000).toFixed(2)} | (same process) |`);
}

void main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
