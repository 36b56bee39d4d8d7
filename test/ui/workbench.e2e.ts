// Drives the real VS Code workbench (code-server) like a person would, with headless chromium: the
// packaged extension on a copy of examples/, a fresh profile. Every step waits on the DOM; each saves a
// screenshot to test-results/screenshots/. A feature the packaged server does not offer is skipped
// with the reason.

import { after, before, beforeEach, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ServerCapabilities } from 'vscode-languageserver-protocol';
import { chromiumMissing, launchChromium } from '../e2e/lib/browser';
import { copyExamples, loadCodeServer, packagedVsix, screenshotsDir, type CodeServerModule } from '../e2e/lib/paths';
import { positionIn, SCENARIO, type Spot } from '../e2e/lib/scenario';
import { missingCapability, serverCapabilities } from '../e2e/lib/serverProbe';

type Running = Awaited<ReturnType<CodeServerModule['startCodeServer']>>;

const STEP_TIMEOUT_MS = 60_000;
const unavailable = chromiumMissing();

let server: Running | undefined;
let browser: Browser | undefined;
let page: Page;
let workspace = '';
let installed = ''; // the extension folder code-server unpacked from the .vsix
let capabilities: ServerCapabilities = {};
let commands: string[] = [];
let tmp = '';
const started = Date.now();

async function shot(name: string): Promise<void> {
  mkdirSync(screenshotsDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotsDir, `ui-${name}.png`) });
}

/** Waits until the active editor shows `rel`: its tab, and the folders in its breadcrumbs. */
async function activeFileIs(rel: string): Promise<void> {
  await page.locator(`.tabs-container .tab.active[data-resource-name="${path.basename(rel)}"]`).waitFor();
  await page.waitForFunction(
    (dir) =>
      Array.from(document.querySelectorAll('.breadcrumbs-control .monaco-breadcrumb-item'))
        .map((e) => e.textContent?.trim())
        .join('/')
        .includes(dir),
    path.dirname(rel),
  );
}

/** Opens a workspace file through Quick Open, as a person would type it and pick it. */
async function quickOpen(rel: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(rel);
  // Several files share a name (service.yaml): pick the row that shows this one's folder too.
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(rel) }).filter({ hasText: path.dirname(rel) });
  await row.first().click();
  await activeFileIs(rel);
  await page.locator('.editor-instance .monaco-editor.focused').waitFor();
}

/** Puts the cursor on a spot with Go to Line (line:column, 1-based). */
async function goTo(spot: Spot): Promise<void> {
  const { line, character } = positionIn(readFileSync(path.join(workspace, spot.file), 'utf8'), spot);
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  // Go to Line is Quick Open in ':' mode: keep the prefix.
  await input.fill(`:${line + 1}:${character + 1}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
  await page.locator('.editor-instance .monaco-editor.focused').waitFor();
}

async function runCommand(title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

function activeEditor() {
  return page.locator('.editor-instance .monaco-editor').first();
}

before(async () => {
  if (unavailable) return;
  const cs = await loadCodeServer();
  const entry = cs.ensureCodeServer();
  tmp = cs.shortTempDir('knl-ui-');
  workspace = copyExamples(tmp);
  // The light bulb is off by default in this build of the workbench; a person would see it with 'on'.
  // No animations: screenshots show finished widgets, not fading ones.
  const profile = cs.makeProfile({ 'editor.lightbulb.enabled': 'on', 'workbench.reduceMotion': 'on' });
  cs.installExtension(entry, profile, packagedVsix());
  const folder = readdirSync(profile.dirs.extensions).find((n) => n.startsWith('kube-netlens.kube-netlens-'));
  assert.ok(folder, 'the .vsix did not install');
  installed = path.join(profile.dirs.extensions, folder);
  capabilities = await serverCapabilities(path.join(installed, 'dist', 'server.js'), workspace);
  const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as { contributes?: { commands?: { command: string }[] } };
  commands = (manifest.contributes?.commands ?? []).map((c) => c.command);

  server = await cs.startCodeServer({ entry, profile });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  await page.goto(cs.workbenchUrl(server.url, workspace));
  await page.locator('.monaco-workbench').waitFor();
  // The extension is up once its status bar item counts the indexed resources.
  await page.locator('.statusbar-item', { hasText: /K8s \d+/ }).first().waitFor();
});

// A step that failed half-way may leave a menu or widget open: close it so the next starts clean.
beforeEach(async () => {
  if (unavailable || !page) return;
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
});

after(async () => {
  await browser?.close().catch(() => undefined);
  await server?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  if (!unavailable) console.log(`# UI run: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

test('a manifest opened with Quick Open shows its squiggle and a Problems entry', { skip: unavailable }, async () => {
  const spot = SCENARIO.quickFix;
  await quickOpen(spot.file);
  await activeEditor().locator('.squiggly-warning, .squiggly-error').first().waitFor();
  await page.keyboard.press('Control+Shift+M');
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: spot.rule });
  await row.first().waitFor();
  assert.match((await row.first().innerText()).replace(/\s+/g, ' '), /pyments/);
  await shot('problems');
});

test('hovering a Service selector lists the workloads it selects', { skip: unavailable }, async (t) => {
  const missing = missingCapability(capabilities, 'hoverProvider');
  if (missing) return t.skip(missing);
  await quickOpen(SCENARIO.hover.file);
  await goTo(SCENARIO.hover);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I'); // Show Hover
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents').first();
  await hover.waitFor();
  const text = await hover.innerText();
  for (const part of SCENARIO.hover.mustInclude) assert.ok(text.includes(part), `hover lacks '${part}':\n${text}`);
  await shot('hover');
  await page.keyboard.press('Escape');
});

test('F12 on an Ingress backend opens the Service', { skip: unavailable }, async (t) => {
  const missing = missingCapability(capabilities, 'definitionProvider');
  if (missing) return t.skip(missing);
  await quickOpen(SCENARIO.definition.file);
  await goTo(SCENARIO.definition);
  await page.keyboard.press('F12');
  const target = SCENARIO.definition.target;
  await activeFileIs(target);
  await shot('definition');
});

test('the light bulb applies the selector quick fix and the squiggle goes', { skip: unavailable }, async (t) => {
  const missing = missingCapability(capabilities, 'codeActionProvider');
  if (missing) return t.skip(missing);
  const spot = SCENARIO.quickFix;
  await quickOpen(spot.file);
  await goTo(spot);
  const bulb = page.locator('.lightBulbWidget');
  await bulb.waitFor();
  await bulb.click();
  // The menu opens with the preferred fix selected; it takes Enter (a pointer block guards clicks).
  const item = page.locator('.action-widget .monaco-list-row.action.focused', { hasText: spot.titleIncludes });
  await item.waitFor();
  await shot('quick-fix-menu');
  await page.keyboard.press('Enter');
  await activeEditor().locator('.view-lines', { hasText: spot.titleIncludes }).waitFor();
  await activeEditor().locator('.squiggly-warning, .squiggly-error').first().waitFor({ state: 'detached' });
  await page.locator('.markers-panel .monaco-list-row', { hasText: spot.rule }).first().waitFor({ state: 'detached' });
  await shot('quick-fix-applied');
});

test("the reachability panel explains a cell in its webview", { skip: unavailable }, async (t) => {
  const { command } = SCENARIO.reachability;
  if (!commands.includes(command)) return t.skip(`the packaged extension does not contribute ${command} yet`);
  // Give the panel the full height: hide the Problems area the first step opened.
  if (await page.locator('.part.panel').isVisible()) {
    await page.keyboard.press('Control+J');
    await page.locator('.part.panel').waitFor({ state: 'hidden' });
  }
  await runCommand('Show Reachability');
  const panel = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  const { from, to, explanationIncludes } = SCENARIO.reachability.cell;
  const cell = panel.locator(`[role="gridcell"][data-from="${from}"][data-to="${to}"]`);
  await cell.waitFor();
  await cell.click();
  const title = panel.locator('.explain-title');
  await title.waitFor();
  assert.match(await title.innerText(), new RegExp(`${from}\\s*→\\s*${to}`));
  const explanation = (await panel.locator('.explain-body').innerText()).replace(/\s+/g, ' ');
  for (const part of explanationIncludes) assert.ok(explanation.includes(part), `explanation lacks '${part}':\n${explanation}`);
  await shot('reachability');
});
