// Measures the reachability panel in Debian's Chromium on a synthetic workspace of 300 workloads and
// 100 NetworkPolicies: first render, the first edit after a save, and further keystrokes.
// Usage: npx tsc -b && node scripts/build.mjs && node bench/panel.mjs [runs]  (default 5 runs; medians printed)

import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

const require = createRequire(import.meta.url);
const harness = '../out/test/panel/harness.js';
if (!existsSync(new URL(harness, import.meta.url))) {
  console.error('Build first: npx tsc -b && node scripts/build.mjs');
  process.exit(2);
}
const { launchBrowser, PanelServer, skipReason } = require(harness);
const { measurePanel } = require('../out/test/panel/measure.js');

const skip = skipReason();
if (skip) {
  console.error(skip);
  process.exit(2);
}

const runs = Number(process.argv[2] ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const server = await PanelServer.start();
const browser = await launchBrowser();
const results = [];
try {
  // One warm-up run: the first page of a fresh browser also compiles the bundle.
  await measurePanel(browser, server);
  for (let i = 0; i < runs; i++) results.push(await measurePanel(browser, server));
} finally {
  await browser.close();
  await server.stop();
}
const r = results[0];
const { loadavg, cpus } = await import('node:os');
console.log(`Reachability panel, ${r.workloads} workloads × ${r.policies} policies, ${runs} runs (median, min–max); ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)}:`);
console.log('  (wall: posting the model to the second frame after it is drawn; cpu: the page main thread\'s task time in that span)');
for (const [key, label, target] of [
  ['firstRender', 'first render', 500],
  ['firstEdit', 'first edit after a save', 100],
  ['keystroke', 'keystroke (median of 5)', 100],
]) {
  const wall = results.map((x) => x[key].wallMs);
  const cpu = results.map((x) => x[key].cpuMs);
  console.log(
    `  ${label.padEnd(26)} wall ${median(wall).toFixed(0).padStart(4)} ms (${Math.min(...wall).toFixed(0)}–${Math.max(...wall).toFixed(0)}), cpu ${median(cpu).toFixed(0).padStart(4)} ms (${Math.min(...cpu).toFixed(0)}–${Math.max(...cpu).toFixed(0)}); target < ${target} ms`,
  );
}
console.log(`  cells in the DOM: ${r.renderedCells}; cells changed by the edit: ${r.changedCells}; scroll kept: ${results.every((x) => x.scrollKept)}`);
