// Semantic tokens: Service and port references, resolved or not.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { semanticTokensFor } from '../../../server/src/features/semanticTokens';
import { shopWorkspace } from './workspace';

const ws = shopWorkspace();
const tokens = (rel: string) =>
  semanticTokensFor(ws.index, ws.uri(rel)).map((t) => `${ws.lineOf(ws.uri(rel), t.range.start)} ${t.type} '${ws.text(rel).slice(t.range.start, t.range.end)}'${t.resolved ? '' : ' unresolved'}`);

describe('semantic tokens', () => {
  it('marks Ingress backend Services and ports, and the one that resolves to nothing', () => {
    assert.deepEqual(tokens('ingress/shop-ingress.yaml'), [
      "ingress/shop-ingress.yaml:20 service 'web'",
      "ingress/shop-ingress.yaml:22 port 'http'",
      "ingress/shop-ingress.yaml:27 service 'web'",
      "ingress/shop-ingress.yaml:34 service 'legacy' unresolved",
    ]);
  });

  it('marks only the service label inside env values', () => {
    assert.deepEqual(tokens('apps/web/deployment.yaml'), [
      "apps/web/deployment.yaml:27 service 'api'",
      "apps/web/deployment.yaml:29 service 'redis'",
      "apps/web/deployment.yaml:31 service 'db'",
      "apps/web/deployment.yaml:33 service 'ghost' unresolved",
    ]);
  });

  it('marks named targetPorts and NetworkPolicy ports by whether they resolve on the pods', () => {
    assert.deepEqual(tokens('services/web-service.yaml'), ["services/web-service.yaml:12 port 'http'"]);
    ws.set('extra/bad-port.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: bad\n  namespace: shop\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: htp\n');
    assert.deepEqual(tokens('extra/bad-port.yaml'), ["extra/bad-port.yaml:11 port 'htp' unresolved"]);
    assert.deepEqual(tokens('policies/shop-policies.yaml'), ["policies/shop-policies.yaml:39 port 'http'", "policies/shop-policies.yaml:58 port 'postgres'"]);
  });
});
