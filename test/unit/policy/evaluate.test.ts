import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedPorts, evaluate, formatPortSet, renderExplanation, type NearMiss } from '../../../server/src/policy';
import { deployment, ip, workload, worldFromYaml } from './helpers';

const SHOP = `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: shop}}
---
apiVersion: v1
kind: Namespace
metadata: {name: ops, labels: {team: ops}}
---
${deployment('shop', 'web', { app: 'web' })}${deployment('shop', 'api', { app: 'api', tier: 'backend' }, '{name: http, containerPort: 8080}, {name: dns, containerPort: 53, protocol: UDP}')}${deployment('ops', 'probe', { app: 'probe' })}${deployment('shop', 'batch', { app: 'batch' })}apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-ingress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
    - from:
        - podSelector: {matchLabels: {app: web}}
      ports:
        - port: http
        - port: dns
    - from:
        - namespaceSelector: {matchLabels: {team: monitoring}}
          podSelector:
            matchExpressions:
              - {key: app, operator: In, values: [probe]}
        - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: batch-lockdown, namespace: shop}
spec:
  podSelector: {matchLabels: {app: batch}}
  policyTypes: [Ingress, Egress]
`;

const world = worldFromYaml(SHOP);
const web = workload(world, 'shop/Deployment/web');
const api = workload(world, 'shop/Deployment/api');
const probe = workload(world, 'ops/Deployment/probe');
const batch = workload(world, 'shop/Deployment/batch');

test('an allowed port names the policy, rule, peer and port entry, 0-based, with paths', () => {
  const e = evaluate(world, web, api, { port: 8080, protocol: 'TCP' });
  assert.equal(e.allowed, true);
  assert.equal(formatPortSet(e.ports), '8080/TCP');
  assert.equal(e.egress.isolated, false);
  assert.equal(e.ingress.isolated, true);
  assert.deepEqual(e.ingress.policies.map((p) => [p.id, p.docIndex, p.path]), [['shop/api-ingress', 6, []]]);
  assert.deepEqual(
    e.ingress.allowedBy.map((a) => ({ rule: a.rule, peer: a.peer, port: a.port, portPath: a.portPath, ports: formatPortSet(a.ports), q: a.matchesQuery })),
    [{ rule: 0, peer: 0, port: 0, portPath: ['spec', 'ingress', 0, 'ports', 0], ports: '8080/TCP', q: true }],
  );
  assert.deepEqual(e.ingress.nearMisses, [], 'no near misses for an allowed port');
});

test('a named port resolves by name and protocol on the destination: UDP-only dns does not satisfy a TCP rule', () => {
  const e = evaluate(world, web, api, { port: 53, protocol: 'TCP' });
  assert.equal(e.allowed, false);
  const kinds = e.ingress.nearMisses.map((m) => m.kind);
  assert.deepEqual(kinds, ['named-port-unresolved', 'ports-differ', 'peer-mismatch']);
  const named = e.ingress.nearMisses[0] as Extract<NearMiss, { kind: 'named-port-unresolved' }>;
  assert.equal(named.name, 'dns');
  assert.equal(named.protocol, 'TCP');
  assert.deepEqual(named.sameNameOtherProtocol, [{ name: 'dns', port: 53, protocol: 'UDP' }]);
  assert.deepEqual(named.portPath, ['spec', 'ingress', 0, 'ports', 1]);
  const text = renderExplanation(e);
  assert.match(text, /^DENIED: shop\/Deployment\/web -> shop\/Deployment\/api on 53\/TCP\./);
  assert.match(text, /ingress rule 1 of shop\/api-ingress matches the source but allows only 8080\/TCP/);
  assert.match(text, /named port "dns"\/TCP does not resolve: the destination declares "dns" only as 53\/UDP/);
});

test('peer mismatches say which selector part failed and where it is written', () => {
  const e = evaluate(world, probe, api, { port: 8080, protocol: 'TCP' });
  assert.equal(e.allowed, false);
  const rule1 = e.ingress.nearMisses.find((m) => m.kind === 'peer-mismatch' && m.rule === 0);
  const rule2 = e.ingress.nearMisses.find((m) => m.kind === 'peer-mismatch' && m.rule === 1);
  assert.ok(rule1 && rule1.kind === 'peer-mismatch' && rule2 && rule2.kind === 'peer-mismatch');
  assert.deepEqual(rule1.peers, [
    { peer: 0, path: ['spec', 'ingress', 0, 'from', 0], reason: 'other-namespace', policyNamespace: 'shop', namespace: 'ops' },
  ]);
  assert.deepEqual(rule2.peers[0], {
    peer: 0,
    path: ['spec', 'ingress', 1, 'from', 0],
    reason: 'namespace-selector',
    namespace: 'ops',
    failed: [{ operator: '=', key: 'team', values: ['monitoring'], actual: 'ops', path: ['spec', 'ingress', 1, 'from', 0, 'namespaceSelector', 'matchLabels', 'team'] }],
  });
  assert.equal(rule2.peers[1]!.reason, 'ip-block-vs-workload');
  assert.match(renderExplanation(e), /namespaceSelector does not match namespace "ops": needs team=monitoring \(has team=ops\)/);
});

test('ipBlock with except decides for external addresses', () => {
  assert.equal(evaluate(world, ip('10.2.3.4'), api, { port: 9999, protocol: 'UDP' }).allowed, true);
  const denied = evaluate(world, ip('10.1.3.4'), api, { port: 9999, protocol: 'UDP' });
  assert.equal(denied.allowed, false);
  const miss = denied.ingress.nearMisses.find((m) => m.kind === 'peer-mismatch' && m.rule === 1);
  assert.ok(miss && miss.kind === 'peer-mismatch');
  assert.deepEqual(miss.peers.map((p) => p.reason), ['selector-vs-address', 'in-except']);
  assert.equal(evaluate(world, ip('192.168.0.1'), api).allowed, false);
  assert.equal(evaluate(world, ip('2001:db8::1'), web).allowed, true, 'web is not isolated');
});

test('a policy without rules for a direction isolates and allows nothing', () => {
  const e = evaluate(world, batch, web);
  assert.equal(e.allowed, false);
  assert.deepEqual(e.egress.nearMisses, [{ kind: 'no-rules', policy: e.egress.policies[0] }]);
  assert.match(renderExplanation(e), /shop\/batch-lockdown has no egress rules, so it allows nothing/);
  assert.match(renderExplanation(e), /Blocked by egress\./);
});

test('without a port, the answer is the allowed port set', () => {
  assert.equal(formatPortSet(allowedPorts(world, web, api)), '8080/TCP');
  assert.equal(formatPortSet(allowedPorts(world, ip('10.9.9.9'), api)), 'all');
  assert.equal(formatPortSet(allowedPorts(world, api, web)), 'all');
  const e = evaluate(world, web, api);
  assert.equal(e.allowed, true);
  assert.equal(e.query, null);
});

test('explanations are plain JSON', () => {
  for (const e of [evaluate(world, web, api, { port: 53, protocol: 'TCP' }), evaluate(world, ip('10.1.0.1'), api), evaluate(world, batch, web)]) {
    assert.deepEqual(JSON.parse(JSON.stringify(e)), e);
  }
});

test('hostNetwork pods are evaluated like other pods, with a note', () => {
  const w = worldFromYaml(`apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: kube-system, labels: {app: agent}}
spec:
  hostNetwork: true
  containers: [{name: a}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: kube-system}
spec: {podSelector: {}}
`);
  const agent = workload(w, 'kube-system/Pod/agent');
  const e = evaluate(w, ip('8.8.8.8'), agent);
  assert.equal(e.allowed, false);
  assert.equal(e.notes.length, 1);
  assert.match(e.notes[0]!, /hostNetwork/);
});

test('namespaces without a Namespace object still match by kubernetes.io/metadata.name', () => {
  const w = worldFromYaml(`${deployment('a', 'client', { app: 'c' })}${deployment('b', 'server', { app: 's' })}apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: from-a, namespace: b}
spec:
  podSelector: {}
  ingress:
    - from:
        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: a}}
`);
  assert.equal(evaluate(w, workload(w, 'a/Deployment/client'), workload(w, 'b/Deployment/server')).allowed, true);
  assert.equal(evaluate(w, ip('1.2.3.4'), workload(w, 'b/Deployment/server')).allowed, false);
});
