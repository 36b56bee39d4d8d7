// Navigation latency on the synthetic 20,000-resource workspace (generate.mjs): hover, definition
// and completion through the pure features the language server calls, timed per request.
// Flags: --samples N (positions per operation, default 200), --json.
//
// Each operation runs on N different apps, so most requests hit a file whose YAML is not cached
// (the index keeps parsed YAML for a few files only). The workspace-wide tables the features keep
// (Service references, selectors, the policy world) are rebuilt after each index change, by the
// first request that needs them: that request is reported separately.

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { GENERATOR_VERSION, SEED, generate } from './generate.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);
const WORKSPACE = path.join(BENCH, 'workspace');
const CACHE = path.join(BENCH, '.cache');
const TARGET_MEDIAN_MS = 10;

const { values: flags } = parseArgs({ options: { samples: { type: 'string', default: '200' }, json: { type: 'boolean', default: false } } });
const SAMPLES = Math.max(5, Number(flags.samples));

const log = (line) => process.stderr.write(`${line}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

function ensureWorkspace() {
  const stampFile = path.join(WORKSPACE, '.generated.json');
  const stamp = existsSync(stampFile) ? JSON.parse(readFileSync(stampFile, 'utf8')) : undefined;
  if (stamp?.version === GENERATOR_VERSION && stamp.seed === SEED) return;
  log('Generating the workspace…');
  const stats = generate(WORKSPACE);
  writeFileSync(stampFile, JSON.stringify({ version: GENERATOR_VERSION, seed: SEED, ...stats }, null, 2));
}

/** The shipped code, bundled as the server bundles it. */
async function loadFeatures() {
  mkdirSync(CACHE, { recursive: true });
  const outfile = path.join(CACHE, 'navigation.cjs');
  await build({
    stdin: {
      contents: [
        "export { WorkspaceIndex } from './server/src/index/workspaceIndex';",
        "export { hoverAt } from './server/src/features/hover';",
        "export { definitionAt } from './server/src/features/definition';",
        "export { completionAt } from './server/src/features/completion';",
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile);
}

function yamlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? yamlFiles(p) : name.endsWith('.yaml') ? [p] : [];
  });
}

/** Offset one character inside `inner`, found after `anchor` (and after `after`, when given). */
function offsetIn(text, anchor, inner, after = 0) {
  const a = text.indexOf(anchor, after);
  if (a < 0) return undefined;
  const i = text.indexOf(inner, a);
  return i < 0 ? undefined : i + 1;
}

async function main() {
  ensureWorkspace();
  const { WorkspaceIndex, hoverAt, definitionAt, completionAt } = await loadFeatures();
  const index = new WorkspaceIndex({ defaultNamespace: 'default' });
  const files = yamlFiles(WORKSPACE).sort();
  const texts = new Map();
  let t0 = performance.now();
  for (const f of files) {
    const uri = pathToFileURL(f).href;
    const text = readFileSync(f, 'utf8');
    texts.set(uri, text);
    index.update(uri, text, 0);
  }
  log(`Indexed ${files.length} files, ${index.resourceCount} resources in ${Math.round(performance.now() - t0)} ms.`);

  // Positions: one app per sample, spread over the namespaces.
  const apps = files.filter((f) => f.endsWith(`${path.sep}service.yaml`));
  const step = Math.max(1, Math.floor(apps.length / SAMPLES));
  const picked = apps.filter((_, i) => i % step === 0).slice(0, SAMPLES);
  const positions = { 'hover: Service name': [], 'hover: Service selector': [], 'hover: env URL': [], 'hover: pod template labels': [], 'definition: env URL': [], 'definition: Ingress backend': [], 'completion: selector value': [], 'completion: targetPort': [] };
  for (const serviceFile of picked) {
    const dir = path.dirname(serviceFile);
    const app = path.basename(dir);
    const svcUri = pathToFileURL(serviceFile).href;
    const wlUri = pathToFileURL(path.join(dir, 'workload.yaml')).href;
    const svc = texts.get(svcUri);
    const wl = texts.get(wlUri) ?? '';
    const add = (op, uri, offset, shift = 0) => offset !== undefined && positions[op].push({ uri, offset: offset + shift });
    const ingressAt = svc.indexOf('kind: Ingress');
    add('hover: Service name', svcUri, offsetIn(svc, 'kind: Service', `name: ${app}`), 6);
    add('hover: Service selector', svcUri, offsetIn(svc, 'selector:', `app: ${app}`), 5);
    add('hover: env URL', wlUri, offsetIn(wl, 'DEP_0_URL', 'http://'), 7);
    add('hover: pod template labels', wlUri, offsetIn(wl, 'template:', 'app: '));
    add('definition: env URL', wlUri, offsetIn(wl, 'DEP_0_URL', 'http://'), 7);
    if (ingressAt >= 0) add('definition: Ingress backend', svcUri, offsetIn(svc, 'service:\n', `name: ${app}`, ingressAt), 6);
    // Right after `app: `: completing the value.
    add('completion: selector value', svcUri, offsetIn(svc, 'selector:', `app: ${app}`), 4);
    add('completion: targetPort', svcUri, offsetIn(svc, 'targetPort: ', 'targetPort: '), 11);
  }

  const run = { 'hover: ': (p) => hoverAt(index, p.uri, p.offset), 'definition: ': (p) => definitionAt(index, p.uri, p.offset), 'completion: ': (p) => completionAt(index, p.uri, p.offset) };
  const results = [];
  for (const [op, list] of Object.entries(positions)) {
    if (list.length === 0) throw new Error(`no positions for ${op}: has the generator changed?`);
    const fn = Object.entries(run).find(([prefix]) => op.startsWith(prefix))[1];
    // Sanity: every sampled position gives an answer.
    const answered = list.filter((p) => {
      const r = fn(p);
      return Array.isArray(r) ? r.length > 0 : r !== undefined;
    }).length;
    // The first request after an index change builds the workspace tables; time it on a fresh generation.
    index.update(list[0].uri, texts.get(list[0].uri), 1);
    t0 = performance.now();
    fn(list[0]);
    const first = performance.now() - t0;
    // Each sample is another app's file: most are not among the few parsed files the index caches,
    // so the time includes parsing that file, as for a file opened from the explorer.
    const times = [];
    for (const p of list) {
      t0 = performance.now();
      fn(p);
      times.push(performance.now() - t0);
    }
    results.push({ op, samples: list.length, answered, medianMs: median(times), p95Ms: percentile(times, 95), maxMs: Math.max(...times), firstAfterChangeMs: first });
  }

  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ resources: index.resourceCount, files: files.length, results }, null, 2)}\n`);
  } else {
    const f = (n) => n.toFixed(2);
    process.stdout.write(`| operation | samples | answered | median (ms) | p95 (ms) | max (ms) | first after a change (ms) |\n|---|---:|---:|---:|---:|---:|---:|\n`);
    for (const r of results) process.stdout.write(`| ${r.op} | ${r.samples} | ${r.answered} | ${f(r.medianMs)} | ${f(r.p95Ms)} | ${f(r.maxMs)} | ${f(r.firstAfterChangeMs)} |\n`);
    const worst = Math.max(...results.map((r) => r.medianMs));
    process.stdout.write(`\nTarget: median under ${TARGET_MEDIAN_MS} ms for every operation: ${worst < TARGET_MEDIAN_MS ? 'met' : 'NOT met'} (worst median ${f(worst)} ms).\n`);
  }
}

await main();
