// Conformance with np-guard/netpol-analyzer's golden connection lists (read in place from ../shared).
// Their conventions are mapped here, not in the product: Pods are named by their immediate controller
// owner (several Pods of one owner are one peer), self pairs are dropped, and external addresses are
// compared piecewise over IPv4 so their partition of the address space does not matter.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  ALL_PORTS,
  NO_PORTS,
  allowedPorts,
  computeMatrix,
  externalPieces,
  fullRange,
  matrixCell,
  parseAddress,
  portSetKey,
  portSetOf,
  union,
  type AddressRange,
  type PortSet,
} from '../../server/src/policy';
import type { Protocol } from '../../server/src/model/types';
import { KNOWN_DIFFERENCES } from './knownDifferences';
import { EXTERNAL_PEER, casesAvailable, casesDir, loadCase, readCases, type CaseInfo } from './analyzerCases';

interface ExpectedConn {
  from: string;
  to: string;
  ports: 'all' | { protocol: Protocol; port: number; endPort?: number }[];
}

function expectedPorts(c: ExpectedConn): PortSet {
  if (c.ports === 'all') return ALL_PORTS;
  return portSetOf(c.ports.map((p) => ({ protocol: p.protocol, start: p.port, end: p.endPort ?? p.port })));
}

interface Piece {
  start: bigint;
  end: bigint;
  key: string;
}

function valueAt(pieces: Piece[], x: bigint): string {
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = pieces[mid]!;
    if (x < p.start) hi = mid - 1;
    else if (x > p.end) lo = mid + 1;
    else return p.key;
  }
  return portSetKey(NO_PORTS);
}

/** Compares two piecewise functions IPv4 → port set, cut at the union of their boundaries. */
function comparePiecewise(expected: Piece[], actual: Piece[]): { at: bigint; expected: string; actual: string } | undefined {
  const cuts = new Set<bigint>([0n]);
  for (const p of [...expected, ...actual]) {
    cuts.add(p.start);
    if (p.end < 0xffffffffn) cuts.add(p.end + 1n);
  }
  for (const c of [...cuts].sort((a, b) => (a < b ? -1 : 1))) {
    const e = valueAt(expected, c);
    const a = valueAt(actual, c);
    if (e !== a) return { at: c, expected: e, actual: a };
  }
  return undefined;
}

function ipv4Text(v: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => Number((v >> s) & 0xffn)).join('.');
}

interface CaseResult {
  differences: string[];
  pairsCompared: number;
}

function runCase(info: CaseInfo): CaseResult {
  const dir = path.join(casesDir, info.case);
  const expectedFile = ['connlist.derived.json', 'connlist.derived-from-explain.json']
    .map((f) => path.join(dir, 'expected', f))
    .find((f) => existsSync(f));
  assert.ok(expectedFile, `${info.case} has an expected connection list`);
  const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as ExpectedConn[];
  const { world, members } = loadCase(info.case);
  const positions = new Map(world.workloads.map((w, i) => [w, i]));
  const matrix = computeMatrix(world, { internet: false });
  const differences: string[] = [];

  // Workload pairs: the matrix, cross-checked against the pairwise evaluator.
  const actualPairs = new Map<string, string>();
  for (const [a, as] of members) {
    for (const [b, bs] of members) {
      if (a === b) continue;
      let ports = NO_PORTS;
      for (const x of as) {
        for (const y of bs) {
          const cell = matrixCell(matrix, positions.get(x)!, positions.get(y)!)!;
          const direct = allowedPorts(world, x, y);
          if (portSetKey(cell) !== portSetKey(direct)) differences.push(`matrix and evaluate disagree on ${x.id} -> ${y.id}`);
          ports = union(ports, cell);
        }
      }
      if (ports.TCP.length + ports.UDP.length + ports.SCTP.length > 0) actualPairs.set(`${a} => ${b}`, portSetKey(ports));
    }
  }

  const expectedPairs = new Map<string, string>();
  const expectedExternal = new Map<string, Piece[]>(); // key: `in|peer` or `out|peer`
  for (const c of expected) {
    if (c.from === c.to) continue;
    const fromExt = EXTERNAL_PEER.exec(c.from);
    const toExt = EXTERNAL_PEER.exec(c.to);
    if (fromExt && toExt) continue;
    const key = portSetKey(expectedPorts(c));
    if (!fromExt && !toExt) {
      expectedPairs.set(`${c.from} => ${c.to}`, key);
      continue;
    }
    const m = (fromExt ?? toExt)!;
    const mapKey = fromExt ? `in|${c.to}` : `out|${c.from}`;
    const list = expectedExternal.get(mapKey) ?? [];
    list.push({ start: parseAddress(m[1]!)!.value, end: parseAddress(m[2]!)!.value, key });
    expectedExternal.set(mapKey, list);
  }

  for (const peer of new Set([...expected.map((c) => c.from), ...expected.map((c) => c.to)])) {
    if (!EXTERNAL_PEER.test(peer) && !members.has(peer)) differences.push(`expected peer ${peer} is not among ours`);
  }
  for (const key of new Set([...expectedPairs.keys(), ...actualPairs.keys()])) {
    const e = expectedPairs.get(key) ?? portSetKey(NO_PORTS);
    const a = actualPairs.get(key) ?? portSetKey(NO_PORTS);
    if (e !== a) differences.push(`${key}: expected ${e}, got ${a}`);
  }

  // External peers: piecewise over IPv4, one function per (workload, direction).
  const ipv4 = fullRange('ipv4');
  const inPieces = externalPieces(world, ipv4, 'ingress');
  const outPieces = externalPieces(world, ipv4, 'egress');
  const ext = (range: AddressRange) => ({ type: 'external' as const, id: 'piece', range });
  for (const [name, ws] of members) {
    const w = ws[0]!;
    for (const dir of ['in', 'out'] as const) {
      const pieces = (dir === 'in' ? inPieces : outPieces).map((r) => ({
        start: r.start,
        end: r.end,
        key: portSetKey(dir === 'in' ? allowedPorts(world, ext(r), w) : allowedPorts(world, w, ext(r))),
      }));
      const e = (expectedExternal.get(`${dir}|${name}`) ?? []).sort((a, b) => (a.start < b.start ? -1 : 1));
      const diff = comparePiecewise(e, pieces);
      if (diff) {
        differences.push(`${dir === 'in' ? `external ${ipv4Text(diff.at)} => ${name}` : `${name} => external ${ipv4Text(diff.at)}`}: expected ${diff.expected}, got ${diff.actual}`);
      }
    }
  }
  return { differences, pairsCompared: expectedPairs.size + actualPairs.size };
}

const tally = new Map<string, { pass: number; total: number }>();

function tierName(tier: number | string): string {
  return typeof tier === 'number' ? `tier${tier}` : String(tier);
}

if (!casesAvailable()) {
  test('netpol-analyzer conformance', (t) => {
    t.skip(`conformance cases not found at ${casesDir} (../shared is absent): skipped`);
  });
} else {
  const cases = readCases();
  for (const info of cases) {
    const tier = tierName(info.tier);
    test(`conformance ${tier}: ${info.case}`, () => {
      const entry = tally.get(tier) ?? { pass: 0, total: 0 };
      tally.set(tier, entry);
      entry.total++;
      const result = runCase(info);
      const known = KNOWN_DIFFERENCES[info.case];
      if (result.differences.length === 0) {
        entry.pass++;
        assert.equal(known, undefined, `${info.case} now agrees: remove it from knownDifferences.ts and docs/conformance.md`);
        return;
      }
      if (known) {
        // A documented, deliberate difference: the differences must be exactly the expected kind.
        for (const d of result.differences) assert.match(d, known.pattern, `${info.case}: unexplained difference ${d}`);
        return;
      }
      assert.fail(`${info.case}: ${result.differences.length} differences\n${result.differences.slice(0, 15).join('\n')}`);
    });
  }

  test('conformance tally', () => {
    const order = ['tier1', 'tier2', 'tier3', 'explain-only'];
    const parts = [...tally.entries()]
      .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
      .map(([tier, { pass, total }]) => `${tier} ${pass}/${total}`);
    console.log(`conformance: ${parts.join(', ')}`);
    const t1 = tally.get('tier1');
    const t2 = tally.get('tier2');
    assert.ok(t1 && t1.pass === t1.total, 'tier 1 agrees 100%');
    assert.ok(t2 && t2.pass / t2.total >= 0.9, 'tier 2 agrees at least 90%');
  });
}
