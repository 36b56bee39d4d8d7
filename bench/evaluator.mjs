// Benchmark of the NetworkPolicy evaluator: the full reachability matrix for generated clusters.
// Bundles server/src/policy with esbuild (the same code the extension ships), generates a cluster
// deterministically, and prints medians. Usage: node bench/evaluator.mjs [--quick] [--json]
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const asJson = process.argv.includes('--json');

const outDir = mkdtempSync(join(tmpdir(), 'netlens-bench-'));
const bundle = join(outDir, 'policy.mjs');
await build({ entryPoints: [join(root, 'server/src/policy/index.ts')], bundle: true, format: 'esm', platform: 'neutral', outfile: bundle, logLevel: 'warning', mainFields: ['main', 'module'] });
const policy = await import(pathToFileURL(bundle).href);
rmSync(outDir, { recursive: true, force: true });

/** Small deterministic PRNG (mulberry32), so every run measures the same cluster. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TIERS = ['web', 'api', 'db', 'cache', 'worker'];

/**
 * A cluster shaped like real ones: workloads spread over namespaces (about 50 per namespace), each with a
 * unique app label, a tier and a team; policies are per-namespace default denies, per-app ingress rules
 * (pod, namespace and combined selectors, named and numeric ports, matchExpressions), and egress rules
 * with DNS and ipBlock peers.
 */
function generate(workloadCount, policyCount, seed = 42) {
  const rand = rng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const nsCount = Math.max(4, Math.round(workloadCount / 50));
  const namespaces = Array.from({ length: nsCount }, (_, i) => ({ name: `ns${i}`, labels: { team: `team${i % 8}`, env: i % 3 === 0 ? 'prod' : 'dev' } }));
  namespaces.push({ name: 'kube-system', labels: {} });
  const templates = [];
  const apps = [];
  for (let i = 0; i < workloadCount; i++) {
    const ns = namespaces[i % nsCount].name;
    const app = `app${i}`;
    apps.push({ ns, app });
    const resource = { uri: 'file:///bench/workloads.yaml', docIndex: i, basePath: [], apiVersion: 'apps/v1', kind: 'Deployment', name: app, namespace: ns, labels: {}, annotations: {}, value: {}, range: { start: 0, end: 0 } };
    const ports = [
      { name: 'http', containerPort: 8080 + (i % 3), protocol: 'TCP', path: [] },
      { name: 'metrics', containerPort: 9090, protocol: 'TCP', path: [] },
    ];
    if (i % 7 === 0) ports.push({ name: 'dns', containerPort: 53, protocol: 'UDP', path: [] });
    templates.push({
      resource,
      namespace: ns,
      labels: { app, tier: pick(TIERS), team: `team${i % 8}`, version: i % 2 ? 'v1' : 'v2' },
      containers: [{ name: 'main', ports, env: [], path: [], init: false }],
      templatePath: ['spec', 'template'],
      labelsPath: [],
      replicas: 2,
      hostNetwork: false,
    });
  }
  const policies = [];
  const add = (ns, name, spec) =>
    policies.push({ uri: 'file:///bench/policies.yaml', docIndex: policies.length, basePath: [], apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', name, namespace: ns, namespaceExplicit: true, labels: {}, annotations: {}, value: { spec }, range: { start: 0, end: 0 } });
  for (let i = 0; policies.length < policyCount; i++) {
    const kind = i < nsCount ? 'deny' : i % 10;
    const target = pick(apps);
    if (kind === 'deny') add(namespaces[i].name, `default-deny-${i}`, { podSelector: {}, policyTypes: i % 2 ? ['Ingress', 'Egress'] : ['Ingress'] });
    else if (kind <= 4) {
      add(target.ns, `allow-${i}`, {
        podSelector: { matchLabels: { app: target.app } },
        ingress: [
          { from: [{ podSelector: { matchLabels: { tier: pick(TIERS) } } }], ports: [{ port: 'http' }] },
          { from: [{ namespaceSelector: { matchLabels: { team: `team${i % 8}` } }, podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: [pick(TIERS), pick(TIERS)] }] } }], ports: [{ port: 9090 }, { port: 8000, endPort: 8100 }] },
        ],
      });
    } else if (kind <= 6) {
      add(target.ns, `egress-${i}`, {
        podSelector: { matchLabels: { tier: pick(TIERS) } },
        policyTypes: ['Egress'],
        egress: [
          { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] },
          { to: [{ podSelector: { matchExpressions: [{ key: 'team', operator: 'NotIn', values: [`team${i % 8}`] }] } }] },
          { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', `172.${16 + (i % 16)}.0.0/16`] } }], ports: [{ port: 443 }] },
        ],
      });
    } else if (kind <= 8) {
      add(target.ns, `metrics-${i}`, {
        podSelector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }, { key: 'version', operator: 'NotIn', values: ['v0'] }] },
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: 'prod' } } }, { ipBlock: { cidr: `10.${i % 256}.0.0/16` } }], ports: [{ port: 'metrics' }] }],
      });
    } else {
      add(target.ns, `same-ns-${i}`, { podSelector: { matchLabels: { tier: pick(TIERS) } }, ingress: [{ from: [{ podSelector: {} }] }] });
    }
  }
  return { templates, namespaces, policies };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(workloads, policies, runs) {
  const input = generate(workloads, policies);
  const buildTimes = [];
  const matrixTimes = [];
  let cells = 0;
  let portSets = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const world = policy.buildPolicyWorld(input);
    const t1 = performance.now();
    const m = policy.computeMatrix(world);
    const t2 = performance.now();
    buildTimes.push(t1 - t0);
    matrixTimes.push(t2 - t1);
    cells = m.cells.length * m.cells.length;
    portSets = m.portSets.length;
  }
  const world = median(buildTimes);
  const matrix = median(matrixTimes);
  return { workloads, policies, cells, portSets, buildMs: round(world), matrixMs: round(matrix), totalMs: round(world + matrix) };
}

function round(ms) {
  return Math.round(ms * 10) / 10;
}

/** Spot check: sampled matrix cells must equal the pairwise evaluator's answer. */
function verify(workloads, policies, samples) {
  const world = policy.buildPolicyWorld(generate(workloads, policies));
  const m = policy.computeMatrix(world, { internet: false });
  const rand = rng(7);
  let nonEmpty = 0;
  for (let k = 0; k < samples; k++) {
    const i = Math.floor(rand() * world.workloads.length);
    const j = Math.floor(rand() * world.workloads.length);
    const direct = policy.allowedPorts(world, world.workloads[i], world.workloads[j]);
    if (policy.portSetKey(direct) !== policy.portSetKey(policy.matrixCell(m, i, j))) {
      throw new Error(`matrix differs from evaluate for ${world.workloads[i].id} -> ${world.workloads[j].id}`);
    }
    if (!policy.isEmpty(direct)) nonEmpty++;
  }
  return nonEmpty;
}

const machine = { nproc: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version };
const results = [];
// Warm-up so the JIT has compiled the hot paths before anything is timed.
measure(200, 100, 2);
results.push({ label: 'target', ...measure(1000, 500, quick ? 3 : 7) });
for (const w of quick ? [250, 1000] : [250, 500, 1000]) {
  for (const p of quick ? [100, 500] : [100, 250, 500]) {
    if (w === 1000 && p === 500) continue;
    results.push({ label: 'scaling', ...measure(w, p, quick ? 2 : 5) });
  }
}

const verified = verify(1000, 500, quick ? 500 : 2000);

if (asJson) {
  console.log(JSON.stringify({ machine, results }, null, 2));
} else {
  console.log(`machine: ${machine.nproc} cores, ${machine.cpu}, node ${machine.node}`);
  console.log('workloads  policies  cells      port sets  world ms  matrix ms  total ms');
  for (const r of results) {
    console.log(
      `${String(r.workloads).padStart(9)}  ${String(r.policies).padStart(8)}  ${String(r.cells).padStart(9)}  ${String(r.portSets).padStart(9)}  ${String(r.buildMs).padStart(8)}  ${String(r.matrixMs).padStart(9)}  ${String(r.totalMs).padStart(8)}${r.label === 'target' ? '   <- target: < 1000 ms' : ''}`,
    );
  }
  console.log(`spot check: ${quick ? 500 : 2000} sampled cells equal the pairwise evaluator (${verified} of them non-empty)`);
  const target = results[0];
  console.log(target.totalMs < 1000 ? 'target met' : 'TARGET MISSED');
}
