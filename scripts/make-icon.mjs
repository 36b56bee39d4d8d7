#!/usr/bin/env node
// Renders the extension icon (images/icon.png, 128x128) from the SVG below with Debian's chromium.
// The PNG is committed; run this only to change the drawing: `node scripts/make-icon.mjs`.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(repoRoot, 'images', 'icon.png');

// Three pods joined by traffic lines, seen through a lens: a Kubernetes-blue rounded square.
const svg = `
<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
  <rect x="4" y="4" width="120" height="120" rx="24" fill="#326ce5"/>
  <g stroke="#ffffff" stroke-width="5" stroke-linecap="round" opacity="0.85">
    <line x1="34" y1="40" x2="64" y2="88"/>
    <line x1="94" y1="40" x2="64" y2="88"/>
    <line x1="34" y1="40" x2="94" y2="40"/>
  </g>
  <g fill="#ffffff">
    <circle cx="34" cy="40" r="11"/>
    <circle cx="94" cy="40" r="11"/>
    <circle cx="64" cy="88" r="11"/>
  </g>
  <circle cx="64" cy="58" r="22" fill="none" stroke="#ffd54f" stroke-width="7"/>
  <line x1="80" y1="74" x2="100" y2="96" stroke="#ffd54f" stroke-width="9" stroke-linecap="round"/>
</svg>`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  mkdirSync(path.dirname(out), { recursive: true });
  await page.locator('svg').screenshot({ path: out, omitBackground: true });
  console.log(`wrote ${path.relative(repoRoot, out)}`);
} finally {
  await browser.close();
}
