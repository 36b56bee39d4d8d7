// Runs the built reachability panel in Debian's Chromium: a local HTTP server on 127.0.0.1 serves
// the page exactly as the extension host writes it (panelHtml) plus the bundle, a typed stand-in
// for acquireVsCodeApi is injected before the bundle runs, and the Node side plays the host.

import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { panelHtml } from '../../server/src/reachability/html';
import type { HostToPanel, PanelModel, PanelToHost, PanelWorldInput } from '../../server/src/reachability/protocol';
import { inputFingerprint } from '../../server/src/reachability/fingerprint';
import { panelWorldInput } from '../../server/src/reachability/worldInput';
import { installFakeVsCodeApi, type FakeHostGlobals } from './fakeVsCodeApi';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const CHROMIUM = process.env['KUBE_NETLENS_CHROMIUM'] ?? '/usr/bin/chromium';
export const BUNDLE_DIR = path.join(REPO_ROOT, 'dist', 'media');
export const FIXTURE_DIR = path.join(REPO_ROOT, 'test', 'panel', 'fixtures', 'workspace');
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'screenshots');
/** Generous: the machine is shared; waits end as soon as their condition holds. */
export const WAIT_MS = 20_000;

/** Why the browser tests cannot run here, or undefined when they can. */
export function skipReason(): string | undefined {
  if (!existsSync(CHROMIUM)) return `Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) to run the panel's browser tests`;
  if (!existsSync(path.join(BUNDLE_DIR, 'panel.js'))) return 'dist/media/panel.js is missing: run node scripts/build.mjs first';
  return undefined;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/** Serves the panel page and its bundle; each page load gets a fresh nonce, as in the host. */
export class PanelServer {
  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<PanelServer> {
    let origin = '';
    const server = createServer((req, res) => {
      void (async () => {
        const url = new URL(req.url ?? '/', origin);
        if (url.pathname === '/') {
          const nonce = randomBytes(16).toString('base64');
          const html = panelHtml({ cspSource: origin, nonce, scriptUri: `${origin}/dist/media/panel.js`, styleUri: `${origin}/dist/media/panel.css` });
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
          return;
        }
        const file =
          url.pathname.startsWith('/dist/media/') ? path.join(BUNDLE_DIR, path.basename(url.pathname))
          : url.pathname === '/test-theme/dark.css' ? path.join(REPO_ROOT, 'test', 'panel', 'theme-dark.css')
          : undefined;
        if (!file || !existsSync(file)) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(await fs.readFile(file));
      })().catch(() => res.writeHead(500).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return new PanelServer(server, origin);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** One panel page, with the host's side of the conversation. */
export class PanelPage {
  readonly received: PanelToHost[] = [];
  readonly console: ConsoleMessage[] = [];
  readonly dialogs: string[] = [];
  private waiters: (() => void)[] = [];

  private constructor(readonly page: Page) {}

  static async open(browser: Browser, server: PanelServer, options: { state?: unknown; width?: number; height?: number } = {}): Promise<PanelPage> {
    const page = await browser.newPage({ viewport: { width: options.width ?? 1280, height: options.height ?? 800 } });
    const panel = new PanelPage(page);
    page.on('console', (m) => panel.console.push(m));
    page.on('dialog', (d) => {
      panel.dialogs.push(d.message());
      void d.dismiss();
    });
    await page.exposeFunction('__kubeNetlensHost', (message: PanelToHost) => {
      panel.received.push(message);
      for (const w of panel.waiters) w();
    });
    await page.addInitScript(installFakeVsCodeApi, { state: options.state ?? null });
    await page.goto(server.origin);
    await panel.waitForMessage((m) => m.type === 'ready');
    return panel;
  }

  /** Waits for a message from the panel (one already received counts). */
  waitForMessage<T extends PanelToHost>(match: (m: PanelToHost) => m is T, timeout?: number): Promise<T>;
  waitForMessage(match: (m: PanelToHost) => boolean, timeout?: number): Promise<PanelToHost>;
  waitForMessage(match: (m: PanelToHost) => boolean, timeout = WAIT_MS): Promise<PanelToHost> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.received.find(match);
        if (!found) return false;
        this.waiters = this.waiters.filter((w) => w !== waiter);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const waiter = (): void => void check();
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no matching message from the panel; received: ${JSON.stringify(this.received.map((m) => m.type))}`));
      }, timeout);
      if (!check()) this.waiters.push(waiter);
    });
  }

  /** Posts a message as the host does (window message event); anything, to test validation. */
  async send(message: HostToPanel | unknown): Promise<void> {
    await this.page.evaluate((m) => window.postMessage(m, '*'), message);
  }

  async sendModel(model: PanelModel): Promise<void> {
    await this.send({ type: 'model', model } satisfies HostToPanel);
    await this.page.waitForSelector(`#app[data-generation="${model.generation}"]`, { timeout: WAIT_MS });
  }

  cell(from: string, to: string) {
    return this.page.locator(`.cell[data-from="${cssString(from)}"][data-to="${cssString(to)}"]`);
  }

  /** The endpoint ids of the rows shown now (virtualised: those in view). */
  rowIds(): Promise<string[]> {
    return this.page.locator('.rowhead[aria-label]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  }

  colIds(): Promise<string[]> {
    return this.page.locator('.colhead[aria-label]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  }

  savedState(): Promise<unknown> {
    return this.page.evaluate(() => (window as unknown as FakeHostGlobals).__kubeNetlensState);
  }

  close(): Promise<void> {
    return this.page.close();
  }
}

/** A value for a double-quoted CSS attribute selector. */
export function cssString(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

// --- models -------------------------------------------------------------------------------------

export function fixtureFiles(dir = FIXTURE_DIR): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.yaml')) out[name] = readFileSync(path.join(dir, name), 'utf8');
  }
  return out;
}

export const FIXTURE_URI_BASE = 'file:///workspace/';

/** The world input the server would send for these files (same code path: index → panelWorldInput). */
export function worldInputOf(files: Record<string, string>): PanelWorldInput {
  const index = new WorkspaceIndex();
  for (const [name, text] of Object.entries(files)) index.update(`${FIXTURE_URI_BASE}${name}`, text);
  return panelWorldInput(index.allFiles());
}

/** A model as the server builds it: current files, and the saved ones when they differ. */
export function modelOf(generation: number, current: Record<string, string>, saved?: Record<string, string>): PanelModel {
  return modelOfInputs(generation, worldInputOf(current), saved ? worldInputOf(saved) : null, saved ? Object.keys(current).filter((k) => current[k] !== saved[k]) : []);
}

export function modelOfInputs(generation: number, current: PanelWorldInput, saved: PanelWorldInput | null, unsavedFiles: string[] = []): PanelModel {
  return { generation, current, currentKey: inputFingerprint(current), saved, savedKey: saved ? inputFingerprint(saved) : '', unsavedFiles };
}
