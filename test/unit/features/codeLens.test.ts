// Code lenses: what a Service selects, what a NetworkPolicy does, who reaches a workload.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codeLensesFor } from '../../../server/src/features/codeLens';
import { shopWorkspace } from './workspace';

const ws = shopWorkspace();
const lenses = (rel: string) =>
  codeLensesFor(ws.index, ws.uri(rel)).map((l) => ({ line: ws.lineOf(ws.uri(rel), l.range.start), title: l.title, targets: l.locations.map((t) => ws.lineOf(t.uri, t.range.start)).sort() }));

describe('code lenses', () => {
  it('above a Service: workloads and pods it selects (click: their templates), and its references', () => {
    assert.deepEqual(lenses('services/web-service.yaml'), [
      { line: 'services/web-service.yaml:1', title: 'selects 2 workloads · 4 pods', targets: ['apps/web/canary.yaml:14', 'apps/web/deployment.yaml:13'] },
      { line: 'services/web-service.yaml:1', title: '2 references', targets: ['ingress/shop-ingress.yaml:20', 'ingress/shop-ingress.yaml:27'] },
    ]);
  });

  it('above NetworkPolicies: what they apply to and what they let in or out', () => {
    const titles = lenses('policies/shop-policies.yaml').map((l) => `${l.line} ${l.title}`);
    assert.deepEqual(titles, [
      'policies/shop-policies.yaml:1 applies to 4 workloads · ingress isolated',
      'policies/shop-policies.yaml:11 applies to 2 workloads · ingress from 2 + 1 ipBlock',
      'policies/shop-policies.yaml:41 applies to 0 workloads · egress to 1',
    ]);
    assert.deepEqual(lenses('policies/payments-policies.yaml').map((l) => l.title), ['applies to 1 workload · ingress from 4']);
  });

  it('above workloads: who may reach them and what exposes them', () => {
    const web = lenses('apps/web/deployment.yaml')[0]!;
    assert.equal(web.title, 'reachable from 2 workloads · exposed by Service web, Ingress shop');
    assert.deepEqual(web.targets, ['ingress/shop-ingress.yaml:4', 'payments/api.yaml:4', 'payments/api.yaml:40', 'services/web-service.yaml:4']);
    const payments = lenses('payments/api.yaml').map((l) => `${l.line} ${l.title}`);
    assert.deepEqual(payments, [
      // payments/api admits only pods from namespace shop (4 workloads there).
      'payments/api.yaml:1 reachable from 4 workloads · exposed by Service api',
      'payments/api.yaml:24 selects 1 workload · 2 pods',
      'payments/api.yaml:24 1 reference',
      'payments/api.yaml:37 reachable from all 5 workloads · not exposed by a Service',
    ]);
  });

  it('gives nothing for files that are not Kubernetes', () => {
    ws.set('notes/readme.yaml', 'title: not a manifest\n');
    assert.deepEqual(codeLensesFor(ws.index, ws.uri('notes/readme.yaml')), []);
  });
});
