// The language server's reachability requests, over LSP against the built server: the model with
// current and saved state, the debounced change notification, source locations, edit proposals,
// and bad parameters answered without harm.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ReachabilityChangedMethod,
  ReachabilityLocateMethod,
  ReachabilityModelMethod,
  ReachabilityProposeEditMethod,
  ReachabilitySubscribeMethod,
  type EditProposal,
  type LocateResult,
  type PanelModel,
  type ReachabilityChangedParams,
} from '../../server/src/reachability/protocol';
import { buildView, cellKey, changedCells } from '../../server/src/reachability/view';
import { applyEdits } from '../../server/src/reachability/yamlEdits';
import { LspClient, TempWorkspace } from '../lsp/harness';
import { fixtureFiles } from './harness';

const API = 'shop/Deployment/api';
const DB = 'shop/StatefulSet/db';
const FRONTEND = 'shop/Deployment/frontend';

describe('reachability requests of the language server', () => {
  const files = fixtureFiles();
  let ws: TempWorkspace;
  let client: LspClient;
  const changes: ReachabilityChangedParams[] = [];
  let changeListeners: (() => void)[] = [];

  /** The first change notification announcing at least this generation (one already received counts). */
  function changeAfter(generation: number): Promise<ReachabilityChangedParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no change notification after generation ${generation}`)), 30_000);
      const check = (): boolean => {
        const found = changes.find((c) => c.generation > generation);
        if (!found) return false;
        clearTimeout(timer);
        changeListeners = changeListeners.filter((l) => l !== listener);
        resolve(found);
        return true;
      };
      const listener = (): void => void check();
      if (!check()) changeListeners.push(listener);
    });
  }

  before(async () => {
    ws = await TempWorkspace.create(files);
    client = await LspClient.start({ folders: [ws.root] });
    client.connection.onNotification(ReachabilityChangedMethod, (p: unknown) => {
      changes.push(p as ReachabilityChangedParams);
      for (const l of [...changeListeners]) l();
    });
    await client.waitForIndexed();
  });

  after(async () => {
    await client?.stop();
    await ws?.dispose();
  });

  const model = () => client.connection.sendRequest<PanelModel>(ReachabilityModelMethod, {});

  it('sends the workspace as the evaluator needs it, with no saved state while nothing is unsaved', async () => {
    const m = await model();
    assert.deepEqual(m.current.workloads.map((w) => `${w.namespace}/${w.kind}/${w.name}`).sort(), ['payments/Deployment/gateway', API, FRONTEND, DB].sort());
    assert.deepEqual(m.current.policies.map((p) => `${p.namespace}/${p.name}`).sort(), ['payments/gateway-egress', 'shop/api-from-frontend', 'shop/db-from-api', 'shop/default-deny', 'shop/frontend-from-internet']);
    assert.deepEqual(m.current.namespaces.map((n) => n.name).sort(), ['payments', 'shop']);
    assert.equal(m.saved, null);
    assert.equal(m.savedKey, '');
    assert.notEqual(m.currentKey, '');
  });

  it('announces edits (debounced) and tells the saved state apart from the buffer', async () => {
    await client.connection.sendNotification(ReachabilitySubscribeMethod, { subscribed: true });
    const uri = ws.uri('policies.yaml');
    const before = await model();
    const edited = files['policies.yaml']!.replace('- port: 5432\n    - from:', '- port: 5433\n    - from:');
    await client.open(uri, files['policies.yaml']!);
    await client.change(uri, edited);
    const announced = await changeAfter(before.generation);
    const m = await model();
    assert.ok(m.generation >= announced.generation);
    assert.ok(m.saved, 'the buffer differs from the file: a saved state comes along');
    assert.deepEqual(m.unsavedFiles, [uri]);
    assert.notEqual(m.savedKey, m.currentKey);
    const changed = changedCells(buildView(m.current), buildView(m.saved));
    assert.deepEqual([...changed], [cellKey(API, DB)]);

    // Saving (the file now has the buffer's text) makes the saved state go away.
    await ws.write('policies.yaml', edited);
    const saved = await model();
    assert.equal(saved.saved, null);
    await client.close(uri);
    await client.connection.sendNotification(ReachabilitySubscribeMethod, { subscribed: false });
  });

  it('locates a rule for the explanation’s links', async () => {
    const uri = ws.uri('policies.yaml');
    const where = await client.connection.sendRequest<LocateResult | null>(ReachabilityLocateMethod, { source: { uri, docIndex: 2, path: ['spec', 'ingress', 0] } });
    assert.ok(where);
    assert.equal(where.uri, uri);
    const lines = files['policies.yaml']!.split('\n');
    const apiPolicy = lines.findIndex((l) => l.includes('name: api-from-frontend'));
    const rule = lines.findIndex((l, i) => i > apiPolicy && l.trim() === '- from:');
    assert.equal(where.range.start.line, rule);
    assert.equal(await client.connection.sendRequest(ReachabilityLocateMethod, { source: { uri: ws.uri('nope.yaml'), docIndex: 0, path: [] } }), null);
    assert.equal(await client.connection.sendRequest(ReachabilityLocateMethod, { source: 'garbage' }), null);
  });

  it('proposes an edit with ranges that allows the connection', async () => {
    const p = await client.connection.sendRequest<EditProposal>(ReachabilityProposeEditMethod, { action: 'allow', from: FRONTEND, to: DB });
    assert.ok(p.ok, p.ok ? '' : p.reason);
    const uri = ws.uri('policies.yaml');
    for (const e of p.edits) {
      assert.equal(e.uri, uri);
      assert.ok(e.range);
      assert.equal(e.version, null, 'the file is not open: offsets refer to the file on disk');
    }
    const text = (await import('node:fs')).readFileSync(ws.path('policies.yaml'), 'utf8');
    const after = applyEdits(text, p.edits);
    assert.match(after, /app: frontend\n\s+ports:\n\s+- port: 5432/);
    // The range and the offsets name the same place.
    const e = p.edits[0]!;
    const lineStart = text.split('\n').slice(0, e.range!.start.line).join('\n').length + 1;
    assert.equal(lineStart + e.range!.start.character, e.start);
  });

  it('answers bad parameters with a reason, not an error', async () => {
    const p = await client.connection.sendRequest<EditProposal>(ReachabilityProposeEditMethod, { action: 'explode', from: 1 });
    assert.ok(!p.ok);
    assert.match(p.reason, /Invalid request/);
  });
});
