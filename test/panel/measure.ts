// Times the panel in the browser on the synthetic 300-workload × 100-policy workspace: the first
// render of a model, the first edit after a save (the saved state is evaluated too), and a further
// keystroke (saved state cached). Each time runs from posting the message to the second animation
// frame after the panel marked the generation rendered, so layout and the first paint are included.

import type { Browser, CDPSession } from 'playwright-core';
import type { HostToPanel, PanelModel } from '../../server/src/reachability/protocol';
import { benchEdit, benchFiles } from './benchWorkspace';
import { modelOfInputs, PanelPage, worldInputOf, type PanelServer } from './harness';

/** Keystrokes timed per run; the median is reported. */
const KEYSTROKES = 5;

export interface PanelTimings {
  workloads: number;
  policies: number;
  firstRender: Timed;
  firstEdit: Timed;
  /** Median (by wall time) of several keystrokes after the first edit. */
  keystroke: Timed;
  /** Cells in the DOM after the update (virtualised: only those in view). */
  renderedCells: number;
  /** The changed cells the update reported. */
  changedCells: number;
  /** The scroll position survived the updates. */
  scrollKept: boolean;
}

type ModelMessage = Extract<HostToPanel, { type: 'model' }>;

export interface Timed {
  /** Wall clock from posting to the second frame after the render. */
  wallMs: number;
  /** Main-thread task time in that span (scripts, style, layout, paint): what the machine's load does not inflate. */
  cpuMs: number;
}

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

async function timedModel(panel: PanelPage, cdp: CDPSession, message: ModelMessage): Promise<Timed> {
  // Handed over first, so the harness's own transfer of the message is not counted.
  await panel.page.evaluate((m) => {
    (window as unknown as { __knPending?: unknown }).__knPending = m;
  }, message);
  const before = await taskSeconds(cdp);
  const wallMs = await panel.page.evaluate(async (generation) => {
    const app = document.getElementById('app')!;
    const rendered = new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        if (app.getAttribute('data-generation') === String(generation)) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(app, { attributes: true, attributeFilter: ['data-generation'] });
    });
    const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    const start = performance.now();
    window.postMessage((window as unknown as { __knPending?: unknown }).__knPending, '*');
    await rendered;
    await frame();
    await frame();
    return performance.now() - start;
  }, message.model.generation);
  const after = await taskSeconds(cdp);
  return { wallMs, cpuMs: (after - before) * 1000 };
}

export async function measurePanel(browser: Browser, server: PanelServer): Promise<PanelTimings> {
  const files = benchFiles();
  const edited = benchEdit(files);
  const saved = worldInputOf(files);
  // Every keystroke makes a state not seen before, as typing does (no cached evaluation helps).
  const typed = Array.from({ length: KEYSTROKES }, (_, k) => worldInputOf({ ...edited, 'ns-03.yaml': edited['ns-03.yaml']!.replace('- port: 8081', `- port: ${8100 + k}`) }));
  const models: PanelModel[] = [modelOfInputs(1, saved, null), modelOfInputs(2, worldInputOf(edited), saved, ['ns-03.yaml'])];
  const panel = await PanelPage.open(browser, server, { width: 1280, height: 800 });
  try {
    const cdp = await panel.page.context().newCDPSession(panel.page);
    await cdp.send('Performance.enable');
    const firstRender = await timedModel(panel, cdp, { type: 'model', model: models[0]! });
    const grid = panel.page.locator('[role=grid]');
    // Scrolled into the middle (and drawn there) before the updates, which must keep the position.
    await grid.evaluate(async (g) => {
      g.scrollTop = 3000;
      g.scrollLeft = 2000;
      for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    });
    const before = await grid.evaluate((g) => [g.scrollTop, g.scrollLeft]);
    const firstEdit = await timedModel(panel, cdp, { type: 'model', model: models[1]! });
    // Typing on: each keystroke changes the policy again; the saved state is unchanged, so the host leaves it out.
    const keystrokes: Timed[] = [];
    for (let k = 0; k < KEYSTROKES; k++) {
      const model = modelOfInputs(3 + k, typed[k]!, saved, ['ns-03.yaml']);
      keystrokes.push(await timedModel(panel, cdp, { type: 'model', model: { ...model, saved: null }, savedUnchanged: true }));
    }
    const keystroke = [...keystrokes].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(KEYSTROKES / 2)]!;
    const afterScroll = await grid.evaluate((g) => [g.scrollTop, g.scrollLeft]);
    const status = (await panel.page.locator('.status').textContent()) ?? '';
    return {
      workloads: models[0]!.current.workloads.length,
      policies: models[0]!.current.policies.length,
      firstRender,
      firstEdit,
      keystroke,
      renderedCells: await panel.page.locator('.cell').count(),
      changedCells: Number(/(\d+) cells? changed/.exec(status)?.[1] ?? -1),
      scrollKept: before[0] === afterScroll[0] && before[1] === afterScroll[1],
    };
  } finally {
    await panel.close();
  }
}
