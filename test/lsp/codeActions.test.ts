// Quick fixes over real JSON-RPC: for each rule, open the manifest, take the diagnostic the server
// published, ask for code actions with it, apply the chosen edit as a conforming client does, send
// the result back, and check the diagnostic is gone without a YAML error or any new problem.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import type { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { codes, LspClient, TempWorkspace } from './harness';
import { CODE_ACTION_CAPABILITIES, Editor, waitForVersion } from './codeActionsClient';

function deployment(name: string, namespace: string, labels: Record<string, string>, ports: [string, number][] = []): string {
  const labelLines = (indent: string) => Object.entries(labels).map(([k, v]) => `${indent}${k}: ${v}\n`).join('');
  const portLines = ports.length ? `        ports:\n${ports.map(([n, p]) => `        - name: ${n}\n          containerPort: ${p}\n`).join('')}` : '';
  return (
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  selector:\n    matchLabels:\n${labelLines('      ')}` +
    `  template:\n    metadata:\n      labels:\n${labelLines('        ')}    spec:\n      containers:\n      - name: ${name}\n        image: nginx:1.27\n${portLines}`
  );
}

const INGRESS_CLASS = 'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\nspec:\n  controller: k8s.io/ingress-nginx\n';

const backendServices = (ns: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: api-service\n  namespace: ${ns}\nspec:\n  ports:\n  - name: http\n    port: 8080\n---\n` +
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: web-service\n  namespace: ${ns}\nspec:\n  ports:\n  - port: 80\n`;

const ingress = (ns: string, service: string, port: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: app\n  namespace: ${ns}\nspec:\n  ingressClassName: nginx\n  tls:\n  - hosts: [a.example.com]\n  rules:\n  - host: a.example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: ${service}\n            port:\n              ${port}\n`;

const FILES: Record<string, string> = {
  'classes.yaml': INGRESS_CLASS,
  // service-selector-no-match: `app: wbe` is one letter off the Deployment's `app: web`.
  'sel/app.yaml': deployment('web', 'sel', { app: 'web', tier: 'frontend' }, [['http', 8080]]),
  'sel/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: sel\nspec:\n  selector:\n    app: wbe\n    tier: frontend\n  ports:\n  - name: http\n    port: 80\n    targetPort: http\n',
  // service-target-port-missing: the pods name their port `http`, not `htp`.
  'tp/app.yaml': deployment('api', 'tp', { app: 'api' }, [['http', 8080], ['metrics', 9090]]),
  'tp/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  namespace: tp\nspec:\n  selector:\n    app: api\n  ports:\n  - name: http\n    port: 80\n    targetPort: htp\n',
  // ingress-backend-service-missing and ingress-backend-port-missing.
  'ing/services.yaml': backendServices('ing'),
  'ing/by-name.yaml': ingress('ing', 'api-servce', 'number: 8080'),
  'ing2/services.yaml': backendServices('ing2'),
  'ing2/by-port.yaml': ingress('ing2', 'api-service', 'number: 80'),
  // service-port-name-required.
  'pn/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: multi\n  namespace: pn\nspec:\n  ports:\n  - port: 80\n    targetPort: 8080\n  - name: https\n    port: 443\n',
  // netpol-egress-blocks-dns: api may reach db, and nothing else, not even DNS.
  'dns/app.yaml': `${deployment('api', 'dns', { app: 'api' })}---\n${deployment('db', 'dns', { app: 'db' }, [['pg', 5432]])}`,
  'dns/policy.yaml':
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: api-egress\n  namespace: dns\nspec:\n  podSelector:\n    matchLabels:\n      app: api\n  policyTypes:\n  - Egress\n  egress:\n  - to:\n    - podSelector:\n        matchLabels:\n          app: db\n    ports:\n    - port: 5432\n',
  // ingress-class-annotation-deprecated.
  'cls/ingress.yaml':
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: legacy\n  namespace: cls\n  annotations:\n    kubernetes.io/ingress.class: nginx\nspec:\n  tls:\n  - hosts: [b.example.com]\n  rules:\n  - host: b.example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: web\n            port:\n              number: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: cls\nspec:\n  ports:\n  - port: 80\n',
  // netpol-policytypes-ignored-rules: egress rules while policyTypes names Ingress only.
  'pt/policy.yaml':
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: pt\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n  ingress:\n  - {}\n  egress:\n  - to:\n    - ipBlock:\n        cidr: 10.0.0.0/8\n',
  // duplicate-key: the seed guide's `advanced-policy` with `port: 443` then `port: 80`.
  'dup/app.yaml': deployment('api', 'dup', { app: 'api' }),
  'dup/policy.yaml':
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: advanced-policy\n  namespace: dup\nspec:\n  podSelector:\n    matchLabels:\n      app: api\n  policyTypes:\n  - Egress\n  egress:\n  - to:\n    - ipBlock:\n        cidr: 0.0.0.0/0\n    ports:\n    - protocol: TCP\n      port: 443\n      port: 80\n',
  // nodeport-out-of-range.
  'np/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: node\n  namespace: np\nspec:\n  type: NodePort\n  ports:\n  - name: http\n    port: 80\n    nodePort: 8080\n',
  // loadbalancer-ip-deprecated, to be disabled for its line.
  'lb/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: lb\n  namespace: lb\nspec:\n  type: LoadBalancer\n  ports:\n  - name: http\n    port: 80\n  loadBalancerIP: 203.0.113.10\n',
  // namespace-no-default-deny (enabled below): a namespace with a workload and no policy.
  'dd/app.yaml': deployment('api', 'dd', { app: 'api' }, [['http', 8080]]),
  // The same typo, fixed by hand while the client still shows the diagnostic.
  'sel/stale.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web2\n  namespace: sel\nspec:\n  selector:\n    app: wbe\n  ports:\n  - name: http\n    port: 80\n    targetPort: http\n',
  // Two fixable problems in one file, for "fix all".
  'all/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: both\n  namespace: all\nspec:\n  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 8081\n  - name: https\n    port: 443\n',
};

describe('code actions over JSON-RPC', () => {
  let ws: TempWorkspace;
  let client: LspClient;
  let editor: Editor;

  before(async () => {
    ws = await TempWorkspace.create(FILES);
    client = await LspClient.start({ folders: [ws.root], capabilities: CODE_ACTION_CAPABILITIES, settings: { rules: { 'namespace-no-default-deny': 'hint' } } });
    editor = new Editor(client);
    await client.waitForIndexed();
  });

  after(async () => {
    await client?.stop();
    await ws?.dispose();
  });

  /** Opens a file of the workspace and waits for a diagnostic of the rule in it. */
  async function openWith(rel: string, rule: string): Promise<{ uri: string; diagnostics: Diagnostic[]; diagnostic: Diagnostic }> {
    const uri = ws.uri(rel);
    await editor.open(uri, await fs.readFile(ws.path(rel), 'utf8'));
    const diagnostics = await client.waitForDiagnostics(uri, `a ${rule} finding`, (d) => codes(d).includes(rule));
    return { uri, diagnostics, diagnostic: diagnostics.find((d) => d.code === rule)! };
  }

  /** Applies an action as a conforming client, sends the new text, and returns the diagnostics of that version. */
  async function applyAndRecheck(uri: string, action: CodeAction): Promise<Diagnostic[]> {
    const docs = action.edit?.documentChanges as TextDocumentEdit[] | undefined;
    assert.ok(docs && docs.length > 0, `'${action.title}' has document changes`);
    assert.deepEqual(
      docs.map((d) => [d.textDocument.uri, d.textDocument.version]),
      [[uri, editor.version(uri)]],
      'the edit names the open buffer and its current version',
    );
    const result = await editor.apply(action.edit!);
    assert.ok(result.applied, result.applied ? '' : result.reason);
    const versions = await editor.commit(result);
    return waitForVersion(client, uri, versions.get(uri)!, `re-checked after '${action.title}'`);
  }

  /** The whole round trip for one rule; returns the text after the fix. */
  async function fixes(rel: string, rule: string, pick?: RegExp): Promise<{ action: CodeAction; actions: CodeAction[]; text: string; after: Diagnostic[] }> {
    const { uri, diagnostics, diagnostic } = await openWith(rel, rule);
    const actions = await editor.codeActions(uri, diagnostic.range, [diagnostic]);
    const action = pick ? actions.find((a) => pick.test(a.title)) : actions.find((a) => a.isPreferred);
    assert.ok(action, `no action ${pick ?? '(preferred)'} among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(action.kind, 'quickfix');
    assert.deepEqual(action.diagnostics, [diagnostic], 'the action names the diagnostic it fixes');
    const after = await applyAndRecheck(uri, action);
    assert.ok(!codes(after).includes(rule), `${rule} is still reported after '${action.title}':\n${editor.text(uri)}`);
    assert.ok(!codes(after).includes('yaml-syntax'), `'${action.title}' broke the YAML:\n${editor.text(uri)}`);
    const added = codes(after).filter((c) => !codes(diagnostics).includes(c));
    assert.deepEqual(added, [], `'${action.title}' introduced new problems:\n${editor.text(uri)}`);
    return { action, actions, text: editor.text(uri), after };
  }

  it('announces the code action kinds', () => {
    assert.deepEqual(client.initializeResult.capabilities.codeActionProvider, {
      codeActionKinds: ['quickfix', 'source', 'source.fixAll.kube-netlens'],
      resolveProvider: false,
    });
  });

  it('service-selector-no-match: the closest existing label', async () => {
    const r = await fixes('sel/svc.yaml', 'service-selector-no-match');
    assert.match(r.action.title, /'app: web'.*Deployment 'web'/);
    assert.match(r.text, /selector:\n {4}app: web\n {4}tier: frontend\n/);
  });

  it('service-target-port-missing: a port name the selected pods declare', async () => {
    const r = await fixes('tp/svc.yaml', 'service-target-port-missing');
    assert.equal(r.action.title, "Use targetPort 'http'");
    assert.match(r.text, /targetPort: http\n/);
  });

  it('ingress-backend-service-missing: the closest Service name', async () => {
    const r = await fixes('ing/by-name.yaml', 'ingress-backend-service-missing');
    assert.match(r.text, /name: api-service\n/);
  });

  it('ingress-backend-port-missing: a port of that Service', async () => {
    const r = await fixes('ing2/by-port.yaml', 'ingress-backend-port-missing');
    assert.match(r.text, /number: 8080\n/);
  });

  it('service-port-name-required: names the unnamed port', async () => {
    const r = await fixes('pn/svc.yaml', 'service-port-name-required');
    assert.match(r.text, /ports:\n {2}- name: http\n {4}port: 80\n/);
  });

  it('netpol-egress-blocks-dns: adds a DNS egress rule', async () => {
    const r = await fixes('dns/policy.yaml', 'netpol-egress-blocks-dns');
    assert.match(r.action.title, /Allow DNS/);
    assert.match(r.text, /- protocol: UDP\n {6}port: 53\n/);
  });

  it('ingress-class-annotation-deprecated: moves the class to ingressClassName', async () => {
    const r = await fixes('cls/ingress.yaml', 'ingress-class-annotation-deprecated');
    assert.doesNotMatch(r.text, /kubernetes\.io\/ingress\.class/);
    assert.match(r.text, /spec:\n {2}ingressClassName: nginx\n/);
  });

  it('netpol-policytypes-ignored-rules: adds the missing policy type', async () => {
    const r = await fixes('pt/policy.yaml', 'netpol-policytypes-ignored-rules');
    assert.match(r.text, /policyTypes: \[Ingress, Egress\]/);
  });

  it('duplicate-key: splits the entry that lost its dash', async () => {
    const r = await fixes('dup/policy.yaml', 'duplicate-key');
    assert.match(r.action.title, /Split/);
    assert.match(r.text, /ports:\n {4}- protocol: TCP\n {6}port: 443\n {4}- protocol: TCP\n {6}port: 80\n/);
  });

  it('nodeport-out-of-range: a free port in range', async () => {
    const r = await fixes('np/svc.yaml', 'nodeport-out-of-range');
    const port = Number(/nodePort: (\d+)/.exec(r.text)?.[1]);
    assert.ok(port >= 30000 && port <= 32767, `nodePort ${port} is in range`);
  });

  it('disable for this line: a disable-next-line comment above the finding', async () => {
    const r = await fixes('lb/svc.yaml', 'loadbalancer-ip-deprecated', /Disable loadbalancer-ip-deprecated for this line/);
    assert.match(r.text, /\n {2}# kube-netlens-disable-next-line loadbalancer-ip-deprecated\n {2}loadBalancerIP: 203\.0\.113\.10\n/);
    assert.ok(r.actions.some((a) => /for this file/.test(a.title)), 'the whole-file variant is offered too');
  });

  it('source action: a default-deny NetworkPolicy for the namespace', async () => {
    const { uri, diagnostic } = await openWith('dd/app.yaml', 'namespace-no-default-deny');
    // A source action needs no diagnostic: it is offered anywhere in a manifest with a namespaced resource.
    const actions = await editor.codeActions(uri, { start: { line: 2, character: 3 }, end: { line: 2, character: 3 } }, [], ['source']);
    const action = actions.find((a) => /default-deny NetworkPolicy for namespace 'dd'/.test(a.title));
    assert.ok(action, `no default-deny action among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(action.kind, 'source');
    assert.equal(action.diagnostics, undefined);
    const after = await applyAndRecheck(uri, action);
    assert.ok(!codes(after).includes('namespace-no-default-deny'), editor.text(uri));
    assert.ok(!codes(after).includes('yaml-syntax'));
    assert.ok(!codes(after).includes('netpol-egress-blocks-dns'), 'DNS stays allowed');
    assert.match(editor.text(uri), /\n---\napiVersion: networking\.k8s\.io\/v1\nkind: NetworkPolicy\nmetadata:\n {2}name: default-deny\n {2}namespace: dd\n/);
    // Once there, it is not offered again; the hint it answered was on the namespace.
    assert.equal(diagnostic.data && (diagnostic.data as { namespace?: string }).namespace, 'dd');
    const again = await editor.codeActions(uri, { start: { line: 2, character: 3 }, end: { line: 2, character: 3 } }, [], ['source']);
    assert.deepEqual(
      again.filter((a) => /default-deny/.test(a.title)).map((a) => a.title),
      [],
    );
  });

  it('fix all: the preferred fixes of every problem in the file, in one edit', async () => {
    const { uri, diagnostics } = await openWith('all/svc.yaml', 'nodeport-out-of-range');
    assert.ok(codes(diagnostics).includes('service-port-name-required'));
    // Not computed for the light bulb (no `only`), offered when asked for by kind.
    const unasked = await editor.codeActions(uri, diagnostics[0]!.range, []);
    assert.ok(!unasked.some((a) => a.kind === 'source.fixAll.kube-netlens'));
    const actions = await editor.codeActions(uri, diagnostics[0]!.range, [], ['source.fixAll']);
    assert.deepEqual(
      actions.map((a) => a.kind),
      ['source.fixAll.kube-netlens'],
    );
    const after = await applyAndRecheck(uri, actions[0]!);
    assert.deepEqual(
      codes(after).filter((c) => c === 'nodeport-out-of-range' || c === 'service-port-name-required' || c === 'yaml-syntax'),
      [],
      editor.text(uri),
    );
  });

  it('offers no fix for a diagnostic that no longer stands for a finding', async () => {
    const { uri, diagnostic } = await openWith('sel/stale.yaml', 'service-selector-no-match');
    const fresh = await editor.codeActions(uri, diagnostic.range, [diagnostic], ['quickfix']);
    assert.ok(fresh.length > 0, 'the finding has fixes while it stands');
    // The user fixes the typo by hand; the client still holds the old diagnostic for a moment.
    await editor.change(uri, editor.text(uri).replace('app: wbe', 'app: web'));
    const stale = await editor.codeActions(uri, diagnostic.range, [diagnostic], ['quickfix']);
    assert.deepEqual(
      stale.map((a) => a.title),
      [],
    );
  });

  it('logged no failure while answering', () => {
    assert.deepEqual(
      client.logs.filter((l) => /failed|Unexpected/.test(l.message)).map((l) => l.message),
      [],
    );
  });
});
