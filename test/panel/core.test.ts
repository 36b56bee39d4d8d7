// The panel's pure pieces in Node: verdicts, changed cells, filters, exports, message validation,
// the HTML shell's CSP, and the YAML edit primitives.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { parseYamlDocuments } from '../../server/src/model/parse';
import { matrixCsv, matrixMarkdown, matrixMermaid } from '../../server/src/reachability/exports';
import { contentSecurityPolicy, panelHtml } from '../../server/src/reachability/html';
import { checkHostToPanel, checkPanelToHost } from '../../server/src/reachability/validate';
import { buildView, cellInfo, changedCells, cellKey, filterEndpoints, NO_FILTERS, type ReachabilityView } from '../../server/src/reachability/view';
import { appendDocument, appendOrCreate, applyEdits, removeSequenceItem } from '../../server/src/reachability/yamlEdits';
import { fixtureFiles, modelOf, worldInputOf } from './harness';

const FRONTEND = 'shop/Deployment/frontend';
const API = 'shop/Deployment/api';
const DB = 'shop/StatefulSet/db';
const GATEWAY = 'payments/Deployment/gateway';

function verdict(view: ReachabilityView, from: string, to: string, query?: { port: number; protocol: 'TCP' | 'UDP' }): string | undefined {
  return cellInfo(view, view.byId.get(from)!, view.byId.get(to)!, query)?.verdict;
}

describe('verdicts', () => {
  const view = buildView(worldInputOf(fixtureFiles()));

  it('lists workloads by namespace, then the internet', () => {
    assert.deepEqual(
      view.endpoints.map((e) => e.id),
      [GATEWAY, API, DB, FRONTEND, 'internet'],
    );
  });

  it('says allowed when every declared port is open, partly for some, denied for none', () => {
    assert.equal(verdict(view, FRONTEND, API), 'allowed'); // named port http = 8080, all the API declares
    assert.equal(verdict(view, API, DB), 'allowed');
    assert.equal(verdict(view, GATEWAY, DB), 'allowed');
    assert.equal(verdict(view, FRONTEND, DB), 'denied');
    assert.equal(verdict(view, GATEWAY, API), 'denied'); // egress allows only DNS, ingress nothing from payments
    assert.equal(verdict(view, GATEWAY, GATEWAY), 'partly'); // 53/UDP but it serves 9000/TCP
    assert.equal(verdict(view, GATEWAY, 'internet'), 'partly');
    assert.equal(verdict(view, 'internet', FRONTEND), 'allowed');
    assert.equal(verdict(view, 'internet', DB), 'denied');
    assert.equal(verdict(view, 'internet', 'internet'), undefined);
  });

  it('answers for one port when asked', () => {
    assert.equal(verdict(view, GATEWAY, API, { port: 53, protocol: 'UDP' }), 'denied');
    assert.equal(verdict(view, GATEWAY, 'internet', { port: 53, protocol: 'UDP' }), 'allowed');
    assert.equal(verdict(view, GATEWAY, 'internet', { port: 443, protocol: 'TCP' }), 'denied');
    assert.equal(verdict(view, API, DB, { port: 5432, protocol: 'TCP' }), 'allowed');
  });

  it('marks isolation per direction', () => {
    const gateway = view.byId.get(GATEWAY)!;
    assert.deepEqual(gateway.isolated, { ingress: false, egress: true });
    assert.deepEqual(view.byId.get(DB)!.isolated, { ingress: true, egress: false });
  });

  it('finds the cells an unsaved edit changes', () => {
    const files = fixtureFiles();
    const edited = { ...files, 'policies.yaml': files['policies.yaml']!.replace('- port: 5432\n    - from:', '- port: 5433\n    - from:') };
    const changed = changedCells(buildView(worldInputOf(edited)), view);
    assert.deepEqual([...changed], [cellKey(API, DB)]);
    assert.deepEqual([...changedCells(view, view)], []);
  });

  it('counts a workload that is new since the save as changed', () => {
    const files = fixtureFiles();
    const withOneMore = { ...files, 'extra.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\n  namespace: shop\n' };
    const changed = changedCells(buildView(worldInputOf(withOneMore)), view);
    assert.ok(changed.has(cellKey('shop/Pod/debug', 'internet')));
    assert.ok(changed.has(cellKey(FRONTEND, 'shop/Pod/debug')));
    assert.ok(!changed.has(cellKey(FRONTEND, API)));
  });

  it('lists user-added address blocks after the internet', () => {
    const withCidr = buildView(worldInputOf(fixtureFiles()), ['10.0.0.0/8']);
    assert.deepEqual(withCidr.endpoints.slice(-2).map((e) => e.id), ['internet', '10.0.0.0/8']);
    assert.equal(verdict(withCidr, '10.0.0.0/8', FRONTEND), 'allowed');
  });
});

describe('filters', () => {
  const view = buildView(worldInputOf(fixtureFiles()));
  const ids = (list: { id: string }[]) => list.map((e) => e.id);

  it('narrows rows and columns by namespace (external endpoints stay)', () => {
    const { rows, cols } = filterEndpoints(view, { ...NO_FILTERS, namespace: 'payments' }, null);
    assert.deepEqual(ids(rows), [GATEWAY, 'internet']);
    assert.deepEqual(ids(cols), [GATEWAY, 'internet']);
  });

  it('searches names and labels, on one axis when asked', () => {
    assert.deepEqual(ids(filterEndpoints(view, { ...NO_FILTERS, search: 'db' }, null).rows), [DB]);
    assert.deepEqual(ids(filterEndpoints(view, { ...NO_FILTERS, search: 'APP=FRONT' }, null).rows), [FRONTEND]);
    const oneAxis = filterEndpoints(view, { ...NO_FILTERS, search: 'db', axis: 'destinations' }, null);
    assert.equal(oneAxis.rows.length, 5);
    assert.deepEqual(ids(oneAxis.cols), [DB]);
  });

  it('keeps only isolated workloads, or only changed rows and columns', () => {
    assert.deepEqual(ids(filterEndpoints(view, { ...NO_FILTERS, onlyIsolated: true }, null).rows), [GATEWAY, API, DB, FRONTEND, 'internet']);
    const changed = new Set([cellKey(API, DB)]);
    const only = filterEndpoints(view, { ...NO_FILTERS, onlyChanged: true }, changed);
    assert.deepEqual(ids(only.rows), [API]);
    assert.deepEqual(ids(only.cols), [DB]);
  });
});

describe('exports', () => {
  const view = buildView(worldInputOf(fixtureFiles()));
  const { rows, cols } = filterEndpoints(view, { ...NO_FILTERS, namespace: 'shop' }, null);

  it('writes CSV of the shown cells through the evaluator’s formatter', () => {
    const csv = matrixCsv(view, rows, cols).split('\r\n');
    assert.equal(csv[0], 'from,to,ports');
    assert.ok(csv.includes(`${FRONTEND},${API},8080/TCP`));
    assert.ok(csv.includes(`${API},${DB},5432/TCP`));
    assert.ok(!csv.some((l) => l.startsWith(GATEWAY)), 'payments is filtered out');
  });

  it('writes a Markdown table with escaped cells', () => {
    const md = matrixMarkdown(view, rows, cols).split('\n');
    assert.equal(md[0], `| from \\\\ to | ${API} | ${DB} | ${FRONTEND} | internet |`);
    assert.equal(md[2], `| ${API} | - | 5432/TCP | - | all |`);
  });

  it('writes Mermaid with namespaces as subgraphs', () => {
    const mermaid = matrixMermaid(view, rows, cols);
    assert.match(mermaid, /^flowchart LR/);
    assert.match(mermaid, /subgraph ns0\["shop"\]/);
    assert.match(mermaid, /-->\|"8080\/TCP"\|/);
  });
});

describe('message validation', () => {
  it('accepts each panel message and rejects other shapes', () => {
    assert.ok(checkPanelToHost({ type: 'ready' }).ok);
    assert.ok(checkPanelToHost({ type: 'openSource', source: { uri: 'file:///a.yaml', docIndex: 0, path: ['spec', 'ingress', 0] } }).ok);
    assert.ok(checkPanelToHost({ type: 'proposeEdit', action: 'allow', from: 'a', to: 'b', port: { port: 80, protocol: 'TCP' } }).ok);
    assert.ok(checkPanelToHost({ type: 'export', format: 'csv', content: 'from,to\r\n' }).ok);
    const bad: [unknown, RegExp][] = [
      [null, /expected an object/],
      ['ready', /expected an object/],
      [{ type: 'run', command: 'rm -rf /' }, /unknown message type "run"/],
      [{ type: 'openSource', source: { uri: 1, docIndex: 0, path: [] } }, /source\.uri: expected a string/],
      [{ type: 'openSource', source: { uri: 'x', docIndex: -1, path: [] } }, /docIndex/],
      [{ type: 'proposeEdit', action: 'delete', from: 'a', to: 'b' }, /action/],
      [{ type: 'proposeEdit', action: 'allow', from: 'a', to: 'b', port: { port: 70000, protocol: 'TCP' } }, /port\.port/],
      [{ type: 'export', format: 'exe', content: '' }, /format/],
    ];
    for (const [message, error] of bad) {
      const r = checkPanelToHost(message);
      assert.ok(!r.ok, `accepted ${JSON.stringify(message)}`);
      assert.match(r.error, error);
    }
  });

  it('checks models deeply before the panel evaluates them', () => {
    const model = modelOf(3, fixtureFiles());
    const ok = checkHostToPanel(JSON.parse(JSON.stringify({ type: 'model', model })));
    assert.ok(ok.ok);
    const broken = JSON.parse(JSON.stringify(model)) as { current: { workloads: { labels: unknown }[] } };
    broken.current.workloads[0]!.labels = { app: 42 };
    const r = checkHostToPanel({ type: 'model', model: broken });
    assert.ok(!r.ok);
    assert.match(r.error, /model\.current\.workloads\[0\]\.labels\.app: expected a string/);
    assert.ok(!checkHostToPanel({ type: 'model', model: { ...model, generation: 'x' } }).ok);
    assert.ok(!checkHostToPanel({ type: 'focus' }).ok);
  });
});

describe('the page shell', () => {
  it('allows only nonce-carrying scripts and the bundle’s styles', () => {
    const html = panelHtml({ cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: 'bm9uY2Utbm9uY2Utbm9uY2U=', scriptUri: 'https://x/panel.js', styleUri: 'https://x/panel.css' });
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    assert.equal(csp, contentSecurityPolicy('https://file+.vscode-resource.vscode-cdn.net', 'bm9uY2Utbm9uY2Utbm9uY2U='));
    assert.match(csp!, /^default-src 'none'; script-src 'nonce-bm9uY2Utbm9uY2Utbm9uY2U='; style-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net;/);
    assert.ok(!csp!.includes('unsafe'));
    assert.match(html, /<script nonce="bm9uY2Utbm9uY2Utbm9uY2U=" src="https:\/\/x\/panel\.js"><\/script>/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
  });

  it('refuses a nonce or source that could break out of the policy', () => {
    assert.throws(() => panelHtml({ cspSource: 'x', nonce: "abc'; script-src *", scriptUri: '', styleUri: '' }), /nonce/);
    assert.throws(() => panelHtml({ cspSource: "x; script-src 'unsafe-inline'", nonce: 'bm9uY2Utbm9uY2Utbm9uY2U=', scriptUri: '', styleUri: '' }), /cspSource/);
  });
});

describe('YAML edits', () => {
  const text = `spec:
  ingress:
    - from: []   # keep this comment
  egress: [{to: []}]
  other: x
`;
  const doc = () => parseYamlDocuments(text)[0]!;
  const valid = (t: string) => parseAllDocuments(t).every((d) => d.errors.length === 0);

  it('appends to block and flow sequences and adds missing keys', () => {
    const block = appendOrCreate(text, doc(), ['spec'], 'ingress', { from: [{ podSelector: {} }] })!;
    const flow = appendOrCreate(text, doc(), ['spec'], 'egress', { to: [] })!;
    const added = appendOrCreate(text, doc(), ['spec'], 'policyTypes', 'Ingress')!;
    const out = applyEdits(text, [block, flow, added]);
    assert.ok(valid(out), out);
    const value = parseAllDocuments(out)[0]!.toJS() as { spec: Record<string, unknown[]> };
    assert.equal(value.spec['ingress']!.length, 2);
    assert.deepEqual(value.spec['egress'], [{ to: [] }, { to: [] }]);
    assert.deepEqual(value.spec['policyTypes'], ['Ingress']);
    assert.ok(out.includes('# keep this comment'));
  });

  it('removes a sequence item, leaving [] for the last one', () => {
    const two = 'list:\n  - a: 1\n  - b: 2\n';
    const d = parseYamlDocuments(two)[0]!;
    assert.equal(applyEdits(two, [removeSequenceItem(two, d, ['list'], 0)!]), 'list:\n  - b: 2\n');
    const one = 'list:\n  - a: 1\nnext: 2\n';
    assert.equal(applyEdits(one, [removeSequenceItem(one, parseYamlDocuments(one)[0]!, ['list'], 0)!]), 'list: []\nnext: 2\n');
  });

  it('appends a document with a separator', () => {
    assert.equal(applyEdits('a: 1', [appendDocument('a: 1', { b: 'yes' })]), 'a: 1\n---\nb: "yes"\n');
  });

  it('refuses overlapping edits', () => {
    assert.throws(() => applyEdits('abcdef', [{ start: 1, end: 4, newText: '' }, { start: 2, end: 3, newText: 'x' }]), /overlapping/);
  });
});
