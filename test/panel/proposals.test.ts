// "Allow this connection" and "Deny" edit proposals: each proposal's text edits are applied to the
// YAML, the files are indexed again from scratch and the evaluator asked again (through its own
// API, not the proposal's code): the connection must now be allowed / denied, the rest unchanged
// where the proposal says so, and the YAML still valid.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { contains, evaluate, formatPortSet, isEmpty, resolveEndpoint, worldFromIndex, externalEndpoint, type Endpoint } from '../../server/src/policy';
import { proposeEdit, type Snapshot } from '../../server/src/reachability/proposals';
import type { EditProposal, ProposeEditParams } from '../../server/src/reachability/protocol';
import { applyEdits } from '../../server/src/reachability/yamlEdits';
import { fixtureFiles } from './harness';

const BASE = 'file:///ws/';

function indexOf(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [name, text] of Object.entries(files)) index.update(`${BASE}${name}`, text);
  return index;
}

function snapshotOf(files: Record<string, string>): Snapshot {
  return { files: [...indexOf(files).allFiles()].map((f) => ({ uri: f.uri, text: f.text, resources: f.resources, templates: f.templates })) };
}

function propose(files: Record<string, string>, params: ProposeEditParams): Extract<EditProposal, { ok: true }> {
  const p = proposeEdit(snapshotOf(files), params);
  assert.ok(p.ok, `expected a proposal, got: ${p.ok ? '' : p.reason}`);
  return p;
}

/** The files after the proposal's edits. */
function applied(files: Record<string, string>, p: Extract<EditProposal, { ok: true }>): Record<string, string> {
  const out = { ...files };
  for (const name of Object.keys(files)) {
    const edits = p.edits.filter((e) => e.uri === `${BASE}${name}`);
    if (edits.length > 0) out[name] = applyEdits(files[name]!, edits);
  }
  return out;
}

function assertValidYaml(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    for (const doc of parseAllDocuments(text)) assert.deepEqual(doc.errors.map((e) => e.message), [], `${name} is not valid YAML:\n${text}`);
  }
}

function endpoint(index: WorkspaceIndex, ref: string): Endpoint {
  if (ref === 'internet') return externalEndpoint('0.0.0.0/0')!;
  const r = resolveEndpoint(worldFromIndex(index), ref);
  assert.ok(r.ok, `${ref}: ${r.ok ? '' : r.error}`);
  return r.endpoint;
}

/** Allowed ports of from → to, evaluated on freshly indexed files. */
function portsOf(files: Record<string, string>, from: string, to: string): string {
  const index = indexOf(files);
  const world = worldFromIndex(index);
  return formatPortSet(evaluate(world, endpoint(index, from), endpoint(index, to)).ports);
}

function allows(files: Record<string, string>, from: string, to: string, port: number, protocol: 'TCP' | 'UDP' = 'TCP'): boolean {
  const index = indexOf(files);
  return contains(evaluate(worldFromIndex(index), endpoint(index, from), endpoint(index, to)).ports, protocol, port);
}

const FRONTEND = 'shop/Deployment/frontend';
const API = 'shop/Deployment/api';
const DB = 'shop/StatefulSet/db';
const GATEWAY = 'payments/Deployment/gateway';

describe('Allow this connection', () => {
  const files = fixtureFiles();

  it('adds an ingress rule to the policy that isolates only the destination', () => {
    assert.equal(portsOf(files, FRONTEND, DB), 'none');
    const p = propose(files, { action: 'allow', from: FRONTEND, to: DB });
    assert.deepEqual(
      p.edits.map((e) => e.uri),
      [`${BASE}policies.yaml`],
    );
    assert.match(p.changes.join(' '), /ingress rule 3 to shop\/db-from-api/);
    const after = applied(files, p);
    assertValidYaml(after);
    // The database's declared port, and nothing else.
    assert.equal(portsOf(after, FRONTEND, DB), '5432/TCP');
    assert.equal(portsOf(after, API, DB), '5432/TCP');
    assert.deepEqual(p.sideEffects, []);
    assert.match(after['policies.yaml']!, /app: frontend\n\s+ports:\n\s+- port: 5432\n\s+protocol: TCP/);
  });

  it('opens both directions when the source is isolated for egress too', () => {
    assert.equal(portsOf(files, GATEWAY, API), 'none');
    const p = propose(files, { action: 'allow', from: GATEWAY, to: API });
    assert.equal(p.edits.length, 2);
    const after = applied(files, p);
    assertValidYaml(after);
    assert.ok(allows(after, GATEWAY, API, 8080));
    // Egress of the gateway was narrow before and stays narrow: only the API's port was added.
    assert.equal(portsOf(after, GATEWAY, FRONTEND), 'none');
    const text = after['policies.yaml']!;
    assert.match(text, /namespaceSelector:\n\s+matchLabels:\n\s+kubernetes\.io\/metadata\.name: payments/, 'the ingress peer names the gateway namespace');
    assert.match(text, /namespaceSelector:\n\s+matchLabels:\n\s+kubernetes\.io\/metadata\.name: shop/, 'the egress peer names the shop namespace');
  });

  it('allows only the asked port when a port is given', () => {
    const p = propose(files, { action: 'allow', from: API, to: FRONTEND, port: { port: 9999, protocol: 'UDP' } });
    const after = applied(files, p);
    assert.equal(portsOf(after, API, FRONTEND), '9999/UDP');
  });

  it('uses an ipBlock for an external source', () => {
    const p = propose(files, { action: 'allow', from: 'internet', to: API });
    const after = applied(files, p);
    assertValidYaml(after);
    assert.ok(allows(after, 'internet', API, 8080));
    assert.match(after['policies.yaml']!, /ipBlock:\n\s+cidr: 0\.0\.0\.0\/0/);
  });

  it('writes a policy of its own when the only isolating policy selects other workloads', () => {
    const ws = {
      'app.yaml': workloads('team', [
        ['web', { app: 'web' }, 80],
        ['cache', { app: 'cache' }, 6379],
        ['batch', { app: 'batch' }, 0],
      ]),
      'deny.yaml': `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: team\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n`,
    };
    const p = propose(ws, { action: 'allow', from: 'team/Deployment/web', to: 'team/Deployment/cache' });
    assert.match(p.changes.join(' '), /Adds NetworkPolicy team\/allow-web-to-cache/);
    const after = applied(ws, p);
    assertValidYaml(after);
    assert.equal(portsOf(after, 'team/Deployment/web', 'team/Deployment/cache'), '6379/TCP');
    // default-deny is untouched and still keeps everything else out.
    assert.ok(after['deny.yaml']!.startsWith(ws['deny.yaml']));
    assert.equal(portsOf(after, 'team/Deployment/batch', 'team/Deployment/cache'), 'none');
    assert.equal(portsOf(after, 'team/Deployment/web', 'team/Deployment/batch'), 'none');
    assert.deepEqual(p.sideEffects, []);
  });

  it('adds to a JSON policy file in JSON', () => {
    const policy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'cache', namespace: 'team' },
      spec: { podSelector: { matchLabels: { app: 'cache' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'batch' } } }] }] },
    };
    const ws = { 'app.yaml': workloads('team', [['web', { app: 'web' }, 80], ['cache', { app: 'cache' }, 6379], ['batch', { app: 'batch' }, 0]]), 'cache.json': JSON.stringify(policy, null, 2) };
    const p = propose(ws, { action: 'allow', from: 'team/Deployment/web', to: 'team/Deployment/cache' });
    const after = applied(ws, p);
    const parsed = JSON.parse(after['cache.json']!) as typeof policy;
    assert.equal(parsed.spec.ingress.length, 2);
    assert.equal(portsOf(after, 'team/Deployment/web', 'team/Deployment/cache'), '6379/TCP');
  });

  it('keeps CRLF line breaks', () => {
    const crlf = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.replace(/\n/g, '\r\n')]));
    const p = propose(crlf, { action: 'allow', from: FRONTEND, to: DB });
    const after = applied(crlf, p);
    assert.ok(!/[^\r]\n/.test(after['policies.yaml']!), 'every line break is CRLF');
    assert.equal(portsOf(after, FRONTEND, DB), '5432/TCP');
  });

  it('refuses what is already allowed, unknown endpoints and address pairs', () => {
    const snapshot = snapshotOf(files);
    const already = proposeEdit(snapshot, { action: 'allow', from: API, to: DB });
    assert.ok(!already.ok && /already allowed/.test(already.reason));
    const unknown = proposeEdit(snapshot, { action: 'allow', from: 'shop/Deployment/nope', to: DB });
    assert.ok(!unknown.ok && /Unknown source/.test(unknown.reason));
    const external = proposeEdit(snapshot, { action: 'allow', from: 'internet', to: '10.0.0.0/8' });
    assert.ok(!external.ok && /two external addresses/.test(external.reason));
  });
});

describe('Deny', () => {
  const files = fixtureFiles();

  it('removes the rule whose only peer is the source', () => {
    const p = propose(files, { action: 'deny', from: API, to: DB });
    assert.match(p.changes.join(' '), /Removes ingress rule 1 of shop\/db-from-api/);
    const after = applied(files, p);
    assertValidYaml(after);
    assert.equal(portsOf(after, API, DB), 'none');
    // The gateway's access through rule 2 stays.
    assert.equal(portsOf(after, GATEWAY, DB), '5432/TCP');
    assert.deepEqual(p.sideEffects, []);
  });

  it('denies a cross-namespace connection allowed in both directions', () => {
    const p = propose(files, { action: 'deny', from: GATEWAY, to: DB });
    const after = applied(files, p);
    assertValidYaml(after);
    assert.equal(portsOf(after, GATEWAY, DB), 'none');
    assert.equal(portsOf(after, API, DB), '5432/TCP');
  });

  it('narrows a peer that also selects other workloads with NotIn', () => {
    const ws = {
      'app.yaml': workloads('team', [
        ['a', { app: 'a', tier: 'web' }, 80],
        ['b', { app: 'b', tier: 'web' }, 80],
        ['c', { app: 'c' }, 5432],
      ]),
      'pol.yaml': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: c-from-web
  namespace: team
spec:
  podSelector:
    matchLabels:
      app: c
  ingress:
    - from:
        - podSelector:
            matchLabels:
              tier: web
`,
    };
    const p = propose(ws, { action: 'deny', from: 'team/Deployment/a', to: 'team/Deployment/c' });
    assert.match(p.changes.join(' '), /without app=a/);
    const after = applied(ws, p);
    assertValidYaml(after);
    assert.equal(portsOf(after, 'team/Deployment/a', 'team/Deployment/c'), 'none');
    assert.equal(portsOf(after, 'team/Deployment/b', 'team/Deployment/c'), 'all');
    assert.match(after['pol.yaml']!, /matchExpressions:\n\s+- key: app\n\s+operator: NotIn\n\s+values:\n\s+- a/);
  });

  it('keeps egress isolated when it removes the last egress rule of a policy without policyTypes', () => {
    const ws = {
      'app.yaml': workloads('team', [['client', { app: 'client' }, 80], ['server', { app: 'server' }, 80], ['other', { app: 'other' }, 80]]),
      'pol.yaml': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: client-out
  namespace: team
spec:
  podSelector:
    matchLabels:
      app: client
  egress:
    - to:
        - podSelector:
            matchLabels:
              app: server
`,
    };
    assert.equal(portsOf(ws, 'team/Deployment/client', 'team/Deployment/other'), 'none');
    const p = propose(ws, { action: 'deny', from: 'team/Deployment/client', to: 'team/Deployment/server' });
    const after = applied(ws, p);
    assertValidYaml(after);
    assert.match(after['pol.yaml']!, /policyTypes:\n\s+- Ingress\n\s+- Egress/);
    assert.equal(portsOf(after, 'team/Deployment/client', 'team/Deployment/server'), 'none');
    assert.equal(portsOf(after, 'team/Deployment/client', 'team/Deployment/other'), 'none', 'the client is still isolated for egress');
  });

  it('excepts an address from an ipBlock that covers more', () => {
    const ws = {
      'app.yaml': workloads('team', [['web', { app: 'web' }, 80]]),
      'pol.yaml': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-in
  namespace: team
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
    - from:
        - ipBlock: {cidr: 10.0.0.0/8}
`,
    };
    const p = proposeEdit(snapshotOf(ws), { action: 'deny', from: '10.1.0.0/16', to: 'team/Deployment/web' });
    assert.ok(p.ok, p.ok ? '' : p.reason);
    const after = applied(ws, p);
    assertValidYaml(after);
    const index = indexOf(after);
    const world = worldFromIndex(index);
    const web = endpoint(index, 'team/Deployment/web');
    assert.ok(isEmpty(evaluate(world, externalEndpoint('10.1.2.3')!, web).ports));
    assert.ok(!isEmpty(evaluate(world, externalEndpoint('10.2.0.1')!, web).ports));
  });

  it('explains why nothing can be denied when neither end is isolated', () => {
    const p = proposeEdit(snapshotOf(files), { action: 'deny', from: FRONTEND, to: GATEWAY });
    assert.ok(!p.ok);
    assert.match(p.reason, /NetworkPolicies only add allowances/);
    assert.match(p.reason, /no NetworkPolicy selects payments\/Deployment\/gateway for ingress/);
  });

  it('refuses a rule that allows every source', () => {
    const ws = {
      'app.yaml': workloads('team', [['web', { app: 'web' }, 80], ['api', { app: 'api' }, 80]]),
      'pol.yaml': `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: open\n  namespace: team\nspec:\n  podSelector: {}\n  ingress:\n    - {}\n`,
    };
    const p = proposeEdit(snapshotOf(ws), { action: 'deny', from: 'team/Deployment/web', to: 'team/Deployment/api' });
    assert.ok(!p.ok);
    assert.match(p.reason, /allows every source/);
  });
});

/** Deployments in one namespace: [name, labels, containerPort (0: none)]. */
function workloads(namespace: string, list: [string, Record<string, string>, number][]): string {
  return list
    .map(([name, labels, port]) => {
      const labelLines = Object.entries(labels)
        .map(([k, v]) => `        ${k}: ${v}`)
        .join('\n');
      const ports = port ? `\n          ports:\n            - containerPort: ${port}` : '';
      return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  template:
    metadata:
      labels:
${labelLines}
    spec:
      containers:
        - name: main
          image: example/${name}:1${ports}
`;
    })
    .join('---\n');
}
