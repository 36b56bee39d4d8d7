// Fuzzing the NetworkPolicy evaluator on broken real manifests: in the examples' workspace plus a
// mutated manifest, the world, the matrix and explanations never throw, and they agree: a matrix
// cell is what allowedPorts says for that pair, and an explanation's verdict is what its port set says.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import {
  allowedPorts,
  computeMatrix,
  contains,
  equals,
  evaluate,
  externalEndpoint,
  isEmpty,
  matrixCell,
  worldFromIndex,
  type Endpoint,
} from '../../server/src/policy';
import type { Protocol } from '../../server/src/model/types';
import { exampleManifests, loadCorpus } from './corpus';
import { mutatedArb } from './arbitraries';
import { fuzzRun } from './config';

const corpus = loadCorpus();
const examples = exampleManifests();

const ipArb = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  fc.constantFrom('10.0.0.1', '10.1.2.3', '192.168.1.1', '0.0.0.0', '255.255.255.255', '::', '::1', '172.16.0.1'),
);
/** What a user might type as an external endpoint: addresses, CIDRs, and junk the matrix must report, not throw on. */
const externalTextArb = fc.oneof(ipArb, fc.constantFrom('10.0.0.0/8', '0.0.0.0/0', '::/0', '300.1.1.1', '10.0.0.0/33', 'not-an-ip', '', ' ', '1.2.3.4/'));
const portArb = fc.option(fc.record({ port: fc.integer({ min: 0, max: 70000 }), protocol: fc.constantFrom<Protocol>('TCP', 'UDP', 'SCTP') }), { nil: undefined });

test('fuzz: world, matrix and explanations on mutated manifests never throw and agree', (t) => {
  for (const m of corpus.missing) t.diagnostic(m);
  const arb = fc.record({
    mutated: fc.array(mutatedArb(corpus.seeds), { minLength: 1, maxLength: 3 }),
    externals: fc.array(externalTextArb, { maxLength: 3 }),
    pairs: fc.array(fc.tuple(fc.nat(), fc.nat(), portArb), { minLength: 1, maxLength: 8 }),
  });
  fc.assert(
    fc.property(arb, ({ mutated, externals, pairs }) => {
      const index = new WorkspaceIndex({ defaultNamespace: 'default' });
      examples.forEach((e, i) => index.update(`file:///fuzz/examples/${i}.yaml`, e.text, 1));
      mutated.forEach((m, i) => index.update(`file:///fuzz/mutated/${i}.yaml`, m.text, 1));

      const world = worldFromIndex(index);
      const matrix = computeMatrix(world, { externals });
      assert.equal(matrix.cells.length, matrix.endpoints.length);
      for (const row of matrix.cells) assert.equal(row.length, matrix.endpoints.length);

      // Endpoints: the workloads, then single addresses (a matrix cell of a range is a union; of one address, exact).
      const addresses = externals.map((text) => externalEndpoint(text)).filter((e): e is NonNullable<typeof e> => e !== undefined && e.range.start === e.range.end);
      const endpoints: Endpoint[] = [...world.workloads, ...addresses];
      if (endpoints.length === 0) return;
      for (const [a, b, port] of pairs) {
        const from = endpoints[a % endpoints.length]!;
        const to = endpoints[b % endpoints.length]!;
        const ports = allowedPorts(world, from, to);
        const explanation = evaluate(world, from, to, port);
        assert.ok(equals(explanation.ports, ports), `evaluate and allowedPorts differ for ${from.id} → ${to.id}`);
        const expected = port ? contains(ports, port.protocol, port.port) : !isEmpty(ports);
        assert.equal(explanation.allowed, expected, `verdict of ${from.id} → ${to.id} ${JSON.stringify(port)}`);
        if (from.type === 'workload' && to.type === 'workload') {
          const cell = matrixCell(matrix, a % endpoints.length, b % endpoints.length);
          assert.ok(cell && equals(cell, ports), `matrix cell ${from.id} → ${to.id} differs from allowedPorts`);
        }
      }
    }),
    fuzzRun(t, 120),
  );
});
