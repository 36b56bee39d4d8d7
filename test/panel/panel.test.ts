// The reachability panel in a real browser (Debian Chromium via playwright-core), talking to a
// stand-in host: verdicts for a fixture workspace, explanations with source links, keyboard use,
// filters, live updates with changed cells, state restore, the graph, exports, and security (XSS
// payloads stay text, the CSP blocks inline script, malformed messages are ignored).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import type { PanelToHost } from '../../server/src/reachability/protocol';
import { fixtureFiles, FIXTURE_URI_BASE, launchBrowser, modelOf, PanelPage, PanelServer, SCREENSHOT_DIR, skipReason, WAIT_MS } from './harness';
import { measurePanel } from './measure';

const GATEWAY = 'payments/Deployment/gateway';
const API = 'shop/Deployment/api';
const DB = 'shop/StatefulSet/db';
const FRONTEND = 'shop/Deployment/frontend';
const INTERNET = 'internet';

/**
 * What the fixture means, worked out by hand from its YAML: shop denies all ingress by default;
 * frontend takes 8080 from anywhere, api takes its "http" port (8080) from frontend, db takes 5432
 * from api and from payments' gateway; the gateway may send only to shop's db on 5432 and DNS
 * (53/UDP) anywhere. "partly": some ports but not all the destination serves (or, for the
 * internet, not everything).
 */
const EXPECTED: Record<string, Record<string, string>> = {
  [GATEWAY]: { [GATEWAY]: 'partly', [API]: 'denied', [DB]: 'allowed', [FRONTEND]: 'denied', [INTERNET]: 'partly' },
  [API]: { [GATEWAY]: 'allowed', [API]: 'denied', [DB]: 'allowed', [FRONTEND]: 'denied', [INTERNET]: 'allowed' },
  [DB]: { [GATEWAY]: 'allowed', [API]: 'denied', [DB]: 'denied', [FRONTEND]: 'denied', [INTERNET]: 'allowed' },
  [FRONTEND]: { [GATEWAY]: 'allowed', [API]: 'allowed', [DB]: 'denied', [FRONTEND]: 'denied', [INTERNET]: 'allowed' },
  [INTERNET]: { [GATEWAY]: 'allowed', [API]: 'denied', [DB]: 'denied', [FRONTEND]: 'allowed', [INTERNET]: 'na' },
};

const XSS = '<img src=x onerror=alert(1)>';

describe('reachability panel in Chromium', { skip: skipReason() }, () => {
  let server: PanelServer;
  let browser: Browser;
  const files = fixtureFiles();

  before(async () => {
    server = await PanelServer.start();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function fixturePanel(options: { state?: unknown } = {}): Promise<PanelPage> {
    const panel = await PanelPage.open(browser, server, options);
    await panel.sendModel(modelOf(1, files));
    return panel;
  }

  it('renders the verdicts the fixture means', async () => {
    const panel = await fixturePanel();
    try {
      assert.deepEqual(await panel.rowIds(), [GATEWAY, API, DB, FRONTEND, INTERNET]);
      assert.deepEqual(await panel.colIds(), [GATEWAY, API, DB, FRONTEND, INTERNET]);
      for (const [from, row] of Object.entries(EXPECTED)) {
        for (const [to, verdict] of Object.entries(row)) {
          assert.equal(await panel.cell(from, to).getAttribute('data-verdict'), verdict, `${from} → ${to}`);
        }
      }
      // Allowed ports on hover, and the same words for screen readers.
      assert.match((await panel.cell(FRONTEND, API).getAttribute('title')) ?? '', /allowed: 8080\/TCP/);
      assert.match((await panel.cell(GATEWAY, INTERNET).getAttribute('aria-label')) ?? '', /partly allowed: 53\/UDP/);
      assert.equal(await panel.page.locator('[role=grid]').count(), 1);
      // Isolation is marked on the headers: the gateway only for egress.
      assert.equal(await panel.page.locator(`.rowhead[aria-label="${GATEWAY}"] .iso-badge`).getAttribute('aria-label'), 'isolated for egress');
      assert.equal(await panel.page.locator(`.rowhead[aria-label="${DB}"] .iso-badge`).getAttribute('aria-label'), 'isolated for ingress');
      assert.match((await panel.page.locator('.status').textContent()) ?? '', /5 sources × 5 destinations · 5 NetworkPolicies/);
    } finally {
      await panel.close();
    }
  });

  it('explains a clicked cell per direction, with links to the rules', async () => {
    const panel = await fixturePanel();
    try {
      await panel.cell(GATEWAY, API).click();
      const explain = panel.page.locator('.explain');
      await explain.locator('h2').waitFor({ timeout: WAIT_MS });
      assert.equal(await explain.locator('h2').textContent(), `${GATEWAY} → ${API}`);
      assert.equal(await explain.locator('.verdict').getAttribute('data-verdict'), 'denied');
      const text = (await explain.textContent()) ?? '';
      assert.match(text, /Egress from payments\/Deployment\/gateway/);
      assert.match(text, /isolated by payments\/gateway-egress/);
      assert.match(text, /allowed by egress rule 2 of payments\/gateway-egress, \(any peer\), port entry 1: 53\/UDP/);
      assert.match(text, /Ingress to shop\/Deployment\/api/);
      assert.match(text, /shop\/default-deny has no ingress rules/);
      assert.match(text, /ingress rule 1 of shop\/api-from-frontend does not match the source: peer 1 has only a podSelector, so it means pods of namespace "shop"/);
      assert.equal(await panel.cell(GATEWAY, API).getAttribute('aria-selected'), 'true');

      // The near miss links to the rule: the host is asked to open it there.
      await explain.locator('.near-miss button.link[data-source-path="spec.ingress[0]"]').click();
      const open = await panel.waitForMessage((m): m is Extract<PanelToHost, { type: 'openSource' }> => m.type === 'openSource');
      assert.deepEqual(open.source, { uri: `${FIXTURE_URI_BASE}policies.yaml`, docIndex: 2, path: ['spec', 'ingress', 0] });

      // "Allow this connection" asks the host for the edit.
      await explain.locator('button[data-action=allow]').click();
      const propose = await panel.waitForMessage((m) => m.type === 'proposeEdit');
      assert.deepEqual(propose, { type: 'proposeEdit', action: 'allow', from: GATEWAY, to: API });
      await panel.send({ type: 'editResult', ok: false, message: 'Discarded in the preview.' });
      await panel.page.locator('.edit-message', { hasText: 'Discarded in the preview.' }).waitFor({ timeout: WAIT_MS });
    } finally {
      await panel.close();
    }
  });

  it('moves through the matrix with the keyboard and explains with Enter', async () => {
    const panel = await fixturePanel();
    try {
      const grid = panel.page.locator('[role=grid]');
      await grid.focus();
      // The active cell starts at the top left: gateway → gateway.
      await panel.page.keyboard.press('ArrowDown');
      await panel.page.keyboard.press('ArrowRight');
      await panel.page.keyboard.press('ArrowRight');
      assert.equal(await panel.page.locator('#matrix-active-cell').getAttribute('data-from'), API);
      assert.equal(await grid.getAttribute('aria-activedescendant'), 'matrix-active-cell');
      await panel.page.keyboard.press('Enter');
      await panel.page.locator('.explain h2', { hasText: `${API} → ${DB}` }).waitFor({ timeout: WAIT_MS });
      assert.equal(await panel.page.locator('.explain .verdict').getAttribute('data-verdict'), 'allowed');
      await panel.page.keyboard.press('End');
      await panel.page.keyboard.press('Enter');
      await panel.page.locator('.explain h2', { hasText: `${API} → ${INTERNET}` }).waitFor({ timeout: WAIT_MS });
    } finally {
      await panel.close();
    }
  });

  it('narrows the view with the filters', async () => {
    const panel = await fixturePanel();
    try {
      await panel.page.selectOption('select[aria-label=Namespace]', 'payments');
      assert.deepEqual(await panel.rowIds(), [GATEWAY, INTERNET]);
      assert.deepEqual(await panel.colIds(), [GATEWAY, INTERNET]);
      await panel.page.selectOption('select[aria-label=Namespace]', '');

      // "Who can reach db on 5432/TCP?"
      await panel.page.selectOption('select[aria-label="Filters apply to"]', 'destinations');
      await panel.page.fill('input[aria-label="Filter by name or label"]', 'db');
      await panel.page.fill('input[aria-label="Port and protocol"]', '5432/TCP');
      assert.deepEqual(await panel.colIds(), [DB]);
      assert.equal((await panel.rowIds()).length, 5);
      const reach: Record<string, string | null> = {};
      for (const from of [GATEWAY, API, DB, FRONTEND, INTERNET]) reach[from] = await panel.cell(from, DB).getAttribute('data-verdict');
      assert.deepEqual(reach, { [GATEWAY]: 'allowed', [API]: 'allowed', [DB]: 'denied', [FRONTEND]: 'denied', [INTERNET]: 'denied' });

      // DNS from the gateway, and a bad port is flagged, not applied.
      await panel.page.selectOption('select[aria-label="Filters apply to"]', 'both');
      await panel.page.fill('input[aria-label="Filter by name or label"]', '');
      await panel.page.fill('input[aria-label="Port and protocol"]', '53/udp');
      assert.equal(await panel.cell(GATEWAY, INTERNET).getAttribute('data-verdict'), 'allowed');
      await panel.page.fill('input[aria-label="Port and protocol"]', '99999');
      assert.equal(await panel.page.getAttribute('input[aria-label="Port and protocol"]', 'aria-invalid'), 'true');
      assert.equal(await panel.cell(GATEWAY, INTERNET).getAttribute('data-verdict'), 'partly');

      await panel.page.fill('input[aria-label="Port and protocol"]', '');
      await panel.page.check('#only-isolated');
      assert.deepEqual(await panel.rowIds(), [GATEWAY, API, DB, FRONTEND, INTERNET]);

      // A code lens asks for one workload: every source, that destination.
      await panel.send({ type: 'focus', endpoint: FRONTEND });
      await panel.page.waitForFunction((id) => document.querySelectorAll('.colhead[aria-label]').length === 1 && document.querySelector('.colhead[aria-label]')?.getAttribute('aria-label') === id, FRONTEND);
      assert.equal(await panel.page.inputValue('input[aria-label="Filter by name or label"]'), FRONTEND);
      assert.equal((await panel.rowIds()).length, 5);
    } finally {
      await panel.close();
    }
  });

  it('follows edits, keeps the selection, and highlights the cells that changed since the save', async () => {
    const panel = await fixturePanel();
    try {
      await panel.cell(FRONTEND, API).click();
      await panel.page.locator('.explain h2', { hasText: `${FRONTEND} → ${API}` }).waitFor({ timeout: WAIT_MS });
      // An unsaved edit: db-from-api's first rule now opens 5433 instead of 5432.
      const edited = { ...files, 'policies.yaml': files['policies.yaml']!.replace('- port: 5432\n    - from:', '- port: 5433\n    - from:') };
      assert.notEqual(edited['policies.yaml'], files['policies.yaml']);
      await panel.sendModel(modelOf(2, edited, files));

      assert.equal(await panel.cell(API, DB).getAttribute('data-changed'), 'true');
      assert.equal(await panel.cell(API, DB).getAttribute('data-verdict'), 'partly');
      assert.match((await panel.cell(API, DB).getAttribute('aria-label')) ?? '', /5433\/TCP \(changed since last save\)/);
      assert.equal(await panel.page.locator('.cell[data-changed]').count(), 1);
      assert.match((await panel.page.locator('.status').textContent()) ?? '', /1 cell changed by 1 unsaved file/);
      // The selection survived the update.
      assert.equal(await panel.cell(FRONTEND, API).getAttribute('aria-selected'), 'true');
      assert.equal(await panel.page.locator('.explain h2').textContent(), `${FRONTEND} → ${API}`);

      await panel.cell(API, DB).click();
      await panel.page.locator('.changed-note', { hasText: 'was 5432/TCP, now 5433/TCP' }).waitFor({ timeout: WAIT_MS });

      await panel.page.check('#only-changed');
      assert.deepEqual(await panel.rowIds(), [API]);
      assert.deepEqual(await panel.colIds(), [DB]);

      // Saved: the model comes without a saved state and the highlight goes.
      await panel.sendModel(modelOf(3, edited));
      assert.equal(await panel.page.locator('.cell[data-changed]').count(), 0);
    } finally {
      await panel.close();
    }
  });

  it('lists user-added address blocks and rejects what is not one', async () => {
    const panel = await fixturePanel();
    try {
      const input = panel.page.locator('input[aria-label="External address or CIDR to add"]');
      await input.fill('10.0.0.1/8');
      await input.press('Enter');
      await panel.page.locator('.chip', { hasText: '10.0.0.0/8' }).waitFor({ timeout: WAIT_MS });
      assert.deepEqual((await panel.colIds()).slice(-2), [INTERNET, '10.0.0.0/8']);
      assert.equal(await panel.cell('10.0.0.0/8', FRONTEND).getAttribute('data-verdict'), 'allowed');
      assert.equal(await panel.cell('10.0.0.0/8', API).getAttribute('data-verdict'), 'denied');
      await input.fill('not-an-address');
      await input.press('Enter');
      await panel.page.locator('.externals .error', { hasText: 'is not an IP address or CIDR' }).waitFor({ timeout: WAIT_MS });
    } finally {
      await panel.close();
    }
  });

  it('restores filters, external endpoints and the selection after a reload', async () => {
    const first = await fixturePanel();
    let state: unknown;
    try {
      await first.page.fill('input[aria-label="Filter by name or label"]', 'shop/');
      await first.page.fill('input[aria-label="External address or CIDR to add"]', '192.168.0.0/16');
      await first.page.press('input[aria-label="External address or CIDR to add"]', 'Enter');
      await first.cell(API, DB).click();
      await first.page.waitForFunction(() => {
        const s = (window as unknown as { __kubeNetlensState?: { selection?: unknown; externals?: string[] } }).__kubeNetlensState;
        return !!s?.selection && (s.externals?.length ?? 0) > 0;
      });
      state = await first.savedState();
    } finally {
      await first.close();
    }
    const second = await fixturePanel({ state });
    try {
      assert.equal(await second.page.inputValue('input[aria-label="Filter by name or label"]'), 'shop/');
      assert.deepEqual(await second.rowIds(), [API, DB, FRONTEND]);
      await second.page.locator('.chip', { hasText: '192.168.0.0/16' }).waitFor({ timeout: WAIT_MS });
      assert.equal(await second.page.locator('.explain h2').textContent(), `${API} → ${DB}`);
      assert.equal(await second.cell(API, DB).getAttribute('aria-selected'), 'true');
    } finally {
      await second.close();
    }
  });

  it('draws the graph with namespaces, port labels and isolation, and exports it', async () => {
    const panel = await fixturePanel();
    try {
      await panel.page.click('#tab-graph');
      const graph = panel.page.locator('svg.graph');
      await graph.waitFor({ timeout: WAIT_MS });
      assert.equal(await graph.locator('g.node').count(), 5);
      assert.equal(await graph.locator('g.node.isolated').count(), 4);
      assert.deepEqual(await graph.locator('.cluster-label').allTextContents(), ['namespace payments', 'namespace shop', 'external']);
      const edge = graph.locator(`g.edge[data-from="${GATEWAY}"][data-to="${DB}"]`);
      assert.equal(await edge.locator('.edge-label').textContent(), '5432/TCP');
      // Denied pairs have no edge.
      assert.equal(await graph.locator(`g.edge[data-from="${FRONTEND}"][data-to="${DB}"]`).count(), 0);
      // The edge is a thin line: dispatching the click tests the wiring without aiming at pixels.
      await edge.dispatchEvent('click');
      await panel.page.locator('.explain h2', { hasText: `${GATEWAY} → ${DB}` }).waitFor({ timeout: WAIT_MS });

      await panel.page.click('button[data-export=svg]');
      const svg = await panel.waitForMessage((m): m is Extract<PanelToHost, { type: 'export' }> => m.type === 'export' && m.format === 'svg');
      assert.match(svg.content, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.match(svg.content, /namespace shop/);
      assert.ok(!svg.content.includes('class='), 'colours are written in, not left to the panel’s stylesheet');

      await panel.page.click('button[data-export=mermaid]');
      const mermaid = await panel.waitForMessage((m): m is Extract<PanelToHost, { type: 'export' }> => m.type === 'export' && m.format === 'mermaid');
      assert.match(mermaid.content, /^flowchart LR\n {2}subgraph ns0\["payments"\]/);
    } finally {
      await panel.close();
    }
  });

  it('exports the shown matrix as CSV and Markdown', async () => {
    const panel = await fixturePanel();
    try {
      await panel.page.selectOption('select[aria-label=Namespace]', 'shop');
      await panel.page.click('button[data-export=csv]');
      const csv = await panel.waitForMessage((m): m is Extract<PanelToHost, { type: 'export' }> => m.type === 'export' && m.format === 'csv');
      const lines = csv.content.split('\r\n');
      assert.equal(lines[0], 'from,to,ports');
      assert.ok(lines.includes(`${FRONTEND},${API},8080/TCP`));
      assert.ok(lines.includes(`${INTERNET},${FRONTEND},8080/TCP`));
      assert.ok(!csv.content.includes(GATEWAY));
      await panel.page.click('button[data-export=markdown]');
      const md = await panel.waitForMessage((m): m is Extract<PanelToHost, { type: 'export' }> => m.type === 'export' && m.format === 'markdown');
      assert.match(md.content, /\| shop\/Deployment\/api \| - \| 5432\/TCP \| - \| all \|/);
    } finally {
      await panel.close();
    }
  });

  it('shows a manifest’s <img onerror> as text and never runs it', async () => {
    const panel = await PanelPage.open(browser, server);
    try {
      const hostile = {
        'evil.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: "${XSS}"
  namespace: shop
spec:
  template:
    metadata:
      labels:
        app: "${XSS}"
    spec:
      containers:
        - name: x
          image: x
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: "<script>alert(2)</script>"
  namespace: shop
spec:
  podSelector: {}
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: "<b onmouseover=alert(3)>"
`,
      };
      await panel.sendModel(modelOf(1, hostile));
      const id = `shop/Deployment/${XSS}`;
      await panel.page.locator('.rowname', { hasText: XSS }).waitFor({ timeout: WAIT_MS });
      assert.ok(await panel.page.getByText(XSS, { exact: true }).first().isVisible());
      await panel.cell(id, id).click();
      await panel.page.locator('.explain h2').waitFor({ timeout: WAIT_MS });
      assert.equal(await panel.page.locator('.explain h2').textContent(), `${id} → ${id}`);
      const explanation = (await panel.page.locator('.explain').textContent()) ?? '';
      assert.ok(explanation.includes('shop/<script>alert(2)</script>'), explanation);
      assert.ok(explanation.includes('<b onmouseover=alert(3)>') || explanation.includes('app=<b onmouseover=alert(3)>'), explanation);
      // No element was made from the payloads.
      assert.equal(await panel.page.locator('img, b, #app script').count(), 0);
      await panel.page.click('#tab-graph');
      await panel.page.locator('svg.graph').waitFor({ timeout: WAIT_MS });
      assert.equal(await panel.page.locator('svg img, svg foreignObject').count(), 0);
      assert.deepEqual(panel.dialogs, []);
    } finally {
      await panel.close();
    }
  });

  it('lets its Content-Security-Policy block injected inline script and handlers', async () => {
    const panel = await fixturePanel();
    try {
      const result = await panel.page.evaluate(async () => {
        const w = window as unknown as { __inlineRan?: boolean; __handlerRan?: boolean };
        const violations: string[] = [];
        const seen = new Promise<void>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => {
            violations.push(e.effectiveDirective);
            if (violations.length >= 2) resolve();
          });
        });
        const script = document.createElement('script');
        script.textContent = 'window.__inlineRan = true;';
        document.body.appendChild(script);
        const div = document.createElement('div');
        div.setAttribute('onclick', 'window.__handlerRan = true');
        document.body.appendChild(div);
        div.click();
        await seen;
        return { violations, inlineRan: w.__inlineRan === true, handlerRan: w.__handlerRan === true };
      });
      assert.equal(result.inlineRan, false);
      assert.equal(result.handlerRan, false);
      assert.ok(result.violations.some((d) => d.startsWith('script-src')), JSON.stringify(result.violations));
      assert.deepEqual(panel.dialogs, []);
    } finally {
      await panel.close();
    }
  });

  it('ignores malformed messages from the host and logs them', async () => {
    const panel = await fixturePanel();
    try {
      const broken = JSON.parse(JSON.stringify(modelOf(9, files))) as { current: { workloads: { labels: unknown }[] } };
      broken.current.workloads[0]!.labels = { app: 42 };
      for (const message of ['model', null, { type: 'model', model: { generation: 'x' } }, { type: 'explode' }, { type: 'model', model: broken }]) {
        await panel.send(message);
      }
      // Messages are handled in order: once this one shows, the others were seen.
      await panel.send({ type: 'status', text: 'still here' });
      await panel.page.locator('.status', { hasText: 'still here' }).waitFor({ timeout: WAIT_MS });
      assert.equal(await panel.page.getAttribute('#app', 'data-generation'), '1');
      assert.equal(await panel.cell(API, DB).getAttribute('data-verdict'), 'allowed');
      const warnings = panel.console.filter((m) => m.type() === 'warning' && m.text().includes('ignored a message'));
      assert.equal(warnings.length, 5, warnings.map((m) => m.text()).join('\n'));
      assert.ok(warnings.some((m) => m.text().includes('model.current.workloads[0].labels.app: expected a string')));
    } finally {
      await panel.close();
    }
  });

  it('stays fluid at 300 workloads × 100 policies (measured, not asserted)', async (t) => {
    const m = await measurePanel(browser, server);
    const ms = (x: { wallMs: number; cpuMs: number }) => `${x.wallMs.toFixed(0)} ms (main thread ${x.cpuMs.toFixed(0)} ms)`;
    t.diagnostic(
      `${m.workloads} workloads × ${m.policies} policies: first render ${ms(m.firstRender)}, first edit after a save ${ms(m.firstEdit)}, ` +
        `keystroke ${ms(m.keystroke)}; ${m.renderedCells} cells in the DOM; ${m.changedCells} cells changed`,
    );
    // What is asserted is behaviour, not speed: virtualised, scroll kept, the edit's cells found.
    assert.equal(m.workloads, 300);
    assert.equal(m.policies, 100);
    assert.ok(m.renderedCells < 5000, `${m.renderedCells} cells in the DOM: the grid is not virtualised`);
    assert.ok(m.scrollKept, 'the scroll position survives an update');
    assert.ok(m.changedCells > 0);
  });

  it('saves a screenshot for the README', async () => {
    const panel = await PanelPage.open(browser, server, { width: 1280, height: 720 });
    try {
      await panel.page.addStyleTag({ url: `${server.origin}/test-theme/dark.css` });
      await panel.page.evaluate(() => document.body.classList.add('vscode-dark'));
      const edited = { ...files, 'policies.yaml': files['policies.yaml']!.replace('- port: 5432\n    - from:', '- port: 5433\n    - from:') };
      await panel.sendModel(modelOf(1, edited, files));
      await panel.cell(GATEWAY, API).click();
      await panel.page.locator('.explain h2').waitFor({ timeout: WAIT_MS });
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await panel.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'panel.png') });
      await panel.page.click('#tab-graph');
      await panel.page.locator('svg.graph').waitFor({ timeout: WAIT_MS });
      await panel.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'panel-graph.png') });
    } finally {
      await panel.close();
    }
  });
});
