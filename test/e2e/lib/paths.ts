// Paths the end-to-end layer shares: the repository root (found from the compiled file's location),
// the packaged .vsix, and a throwaway copy of examples/ so no test can change the real files.

import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'kube-netlens') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no kube-netlens package.json above ${start}`);
  }
}

export const repoRoot = findRepoRoot(__dirname);
export const examplesDir = path.join(repoRoot, 'examples');
export const screenshotsDir = path.join(repoRoot, 'test-results', 'screenshots');

/** The .vsix `npm run package` makes (or KUBE_NETLENS_VSIX); a clear error when it is missing. */
export function packagedVsix(): string {
  const { name, version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  const vsix = process.env.KUBE_NETLENS_VSIX ?? path.join(repoRoot, `${name}-${version}.vsix`);
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first (npm run test:e2e does)`);
  return vsix;
}

/** Copies examples/ into a fresh temp folder; returns the copy (its parent is free for reports). */
export function copyExamples(tmpRoot: string): string {
  const parent = mkdtempSync(path.join(tmpRoot, 'ws-'));
  const copy = path.join(parent, 'examples');
  cpSync(examplesDir, copy, { recursive: true });
  return copy;
}

export type CodeServerModule = typeof import('../../../scripts/code-server.mjs', { with: { 'resolution-mode': 'import' } });

/** scripts/code-server.mjs, loaded by absolute path (this file runs from out/). */
export function loadCodeServer(): Promise<CodeServerModule> {
  return import(pathToFileURL(path.join(repoRoot, 'scripts', 'code-server.mjs')).href) as Promise<CodeServerModule>;
}
