// Bundles the shipped entry points with esbuild. Type-checking is `tsc -b` (separate, as esbuild does not type-check).
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

const production = process.argv.includes('--production');
// `--outdir=DIR` writes the bundles elsewhere than dist/ (packaging builds in a staging folder).
const out = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) || 'dist';
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };

const node = { ...common, platform: 'node', format: 'cjs', target: 'node20' };
await Promise.all([
  build({ ...node, entryPoints: ['client/src/extension.ts'], outfile: `${out}/client.js`, external: ['vscode'] }),
  build({ ...node, entryPoints: ['server/src/lsp/main.ts'], outfile: `${out}/server.js`, banner: { js: '#!/usr/bin/env node' } }),
  build({ ...node, entryPoints: ['server/src/cli/main.ts'], outfile: `${out}/cli.js`, banner: { js: '#!/usr/bin/env node' } }),
  // The reachability webview: script and stylesheet, the only files its localResourceRoots allow.
  build({ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['media/panel.ts', 'media/panel.css'], outdir: `${out}/media` }),
]);
chmodSync(`${out}/server.js`, 0o755);
chmodSync(`${out}/cli.js`, 0o755);
