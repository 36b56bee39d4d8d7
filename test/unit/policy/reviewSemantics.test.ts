// Adversarial checks of the evaluator against networking.k8s.io/v1 semantics, written from the API
// documentation: each case states a fact about a cluster and asks the evaluator the same question.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedPorts, computeMatrix, evaluate, formatPortSet, matrixCell, type PolicyMatrix, type PolicyWorld, type PortQuery } from '../../../server/src/policy';
import { deployment, ip, workload, worldFromYaml } from './helpers';

const TCP = (port: number): PortQuery => ({ port, protocol: 'TCP' });
const UDP = (port: number): PortQuery => ({ port, protocol: 'UDP' });
const SCTP = (port: number): PortQuery => ({ port, protocol: 'SCTP' });

const matrices = new WeakMap<PolicyWorld, PolicyMatrix>();
function matrixOf(world: PolicyWorld): PolicyMatrix {
  let m = matrices.get(world);
  if (!m) matrices.set(world, (m = computeMatrix(world)));
  return m;
}

function can(world: PolicyWorld, from: string, to: string, port?: PortQuery): boolean {
  // Workload ids are namespace/Kind/name; anything else here is an address.
  const a = from.includes('/') ? workload(world, from) : ip(from);
  const b = to.includes('/') ? workload(world, to) : ip(to);
  const e = evaluate(world, a, b, port);
  // The fast path (matrix, bulk queries) must agree with the explained path.
  const fast = allowedPorts(world, a, b);
  assert.equal(formatPortSet(fast), formatPortSet(e.ports), `fast and explained port sets agree for ${from} -> ${to}`);
  // So must the matrix, for workload pairs.
  if (a.type === 'workload' && b.type === 'workload') {
    const m = matrixOf(world);
    const i = m.endpoints.findIndex((x) => x.id === a.id);
    const j = m.endpoints.findIndex((x) => x.id === b.id);
    assert.equal(formatPortSet(matrixCell(m, i, j)!), formatPortSet(e.ports), `matrix cell agrees for ${from} -> ${to}`);
  }
  // The explanation must survive JSON.
  assert.doesNotThrow(() => JSON.stringify(e));
  return e.allowed;
}

function policy(ns: string, name: string, spec: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: ${ns}}
spec:
${spec
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
---
`;
}

const ABC = deployment('x', 'a', { pod: 'a' }) + deployment('x', 'b', { pod: 'b' }) + deployment('w', 'a', { pod: 'a' });
const XA = 'x/Deployment/a';
const XB = 'x/Deployment/b';
const YA = 'w/Deployment/a';

test('policyTypes omitted, egress rules present: egress is isolated too', () => {
  const w = worldFromYaml(ABC + policy('x', 'p', `podSelector: {matchLabels: {pod: a}}\negress:\n  - to: [{podSelector: {matchLabels: {pod: b}}}]`));
  assert.equal(can(w, XA, XB, TCP(80)), true);
  assert.equal(can(w, XA, YA, TCP(80)), false, 'egress to w/a is not listed');
  assert.equal(can(w, XA, '8.8.8.8', UDP(53)), false);
  // Ingress is isolated as well (defaulted Ingress, no ingress rules).
  assert.equal(can(w, XB, XA, TCP(80)), false);
});

test('policyTypes omitted, no egress rules: egress stays open', () => {
  const w = worldFromYaml(ABC + policy('x', 'p', `podSelector: {matchLabels: {pod: a}}\ningress:\n  - from: [{podSelector: {matchLabels: {pod: b}}}]`));
  assert.equal(can(w, XA, YA, TCP(80)), true);
  assert.equal(can(w, XA, '8.8.8.8', TCP(443)), true);
  assert.equal(can(w, XB, XA, TCP(80)), true);
  assert.equal(can(w, YA, XA, TCP(80)), false);
});

test('policyTypes omitted with `egress: []`: Egress is not defaulted', () => {
  const w = worldFromYaml(ABC + policy('x', 'p', `podSelector: {matchLabels: {pod: a}}\negress: []`));
  assert.equal(can(w, XA, YA, TCP(80)), true);
  assert.equal(can(w, YA, XA, TCP(80)), false, 'ingress isolated, no rules');
});

test('policyTypes [Egress] alone leaves ingress open and ignores ingress rules', () => {
  const w = worldFromYaml(
    ABC +
      policy(
        'x',
        'p',
        `podSelector: {matchLabels: {pod: a}}\npolicyTypes: [Egress]\ningress:\n  - from: [{podSelector: {matchLabels: {pod: b}}}]\negress:\n  - to: [{namespaceSelector: {}}]`,
      ),
  );
  assert.equal(can(w, YA, XA, TCP(80)), true, 'ingress not isolated');
  assert.equal(can(w, XA, YA, TCP(80)), true);
  assert.equal(can(w, XA, '1.1.1.1', TCP(80)), false, 'namespaceSelector never matches an address');
});

test('policyTypes [Egress] with `egress: []` denies all egress, external included', () => {
  const w = worldFromYaml(ABC + policy('x', 'p', `podSelector: {}\npolicyTypes: [Egress]\negress: []`));
  assert.equal(can(w, XA, XB, TCP(80)), false);
  assert.equal(can(w, XA, '10.0.0.1'), false);
  assert.equal(can(w, XA, '2001:db8::1'), false);
  assert.equal(can(w, YA, XA, TCP(80)), true, 'ingress into x is open');
  assert.equal(can(w, XA, XA), false);
});

test('policyTypes [Ingress, Egress] with no rules isolates both directions', () => {
  const w = worldFromYaml(ABC + policy('x', 'p', `podSelector: {matchLabels: {pod: a}}\npolicyTypes: [Ingress, Egress]`));
  assert.equal(can(w, XA, XB), false);
  assert.equal(can(w, XB, XA), false);
  assert.equal(can(w, XB, YA), true);
});

test('policyTypes [Ingress] ignores egress rules', () => {
  const w = worldFromYaml(ABC + policy('x', 'p', `podSelector: {matchLabels: {pod: a}}\npolicyTypes: [Ingress]\negress:\n  - to: [{podSelector: {matchLabels: {pod: b}}}]`));
  assert.equal(can(w, XA, YA, TCP(80)), true, 'egress is not isolated');
});

test('union of policies: each adds to what the other allows', () => {
  const w = worldFromYaml(
    ABC +
      policy('x', 'p1', `podSelector: {matchLabels: {pod: a}}\ningress:\n  - from: [{podSelector: {matchLabels: {pod: b}}}]\n    ports: [{port: 80}]`) +
      policy('x', 'p2', `podSelector: {}\ningress:\n  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: w}}}]\n    ports: [{port: 81}]`),
  );
  assert.equal(can(w, XB, XA, TCP(80)), true);
  assert.equal(can(w, XB, XA, TCP(81)), false);
  assert.equal(can(w, YA, XA, TCP(81)), true);
  assert.equal(can(w, YA, XA, TCP(80)), false);
  assert.equal(can(w, YA, XB, TCP(81)), true);
  assert.equal(can(w, XA, XB, TCP(81)), false);
});

test('a connection needs the source egress AND the destination ingress', () => {
  const w = worldFromYaml(
    ABC +
      policy('x', 'eg', `podSelector: {matchLabels: {pod: a}}\npolicyTypes: [Egress]\negress:\n  - ports: [{port: 80}, {port: 81}]`) +
      policy('w', 'in', `podSelector: {}\ningress:\n  - ports: [{port: 81}, {port: 82}]`),
  );
  assert.equal(can(w, XA, YA, TCP(80)), false, 'ingress of w/a denies 80');
  assert.equal(can(w, XA, YA, TCP(81)), true);
  assert.equal(can(w, XA, YA, TCP(82)), false, 'egress of x/a denies 82');
  const e = evaluate(w, workload(w, XA), workload(w, YA));
  assert.equal(formatPortSet(e.ports), '81/TCP');
});

test('podSelector-only peer means the policy namespace; namespaceSelector-only means all pods there', () => {
  const w = worldFromYaml(
    ABC +
      deployment('w', 'b', { pod: 'b' }) +
      policy('x', 'p', `podSelector: {matchLabels: {pod: a}}\ningress:\n  - from: [{podSelector: {matchLabels: {pod: b}}}]`) +
      policy('w', 'q', `podSelector: {matchLabels: {pod: a}}\ningress:\n  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: x}}}]`),
  );
  assert.equal(can(w, XB, XA), true);
  assert.equal(can(w, 'w/Deployment/b', XA), false, 'pod b of another namespace');
  assert.equal(can(w, XB, YA), true);
  assert.equal(can(w, XA, YA), true);
  assert.equal(can(w, 'w/Deployment/b', YA), false);
});

test('namespaceSelector AND podSelector in one peer; separate peers OR', () => {
  const ns = `apiVersion: v1\nkind: Namespace\nmetadata: {name: w, labels: {team: blue}}\n---\n`;
  const and = worldFromYaml(
    ns + ABC + deployment('w', 'b', { pod: 'b' }) + policy('x', 'p', `podSelector: {matchLabels: {pod: a}}\ningress:\n  - from:\n    - namespaceSelector: {matchLabels: {team: blue}}\n      podSelector: {matchLabels: {pod: b}}`),
  );
  assert.equal(can(and, 'w/Deployment/b', XA), true);
  assert.equal(can(and, YA, XA), false, 'AND: w/a fails podSelector');
  assert.equal(can(and, XB, XA), false, 'AND: x fails namespaceSelector');
  const or = worldFromYaml(
    ns +
      ABC +
      deployment('w', 'b', { pod: 'b' }) +
      policy('x', 'p', `podSelector: {matchLabels: {pod: a}}\ningress:\n  - from:\n    - namespaceSelector: {matchLabels: {team: blue}}\n    - podSelector: {matchLabels: {pod: b}}`),
  );
  assert.equal(can(or, 'w/Deployment/b', XA), true);
  assert.equal(can(or, YA, XA), true, 'OR: namespace w matches');
  assert.equal(can(or, XB, XA), true, 'OR: pod b in x matches');
});

test('namespaceSelector {} means every namespace, and never an external address', () => {
  const w = worldFromYaml(ABC + deployment('z', 'c', { pod: 'c' }) + policy('x', 'p', `podSelector: {matchLabels: {pod: a}}\ningress:\n  - from: [{namespaceSelector: {}}]`));
  assert.equal(can(w, 'z/Deployment/c', XA), true);
  assert.equal(can(w, YA, XA), true);
  assert.equal(can(w, XB, XA), true);
  assert.equal(can(w, '192.0.2.7', XA), false);
  assert.equal(can(w, '2001:db8::7', XA), false);
});

test('kubernetes.io/metadata.name exists without a Namespace object, and overrides a written value', () => {
  const fake = `apiVersion: v1\nkind: Namespace\nmetadata: {name: z, labels: {kubernetes.io/metadata.name: w}}\n---\n`;
  const w = worldFromYaml(
    fake +
      ABC +
      deployment('z', 'c', { pod: 'c' }) +
      policy('x', 'p', `podSelector: {matchLabels: {pod: a}}\ningress:\n  - from: [{namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [w]}]}}]`),
  );
  assert.equal(can(w, YA, XA), true, 'w has no Namespace object but carries the label');
  assert.equal(can(w, 'z/Deployment/c', XA), false, 'z cannot claim to be w');
});

test('missing from, empty from and `ingress: [{}]` allow everything, external addresses included', () => {
  for (const rules of ['ingress: [{}]', 'ingress:\n  - from: []', 'ingress:\n  - ports: []', 'ingress:\n  -']) {
    const w = worldFromYaml(ABC + policy('x', 'p', `podSelector: {}\n${rules}`));
    assert.equal(can(w, YA, XA, UDP(5000)), true, rules);
    assert.equal(can(w, '203.0.113.9', XA, SCTP(9)), true, rules);
    assert.equal(can(w, '2001:db8::9', XB, TCP(1)), true, rules);
  }
});

test('missing to allows egress to every address and pod', () => {
  const w = worldFromYaml(ABC + policy('x', 'p', `podSelector: {}\npolicyTypes: [Egress]\negress:\n  - ports: [{port: 443}]`));
  assert.equal(can(w, XA, '140.82.112.3', TCP(443)), true);
  assert.equal(can(w, XA, '2606:4700::1111', TCP(443)), true);
  assert.equal(can(w, XA, YA, TCP(443)), true);
  assert.equal(can(w, XA, YA, TCP(80)), false);
});

test('matchExpressions: In, NotIn (absent key matches), Exists, DoesNotExist, ANDed with matchLabels', () => {
  const pods =
    deployment('x', 'p1', { app: 'web', tier: 'front' }) +
    deployment('x', 'p2', { app: 'web' }) +
    deployment('x', 'p3', { app: 'db', tier: 'back' }) +
    deployment('x', 'p4', { app: 'web', tier: 'back', legacy: 'yes' }) +
    deployment('x', 'target', { role: 'target' });
  const sel = (s: string): PolicyWorld =>
    worldFromYaml(pods + policy('x', 'p', `podSelector: {matchLabels: {role: target}}\ningress:\n  - from: [{podSelector: ${s}}]`));
  const allowed = (w: PolicyWorld): string[] =>
    ['p1', 'p2', 'p3', 'p4'].filter((n) => can(w, `x/Deployment/${n}`, 'x/Deployment/target', TCP(80)));
  assert.deepEqual(allowed(sel('{matchExpressions: [{key: tier, operator: In, values: [front, back]}]}')), ['p1', 'p3', 'p4']);
  assert.deepEqual(allowed(sel('{matchExpressions: [{key: tier, operator: NotIn, values: [back]}]}')), ['p1', 'p2']);
  assert.deepEqual(allowed(sel('{matchExpressions: [{key: tier, operator: Exists}]}')), ['p1', 'p3', 'p4']);
  assert.deepEqual(allowed(sel('{matchExpressions: [{key: tier, operator: DoesNotExist}]}')), ['p2']);
  assert.deepEqual(allowed(sel('{matchLabels: {app: web}, matchExpressions: [{key: legacy, operator: DoesNotExist}, {key: tier, operator: NotIn, values: [front]}]}')), ['p2']);
  assert.deepEqual(allowed(sel('{}')), ['p1', 'p2', 'p3', 'p4']);
});

test('ports: none = all protocols; protocol defaults to TCP; protocol-only; endPort inclusive; SCTP', () => {
  const t = deployment('x', 't', { role: 't' });
  const src = deployment('x', 's', { role: 's' });
  const withPorts = (ports: string): PolicyWorld =>
    worldFromYaml(t + src + policy('x', 'p', `podSelector: {matchLabels: {role: t}}\ningress:\n  - from: [{podSelector: {}}]\n    ports: ${ports}`));
  const S = 'x/Deployment/s';
  const T = 'x/Deployment/t';
  const all = worldFromYaml(t + src + policy('x', 'p', `podSelector: {matchLabels: {role: t}}\ningress:\n  - from: [{podSelector: {}}]`));
  assert.equal(can(all, S, T, SCTP(7)), true);
  assert.equal(can(all, S, T, UDP(65535)), true);

  const tcp = withPorts('[{port: 53}]');
  assert.equal(can(tcp, S, T, TCP(53)), true);
  assert.equal(can(tcp, S, T, UDP(53)), false, 'protocol defaults to TCP');

  const udpOnly = withPorts('[{protocol: UDP}]');
  assert.equal(can(udpOnly, S, T, UDP(1)), true);
  assert.equal(can(udpOnly, S, T, UDP(65535)), true);
  assert.equal(can(udpOnly, S, T, TCP(53)), false);

  const range = withPorts('[{port: 32000, endPort: 32768}]');
  assert.equal(can(range, S, T, TCP(31999)), false);
  assert.equal(can(range, S, T, TCP(32000)), true);
  assert.equal(can(range, S, T, TCP(32768)), true, 'endPort is inclusive');
  assert.equal(can(range, S, T, TCP(32769)), false);
  assert.equal(formatPortSet(evaluate(range, workload(range, S), workload(range, T)).ports), '32000-32768/TCP');

  const sctp = withPorts('[{port: 2905, protocol: SCTP}]');
  assert.equal(can(sctp, S, T, SCTP(2905)), true);
  assert.equal(can(sctp, S, T, TCP(2905)), false);
});

test('named ports resolve on the destination by name AND protocol, for ingress and egress', () => {
  const dns = deployment('x', 'dns', { role: 'dns' }, '{name: dns, containerPort: 53, protocol: UDP}, {name: dns-tcp, containerPort: 53}');
  const web = deployment('x', 'web', { role: 'web' }, '{name: http, containerPort: 8080}');
  const client = deployment('x', 'client', { role: 'client' }, '{name: dns, containerPort: 9999}, {name: http, containerPort: 1234}');
  const w = worldFromYaml(
    dns +
      web +
      client +
      policy(
        'x',
        'eg',
        `podSelector: {matchLabels: {role: client}}\npolicyTypes: [Egress]\negress:\n  - ports: [{port: dns, protocol: UDP}, {port: http}]`,
      ) +
      policy('x', 'in', `podSelector: {matchLabels: {role: dns}}\ningress:\n  - ports: [{port: dns}]`),
  );
  const C = 'x/Deployment/client';
  // Egress named ports resolve on the destination, not on the client (whose dns is 9999).
  assert.equal(can(w, C, 'x/Deployment/web', TCP(8080)), true);
  assert.equal(can(w, C, 'x/Deployment/web', TCP(1234)), false, 'not the source port number');
  assert.equal(can(w, C, 'x/Deployment/dns', UDP(9999)), false);
  // Ingress `port: dns` (TCP by default) does not match the UDP-only `dns` port.
  assert.equal(can(w, C, 'x/Deployment/dns', UDP(53)), false);
  assert.equal(can(w, C, 'x/Deployment/dns', TCP(53)), false);
  assert.equal(can(w, 'x/Deployment/web', 'x/Deployment/dns', TCP(53)), false);
  assert.equal(can(w, 'x/Deployment/web', 'x/Deployment/dns', UDP(53)), false);
  const e = evaluate(w, workload(w, 'x/Deployment/web'), workload(w, 'x/Deployment/dns'), UDP(53));
  assert.ok(e.ingress.nearMisses.some((m) => m.kind === 'named-port-unresolved'), 'the explanation names the unresolved port');
  // Named ports never resolve on an external address.
  assert.equal(can(w, C, '93.184.216.34', TCP(8080)), false);
});

test('a UDP named port satisfies a UDP rule', () => {
  const w = worldFromYaml(
    deployment('x', 'dns', { role: 'dns' }, '{name: dns, containerPort: 53, protocol: UDP}') +
      deployment('x', 'c', { role: 'c' }) +
      policy('x', 'in', `podSelector: {matchLabels: {role: dns}}\ningress:\n  - ports: [{port: dns, protocol: UDP}]`),
  );
  assert.equal(can(w, 'x/Deployment/c', 'x/Deployment/dns', UDP(53)), true);
  assert.equal(can(w, 'x/Deployment/c', 'x/Deployment/dns', TCP(53)), false);
});

test('ipBlock with except, IPv4 and IPv6, both directions', () => {
  const w = worldFromYaml(
    ABC +
      policy(
        'x',
        'p',
        `podSelector: {matchLabels: {pod: a}}\npolicyTypes: [Ingress, Egress]\ningress:\n  - from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}, {ipBlock: {cidr: "2001:db8::/32", except: ["2001:db8:dead::/48"]}}]\negress:\n  - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}, {ipBlock: {cidr: "::/0"}}]`,
      ),
  );
  assert.equal(can(w, '10.2.3.4', XA, TCP(80)), true);
  assert.equal(can(w, '10.1.3.4', XA, TCP(80)), false);
  assert.equal(can(w, '10.255.255.255', XA, TCP(80)), true);
  assert.equal(can(w, '11.0.0.0', XA, TCP(80)), false);
  assert.equal(can(w, '2001:db8:1::5', XA, TCP(80)), true);
  assert.equal(can(w, '2001:db8:dead::5', XA, TCP(80)), false);
  assert.equal(can(w, '2001:db9::5', XA, TCP(80)), false);
  assert.equal(can(w, XA, '169.254.169.254', TCP(80)), false);
  assert.equal(can(w, XA, '169.254.169.253', TCP(80)), true);
  assert.equal(can(w, XA, 'fe80::1', TCP(80)), true);
  assert.equal(can(w, XA, '::1', UDP(53)), true);
  // Documented choice: ipBlocks match external addresses only, never workloads.
  assert.equal(can(w, XA, XB, TCP(80)), false);
  assert.equal(can(w, XB, XA, TCP(80)), false);
});

test('an IPv4 ipBlock never matches an IPv6 address and vice versa', () => {
  const w = worldFromYaml(ABC + policy('x', 'p', `podSelector: {}\ningress:\n  - from: [{ipBlock: {cidr: 0.0.0.0/0}}]`));
  assert.equal(can(w, '1.2.3.4', XA), true);
  assert.equal(can(w, '2001:db8::1', XA), false);
  const w6 = worldFromYaml(ABC + policy('x', 'p', `podSelector: {}\ningress:\n  - from: [{ipBlock: {cidr: "::/0"}}]`));
  assert.equal(can(w6, '1.2.3.4', XA), false);
  assert.equal(can(w6, '2001:db8::1', XA), true);
});

test('a policy in namespace A never selects pods in namespace B', () => {
  const w = worldFromYaml(ABC + policy('x', 'deny', `podSelector: {}\npolicyTypes: [Ingress, Egress]`));
  assert.equal(can(w, YA, YA), true);
  assert.equal(can(w, '1.2.3.4', YA), true);
  assert.equal(can(w, YA, XA), false);
  assert.equal(can(w, XA, YA), false);
  assert.deepEqual(
    evaluate(w, workload(w, YA), workload(w, YA)).ingress.policies.map((p) => p.id),
    [],
  );
});

test('Pods and every workload kind are endpoints; a missing namespace means default', () => {
  const w = worldFromYaml(`apiVersion: v1
kind: Pod
metadata: {name: solo, labels: {app: solo}}
spec: {containers: [{name: c, ports: [{name: web, containerPort: 8000}]}]}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 0 * * *"
  jobTemplate:
    spec:
      template:
        metadata: {labels: {app: batch}}
        spec: {containers: [{name: c}]}
---
apiVersion: batch/v1
kind: Job
metadata: {name: once}
spec:
  template:
    metadata: {labels: {app: batch}}
    spec: {containers: [{name: c}]}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: c}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: c}]}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: rs}
spec:
  selector: {matchLabels: {app: rs}}
  template:
    metadata: {labels: {app: rs}}
    spec: {containers: [{name: c}]}
---
apiVersion: v1
kind: ReplicationController
metadata: {name: rc}
spec:
  selector: {app: rc}
  template:
    metadata: {labels: {app: rc}}
    spec: {containers: [{name: c}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: solo-in}
spec:
  podSelector: {matchLabels: {app: solo}}
  ingress:
    - from: [{podSelector: {matchLabels: {app: batch}}}]
      ports: [{port: web}]
`);
  const ids = w.workloads.map((x) => x.id).sort();
  assert.deepEqual(ids, [
    'default/CronJob/nightly',
    'default/DaemonSet/agent',
    'default/Job/once',
    'default/Pod/solo',
    'default/ReplicaSet/rs',
    'default/ReplicationController/rc',
    'default/StatefulSet/db',
  ]);
  assert.equal(can(w, 'default/CronJob/nightly', 'default/Pod/solo', TCP(8000)), true);
  assert.equal(can(w, 'default/Job/once', 'default/Pod/solo', TCP(8000)), true);
  assert.equal(can(w, 'default/DaemonSet/agent', 'default/Pod/solo', TCP(8000)), false);
  assert.equal(can(w, 'default/CronJob/nightly', 'default/Pod/solo', TCP(8001)), false);
  assert.equal(can(w, 'default/StatefulSet/db', 'default/ReplicationController/rc', TCP(1)), true);
});

test('hostNetwork pods are evaluated like any pod, with a note (documented choice)', () => {
  const w = worldFromYaml(`apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-agent, namespace: x}
spec:
  template:
    metadata: {labels: {pod: agent}}
    spec: {hostNetwork: true, containers: [{name: c}]}
---
${ABC}${policy('x', 'p', `podSelector: {matchLabels: {pod: a}}\ningress:\n  - from: [{podSelector: {matchLabels: {pod: agent}}}]`)}`);
  const e = evaluate(w, workload(w, 'x/DaemonSet/node-agent'), workload(w, XA), TCP(80));
  assert.equal(e.allowed, true);
  assert.ok(e.notes.some((n) => /hostNetwork/.test(n)));
  assert.equal(can(w, XB, XA, TCP(80)), false);
});

test('denial explanations name the isolating policy and the near miss', () => {
  const w = worldFromYaml(
    ABC + policy('x', 'api-ingress', `podSelector: {matchLabels: {pod: a}}\ningress:\n  - from: [{podSelector: {matchLabels: {pod: b}}}]\n    ports: [{port: 8080}]`),
  );
  const e = evaluate(w, workload(w, XB), workload(w, XA), TCP(9090));
  assert.equal(e.allowed, false);
  assert.equal(e.ingress.isolated, true);
  assert.deepEqual(e.ingress.policies.map((p) => p.id), ['x/api-ingress']);
  const miss = e.ingress.nearMisses.find((m) => m.kind === 'ports-differ');
  assert.ok(miss, 'ports-differ near miss');
  assert.equal(formatPortSet((miss as { ports: Parameters<typeof formatPortSet>[0] }).ports), '8080/TCP');
  assert.equal(e.egress.isolated, false);
  const ok = evaluate(w, workload(w, XB), workload(w, XA), TCP(8080));
  assert.equal(ok.allowed, true);
  assert.equal(ok.ingress.allowedBy[0]?.policy.id, 'x/api-ingress');
  assert.equal(ok.ingress.allowedBy[0]?.rule, 0);
  assert.ok(ok.ingress.allowedBy[0]?.policy.uri, 'source location for the editor');
});

test('malformed rule fields never widen: `from: 5` or `ports: http` match nothing', () => {
  const w = worldFromYaml(
    ABC +
      policy('x', 'p', `podSelector: {matchLabels: {pod: a}}\ningress:\n  - from: 5\n  - from: {podSelector: {}}\n  - ports: http\n    from: [{podSelector: {}}]`),
  );
  assert.equal(can(w, XB, XA, TCP(80)), false);
  assert.equal(can(w, '1.2.3.4', XA, TCP(80)), false);
  const p = w.policies[0]!;
  assert.equal(p.problems.length, 3, p.problems.map((x) => x.message).join('\n'));
  const e = evaluate(w, workload(w, XB), workload(w, XA), TCP(80));
  assert.equal(e.ingress.nearMisses.length, 3, 'every rule is a near miss with its reason');
});

test('a NetworkPolicy without spec denies all ingress in its namespace; a non-mapping spec selects nothing', () => {
  const none = worldFromYaml(ABC + `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bare, namespace: x}\n---\n`);
  assert.equal(can(none, XB, XA), false);
  assert.equal(can(none, XA, YA), true);
  const bad = worldFromYaml(ABC + `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bad, namespace: x}\nspec: nope\n---\n`);
  assert.equal(can(bad, XB, XA), true, 'the API server rejects it, so it isolates nothing');
  assert.ok(bad.policies[0]!.problems.length > 0);
});
