// Property-based tests: algebra laws of port sets, and invariants of the evaluator on random worlds.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseFile } from '../../../server/src/model/parse';
import type { Protocol } from '../../../server/src/model/types';
import {
  ALL_PORTS,
  NO_PORTS,
  allowedPorts,
  complement,
  computeMatrix,
  contains,
  equals,
  externalEndpoint,
  intersect,
  isEmpty,
  matrixCell,
  portSetKey,
  portSetOf,
  union,
  worldFromResources,
  type Endpoint,
  type PolicyWorld,
  type PortSet,
} from '../../../server/src/policy';

// ---- port sets ----

const protocolArb = fc.constantFrom<Protocol>('TCP', 'UDP', 'SCTP');
// Small and edge ports, so ranges overlap and touch often.
const portArb = fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constantFrom(1, 65534, 65535));
const portSetArb: fc.Arbitrary<PortSet> = fc
  .array(fc.record({ protocol: protocolArb, start: portArb, len: fc.integer({ min: 0, max: 12 }) }), { maxLength: 6 })
  .map((entries) => portSetOf(entries.map((e) => ({ protocol: e.protocol, start: e.start, end: Math.min(65535, e.start + e.len) }))));
const probeArb = fc.record({ protocol: protocolArb, port: portArb });

test('port sets: membership follows union, intersection and complement', () => {
  fc.assert(
    fc.property(portSetArb, portSetArb, probeArb, (a, b, { protocol, port }) => {
      assert.equal(contains(union(a, b), protocol, port), contains(a, protocol, port) || contains(b, protocol, port));
      assert.equal(contains(intersect(a, b), protocol, port), contains(a, protocol, port) && contains(b, protocol, port));
      assert.equal(contains(complement(a), protocol, port), !contains(a, protocol, port));
    }),
    { numRuns: 500 },
  );
});

test('port sets: lattice laws and De Morgan hold on canonical forms', () => {
  fc.assert(
    fc.property(portSetArb, portSetArb, portSetArb, (a, b, c) => {
      assert.ok(equals(union(a, b), union(b, a)));
      assert.ok(equals(intersect(a, b), intersect(b, a)));
      assert.ok(equals(union(a, union(b, c)), union(union(a, b), c)));
      assert.ok(equals(intersect(a, intersect(b, c)), intersect(intersect(a, b), c)));
      assert.ok(equals(intersect(a, union(b, c)), union(intersect(a, b), intersect(a, c))));
      assert.ok(equals(union(a, a), a) && equals(intersect(a, a), a));
      assert.ok(equals(complement(complement(a)), a));
      assert.ok(equals(complement(union(a, b)), intersect(complement(a), complement(b))));
      assert.ok(equals(union(a, complement(a)), ALL_PORTS));
      assert.ok(isEmpty(intersect(a, complement(a))));
      assert.ok(equals(union(a, NO_PORTS), a) && equals(intersect(a, ALL_PORTS), a));
      // Canonical form: sorted, disjoint, non-adjacent ranges.
      for (const p of ['TCP', 'UDP', 'SCTP'] as const) {
        const r = union(a, b)[p];
        for (let i = 1; i < r.length; i++) assert.ok(r[i]![0] > r[i - 1]![1] + 1);
      }
    }),
    { numRuns: 300 },
  );
});

// ---- random worlds ----

const NS = ['n1', 'n2', 'n3'];
const valueArb = fc.constantFrom('a', 'b');
const labelsArb = fc.record({ app: valueArb, tier: valueArb }, { requiredKeys: [] });
const selectorArb = fc.record(
  {
    matchLabels: labelsArb,
    matchExpressions: fc.array(
      fc.oneof(
        fc.record({ key: fc.constantFrom('app', 'tier', 'env'), operator: fc.constantFrom('In', 'NotIn'), values: fc.array(valueArb, { minLength: 1, maxLength: 2 }) }),
        fc.record({ key: fc.constantFrom('app', 'tier', 'env'), operator: fc.constantFrom('Exists', 'DoesNotExist') }),
      ),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: [] },
);
const peerArb = fc.oneof(
  fc.record({ podSelector: selectorArb }),
  fc.record({ namespaceSelector: selectorArb }),
  fc.record({ podSelector: selectorArb, namespaceSelector: selectorArb }),
  fc.record({
    ipBlock: fc.record(
      { cidr: fc.constantFrom('10.0.0.0/8', '0.0.0.0/0', '192.168.0.0/16'), except: fc.constantFrom(['10.1.0.0/16'], ['192.168.1.0/24'], []) },
      { requiredKeys: ['cidr'] },
    ),
  }),
);
const policyPortArb = fc.oneof(
  fc.record({ port: fc.integer({ min: 52, max: 54 }), protocol: protocolArb }, { requiredKeys: ['port'] }),
  fc.record({ port: fc.constantFrom('http', 'dns'), protocol: protocolArb }, { requiredKeys: ['port'] }),
  fc.record({ protocol: protocolArb }),
  fc.record({ port: fc.constant(50), endPort: fc.integer({ min: 50, max: 80 }) }),
);
const ruleArb = (peerKey: 'from' | 'to') =>
  fc.record({ [peerKey]: fc.array(peerArb, { maxLength: 2 }), ports: fc.array(policyPortArb, { maxLength: 2 }) }, { requiredKeys: [] });
const policyArb = fc.record({
  namespace: fc.constantFrom(...NS),
  podSelector: selectorArb,
  policyTypes: fc.option(fc.subarray(['Ingress', 'Egress']), { nil: undefined }),
  ingress: fc.option(fc.array(ruleArb('from'), { maxLength: 2 }), { nil: undefined }),
  egress: fc.option(fc.array(ruleArb('to'), { maxLength: 2 }), { nil: undefined }),
});
type PolicySpec = typeof policyArb extends fc.Arbitrary<infer T> ? T : never;
const workloadArb = fc.record({ namespace: fc.constantFrom(...NS), labels: labelsArb, http: fc.integer({ min: 52, max: 54 }), dnsProtocol: protocolArb });
type WorkloadSpec = typeof workloadArb extends fc.Arbitrary<infer T> ? T : never;
const worldArb = fc.record({
  workloads: fc.array(workloadArb, { minLength: 2, maxLength: 5 }),
  namespaceLabels: fc.record({ n1: labelsArb, n2: labelsArb, n3: labelsArb }),
  policies: fc.array(policyArb, { maxLength: 4 }),
});
type WorldSpec = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

function policyDoc(p: PolicySpec, i: number): unknown {
  const spec: Record<string, unknown> = { podSelector: p.podSelector };
  if (p.policyTypes !== undefined) spec['policyTypes'] = p.policyTypes;
  if (p.ingress !== undefined) spec['ingress'] = p.ingress;
  if (p.egress !== undefined) spec['egress'] = p.egress;
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `p${i}`, namespace: p.namespace }, spec };
}

function workloadDoc(w: WorkloadSpec, i: number): unknown {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `w${i}`, namespace: w.namespace, labels: w.labels },
    spec: { containers: [{ name: 'c', ports: [{ name: 'http', containerPort: w.http }, { name: 'dns', containerPort: 53, protocol: w.dnsProtocol }] }] },
  };
}

function build(spec: WorldSpec, policies: PolicySpec[] = spec.policies): PolicyWorld {
  const docs = [
    ...NS.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: spec.namespaceLabels[name as 'n1'] } })),
    ...spec.workloads.map(workloadDoc),
    ...policies.map(policyDoc),
  ];
  return worldFromResources(parseFile('file:///p.yaml', docs.map((d) => JSON.stringify(d)).join('\n---\n')).resources);
}

const EXTERNALS = ['10.1.2.3', '10.200.0.1', '192.168.1.1', '192.168.7.7', '8.8.8.8'].map((a) => externalEndpoint(a)!);

/** Every (from, to) answer over workloads and some external addresses. */
function answers(world: PolicyWorld): Map<string, PortSet> {
  const ends: Endpoint[] = [...world.workloads, ...EXTERNALS];
  const out = new Map<string, PortSet>();
  for (const a of ends) for (const b of ends) if (a.type === 'workload' || b.type === 'workload') out.set(`${a.id} > ${b.id}`, allowedPorts(world, a, b));
  return out;
}

function subset(small: PortSet, big: PortSet): boolean {
  return equals(intersect(small, big), small);
}

test('adding an allow rule to a direction a policy already governs never removes a connection', () => {
  fc.assert(
    fc.property(worldArb, fc.nat(), fc.constantFrom('ingress' as const, 'egress' as const), ruleArb('from'), ruleArb('to'), (spec, pick, direction, inRule, outRule) => {
      fc.pre(spec.policies.length > 0);
      const before = build(spec);
      const target = pick % spec.policies.length;
      const model = before.policies[target]!;
      fc.pre(model.affects[direction]);
      const policies = spec.policies.map((p, i) =>
        i !== target ? p : { ...p, policyTypes: p.policyTypes ?? (model.affects.egress ? ['Ingress', 'Egress'] : ['Ingress']), [direction]: [...(p[direction] ?? []), direction === 'ingress' ? inRule : outRule] },
      );
      const after = build(spec, policies);
      const a = answers(before);
      const b = answers(after);
      for (const [k, ports] of a) assert.ok(subset(ports, b.get(k)!), `${k}: ${portSetKey(ports)} not within ${portSetKey(b.get(k)!)}`);
    }),
    { numRuns: 150 },
  );
});

test('a deny-all ingress policy in a namespace removes all ingress into it (when it is the namespace\'s only policy)', () => {
  fc.assert(
    fc.property(worldArb, fc.constantFrom(...NS), (spec, ns) => {
      const others = spec.policies.filter((p) => p.namespace !== ns);
      const denyAll: PolicySpec = { namespace: ns, podSelector: {}, policyTypes: ['Ingress'], ingress: undefined, egress: undefined };
      const before = build(spec);
      const after = build(spec, [...spec.policies, denyAll]);
      const alone = build(spec, [...others, denyAll]);
      const a = answers(before);
      const b = answers(after);
      for (const [k, ports] of b) assert.ok(subset(ports, a.get(k)!), `adding deny-all never adds: ${k}`);
      const into = alone.workloads.filter((w) => w.namespace === ns);
      for (const to of into) for (const from of [...alone.workloads, ...EXTERNALS]) assert.ok(isEmpty(allowedPorts(alone, from, to)), `${from.id} -> ${to.id}`);
    }),
    { numRuns: 150 },
  );
});

test('results do not depend on the order of policies', () => {
  fc.assert(
    fc.property(
      worldArb.chain((spec) => fc.tuple(fc.constant(spec), fc.shuffledSubarray(spec.policies, { minLength: spec.policies.length, maxLength: spec.policies.length }))),
      ([spec, shuffled]) => {
        const a = answers(build(spec));
        const b = answers(build(spec, shuffled));
        for (const [k, ports] of a) assert.ok(equals(ports, b.get(k)!), k);
      },
    ),
    { numRuns: 150 },
  );
});

test('the matrix agrees with the pairwise evaluator on random worlds', () => {
  fc.assert(
    fc.property(worldArb, (spec) => {
      const world = build(spec);
      const m = computeMatrix(world, { internet: false });
      world.workloads.forEach((a, i) =>
        world.workloads.forEach((b, j) => assert.ok(equals(matrixCell(m, i, j)!, allowedPorts(world, a, b)), `${a.id} -> ${b.id}`)),
      );
    }),
    { numRuns: 150 },
  );
});
