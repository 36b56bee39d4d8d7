// Completion in half-written manifests, against the shop fixture's pods, namespaces, Services and ports.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { completionAt } from '../../../server/src/features/completion';
import type { CompletionEntry } from '../../../server/src/features/types';
import { shopWorkspace } from './workspace';

const ws = shopWorkspace();

/** Completes at `|` in a new file of the workspace. */
function complete(text: string): { items: CompletionEntry[]; labels: string[]; offset: number } {
  const offset = text.indexOf('|');
  ws.set('new/draft.yaml', text.replace('|', ''));
  const items = completionAt(ws.index, ws.uri('new/draft.yaml'), offset);
  return { items, labels: items.map((i) => i.label), offset };
}

const service = (spec: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: draft\n  namespace: shop\nspec:\n${spec}`;
const policy = (spec: string, ns = 'shop') => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: draft\n  namespace: ${ns}\nspec:\n${spec}`;
const ingress = (spec: string) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: draft\n  namespace: shop\nspec:\n${spec}`;

describe('completion in selectors', () => {
  it('offers label keys of the namespace pods, most frequent first, as `key: `', () => {
    const { items, labels, offset } = complete(service('  selector:\n    |\n'));
    assert.deepEqual(labels, ['app', 'tier', 'track']);
    assert.equal(items[0]!.insertText, 'app: ');
    assert.equal(items[0]!.detail, 'on 4 pod templates');
    assert.deepEqual(items[0]!.replace, { start: offset, end: offset });
    assert.ok(items[0]!.sortText < items[1]!.sortText);
  });

  it('replaces the typed prefix and filters by it', () => {
    const { items, offset } = complete(service('  selector:\n    ti|\n'));
    assert.deepEqual(items.map((i) => i.label), ['tier']);
    assert.deepEqual(items[0]!.replace, { start: offset - 2, end: offset });
  });

  it('offers the values of that key, most frequent first', () => {
    assert.deepEqual(complete(service('  selector:\n    app: |\n')).labels, ['web', 'db', 'redis']);
    assert.deepEqual(complete(service('  selector:\n    app: we|b\n')).items[0]!.replace.end - complete(service('  selector:\n    app: we|b\n')).offset, 1);
  });

  it('does not offer a key already written in the same map', () => {
    assert.deepEqual(complete(policy('  podSelector:\n    matchLabels:\n      app: web\n      |\n')).labels, ['tier', 'track']);
  });

  it('completes matchExpressions keys, operators and values', () => {
    assert.deepEqual(complete(policy('  podSelector:\n    matchExpressions:\n      - key: |\n')).labels, ['app', 'tier', 'track']);
    assert.deepEqual(complete(policy('  podSelector:\n    matchExpressions:\n      - key: tier\n        operator: |\n')).labels, ['In', 'NotIn', 'Exists', 'DoesNotExist']);
    assert.deepEqual(complete(policy('  podSelector:\n    matchExpressions:\n      - key: app\n        operator: In\n        values:\n          - web\n          - |\n')).labels, ['web', 'db', 'redis']);
  });

  it('uses namespace labels inside a namespaceSelector, kubernetes.io/metadata.name included', () => {
    const { labels } = complete(policy('  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              |\n'));
    assert.deepEqual(labels, ['kubernetes.io/metadata.name', 'env', 'team', 'purpose']);
    assert.deepEqual(
      complete(policy('  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: |\n')).labels.sort(),
      ['monitoring', 'payments', 'shop'],
    );
  });

  it('takes a peer podSelector pool from the namespaces its sibling namespaceSelector picks', () => {
    const text = policy('  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              team: payments\n          podSelector:\n            matchLabels:\n              app: |\n');
    assert.deepEqual(complete(text).labels, ['api', 'worker']);
  });

  it('quotes label values YAML would not read as strings', () => {
    ws.set('new/versioned.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: v\n  namespace: shop\n  labels:\n    version: "2"\n    canary: "true"\n');
    try {
      const items = complete(service('  selector:\n    version: |\n')).items;
      assert.deepEqual(items.map((i) => i.insertText), ['"2"']);
    } finally {
      ws.index.remove(ws.uri('new/versioned.yaml'));
    }
  });
});

describe('completion of references and enums', () => {
  it('offers Service names of the namespace in an Ingress backend, then their port names and numbers', () => {
    const base = '  rules:\n    - http:\n        paths:\n          - path: /\n            backend:\n              service:\n';
    const names = complete(ingress(`${base}                name: |\n`));
    assert.ok(['db', 'redis', 'web'].every((n) => names.labels.includes(n)));
    assert.ok(!names.labels.includes('api'), 'a Service of another namespace is not offered');
    assert.deepEqual(complete(ingress(`${base}                name: web\n                port:\n                  name: |\n`)).labels, ['http', 'metrics']);
    const numbers = complete(ingress(`${base}                name: web\n                port:\n                  number: |\n`)).items;
    assert.deepEqual(numbers.map((i) => i.insertText), ['80', '9090']);
  });

  it('offers the container port names of the selected pods for a Service targetPort', () => {
    const { items } = complete(service('  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: |\n'));
    assert.deepEqual(items.map((i) => i.label), ['http', 'metrics']);
    assert.match(items[0]!.detail!, /8080\/TCP, 8081\/TCP on web, web-canary/);
  });

  it('offers port names of the destination pods in NetworkPolicy ports', () => {
    assert.deepEqual(complete(policy('  podSelector:\n    matchLabels:\n      app: web\n  ingress:\n    - ports:\n        - port: |\n')).labels, ['http', 'metrics']);
    const egress = policy('  podSelector: {}\n  egress:\n    - to:\n        - podSelector:\n            matchLabels:\n              app: db\n      ports:\n        - port: |\n');
    assert.deepEqual(complete(egress).labels, ['postgres']);
  });

  it('offers enum values: Service type, protocol, pathType, policyTypes', () => {
    assert.deepEqual(complete(service('  type: |\n')).labels, ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']);
    assert.deepEqual(complete(service('  ports:\n    - port: 53\n      protocol: |\n')).labels, ['TCP', 'UDP', 'SCTP']);
    assert.deepEqual(complete(ingress('  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: |\n')).labels, ['Prefix', 'Exact', 'ImplementationSpecific']);
    assert.deepEqual(complete(policy('  policyTypes:\n    - Ingress\n    - |\n')).labels, ['Egress']);
    assert.deepEqual(complete(policy('  policyTypes:\n  - |\n')).labels, ['Ingress', 'Egress']);
  });

  it('offers headless Services first for a StatefulSet serviceName, and IngressClasses and TLS Secrets', () => {
    const sts = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s\n  namespace: shop\nspec:\n  serviceName: |\n';
    assert.equal(complete(sts).labels[0], 'db');
    assert.deepEqual(complete(ingress('  ingressClassName: |\n')).labels, ['nginx']);
    assert.deepEqual(complete(ingress('  tls:\n    - secretName: |\n')).labels, ['shop-tls']);
  });

  it('offers nothing in comments, on plain fields, or outside any resource', () => {
    assert.deepEqual(complete(service('  # selector: |\n')).labels, []);
    assert.deepEqual(complete(service('  clusterIP: |\n')).labels, []);
    assert.deepEqual(complete('just: text\n  |\n').labels, []);
    assert.deepEqual(complete('|').labels, []);
  });
});
