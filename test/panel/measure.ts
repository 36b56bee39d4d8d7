// Times the panel in the browser on the synthetic 300-workload × 100-policy workspace: the first
// render of a model, the first edit after a save (the saved state is evaluated too), and a further
// keystroke (saved state cached). Each time runs from posting the message to the second animation
// frame after the panel marked the generation rendered, so layout and the first paint are included.

import type { Browser } from 'playwright-core';
import type { HostToPanel, PanelModel } from '../../server/src/reachability/protocol';
import { benchEdit, benchFiles } from './benchWorkspace';
import { modelOfInputs, PanelPage, worldInputOf, type PanelServer } from './harness';

/** Keystrokes timed per run; the median is reported. */
const KEYSTROKES = 5;

export interface PanelTimings {
  workloads: number;
  policies: number;
  firstRenderMs: number;
  firstEditMs: number;
  /** Median of several keystrokes after the first edit. */
  keystrokeMs: number;
  /** Cells in the DOM after the update (virtualised: only those in view). */
  renderedCells: number;
  /** The changed cells the update reported. */
  changedCells: number;
  /** The scroll position survived the updates. */
  scrollKept: boolean;
}

type ModelMessage = Extract<HostToPanel, { type: 'model' }>;

async function timedModel(panel: PanelPage, message: ModelMessage): Promise<number> {
  return panel.page.evaluate(async (message) => {
    const m = message.model;
    const app = document.getElementById('app')!;
    const rendered = new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        if (app.getAttribute('data-generation') === String(m.generation)) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(app, { attributes: true, attributeFilter: ['data-generation'] });
    });
    const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    const start = performance.now();
    window.postMessage(message, '*');
    await rendered;
    await frame();
    await frame();
    return performance.now() - start;
  }, message);
}

export async function measurePanel(browser: Browser, server: PanelServer): Promise<PanelTimings> {
  const files = benchFiles();
  const edited = benchEdit(files);
  const again = { ...edited, 'ns-03.yaml': edited['ns-03.yaml']!.replace('- port: 8081', '- port: 8082') };
  const saved = worldInputOf(files);
  const typed = [worldInputOf(again), worldInputOf(edited)];
  const models: PanelModel[] = [modelOfInputs(1, saved, null), modelOfInputs(2, worldInputOf(edited), saved, ['ns-03.yaml'])];
  const panel = await PanelPage.open(browser, server, { width: 1280, height: 800 });
  try {
    const firstRenderMs = await timedModel(panel, { type: 'model', model: models[0]! });
    const grid = panel.page.locator('[role=grid]');
    await grid.evaluate((g) => {
      g.scrollTop = 3000;
      g.scrollLeft = 2000;
    });
    const before = await grid.evaluate((g) => [g.scrollTop, g.scrollLeft]);
    const firstEditMs = await timedModel(panel, { type: 'model', model: models[1]! });
    // Typing on: each keystroke changes the policy again; the saved state is unchanged, so the host leaves it out.
    const keystrokes: number[] = [];
    for (let k = 0; k < KEYSTROKES; k++) {
      const model = modelOfInputs(3 + k, typed[k % 2]!, saved, ['ns-03.yaml']);
      keystrokes.push(await timedModel(panel, { type: 'model', model: { ...model, saved: null }, savedUnchanged: true }));
    }
    const keystrokeMs = [...keystrokes].sort((a, b) => a - b)[Math.floor(KEYSTROKES / 2)]!;
    const afterScroll = await grid.evaluate((g) => [g.scrollTop, g.scrollLeft]);
    const status = (await panel.page.locator('.status').textContent()) ?? '';
    return {
      workloads: models[0]!.current.workloads.length,
      policies: models[0]!.current.policies.length,
      firstRenderMs,
      firstEditMs,
      keystrokeMs,
      renderedCells: await panel.page.locator('.cell').count(),
      changedCells: Number(/(\d+) cells? changed/.exec(status)?.[1] ?? -1),
      scrollKept: before[0] === afterScroll[0] && before[1] === afterScroll[1],
    };
  } finally {
    await panel.close();
  }
}
