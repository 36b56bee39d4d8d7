// Runs the scenarios of test/fixtures/netpol-e2e: the situations Kubernetes' own NetworkPolicy e2e
// tests check (namespaces x, y, z with pods a, b, c), with their expected reachability.
// Pod-to-itself is not checked: loopback always works in a cluster and is not what policies decide.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseFile } from '../../../server/src/model/parse';
import type { Protocol } from '../../../server/src/model/types';
import {
  computeMatrix,
  contains,
  evaluate,
  externalEndpoint,
  matrixCell,
  renderExplanation,
  worldFromResources,
  type PolicyWorld,
  type WorkloadEndpoint,
} from '../../../server/src/policy';

const fixturesDir = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'netpol-e2e');

const NAMESPACES = ['x', 'y', 'z'];
const PODS = ['a', 'b', 'c'];
const PROTOCOLS: Protocol[] = ['TCP', 'UDP', 'SCTP'];

interface Scenario {
  title: string;
  upstream?: string;
  cluster?: {
    namespaceLabels?: Record<string, Record<string, string>>;
    podLabels?: Record<string, Record<string, string>>;
  };
  policies: unknown[];
  probes: { port: string; default: 'allow' | 'deny'; expect?: string[] }[];
  checks?: string[];
}

/** The standard cluster: every pod serves 80 and 81 on TCP, UDP and SCTP, with named ports serve-<port>-<proto>. */
function clusterManifests(s: Scenario): unknown[] {
  const docs: unknown[] = [];
  for (const ns of NAMESPACES) {
    docs.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { ns, ...(s.cluster?.namespaceLabels?.[ns] ?? {}) } } });
    for (const pod of PODS) {
      const ports = [80, 81].flatMap((port) =>
        PROTOCOLS.map((protocol) => ({ name: `serve-${port}-${protocol.toLowerCase()}`, containerPort: port, protocol })),
      );
      docs.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: pod, namespace: ns, labels: { pod, ...(s.cluster?.podLabels?.[`${ns}/${pod}`] ?? {}) } },
        spec: { containers: [{ name: 'server', image: 'agnhost', ports }] },
      });
    }
  }
  return docs;
}

function worldOf(s: Scenario, file: string): PolicyWorld {
  const text = [...clusterManifests(s), ...s.policies].map((d) => JSON.stringify(d)).join('\n---\n');
  return worldFromResources(parseFile(`file:///fixtures/${file}`, text).resources);
}

function parsePort(text: string): { port: number; protocol: Protocol } {
  const m = /^(\d+)\/(TCP|UDP|SCTP)$/.exec(text);
  assert.ok(m, `port ${text} is written <n>/<PROTO>`);
  return { port: Number(m[1]), protocol: m[2] as Protocol };
}

function matches(pattern: string, id: string): boolean {
  const [pn, pp] = pattern.split('/');
  const [n, p] = id.split('/');
  return (pn === '*' || pn === n) && (pp === '*' || pp === p);
}

/** The expected truth table: the default, then each `from -> to: allow|deny` line in order (later lines win). */
function expectedTable(probe: Scenario['probes'][number], pods: string[]): Map<string, boolean> {
  const table = new Map<string, boolean>();
  for (const a of pods) for (const b of pods) table.set(`${a}>${b}`, probe.default === 'allow');
  for (const line of probe.expect ?? []) {
    const m = /^(\S+) -> (\S+): (allow|deny)$/.exec(line);
    assert.ok(m, `expectation "${line}" reads "<ns>/<pod> -> <ns>/<pod>: allow|deny"`);
    for (const a of pods) for (const b of pods) if (matches(m[1]!, a) && matches(m[2]!, b)) table.set(`${a}>${b}`, m[3] === 'allow');
  }
  return table;
}

const files = readdirSync(fixturesDir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

test('there are at least 25 e2e scenarios', () => {
  assert.ok(files.length >= 25, `found ${files.length}`);
});

for (const file of files) {
  test(`e2e scenario ${file}`, () => {
    const scenario = parseYaml(readFileSync(path.join(fixturesDir, file), 'utf8')) as Scenario;
    assert.ok(scenario.title && Array.isArray(scenario.policies) && Array.isArray(scenario.probes), `${file} has title, policies and probes`);
    const world = worldOf(scenario, file);
    assert.deepEqual(
      world.policies.flatMap((p) => p.problems.map((x) => `${p.ref.id}: ${x.message}`)),
      [],
      'fixture policies are valid',
    );
    const pods = NAMESPACES.flatMap((ns) => PODS.map((p) => `${ns}/${p}`));
    const endpoint = (id: string): WorkloadEndpoint => {
      const [ns, name] = id.split('/');
      const w = world.workloadsById.get(`${ns}/Pod/${name}`);
      assert.ok(w, `pod ${id} exists`);
      return w;
    };
    const matrix = computeMatrix(world, { internet: false });
    const index = new Map(world.workloads.map((w, i) => [w.id, i]));
    const wrong: string[] = [];
    for (const probe of scenario.probes) {
      const query = parsePort(probe.port);
      const table = expectedTable(probe, pods);
      for (const a of pods) {
        for (const b of pods) {
          if (a === b) continue;
          const from = endpoint(a);
          const to = endpoint(b);
          const e = evaluate(world, from, to, query);
          const viaMatrix = contains(matrixCell(matrix, index.get(from.id)!, index.get(to.id)!)!, query.protocol, query.port);
          assert.equal(viaMatrix, e.allowed, `matrix and evaluate agree on ${a} -> ${b} ${probe.port}`);
          if (e.allowed !== table.get(`${a}>${b}`)) {
            wrong.push(`${a} -> ${b} ${probe.port}: expected ${table.get(`${a}>${b}`) ? 'allow' : 'deny'}\n${renderExplanation(e)}`);
          }
        }
      }
    }
    for (const line of scenario.checks ?? []) {
      const m = /^(\S+) -> (\S+) (\S+): (allow|deny)$/.exec(line);
      assert.ok(m, `check "${line}" reads "<from> -> <to> <port>/<PROTO>: allow|deny"`);
      const side = (ref: string) => externalEndpoint(ref) ?? endpoint(ref);
      const e = evaluate(world, side(m[1]!), side(m[2]!), parsePort(m[3]!));
      if (e.allowed !== (m[4] === 'allow')) wrong.push(`${line}: got ${e.allowed ? 'allow' : 'deny'}\n${renderExplanation(e)}`);
    }
    assert.deepEqual(wrong, [], `${wrong.length} wrong verdicts`);
  });
}
