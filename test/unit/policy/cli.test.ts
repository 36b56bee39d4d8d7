import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runReach } from '../../../server/src/cli/reach';
import { runMatrix } from '../../../server/src/cli/matrix';
import { deployment } from './helpers';

const dir = mkdtempSync(path.join(tmpdir(), 'netlens-reach-'));
mkdirSync(path.join(dir, 'manifests'));
writeFileSync(
  path.join(dir, 'manifests', 'app.yaml'),
  `${deployment('shop', 'web', { app: 'web' })}${deployment('shop', 'api', { app: 'api' }, '{name: http, containerPort: 8080}')}apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: debug}}
spec: {containers: [{name: x}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-ingress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
    - from: [{podSelector: {matchLabels: {app: web}}}]
      ports: [{port: http}]
`,
);
writeFileSync(
  path.join(dir, 'queries.jsonl'),
  [
    '{"from": "shop/web", "to": "shop/Deployment/api", "port": 8080, "protocol": "TCP"}',
    '{"from": "shop/web", "to": "shop/Deployment/api", "port": 9090}',
    'not json',
    '{"from": "shop/nope", "to": "shop/web"}',
    '',
    '{"from": "shop/web", "to": "shop/api"}',
    '{"from": "203.0.113.1", "to": "shop/Deployment/api"}',
    '{"from": "shop/web", "to": "shop/web", "port": 0}',
    '{"from": "shop/web", "to": "shop/Deployment/api", "port": 53, "protocol": "ICMP"}',
    '[1, 2]',
  ].join('\n') + '\n',
);

async function run(fn: typeof runReach, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await fn(args, { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd: dir });
  return { code, out, err };
}

test('reach explains an allowed port in text, with file:line locations', async () => {
  const r = await run(runReach, ['manifests', '--from', 'shop/web', '--to', 'shop/Deployment/api', '--port', '8080']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^ALLOWED: shop\/Deployment\/web -> shop\/Deployment\/api on 8080\/TCP\./);
  assert.match(r.out, /allowed by ingress rule 1 of shop\/api-ingress, peer 1, port entry 1: 8080\/TCP \[manifests\/app\.yaml:\d+\]/);
});

test('reach answers a denied port with exit 0 and the reason', async () => {
  const r = await run(runReach, ['manifests', '--from', 'shop/Pod/api', '--to', 'shop/Deployment/api', '--port', '8080/tcp']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^DENIED/);
  assert.match(r.out, /podSelector does not match the source: needs app=web \(has app=debug\)/);
});

test('reach --format json has allowed and the explanation', async () => {
  const r = await run(runReach, ['manifests', '--from', 'shop/web', '--to', 'shop/Deployment/api', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out) as { allowed: boolean; ports: string; explanation: { ingress: { isolated: boolean } } };
  assert.equal(j.allowed, true);
  assert.equal(j.ports, '8080/TCP');
  assert.equal(j.explanation.ingress.isolated, true);
});

test('reach --queries answers every line in order, errors included', async () => {
  const r = await run(runReach, ['manifests', '--queries', 'queries.jsonl', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(lines.length, 10);
  assert.deepEqual(
    lines.map((l) => ('error' in l ? `error@${l['line']}` : l['allowed'])),
    [true, false, 'error@3', 'error@4', 'error@5', 'error@6', false, 'error@8', 'error@9', 'error@10'],
  );
  assert.match(String(lines[3]!['error']), /^from: no workload or Pod named "nope"/);
  assert.match(String(lines[5]!['error']), /ambiguous/);
  assert.match(String(lines[8]!['error']), /unknown protocol 'ICMP'/);
});

test('bad usage exits 2 with a clear message', async () => {
  const cases: [string[], RegExp][] = [
    [['manifests', '--from', 'shop/web'], /--from and --to are required/],
    [['manifests', '--from', 'shop/web', '--to', 'shop/api'], /--to: "shop\/api" is ambiguous/],
    [['manifests', '--from', 'shop/web', '--to', 'shop/Deployment/api', '--port', '70000'], /--port expects/],
    [['manifests', '--from', 'shop/web', '--to', 'shop/Deployment/api', '--port', '80/icmp'], /unknown protocol 'icmp'/],
    [['manifests', '--from', 'shop/web', '--to', 'shop/Deployment/api', '--format', 'yaml'], /unknown format 'yaml'/],
    [['manifests', '--queries', 'queries.jsonl', '--format', 'text'], /use --format json/],
    [['manifests', '--queries', 'missing.jsonl'], /cannot read queries file missing\.jsonl/],
    [['nowhere', '--from', 'a/b', '--to', 'a/c'], /path not found: nowhere/],
    [['manifests', '--bogus'], /Unknown option '--bogus'/],
  ];
  for (const [args, message] of cases) {
    const r = await run(runReach, args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, message);
    assert.match(r.err, /Run 'kube-netlens reach --help' for usage/);
  }
});

test('reach --help documents the exit status', async () => {
  const r = await run(runReach, ['--help']);
  assert.equal(r.code, 0);
  assert.match(r.out, /Exit status: 0 when the question was answered \(allowed or not\)/);
});

test('matrix prints every format', async () => {
  for (const [format, pattern] of [
    ['table', /\[1\] shop\/Deployment\/web/],
    ['json', /"connections"/],
    ['csv', /^from,to,ports\r\n/],
    ['dot', /^digraph reachability/],
    ['mermaid', /^flowchart LR/],
  ] as const) {
    const r = await run(runMatrix, ['manifests', '--format', format]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, pattern, format);
  }
  const ns = await run(runMatrix, ['manifests', '--format', 'csv', '--namespace', 'shop', '--external', '10.0.0.0/8']);
  assert.match(ns.out, /shop\/Deployment\/web,shop\/Deployment\/api,8080\/TCP/);
  assert.match(ns.out, /10\.0\.0\.0\/8,shop\/Deployment\/web,all/);
});

test('matrix bad usage exits 2', async () => {
  for (const args of [['manifests', '--format', 'svg'], ['manifests', '--external', 'nope'], ['missing-dir']]) {
    const r = await run(runMatrix, args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, /Run 'kube-netlens matrix --help' for usage/);
  }
});

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const cli = path.join(repoRoot, 'dist', 'cli.js');

test('dist/cli.js dispatches reach and matrix', (t) => {
  if (!existsSync(cli)) return t.skip('dist/cli.js is not built (run node scripts/build.mjs)');
  const help = spawnSync(process.execPath, [cli, 'reach', '--help'], { encoding: 'utf8' });
  if (/not available/.test(help.stderr)) return t.skip('the kube-netlens dispatcher does not route `reach` yet');
  assert.equal(help.status, 0, help.stderr);
  const r = spawnSync(process.execPath, [cli, 'reach', 'manifests', '--from', 'shop/web', '--to', 'shop/Deployment/api', '--port', '8080', '--format', 'json'], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { allowed: boolean }).allowed, true);
  const bad = spawnSync(process.execPath, [cli, 'reach', 'manifests', '--from', 'shop/web'], { cwd: dir, encoding: 'utf8' });
  assert.equal(bad.status, 2);
  const m = spawnSync(process.execPath, [cli, 'matrix', 'manifests', '--format', 'mermaid'], { cwd: dir, encoding: 'utf8' });
  assert.equal(m.status, 0, m.stderr);
  assert.match(m.stdout, /^flowchart LR/);
});
