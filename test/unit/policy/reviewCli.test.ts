// The `reach` and `matrix` commands as a user runs them: the built dist/cli.js, spawned, checked
// against the interface the issue fixes (flags, refs, JSON fields, JSON lines, exit codes).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const cli = path.join(repoRoot, 'dist', 'cli.js');

const dir = mkdtempSync(path.join(tmpdir(), 'netlens-review-'));
mkdirSync(path.join(dir, 'apps'));
mkdirSync(path.join(dir, 'policies'));
writeFileSync(
  path.join(dir, 'apps', 'shop.yaml'),
  `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
        - name: c
          ports: [{name: http, containerPort: 8080}, {name: dns, containerPort: 53, protocol: UDP}]
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: debug}}
spec: {containers: [{name: x}]}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        metadata: {labels: {app: report}}
        spec: {containers: [{name: c}]}
`,
);
writeFileSync(
  path.join(dir, 'policies', 'api.yaml'),
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-ingress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
    - from: [{podSelector: {matchLabels: {app: web}}}, {ipBlock: {cidr: "2001:db8::/32"}}]
      ports: [{port: http}, {port: dns, protocol: UDP}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: report-egress}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to: [{ipBlock: {cidr: 10.0.0.0/8}}]
      ports: [{port: 443}]
`,
);

function kn(args: string[], cwd = dir): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function built(t: { skip: (msg: string) => void }): boolean {
  if (existsSync(cli)) return true;
  t.skip('dist/cli.js is not built (run node scripts/build.mjs)');
  return false;
}

test('reach --help documents the flags, refs, JSON fields and exit status', (t) => {
  if (!built(t)) return;
  const r = kn(['reach', '--help']);
  assert.equal(r.status, 0);
  for (const flag of ['--from', '--to', '--port', '--format', '--queries', 'namespace/name', 'namespace/Kind/name', 'IPv6', '"allowed"', '"error"']) {
    assert.ok(r.stdout.includes(flag), `help mentions ${flag}`);
  }
  const m = kn(['matrix', '--help']);
  assert.equal(m.status, 0);
  for (const word of ['table', 'json', 'csv', 'dot', 'mermaid', '--namespace']) assert.ok(m.stdout.includes(word), `matrix help mentions ${word}`);
  assert.equal(kn(['help', 'reach']).status, 0);
});

test('reach takes several paths (files and directories) and reads them all', (t) => {
  if (!built(t)) return;
  const both = kn(['reach', 'apps/shop.yaml', 'policies', '--from', 'shop/web', '--to', 'shop/Deployment/api', '--port', '9090', '--format', 'json']);
  assert.equal(both.status, 0, both.stderr);
  assert.equal(JSON.parse(both.stdout).allowed, false, 'the policy from the second path applies');
  const onlyApps = kn(['reach', 'apps', '--from', 'shop/web', '--to', 'shop/Deployment/api', '--port', '9090', '--format', 'json']);
  assert.equal(JSON.parse(onlyApps.stdout).allowed, true, 'without the policies nothing is isolated');
  const dot = kn(['reach', '.', '--from', 'shop/web', '--to', 'shop/Deployment/api', '--port', '8080', '--format', 'json']);
  assert.equal(JSON.parse(dot.stdout).allowed, true);
});

test('reach --port accepts n, n/TCP, n/udp and n/SCTP; rejects other protocols with exit 2', (t) => {
  if (!built(t)) return;
  const base = ['reach', '.', '--from', 'shop/web', '--to', 'shop/Deployment/api', '--format', 'json'];
  const udp = kn([...base, '--port', '53/udp']);
  assert.equal(udp.status, 0, udp.stderr);
  const j = JSON.parse(udp.stdout);
  assert.equal(j.allowed, true);
  assert.equal(j.protocol, 'UDP');
  assert.equal(j.port, 53);
  assert.equal(JSON.parse(kn([...base, '--port', '53/TCP']).stdout).allowed, false, 'the named port dns is UDP only');
  assert.equal(JSON.parse(kn([...base, '--port', '8080']).stdout).allowed, true);
  assert.equal(JSON.parse(kn([...base, '--port', '8080/SCTP']).stdout).allowed, false);
  for (const bad of ['53/icmp', '0', '65536', 'http', '80/', '-1']) {
    const r = kn([...base, `--port=${bad}`]);
    assert.equal(r.status, 2, `--port ${bad}`);
    assert.match(r.stderr, /port|protocol/i);
    assert.equal(r.stdout, '');
  }
});

test('reach without --port reports the allowed port set, in text and JSON', (t) => {
  if (!built(t)) return;
  const text = kn(['reach', '.', '--from', 'shop/web', '--to', 'shop/Deployment/api']);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /8080\/TCP/);
  assert.match(text.stdout, /53\/UDP/);
  assert.match(text.stdout, /api-ingress/);
  const json = JSON.parse(kn(['reach', '.', '--from', 'shop/web', '--to', 'shop/Deployment/api', '--format', 'json']).stdout);
  assert.equal(json.allowed, true);
  assert.deepEqual(json.portSet, [
    { protocol: 'TCP', port: 8080 },
    { protocol: 'UDP', port: 53 },
  ]);
  assert.equal(typeof json.explanation, 'object');
  assert.equal(json.explanation.ingress.isolated, true);
  const denied = JSON.parse(kn(['reach', '.', '--from', 'shop/Pod/api', '--to', 'shop/Deployment/api', '--format', 'json']).stdout);
  assert.equal(denied.allowed, false);
  assert.deepEqual(denied.portSet, []);
});

test('reach refs: namespace/name, namespace/Kind/name, ambiguity, default namespace, IPv4 and IPv6', (t) => {
  if (!built(t)) return;
  const j = (from: string, to: string, port = '443') =>
    kn(['reach', '.', '--from', from, '--to', to, '--port', port, '--format', 'json']);
  const amb = j('shop/web', 'shop/api');
  assert.equal(amb.status, 2);
  assert.match(amb.stderr, /ambiguous/);
  assert.match(amb.stderr, /shop\/Deployment\/api/);
  assert.match(amb.stderr, /shop\/Pod\/api/);
  assert.equal(JSON.parse(j('shop/web', 'shop/Pod/api').stdout).allowed, true);
  // A CronJob without a namespace lives in default; its egress only reaches 10/8 on 443.
  assert.equal(JSON.parse(j('default/report', '10.1.2.3').stdout).allowed, true);
  assert.equal(JSON.parse(j('default/CronJob/report', '11.1.2.3').stdout).allowed, false);
  assert.equal(JSON.parse(j('default/report', 'shop/web').stdout).allowed, false, 'ipBlocks never match pods');
  // IPv6 source inside the ipBlock of api-ingress.
  assert.equal(JSON.parse(j('2001:db8::5', 'shop/Deployment/api', '8080').stdout).allowed, true);
  assert.equal(JSON.parse(j('2001:db9::5', 'shop/Deployment/api', '8080').stdout).allowed, false);
  for (const bad of ['shop/nope', 'nope', 'shop/Service/api', '10.0.0.0/8', 'a/b/c/d', '']) {
    const r = j(bad, 'shop/web');
    assert.equal(r.status, 2, `ref '${bad}'`);
    assert.match(r.stderr, /--from/);
  }
});

test('reach usage errors exit 2 with a message on stderr', (t) => {
  if (!built(t)) return;
  const cases: string[][] = [
    ['reach', '.', '--from', 'shop/web'],
    ['reach', '.', '--to', 'shop/web'],
    ['reach', '.', '--from', 'shop/web', '--to', 'shop/web', '--format', 'yaml'],
    ['reach', '.', '--from', 'shop/web', '--to', 'shop/web', '--frmo', 'x'],
    ['reach', 'missing-dir', '--from', 'shop/web', '--to', 'shop/web'],
    ['reach', '.', '--queries', 'no-such-file.jsonl'],
    ['reach', '.', '--queries', 'q.jsonl', '--from', 'shop/web'],
    ['matrix', '.', '--format', 'svg'],
    ['matrix', '.', '--bogus'],
    ['matrix', 'missing-dir'],
    ['nosuchcommand'],
    [],
  ];
  for (const args of cases) {
    const r = kn(args);
    assert.equal(r.status, 2, `exit 2 for ${args.join(' ')}`);
    assert.ok(r.stderr.trim().length > 0, `stderr message for ${args.join(' ')}`);
  }
});

test('reach --queries: one JSON line per input line, same order, errors in place', (t) => {
  if (!built(t)) return;
  const lines = [
    '{"from": "shop/web", "to": "shop/Deployment/api", "port": 8080, "protocol": "TCP"}',
    '{"from": "shop/web", "to": "shop/Deployment/api", "port": 53, "protocol": "udp"}',
    '{"from": "shop/web", "to": "shop/api", "port": 8080}',
    '{"from": "shop/web", "to": "shop/Deployment/api", "port": 9090}',
    'garbage',
    '',
    '{"from": "2001:db8::1", "to": "shop/Deployment/api", "port": 8080}',
    '{"from": "default/report", "to": "10.9.9.9", "port": 443, "protocol": "TCP"}',
    '{"from": "shop/web", "to": "shop/Deployment/api"}',
    '{"to": "shop/web", "port": 1}',
    '{"from": "shop/web", "to": "shop/Deployment/api", "port": 70000}',
  ];
  writeFileSync(path.join(dir, 'q.jsonl'), lines.join('\r\n') + '\r\n');
  const r = kn(['reach', '.', '--queries', 'q.jsonl', '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout.split('\n');
  assert.equal(out.pop(), '', 'output ends with a newline');
  assert.equal(out.length, lines.length, 'one output line per input line');
  const objs = out.map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(
    objs.map((o) => ('error' in o ? 'error' : o['allowed'])),
    [true, true, 'error', false, 'error', 'error', true, true, true, 'error', 'error'],
  );
  for (const o of objs) if ('error' in o) assert.equal(typeof o['error'], 'string');
  assert.match(String(objs[2]!['error']), /ambiguous/);
  assert.equal(objs[1]!['protocol'], 'UDP');
  // Default format with --queries is JSON lines too.
  const d = kn(['reach', '.', '--queries', 'q.jsonl']);
  assert.equal(d.status, 0);
  assert.equal(d.stdout, r.stdout);
});

test('matrix: every format, --namespace filter, JSON shape shared with reach', (t) => {
  if (!built(t)) return;
  for (const f of ['table', 'json', 'csv', 'dot', 'mermaid']) {
    const r = kn(['matrix', 'apps', 'policies', '--format', f]);
    assert.equal(r.status, 0, `${f}: ${r.stderr}`);
    assert.ok(r.stdout.length > 0);
  }
  const mermaid = kn(['matrix', '.', '--format', 'mermaid']).stdout;
  assert.match(mermaid, /^(flowchart|graph) /);
  const dot = kn(['matrix', '.', '--format', 'dot']).stdout;
  assert.match(dot, /^digraph /);
  const csv = kn(['matrix', '.', '--format', 'csv']).stdout.split(/\r?\n/);
  assert.match(csv[0]!, /^from,to,/);
  assert.ok(csv.includes('shop/Deployment/web,shop/Deployment/api,8080/TCP; 53/UDP') || csv.some((l) => /^shop\/Deployment\/web,shop\/Deployment\/api,"?8080\/TCP; 53\/UDP"?$/.test(l)));

  const json = JSON.parse(kn(['matrix', '.', '--format', 'json', '--namespace', 'shop']).stdout) as {
    endpoints: { id: string; type: string }[];
    connections: { from: string; to: string; ports: string; portSet: unknown }[];
  };
  const workloads = json.endpoints.filter((e) => e.type === 'workload').map((e) => e.id);
  assert.deepEqual(workloads.sort(), ['shop/Deployment/api', 'shop/Deployment/web', 'shop/Pod/api']);
  const cell = json.connections.find((c) => c.from === 'shop/Deployment/web' && c.to === 'shop/Deployment/api');
  assert.ok(cell);
  assert.equal(cell.ports, '8080/TCP; 53/UDP');
  // The same port-set shape as `reach --format json`.
  const reach = JSON.parse(kn(['reach', '.', '--from', 'shop/web', '--to', 'shop/Deployment/api', '--format', 'json']).stdout);
  assert.deepEqual(cell.portSet, reach.portSet);
  assert.equal(json.connections.some((c) => c.from === 'shop/Pod/api' && c.to === 'shop/Deployment/api'), false, 'denied pairs are left out');
});

test('reach reads Namespace labels from the manifests for namespaceSelector peers', (t) => {
  if (!built(t)) return;
  const nsDir = path.join(dir, 'ns');
  mkdirSync(nsDir, { recursive: true });
  const deploy = (ns: string, name: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: ${ns}}\nspec: {template: {metadata: {labels: {app: ${name}}}, spec: {containers: [{name: c}]}}}\n---\n`;
  writeFileSync(
    path.join(nsDir, 'all.yaml'),
    `apiVersion: v1\nkind: Namespace\nmetadata: {name: team-a, labels: {team: a}}\n---\n${deploy('team-a', 'c')}${deploy('team-b', 'c')}${deploy('srv', 's')}` +
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: srv}\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - namespaceSelector: {matchLabels: {team: a}}\n    - namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [srv]}]}\n`,
  );
  const allowed = (from: string) => JSON.parse(kn(['reach', 'ns', '--from', from, '--to', 'srv/s', '--port', '80', '--format', 'json']).stdout).allowed;
  assert.equal(allowed('team-a/c'), true);
  assert.equal(allowed('team-b/c'), false);
  assert.equal(allowed('srv/s'), true, 'metadata.name label without a Namespace object');
  assert.equal(allowed('198.51.100.1'), false);
});
