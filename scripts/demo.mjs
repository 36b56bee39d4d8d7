#!/usr/bin/env node
// `npm run demo`: one command from a fresh clone to kube-netlens running in a real VS Code.
// Installs what is missing (Debian packages when root, npm packages, code-server into its cache),
// builds and packages the extension, starts code-server on 127.0.0.1 with the .vsix installed and
// the examples open, prints the URL, and on Ctrl-C stops it and removes its temp folders.
//
//   --port N     listen on N (default 8080, or a free port when 8080 is taken)
//   --in-place   open examples/ itself instead of a throwaway copy (edits then change the repository)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const portArg = args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : undefined;
const inPlace = args.includes('--in-place');

function step(message) {
  console.log(`\n› ${message}`);
}

function run(cmd, cmdArgs, what) {
  const r = spawnSync(cmd, cmdArgs, { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status ?? r.signal})`);
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function main() {
  if (process.platform === 'linux') {
    step('System packages (chromium, neovim, ripgrep, libkrb5-dev, build tools)');
    run('bash', [path.join(repoRoot, 'scripts', 'install-system-deps.sh')], 'scripts/install-system-deps.sh');
  }
  if (!existsSync(path.join(repoRoot, 'node_modules', '@vscode', 'vsce'))) {
    step('npm packages');
    run('npm', ['ci', '--no-audit', '--no-fund'], 'npm ci');
  }
  // Imported only now: they need the npm packages installed above.
  const { buildAndPackage } = await import('./package.mjs');
  const cs = await import('./code-server.mjs');

  step('Build and package the extension');
  const vsix = await buildAndPackage();

  step(`code-server ${cs.CODE_SERVER_VERSION}`);
  const entry = cs.ensureCodeServer({ log: (m) => console.log(m) });

  const profile = cs.makeProfile({ 'editor.lightbulb.enabled': 'on' });
  let workspaceCopy;
  let folder = path.join(repoRoot, 'examples');
  if (!inPlace) {
    workspaceCopy = cs.shortTempDir('knl-demo-');
    folder = path.join(workspaceCopy, 'examples');
    cpSync(path.join(repoRoot, 'examples'), folder, { recursive: true });
  }
  const cleanUpFolders = () => {
    if (workspaceCopy) rmSync(workspaceCopy, { recursive: true, force: true });
  };

  let server;
  try {
    cs.installExtension(entry, profile, vsix);
    const port = portArg ?? ((await portIsFree(8080)) ? 8080 : 0);
    server = await cs.startCodeServer({ entry, profile, port });
  } catch (e) {
    rmSync(profile.dirs.root, { recursive: true, force: true });
    cleanUpFolders();
    throw e;
  }

  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping code-server…');
    await server.stop();
    cleanUpFolders();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  server.exited.then(({ code, signal }) => {
    if (stopping) return;
    console.error(`code-server exited (${code ?? signal}):\n${server.output.join('').slice(-4000)}`);
    void stop(1);
  });

  const url = cs.workbenchUrl(server.url, folder);
  console.log(`
Kubernetes Network Lens is running in VS Code (code-server ${cs.CODE_SERVER_VERSION}) with the packaged
${path.basename(vsix)} and ${inPlace ? 'examples/' : `a copy of examples/ (${folder}; discarded on exit)`} open:

    ${url}

Open a manifest to see its problems, hover a selector, F12 on a Service name, or run
"Kubernetes Network Lens: Show Reachability" from the command palette. Press Ctrl-C to stop.`);
}

main().catch((e) => {
  console.error(`\nThe demo could not start: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
