// Go to definition and find references across files and namespaces.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { definitionAt } from '../../../server/src/features/definition';
import { referencesAt } from '../../../server/src/features/references';
import type { Location } from '../../../server/src/features/types';
import { shopWorkspace } from './workspace';

const ws = shopWorkspace();
/** `file:line 'text'` of each location, sorted: compact and readable in assertions. */
const show = (locations: Location[]): string[] => locations.map((l) => `${ws.lineOf(l.uri, l.range.start)} '${ws.slice(l.uri, l.range)}'`).sort();
const definition = (rel: string, snippet: string, inner?: string, occurrence = 0) => show(definitionAt(ws.index, ws.uri(rel), ws.offset(rel, snippet, inner, occurrence)));
const references = (rel: string, snippet: string, inner?: string, includeDeclaration = true) =>
  show(referencesAt(ws.index, ws.uri(rel), ws.offset(rel, snippet, inner), undefined, includeDeclaration));

describe('definition', () => {
  it('goes from an Ingress backend to the Service in another folder', () => {
    assert.deepEqual(definition('ingress/shop-ingress.yaml', 'name: web', 'web'), ["services/web-service.yaml:4 'web'"]);
  });

  it('goes from a backend port name or number to that Service port', () => {
    assert.deepEqual(definition('ingress/shop-ingress.yaml', 'name: http', 'http'), ["services/web-service.yaml:10 'http'"]);
    assert.deepEqual(definition('ingress/shop-ingress.yaml', 'number: 9090', '9090'), ["services/web-service.yaml:14 '9090'"]);
  });

  it('goes from a named targetPort to the containerPort entries of every selected workload', () => {
    assert.deepEqual(definition('services/web-service.yaml', 'targetPort: http', 'http'), ["apps/web/canary.yaml:23 'http'", "apps/web/deployment.yaml:21 'http'"]);
  });

  it('goes from an env URL or DNS name to the Service, across namespaces', () => {
    assert.deepEqual(definition('apps/web/deployment.yaml', 'api.payments', 'api'), ["payments/api.yaml:27 'api'"]);
    assert.deepEqual(definition('apps/web/deployment.yaml', 'db-0.db.shop', 'db.shop'), ["apps/data/db.yaml:27 'db'"]);
    assert.deepEqual(definition('apps/web/deployment.yaml', 'ghost.shop', 'ghost'), []);
  });

  it('goes from StatefulSet serviceName to the headless Service, TLS secretName to the Secret, ingressClassName to the IngressClass', () => {
    assert.deepEqual(definition('apps/data/db.yaml', 'serviceName: db', 'db'), ["apps/data/db.yaml:27 'db'"]);
    assert.deepEqual(definition('ingress/shop-ingress.yaml', 'secretName: shop-tls', 'shop'), ["ingress/shop-ingress.yaml:41 'shop-tls'"]);
    assert.deepEqual(definition('ingress/shop-ingress.yaml', 'ingressClassName: nginx', 'nginx'), ["cluster/namespaces.yaml:27 'nginx'"]);
  });

  it('goes from a selector to every matching workload (several locations)', () => {
    assert.deepEqual(definition('services/web-service.yaml', 'app: web', 'app'), ["apps/web/canary.yaml:14 'labels'", "apps/web/deployment.yaml:13 'labels'"]);
    // A peer podSelector with a namespaceSelector: the pods of the other namespace.
    assert.deepEqual(definition('policies/shop-policies.yaml', 'tier: backend', 'backend'), ["payments/api.yaml:13 'labels'", "payments/api.yaml:48 'labels'"]);
  });

  it('goes from a NetworkPolicy named port to the destination container ports', () => {
    assert.deepEqual(definition('policies/shop-policies.yaml', 'port: postgres', 'postgres'), ["apps/data/db.yaml:21 'postgres'"]);
  });
});

describe('references', () => {
  it('from a Service: Ingress backends, env URLs and StatefulSet serviceName, in every file', () => {
    assert.deepEqual(references('services/web-service.yaml', 'name: web', 'web'), [
      "ingress/shop-ingress.yaml:20 'web'",
      "ingress/shop-ingress.yaml:27 'web'",
      "services/web-service.yaml:4 'web'",
    ]);
    assert.deepEqual(references('apps/data/db.yaml', 'name: db\n  namespace: shop\nspec:\n  clusterIP', 'db', false), [
      "apps/data/db.yaml:7 'db'",
      "apps/web/deployment.yaml:31 'db'",
    ]);
  });

  it('from any reference: the same set as from the Service', () => {
    assert.deepEqual(references('ingress/shop-ingress.yaml', 'name: web', 'web'), references('services/web-service.yaml', 'name: web', 'web'));
  });

  it('from a workload: the Services and policies that select it, including peers in other namespaces', () => {
    assert.deepEqual(references('payments/api.yaml', 'name: api', 'api'), [
      "payments/api.yaml:30 'selector'",
      "payments/api.yaml:8 'selector'",
      "policies/payments-policies.yaml:7 'podSelector'",
      "policies/shop-policies.yaml:31 'podSelector'",
    ]);
  });

  it('from a pod template label: the selectors whose requirement on it holds', () => {
    assert.deepEqual(references('apps/web/deployment.yaml', 'app: web\n        tier', 'app'), [
      // The canary's own selector requires app=web too (with track=canary).
      "apps/web/canary.yaml:10 'app: web'",
      "apps/web/deployment.yaml:10 'app: web'",
      "policies/shop-policies.yaml:19 'key: app\n        operator: In\n        values: [web]'",
      "services/web-service.yaml:8 'app: web'",
    ]);
    assert.deepEqual(references('apps/web/deployment.yaml', 'tier: frontend', 'tier'), ["policies/shop-policies.yaml:22 'key: tier\n        operator: Exists'"]);
  });

  it('from a named container port: the Service targetPorts and policy ports that land on it', () => {
    assert.deepEqual(references('apps/web/deployment.yaml', '- name: http', 'http'), [
      "apps/web/deployment.yaml:21 'http'",
      "policies/shop-policies.yaml:39 'http'",
      "services/web-service.yaml:12 'http'",
    ]);
  });
});
