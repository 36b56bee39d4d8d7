import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  allowedPorts,
  computeMatrix,
  externalEndpoint,
  formatMatrixCsv,
  formatMatrixDot,
  formatMatrixJson,
  formatMatrixMermaid,
  formatMatrixTable,
  formatPortSet,
  matrixCell,
  portSetKey,
  type Endpoint,
} from '../../../server/src/policy';
import { deployment, worldFromYaml } from './helpers';

const TEXT = `apiVersion: v1
kind: Namespace
metadata: {name: prod, labels: {env: prod}}
---
${deployment('prod', 'web', { app: 'web' })}${deployment('prod', 'web-canary', { app: 'web' })}${deployment('prod', 'db', { app: 'db' }, '{name: pg, containerPort: 5432}')}${deployment('prod', 'db-old', { app: 'db' }, '{name: pg, containerPort: 5433}')}${deployment('dev', 'tool', { app: 'tool' })}apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: prod}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress:
    - from: [{podSelector: {matchLabels: {app: web}}}]
      ports: [{port: pg}]
    - from: [{ipBlock: {cidr: 192.168.0.0/16, except: [192.168.1.0/24]}}]
      ports: [{port: 22}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-egress, namespace: prod}
spec:
  podSelector: {matchLabels: {app: web}}
  egress:
    - to: [{namespaceSelector: {matchLabels: {env: prod}}}]
    - to: [{ipBlock: {cidr: 0.0.0.0/0}}]
      ports: [{port: 443}]
`;

const world = worldFromYaml(TEXT);

test('every workload cell equals the pairwise evaluator', () => {
  const m = computeMatrix(world, { internet: false });
  assert.equal(m.endpoints.length, world.workloads.length);
  world.workloads.forEach((a, i) =>
    world.workloads.forEach((b, j) => {
      assert.equal(portSetKey(matrixCell(m, i, j)!), portSetKey(allowedPorts(world, a, b)), `${a.id} -> ${b.id}`);
    }),
  );
});

test('named ports resolve per destination even when labels are shared', () => {
  const m = computeMatrix(world, { internet: false });
  const at = (id: string) => m.endpoints.findIndex((e) => e.id === id);
  assert.equal(formatPortSet(matrixCell(m, at('prod/Deployment/web'), at('prod/Deployment/db'))!), '5432/TCP');
  assert.equal(formatPortSet(matrixCell(m, at('prod/Deployment/web-canary'), at('prod/Deployment/db-old'))!), '5433/TCP');
  assert.equal(formatPortSet(matrixCell(m, at('prod/Deployment/web'), at('dev/Deployment/tool'))!), 'none');
});

test('external ranges: a cell holds what some address gets; partial cells record what every address gets', () => {
  const m = computeMatrix(world, { externals: ['192.168.0.0/16', '192.168.1.7'] });
  const at = (id: string) => m.endpoints.findIndex((e) => e.id === id);
  const db = at('prod/Deployment/db');
  const internet = at('internet');
  const lan = at('192.168.0.0/16');
  const host = at('192.168.1.7');
  assert.equal(formatPortSet(matrixCell(m, lan, db)!), '22/TCP');
  assert.equal(formatPortSet(matrixCell(m, internet, db)!), '22/TCP');
  assert.equal(formatPortSet(matrixCell(m, host, db)!), 'none');
  const partial = m.partial.find((p) => p.from === lan && p.to === db);
  assert.ok(partial);
  assert.equal(formatPortSet(m.portSets[partial.everywhere]!), 'none');
  assert.equal(formatPortSet(matrixCell(m, at('prod/Deployment/web'), internet)!), '443/TCP');
  assert.equal(matrixCell(m, internet, lan), undefined, 'external to external does not apply');
  // Single addresses agree with the pairwise evaluator.
  const hostEndpoint = externalEndpoint('192.168.1.7') as Endpoint;
  assert.equal(portSetKey(matrixCell(m, host, db)!), portSetKey(allowedPorts(world, hostEndpoint, world.workloads[db]!)));
});

test('--namespace keeps only that namespace while other policies still count', () => {
  const m = computeMatrix(world, { namespace: 'dev', internet: false });
  assert.deepEqual(m.endpoints.map((e) => e.id), ['dev/Deployment/tool']);
  assert.equal(formatPortSet(matrixCell(m, 0, 0)!), 'all');
});

test('renderings list the same connections', () => {
  const m = computeMatrix(world, { namespace: 'prod' });
  const json = JSON.parse(formatMatrixJson(m)) as { connections: { from: string; to: string; ports: string; everyAddress?: string }[] };
  const csv = formatMatrixCsv(m).trim().split('\r\n');
  assert.equal(csv[0], 'from,to,ports');
  assert.equal(csv.length - 1, json.connections.length);
  assert.ok(json.connections.some((c) => c.from === 'prod/Deployment/web' && c.to === 'prod/Deployment/db' && c.ports === '5432/TCP'));
  assert.ok(json.connections.some((c) => c.from === 'internet' && c.to === 'prod/Deployment/db' && c.everyAddress === 'none'));
  assert.ok(csv.includes('prod/Deployment/web,internet,443/TCP'));
  const table = formatMatrixTable(m);
  assert.match(table, /\[1\] prod\/Deployment\/web/);
  assert.match(table, /22\/TCP\*/);
  const dot = formatMatrixDot(m);
  assert.match(dot, /^digraph reachability \{/);
  assert.match(dot, /subgraph "cluster_prod"/);
  assert.match(dot, /n0 -> n2 \[label="5432\/TCP"\];/);
  assert.doesNotMatch(dot, /n0 -> n0 /, 'no self loops in drawings');
  const mermaid = formatMatrixMermaid(m);
  assert.match(mermaid, /^flowchart LR\n {2}subgraph ns0\["prod"\]/);
  assert.match(mermaid, /n0 -->\|"5432\/TCP"\| n2/);
  assert.match(mermaid, /n4\(\("internet \(0\.0\.0\.0\/0\)"\)\)/);
});

test('an unparsable external is reported, not thrown', () => {
  const m = computeMatrix(world, { externals: ['nope'], internet: false });
  assert.deepEqual(m.errors, ['"nope" is not an IP address or CIDR']);
});
