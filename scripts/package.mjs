#!/usr/bin/env node
// `npm run package`: type-checks, makes production bundles and packs kube-netlens-<version>.vsix with
// vsce. Dependencies are bundled by esbuild, so none are packed; .vscodeignore whitelists the files.
// The bundles are built into a private staging folder, so a development build writing dist/ at the
// same time cannot end up in the package.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVSIX } from '@vscode/vsce';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The path `npm run package` writes: kube-netlens-<version>.vsix in the repository root. */
export function vsixPath() {
  const { name, version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  return path.join(repoRoot, `${name}-${version}.vsix`);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/** Files copied into the staging folder as they are; .vscodeignore there still decides what ships. */
const STAGED = ['package.json', 'README.md', 'LICENSE', '.vscodeignore', 'images', 'syntaxes'];

export async function buildAndPackage() {
  run(process.execPath, [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-b']);
  mkdirSync(path.join(repoRoot, '.cache'), { recursive: true });
  const stage = mkdtempSync(path.join(repoRoot, '.cache', 'vsix-stage-'));
  try {
    for (const entry of STAGED) cpSync(path.join(repoRoot, entry), path.join(stage, entry), { recursive: true });
    run(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs'), '--production', `--outdir=${path.join(stage, 'dist')}`]);
    const out = vsixPath();
    await createVSIX({ cwd: stage, packagePath: out, dependencies: false });
    return out;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const out = await buildAndPackage();
    console.log(`${path.relative(process.cwd(), out)} (${(statSync(out).size / 1024).toFixed(0)} KB)`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
