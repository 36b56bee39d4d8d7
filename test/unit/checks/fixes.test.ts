import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deployment, docs, makeIndex, yaml } from './helpers';
import { assertOnlyCrlf, crlf, fixClears, roundTrip } from './fixHelpers';
import { computeSourceActions } from '../../../server/src/checks/fixes';
import { assertYamlClean, hitsIn, settingsWith } from './helpers';
import { applyEdits } from './fixHelpers';

const web = deployment('web', { app: 'web', tier: 'frontend' }, [['http', 8080], ['metrics', 9090]]);

const service = (selector: string, extra = '') => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n${selector}  ports:\n  - name: http\n    port: 80\n    targetPort: http\n${extra}`;

test('fix service-selector-no-match: the closest label value, or the mistyped key', () => {
  const r = fixClears({ 'w.yaml': web, 's.yaml': service('    app: wbe\n    tier: frontend\n') }, 's.yaml', 'service-selector-no-match');
  assert.match(r.chosen.title, /'app: web'.*Deployment 'web'/);
  assert.match(r.after, /selector:\n {4}app: web\n {4}tier: frontend\n/);
  const key = fixClears({ 'w.yaml': web, 's.yaml': service('    ap: web\n') }, 's.yaml', 'service-selector-no-match');
  assert.match(key.after, /selector:\n {4}app: web\n/);
  const quoted = fixClears({ 'w.yaml': web, 's.yaml': service('    app: "wbe"\n') }, 's.yaml', 'service-selector-no-match');
  assert.match(quoted.after, /app: "web"/);
});

test('fix netpol-selects-nothing and netpol-peer-selects-nothing (pods and namespaces)', () => {
  const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: monitoring\n  labels:\n    team: observability\n';
  const policy = yaml`
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
      name: p
    spec:
      podSelector:
        matchLabels:
          app: webb
      ingress:
      - from:
        - namespaceSelector:
            matchLabels:
              team: observabilty
  `;
  fixClears({ 'w.yaml': web, 'ns.yaml': ns, 'p.yaml': policy }, 'p.yaml', 'netpol-selects-nothing');
  const peer = fixClears({ 'w.yaml': web, 'ns.yaml': ns, 'p.yaml': policy.replace('app: webb', 'app: web') }, 'p.yaml', 'netpol-peer-selects-nothing');
  assert.match(peer.chosen.title, /'team: observability'.*namespace 'monitoring'/);
});

test('fix service-target-port-missing: pick a declared port name', () => {
  const r = fixClears({ 'w.yaml': web, 's.yaml': service('    app: web\n').replace('targetPort: http', 'targetPort: htp') }, 's.yaml', 'service-target-port-missing');
  assert.equal(r.chosen.title, "Use targetPort 'http'");
  assert.deepEqual(
    r.fixes.filter((f) => f.title.startsWith('Use')).map((f) => f.title),
    ["Use targetPort 'http'", "Use targetPort 'metrics'"],
  );
});

const backendServices = docs(
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: api-service\nspec:\n  ports:\n  - name: http\n    port: 8080\n',
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: web-service\nspec:\n  ports:\n  - port: 80\n',
  'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\n',
);
const ingress = (name: string, port: string, cls = 'nginx') =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: app\nspec:\n  ingressClassName: ${cls}\n  tls:\n  - hosts: [a.example.com]\n  rules:\n  - host: a.example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: ${name}\n            port:\n              ${port}\n`;

test('fix ingress-backend-service-missing, ingress-backend-port-missing and ingress-class-missing', () => {
  const svc = fixClears({ 's.yaml': backendServices, 'i.yaml': ingress('api-servce', 'number: 8080') }, 'i.yaml', 'ingress-backend-service-missing');
  assert.match(svc.after, /name: api-service\n/);
  const num = fixClears({ 's.yaml': backendServices, 'i.yaml': ingress('api-service', 'number: 80') }, 'i.yaml', 'ingress-backend-port-missing');
  assert.match(num.after, /number: 8080\n/);
  const name = fixClears({ 's.yaml': backendServices, 'i.yaml': ingress('api-service', 'name: htp') }, 'i.yaml', 'ingress-backend-port-missing');
  assert.match(name.after, /name: http\n/);
  fixClears({ 's.yaml': backendServices, 'i.yaml': ingress('api-service', 'number: 8080', 'ngnix') }, 'i.yaml', 'ingress-class-missing');
});

test('fix env-service-unknown: only the Service name changes inside the URL', () => {
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  ports:\n  - port: 8080\n';
  const client = deployment('client', { app: 'client' }, [], undefined, '        env:\n        - name: API_URL\n          value: "http://apj:8080/v1?x=apj"');
  const r = fixClears({ 's.yaml': svc, 'c.yaml': client }, 'c.yaml', 'env-service-unknown');
  assert.match(r.after, /value: "http:\/\/api:8080\/v1\?x=apj"/);
});

test('fix service-port-name-required in block and flow mappings', () => {
  const block = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n    targetPort: 8080\n  - name: https\n    port: 443\n';
  const r = fixClears({ 's.yaml': block }, 's.yaml', 'service-port-name-required');
  assert.match(r.after, /ports:\n {2}- name: http\n {4}port: 80\n {4}targetPort: 8080\n/);
  const flow = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - {port: 53, protocol: UDP}\n  - {name: dns-tcp, port: 53}\n';
  const f = fixClears({ 's.yaml': flow }, 's.yaml', 'service-port-name-required');
  assert.match(f.after, /- \{name: dns-udp, port: 53, protocol: UDP\}/);
});

const policyNs = 'prod';
const apiPods = deployment('api', { app: 'api' }, [['http', 8080]], policyNs);
const egressPolicy = yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: api-egress
    namespace: prod
  spec:
    podSelector:
      matchLabels:
        app: api
    policyTypes:
    - Egress
    egress:
    - to:
      - podSelector:
          matchLabels:
            app: db
      ports:
      - port: 5432
`;

test('fix netpol-egress-blocks-dns: a DNS rule to all namespaces, in the file style', () => {
  const r = fixClears({ 'w.yaml': apiPods, 'p.yaml': egressPolicy }, 'p.yaml', 'netpol-egress-blocks-dns');
  assert.match(r.chosen.title, /all namespaces/);
  assert.match(r.after, /\n {2}- to:\n {4}- namespaceSelector: \{\}\n {4}ports:\n {4}- protocol: UDP\n {6}port: 53\n {4}- protocol: TCP\n {6}port: 53\n$/);
  // Indented sequences and a 4-space step are kept.
  const wide = egressPolicy.replace(/^( +)/gm, (m) => ' '.repeat(m.length * 2)).replace(/\n(\s*)- /g, (_m, s: string) => `\n${s}  - `);
  const w = fixClears({ 'w.yaml': apiPods, 'p.yaml': wide }, 'p.yaml', 'netpol-egress-blocks-dns');
  assert.match(w.after, /\n {6}- to:\n {12}- namespaceSelector: \{\}\n/);
});

test('fix netpol-egress-blocks-dns targets kube-dns when the workspace has it, and keeps CRLF', () => {
  const coredns = deployment('coredns', { 'k8s-app': 'kube-dns' }, [['dns', 53, 'UDP']], 'kube-system');
  const r = fixClears({ 'w.yaml': apiPods, 'dns.yaml': coredns, 'p.yaml': crlf(egressPolicy) }, 'p.yaml', 'netpol-egress-blocks-dns');
  assert.match(r.chosen.title, /kube-dns/);
  assert.match(r.after, /kubernetes\.io\/metadata\.name: kube-system\r\n\s+podSelector:\r\n\s+matchLabels:\r\n\s+k8s-app: kube-dns\r\n/);
  assertOnlyCrlf(r.after);
});

test('fix ingress-class-annotation-deprecated: move to ingressClassName', () => {
  const ing = (annotations: string, spec = '') =>
    `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: app\n  annotations:\n${annotations}spec:\n${spec}  tls:\n  - hosts: [a.example.com]\n  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80\n`;
  const only = fixClears({ 'i.yaml': ing('    kubernetes.io/ingress.class: "nginx"\n') }, 'i.yaml', 'ingress-class-annotation-deprecated');
  assert.match(only.after, /metadata:\n {2}name: app\nspec:\n {2}ingressClassName: nginx\n {2}tls:/);
  const several = fixClears({ 'i.yaml': ing('    kubernetes.io/ingress.class: nginx\n    cert-manager.io/cluster-issuer: le\n') }, 'i.yaml', 'ingress-class-annotation-deprecated');
  assert.match(several.after, /annotations:\n {4}cert-manager.io\/cluster-issuer: le\nspec:\n {2}ingressClassName: nginx\n/);
  const both = fixClears({ 'i.yaml': ing('    kubernetes.io/ingress.class: nginx\n', '  ingressClassName: nginx\n') }, 'i.yaml', 'ingress-class-annotation-deprecated');
  assert.match(both.chosen.title, /Remove the deprecated/);
  assert.equal((both.after.match(/ingressClassName/g) ?? []).length, 1);
});

test('fix netpol-policytypes-ignored-rules: add the type (block or flow) or delete the rules', () => {
  const policy = (types: string) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {}\n  policyTypes:${types}\n  egress:\n  - to:\n    - ipBlock:\n        cidr: 0.0.0.0/0\n  ingress:\n  - {}\n`;
  const block = fixClears({ 'p.yaml': policy('\n  - Ingress') }, 'p.yaml', 'netpol-policytypes-ignored-rules');
  assert.match(block.after, /policyTypes:\n {2}- Ingress\n {2}- Egress\n/);
  const flow = fixClears({ 'p.yaml': policy(' [Ingress]') }, 'p.yaml', 'netpol-policytypes-ignored-rules');
  assert.match(flow.after, /policyTypes: \[Ingress, Egress\]/);
  const del = fixClears({ 'p.yaml': policy(' [Ingress]') }, 'p.yaml', 'netpol-policytypes-ignored-rules', /Delete/);
  assert.doesNotMatch(del.after, /egress|ipBlock/);
  assert.match(del.after, /policyTypes: \[Ingress\]\n {2}ingress:\n/);
});

const seedPolicy = yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: advanced-policy
  spec:
    podSelector:
      matchLabels:
        app: api
    policyTypes:
    - Egress
    egress:
    - to: []
      ports:
      - protocol: TCP
        port: 443
        port: 80
`;

test('fix duplicate-key: split a list entry, remove the duplicate, or keep it', () => {
  const split = fixClears({ 'p.yaml': seedPolicy }, 'p.yaml', 'duplicate-key');
  assert.match(split.chosen.title, /Split/);
  assert.match(split.after, /ports:\n {4}- protocol: TCP\n {6}port: 443\n {4}- protocol: TCP\n {6}port: 80\n$/);
  const remove = fixClears({ 'p.yaml': seedPolicy }, 'p.yaml', 'duplicate-key', /Remove the duplicate/);
  assert.match(remove.after, /port: 443\n$/);
  const keep = fixClears({ 'p.yaml': seedPolicy }, 'p.yaml', 'duplicate-key', /Keep/);
  assert.match(keep.after, /- protocol: TCP\n {6}port: 80\n$/);
  // Outside a list of ports, removing is preferred; the key may also be the first of its entry.
  const first = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n';
  const r = fixClears({ 'c.yaml': first }, 'c.yaml', 'duplicate-key');
  assert.match(r.chosen.title, /Remove the duplicate 'name: b'/);
  const crlfSplit = fixClears({ 'p.yaml': crlf(seedPolicy) }, 'p.yaml', 'duplicate-key');
  assertOnlyCrlf(crlfSplit.after);
});

test('fix nodeport-out-of-range and nodeport-conflict: a free port in range, or none', () => {
  const svc = (name: string, nodePort: number) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  type: NodePort\n  ports:\n  - nodePort: ${nodePort}\n    port: 80\n`;
  const r = fixClears({ 'a.yaml': svc('a', 8080), 'b.yaml': svc('b', 30080) }, 'a.yaml', 'nodeport-out-of-range');
  assert.equal(r.chosen.title, 'Use nodePort 30081');
  const removed = fixClears({ 'a.yaml': svc('a', 8080) }, 'a.yaml', 'nodeport-out-of-range', /Remove/);
  assert.match(removed.after, /ports:\n {2}- port: 80\n$/);
  const conflict = fixClears({ 'a.yaml': svc('a', 30080), 'b.yaml': svc('b', 30080) }, 'a.yaml', 'nodeport-conflict');
  assert.equal(conflict.chosen.title, 'Use nodePort 30081');
});

test('default-deny: quick fix for namespace-no-default-deny and source action', () => {
  const on = settingsWith({ rules: { 'namespace-no-default-deny': 'hint' } });
  const r = fixClears({ 'w.yaml': apiPods }, 'w.yaml', 'namespace-no-default-deny', undefined, on);
  assert.match(r.after, /\n---\napiVersion: networking\.k8s\.io\/v1\nkind: NetworkPolicy\nmetadata:\n {2}name: default-deny\n {2}namespace: prod\nspec:\n {2}podSelector: \{\}\n/);
  // The new policy isolates egress and keeps DNS: no new DNS finding.
  assert.deepEqual(hitsIn(r.index, 'w.yaml').filter((h) => h.rule === 'netpol-egress-blocks-dns'), []);

  const index = makeIndex({ 'w.yaml': crlf(apiPods) });
  const actions = computeSourceActions(index, 'file:///ws/w.yaml', 10);
  assert.equal(actions.length, 1);
  assert.equal(actions[0]!.kind, 'source');
  const after = applyEdits(index.getFile('file:///ws/w.yaml')!.text, actions[0]!.edits);
  assertYamlClean(after);
  assertOnlyCrlf(after);
  index.update('file:///ws/w.yaml', after, 1);
  assert.deepEqual(computeSourceActions(index, 'file:///ws/w.yaml', 10), [], 'no second default-deny');
});

test('disable for this line: a comment with the line indentation, merged with an existing one', () => {
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: lb\nspec:\n  type: LoadBalancer\n  ports:\n  - port: 80\n  loadBalancerIP: 1.2.3.4\n';
  const r = fixClears({ 's.yaml': svc }, 's.yaml', 'loadbalancer-ip-deprecated', /for this line/);
  assert.match(r.after, /\n {2}# kube-netlens-disable-next-line loadbalancer-ip-deprecated\n {2}loadBalancerIP/);
  const existing = svc.replace('  loadBalancerIP', '  # kube-netlens-disable-next-line some-other-rule\n  loadBalancerIP');
  const merged = fixClears({ 's.yaml': existing }, 's.yaml', 'loadbalancer-ip-deprecated', /for this line/);
  assert.match(merged.after, /# kube-netlens-disable-next-line some-other-rule loadbalancer-ip-deprecated\n/);
  const file = fixClears({ 's.yaml': crlf(svc) }, 's.yaml', 'loadbalancer-ip-deprecated', /for this file/);
  assert.match(file.after, /^# kube-netlens-disable loadbalancer-ip-deprecated\r\n/);
  assertOnlyCrlf(file.after);
  // On a list entry, the comment goes at the dash's column.
  const twoPorts = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n  - name: b\n    port: 81\n';
  const entry = fixClears({ 's.yaml': twoPorts }, 's.yaml', 'service-port-name-required', /for this line/);
  assert.match(entry.after, /ports:\n {2}# kube-netlens-disable-next-line service-port-name-required\n {2}- port: 80\n/);
});

test('a stale finding gives no fix rather than a wrong edit', () => {
  const r = roundTrip({ 'w.yaml': web, 's.yaml': service('    app: wbe\n') }, 's.yaml', 'service-selector-no-match');
  assert.ok(r.fixes.length > 0);
  // The same request against a file whose selector is gone.
  r.index.update('file:///ws/s.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n', 2);
  const { computeFixes } = require('../../../server/src/checks/fixes') as typeof import('../../../server/src/checks/fixes');
  const stale = computeFixes(r.index, { rule: 'service-selector-no-match', uri: 'file:///ws/s.yaml', range: { start: 60, end: 68 }, data: { labelsPath: ['spec', 'selector'], source: { pods: ['default'] } } });
  assert.deepEqual(stale.filter((f) => !/Disable/.test(f.title)), []);
});
