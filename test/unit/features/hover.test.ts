// Hover on the multi-file shop fixture: selectors, pod labels, Service names, references, ipBlocks.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt } from '../../../server/src/features/hover';
import { shopWorkspace } from './workspace';

const ws = shopWorkspace();
const hover = (rel: string, snippet: string, inner?: string, occurrence = 0): string => {
  const h = hoverAt(ws.index, ws.uri(rel), ws.offset(rel, snippet, inner, occurrence));
  assert.ok(h, `no hover at '${snippet}' in ${rel}`);
  return h.contents;
};

describe('hover on selectors', () => {
  it('lists the workloads a Service selector picks, from another folder, with replicas and file:line links', () => {
    const md = hover('services/web-service.yaml', 'app: web', 'web');
    assert.match(md, /Selects \*\*2 workloads\*\* \(4 pods\)/);
    assert.ok(md.includes(`[Deployment shop/web](${ws.uri('apps/web/deployment.yaml')}#L1) · 3 replicas`), md);
    assert.ok(md.includes(`[Deployment shop/web-canary](${ws.uri('apps/web/canary.yaml')}#L1) · 1 replica`), md);
  });

  it('evaluates matchExpressions exactly (In and Exists)', () => {
    const md = hover('policies/shop-policies.yaml', 'operator: In', 'In');
    assert.match(md, /`app in \(web\),tier`/);
    assert.match(md, /Selects \*\*2 workloads\*\*/);
    assert.doesNotMatch(md, /redis|StatefulSet shop\/db/);
  });

  it('says when a selector matches nothing and which label differs on the nearest workloads', () => {
    const md = hover('policies/shop-policies.yaml', 'app: wbe', 'wbe');
    assert.match(md, /Matches \*\*no workload\*\* in namespace `shop`/);
    assert.match(md, /Deployment shop\/web\]\([^)]*\): needs app=wbe \(has app=web\)/);
  });

  it('points to other namespaces when a selector matches only there', () => {
    ws.set('extra/wrong-ns.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api-mirror\n  namespace: shop\nspec:\n  selector:\n    app: api\n');
    try {
      const md = hover('extra/wrong-ns.yaml', 'app: api', 'api');
      assert.match(md, /no workload/);
      assert.match(md, /It would match in other namespaces: \[Deployment payments\/api\]/);
    } finally {
      ws.index.remove(ws.uri('extra/wrong-ns.yaml'));
    }
  });

  it('shows the namespaces a namespaceSelector matches, and the peer workloads across namespaces', () => {
    const md = hover('policies/shop-policies.yaml', 'team: payments', 'team');
    assert.match(md, /Matches \*\*1 namespace\*\* with pods matching `tier=backend`: \[payments\]/);
    assert.match(md, /Deployment payments\/api/);
    assert.match(md, /Deployment payments\/worker/);
  });

  it('leaves NetworkPolicy kinds of other APIs (Calico) alone', () => {
    ws.set('extra/calico.yaml', "apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: c\n  namespace: shop\nspec:\n  selector: app == 'web'\n  podSelector: {}\n");
    try {
      assert.equal(hoverAt(ws.index, ws.uri('extra/calico.yaml'), ws.offset('extra/calico.yaml', 'podSelector')), undefined);
      assert.doesNotMatch(hover('apps/web/deployment.yaml', 'tier: frontend', 'tier'), /NetworkPolicy shop\/c\b/);
    } finally {
      ws.index.remove(ws.uri('extra/calico.yaml'));
    }
  });

  it('includes kubernetes.io/metadata.name in namespace labels', () => {
    const md = hover('policies/payments-policies.yaml', 'kubernetes.io/metadata.name: shop', 'shop');
    assert.match(md, /Matches \*\*1 namespace\*\*.*\[shop\]/);
  });
});

describe('hover on pod template labels and workload names', () => {
  it('names the Services and policies that select the pods, isolation, and who may reach them', () => {
    const md = hover('apps/web/deployment.yaml', 'tier: frontend', 'tier');
    assert.match(md, /\*\*Services\*\* selecting it: \[Service shop\/web\]/);
    assert.match(md, /\*\*NetworkPolicies\*\* applying to it: \[NetworkPolicy shop\/default-deny\].*\[NetworkPolicy shop\/allow-web\]/);
    assert.match(md, /ingress isolated by `default-deny`, `allow-web` · egress not isolated/);
    assert.match(md, /\*\*Who may reach it\*\*: 2 of 5 workloads and some external addresses/);
    assert.match(md, /Deployment payments\/api/);
    assert.doesNotMatch(md.split('Who may reach it')[1]!, /web-canary|redis/);
    assert.match(md, /Label `tier=frontend` is used by 1 selector: \[NetworkPolicy shop\/allow-web\]/);
  });

  it('shows a workload that nothing isolates as reachable from every other workload', () => {
    const md = hover('payments/api.yaml', 'name: worker', 'worker');
    assert.match(md, /ingress not isolated/);
    assert.match(md, /every other workload \(5\)/);
  });
});

describe('hover on a Service name', () => {
  it('gives DNS names, the port chain per workload, an endpoints preview and a kubectl command', () => {
    const md = hover('services/web-service.yaml', 'name: web', 'web');
    for (const name of ['`web`', '`web.shop`', '`web.shop.svc`', '`web.shop.svc.cluster.local`']) assert.ok(md.includes(name), name);
    assert.match(md, /`80\/TCP` \(http\) → targetPort `http` →\n {2}- `8080` \(container `web`\) on \[Deployment shop\/web\]/);
    assert.match(md, /\n {2}- `8081` \(container `web`\) on \[Deployment shop\/web-canary\]/);
    // web-canary declares no 9090: the Service still sends there (numeric targetPort), and says so.
    assert.match(md, /`9090` on \[Deployment shop\/web-canary\]\([^)]*\) \(not declared in containerPorts/);
    assert.match(md, /NAME {3}ENDPOINTS\nweb {4}<Deployment web pod ×3>:8080,<Deployment web pod ×3>:9090,<Deployment web-canary pod>:8081,<Deployment web-canary pod>:9090/);
    assert.ok(md.includes('kubectl run tmp --rm -it --image=busybox --restart=Never -n shop -- wget -qO- http://web.shop:80'), md);
  });

  it('lists the pod DNS names of a headless StatefulSet Service', () => {
    const md = hover('apps/data/db.yaml', 'name: db\n  namespace: shop\nspec:\n  clusterIP', 'db');
    assert.match(md, /headless/);
    assert.ok(md.includes('`db-0.db.shop.svc.cluster.local`'));
    assert.ok(md.includes('`db-1.db.shop.svc.cluster.local`'));
    assert.ok(!md.includes('db-2.db'));
  });

  it('uses the configured cluster domain', () => {
    const h = hoverAt(ws.index, ws.uri('services/web-service.yaml'), ws.offset('services/web-service.yaml', 'name: web', 'web'), { clusterDomain: 'corp.internal' });
    assert.ok(h?.contents.includes('`web.shop.svc.corp.internal`'));
  });
});

describe('hover on references', () => {
  it('resolves an Ingress backend to its Service and the named port chain', () => {
    const md = hover('ingress/shop-ingress.yaml', 'name: http', 'http');
    assert.match(md, /`web` → \[Service shop\/web\]/);
    assert.match(md, /\*\*Port chain\*\*\n- `80\/TCP` \(http\)/);
    assert.doesNotMatch(md, /9090/);
  });

  it('says when an Ingress backend names a Service that does not exist', () => {
    const md = hover('ingress/shop-ingress.yaml', 'name: legacy', 'legacy');
    assert.match(md, /no Service `legacy` in namespace `shop`/);
  });

  it('resolves a cross-namespace env URL to the Service and its port', () => {
    const md = hover('apps/web/deployment.yaml', 'api.payments', 'payments');
    assert.match(md, /`api\.payments\.svc\.cluster\.local` → \[Service payments\/api\]/);
    assert.match(md, /`8080\/TCP` \(http\) → targetPort `http` → `8080` \(container `api`\) on \[Deployment payments\/api\]/);
  });

  it('resolves a StatefulSet pod DNS name to the pod and checks its ordinal', () => {
    const md = hover('apps/web/deployment.yaml', 'db-0.db', 'db-0');
    assert.match(md, /Pod `db-0` of \[StatefulSet shop\/db\]\([^)]*\) \(ordinal 0 of 2\)/);
  });

  it('reads a bare host only in a variable that holds a host', () => {
    assert.match(hover('apps/web/deployment.yaml', 'value: redis', 'redis'), /`redis` → \[Service shop\/redis\]/);
    const mode = ws.offset('apps/web/deployment.yaml', 'value: redis', 'redis', 1);
    assert.equal(hoverAt(ws.index, ws.uri('apps/web/deployment.yaml'), mode), undefined);
  });

  it('flags an in-cluster DNS name that resolves to nothing', () => {
    assert.match(hover('apps/web/deployment.yaml', 'ghost.shop', 'ghost'), /no Service `ghost` in namespace `shop`/);
  });

  it('shows where a NetworkPolicy named port resolves', () => {
    const md = hover('policies/shop-policies.yaml', 'port: http', 'http');
    assert.match(md, /\[Deployment shop\/web\]\([^)]*\): `8080`/);
    assert.match(md, /\[Deployment shop\/web-canary\]\([^)]*\): `8081`/);
    const egress = hover('policies/shop-policies.yaml', 'port: postgres', 'postgres');
    assert.match(egress, /Egress port.*resolved on the rule's destination pods/);
    assert.match(egress, /StatefulSet shop\/db\]\([^)]*\): `5432`/);
  });

  it('describes an ipBlock: range, size, and what except removes', () => {
    const md = hover('policies/shop-policies.yaml', 'cidr: 10.0.0.0/8', '10');
    assert.match(md, /Range `10\.0\.0\.0` – `10\.255\.255\.255` · 16,777,216 addresses/);
    assert.match(md, /`10\.1\.0\.0\/16`: removes `10\.1\.0\.0` – `10\.1\.255\.255` · 65,536 addresses/);
    assert.match(md, /16,711,680 addresses remain/);
  });

  it('resolves TLS secrets and ingress classes', () => {
    assert.match(hover('ingress/shop-ingress.yaml', 'secretName: shop-tls', 'shop-tls'), /TLS Secret → \[Secret shop\/shop-tls\]/);
    assert.match(hover('ingress/shop-ingress.yaml', 'ingressClassName: nginx', 'nginx'), /IngressClass → \[IngressClass nginx\].*controller `k8s\.io\/ingress-nginx` · default class/);
  });

  it('gives nothing on plain fields and never throws on broken input', () => {
    assert.equal(hoverAt(ws.index, ws.uri('apps/web/deployment.yaml'), ws.offset('apps/web/deployment.yaml', 'image: example', 'example')), undefined);
    ws.set('extra/broken.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: [oops\nspec:\n  selector: 42\n  ports: nope\n');
    try {
      const text = ws.text('extra/broken.yaml');
      for (let i = 0; i <= text.length; i++) hoverAt(ws.index, ws.uri('extra/broken.yaml'), i);
      assert.equal(hoverAt(ws.index, ws.uri('nowhere.yaml'), 3), undefined);
    } finally {
      ws.index.remove(ws.uri('extra/broken.yaml'));
    }
  });
});
