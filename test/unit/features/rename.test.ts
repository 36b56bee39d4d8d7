// Rename a Service across files: one edit list for the declaration and every reference.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { prepareRename, renameEdits } from '../../../server/src/features/rename';
import type { TextEditResult } from '../../../server/src/features/types';
import { shopWorkspace } from './workspace';

const ws = shopWorkspace();
const at = (rel: string, snippet: string, inner?: string) => ({ uri: ws.uri(rel), offset: ws.offset(rel, snippet, inner) });

/** Applies edits to the fixture texts (from the end, per file) and returns the changed files. */
function apply(edits: readonly TextEditResult[]): Map<string, string> {
  const out = new Map<string, string>();
  const byUri = new Map<string, TextEditResult[]>();
  for (const e of edits) byUri.set(e.uri, [...(byUri.get(e.uri) ?? []), e]);
  for (const [uri, list] of byUri) {
    const rel = decodeURIComponent(new URL(uri).pathname).slice(ws.root.length + 1);
    let text = ws.text(rel);
    for (const e of [...list].sort((a, b) => b.range.start - a.range.start)) text = text.slice(0, e.range.start) + e.newText + text.slice(e.range.end);
    out.set(rel, text);
  }
  return out;
}

describe('rename', () => {
  it('prepares on a Service name and on its references, and refuses anything else', () => {
    const onName = at('services/web-service.yaml', 'name: web', 'web');
    const prepared = prepareRename(ws.index, onName.uri, onName.offset);
    assert.ok('range' in prepared);
    assert.equal(prepared.placeholder, 'web');
    assert.equal(ws.text('services/web-service.yaml').slice(prepared.range.start, prepared.range.end), 'web');

    const inUrl = at('apps/web/deployment.yaml', 'api.payments', 'api');
    const p2 = prepareRename(ws.index, inUrl.uri, inUrl.offset);
    assert.ok('range' in p2);
    assert.equal(ws.text('apps/web/deployment.yaml').slice(p2.range.start, p2.range.end), 'api');

    for (const [rel, snippet, inner] of [
      ['apps/web/deployment.yaml', 'image: example/web', 'example'],
      ['apps/web/deployment.yaml', 'name: web\n  namespace', 'web'],
      ['ingress/shop-ingress.yaml', 'service:\n                name: web', 'service'],
    ] as const) {
      const p = at(rel, snippet, inner);
      assert.ok('error' in prepareRename(ws.index, p.uri, p.offset), `${rel} '${snippet}' should be refused`);
    }
  });

  it('renames the Service and its Ingress backends in other files, as one edit list', () => {
    const p = at('ingress/shop-ingress.yaml', 'name: web', 'web');
    const r = renameEdits(ws.index, p.uri, p.offset, 'storefront');
    assert.ok('edits' in r);
    const files = apply(r.edits);
    assert.deepEqual([...files.keys()].sort(), ['ingress/shop-ingress.yaml', 'services/web-service.yaml']);
    assert.match(files.get('services/web-service.yaml')!, /metadata:\n {2}name: storefront\n/);
    assert.equal(files.get('ingress/shop-ingress.yaml')!.match(/name: storefront/g)?.length, 2);
    assert.doesNotMatch(files.get('ingress/shop-ingress.yaml')!, /name: web\b/);
  });

  it('rewrites only the service label inside env URLs and StatefulSet pod DNS names, and the serviceName', () => {
    const p = at('apps/data/db.yaml', 'name: db\n  namespace: shop\nspec:\n  clusterIP', 'db');
    const r = renameEdits(ws.index, p.uri, p.offset, 'pg');
    assert.ok('edits' in r);
    const files = apply(r.edits);
    assert.match(files.get('apps/data/db.yaml')!, /serviceName: pg\n/);
    assert.match(files.get('apps/data/db.yaml')!, /kind: Service\nmetadata:\n {2}name: pg\n/);
    assert.match(files.get('apps/web/deployment.yaml')!, /value: postgres:\/\/db-0\.pg\.shop\.svc\.cluster\.local:5432\/app\n/);
  });

  it('renames a cross-namespace URL inside quotes, and a bare host only where it names the Service', () => {
    const api = at('payments/api.yaml', 'kind: Service\nmetadata:\n  name: api', 'api');
    const files = apply((renameEdits(ws.index, api.uri, api.offset, 'billing') as { edits: TextEditResult[] }).edits);
    assert.match(files.get('apps/web/deployment.yaml')!, /value: "http:\/\/billing\.payments\.svc\.cluster\.local:8080\/v1"/);

    const redis = at('apps/data/redis.yaml', 'kind: Service\nmetadata:\n  name: redis', 'redis');
    const out = apply((renameEdits(ws.index, redis.uri, redis.offset, 'cache') as { edits: TextEditResult[] }).edits).get('apps/web/deployment.yaml')!;
    assert.match(out, /name: CACHE_HOST\n {14}value: cache\n/);
    assert.match(out, /name: MODE\n {14}value: redis\n/, 'MODE=redis is not a host');
  });

  it('refuses invalid names and names taken in the namespace', () => {
    const p = at('services/web-service.yaml', 'name: web', 'web');
    assert.match((renameEdits(ws.index, p.uri, p.offset, 'Web_1') as { error: string }).error, /not a valid Service name/);
    assert.match((renameEdits(ws.index, p.uri, p.offset, '9lives') as { error: string }).error, /must start with a lowercase letter/);
    assert.match((renameEdits(ws.index, p.uri, p.offset, 'redis') as { error: string }).error, /already exists in namespace 'shop'/);
    assert.deepEqual(renameEdits(ws.index, p.uri, p.offset, 'web'), { edits: [] });
  });
});
