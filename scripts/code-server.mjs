#!/usr/bin/env node
// code-server (VS Code's workbench with a Node extension host) for the demo and the end-to-end tests:
// installs it on demand into a cache folder outside the project, and starts it on 127.0.0.1 with a
// fresh profile that lives in a temp folder and is removed on stop.
//
//   node scripts/code-server.mjs install   install into the cache if missing, print the folder
//   node scripts/code-server.mjs path      print the cache folder (installed or not)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, copyFileSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3'; // the newest whose `engines` accept Node 20

// code-server 4.100.3 pins @vscode/ripgrep 1.15.11 (lib/vscode/npm-shrinkwrap.json). Its postinstall
// downloads rg from GitHub unless it finds this asset in os.tmpdir()/vscode-ripgrep-cache-<version>/
// (names from its lib/postinstall.js and lib/download.js), so we put Debian's rg there.
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_ASSET_VERSION = 'v13.0.0-10';
const RIPGREP_TARGETS = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' };

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where code-server is installed: kept between runs (CI on the same machine reuses it). */
export function codeServerDir() {
  if (process.env.KUBE_NETLENS_CODE_SERVER_DIR) return path.resolve(process.env.KUBE_NETLENS_CODE_SERVER_DIR);
  const cacheHome = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cacheHome, 'kube-netlens', `code-server-${CODE_SERVER_VERSION}`);
}

function entryIn(dir) {
  return path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** The installed entry script, or undefined. A folder is only ever renamed into place complete. */
export function installedEntry() {
  const entry = entryIn(codeServerDir());
  return existsSync(entry) ? entry : undefined;
}

/** A short temp folder (unix socket paths must stay under ~107 characters). */
export function shortTempDir(prefix) {
  const base = process.platform === 'linux' && existsSync('/tmp') ? '/tmp' : os.tmpdir();
  return mkdtempSync(path.join(base, prefix));
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function checkBuildPrerequisites() {
  const missing = [];
  if (process.platform !== 'linux') missing.push(`a Linux machine (this is ${process.platform})`);
  if (!RIPGREP_TARGETS[process.arch]) missing.push(`x64 or arm64 (this is ${process.arch})`);
  if (!which('rg')) missing.push('ripgrep (Debian package ripgrep)');
  if (!existsSync('/usr/include/gssapi/gssapi.h')) missing.push('gssapi headers (Debian package libkrb5-dev)');
  for (const tool of ['make', 'g++', 'python3']) if (!which(tool)) missing.push(tool);
  if (Number(process.versions.node.split('.')[0]) !== 20) missing.push(`Node 20 (this is ${process.version})`);
  if (missing.length) {
    throw new Error(
      `cannot install code-server ${CODE_SERVER_VERSION}: missing ${missing.join(', ')}.\n` +
        `As root, \`bash scripts/install-system-deps.sh\` installs the Debian packages.`,
    );
  }
}

/** Writes a tarball of the local rg where @vscode/ripgrep's postinstall looks before downloading. */
function seedRipgrepCache(tmpDir) {
  const cacheDir = path.join(tmpDir, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  const stage = path.join(tmpDir, 'rg-stage');
  mkdirSync(cacheDir, { recursive: true });
  mkdirSync(stage, { recursive: true });
  copyFileSync(which('rg'), path.join(stage, 'rg'));
  const asset = `ripgrep-${RIPGREP_ASSET_VERSION}-${RIPGREP_TARGETS[process.arch]}.tar.gz`;
  const r = spawnSync('tar', ['czf', path.join(cacheDir, asset), '-C', stage, 'rg'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('could not make the ripgrep tarball');
}

/** Installs code-server into the cache folder unless it is there; returns the entry script. */
export function ensureCodeServer({ log = (m) => console.error(m) } = {}) {
  const existing = installedEntry();
  if (existing) return existing;
  checkBuildPrerequisites();

  const target = codeServerDir();
  mkdirSync(path.dirname(target), { recursive: true });
  const partial = mkdtempSync(`${target}.partial-`);
  const tmp = shortTempDir('knl-cs-install-');
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${target} (about a minute, once)...`);
  try {
    seedRipgrepCache(tmp);
    writeFileSync(path.join(partial, 'package.json'), JSON.stringify({ private: true }) + '\n');
    const env = {
      ...process.env,
      TMPDIR: tmp, // @vscode/ripgrep reads its cache from os.tmpdir()
      npm_config_unsafe_perm: 'true', // code-server's postinstall refuses to run as root without it
      npm_config_yes: 'true', // node-pty's install runs `npx node-gyp`, which a `yes=false` setting cancels
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    };
    const r = spawnSync('npm', ['install', '--no-save', '--foreground-scripts', `code-server@${CODE_SERVER_VERSION}`], {
      cwd: partial,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0 || !existsSync(entryIn(partial))) {
      throw new Error(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${r.status}); see the log above`);
    }
    try {
      renameSync(partial, target);
    } catch (e) {
      // Another process finished the same install first: keep theirs.
      if (!installedEntry()) throw e;
      rmSync(partial, { recursive: true, force: true });
    }
    log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
    return entryIn(target);
  } catch (e) {
    rmSync(partial, { recursive: true, force: true });
    throw e;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Settings that keep a fresh workbench quiet and deterministic. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'files.autoSave': 'off',
  'editor.hover.delay': 100,
};

/** A fresh profile in one temp folder: user data, extensions, XDG homes and a short TMPDIR. */
export function makeProfile(settings = {}) {
  const root = shortTempDir('knl-');
  const dirs = {
    root,
    userData: path.join(root, 'user'),
    extensions: path.join(root, 'ext'),
    tmp: path.join(root, 'tmp'),
    xdgConfig: path.join(root, 'config'),
    xdgData: path.join(root, 'data'),
    xdgCache: path.join(root, 'cache'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(
    path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2),
  );
  const env = {
    ...process.env,
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    // A password in the environment would switch auth on; we run with --auth none on 127.0.0.1.
    PASSWORD: '',
    HASHED_PASSWORD: '',
  };
  delete env.VSCODE_IPC_HOOK_CLI;
  return { dirs, env };
}

function profileArgs(dirs) {
  return ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
}

/** Installs a .vsix into the profile with code-server's own CLI. */
export function installExtension(entry, profile, vsix) {
  const r = spawnSync(process.execPath, [entry, ...profileArgs(profile.dirs), '--install-extension', vsix, '--force'], {
    env: profile.env,
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    throw new Error(`installing ${path.basename(vsix)} into code-server failed:\n${r.stdout}\n${r.stderr}`);
  }
}

/**
 * Starts code-server on 127.0.0.1 (a free port chosen by the OS) in its own process group.
 * Resolves once it serves HTTP. `stop()` kills the whole group and removes the profile.
 */
export async function startCodeServer({ entry, profile, folder, port = 0, log = () => {}, timeoutMs = 60_000 }) {
  const args = [
    entry,
    ...profileArgs(profile.dirs),
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--log',
    'info',
  ];
  if (folder) args.push(folder);
  const child = spawn(process.execPath, args, { env: profile.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  let stopped = false;
  let listening = false;

  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      killGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    killGroup(child.pid, 'SIGKILL'); // helpers it left behind in the group
    rmSync(profile.dirs.root, { recursive: true, force: true });
  };

  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`code-server did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    const fail = (e) => {
      clearTimeout(timer);
      reject(new Error(`${e.message}\n--- code-server output ---\n${output.join('')}`));
    };
    const onData = (chunk) => {
      const text = chunk.toString();
      output.push(text);
      if (output.length > 500) output.splice(0, output.length - 500); // a long demo session keeps the tail
      log(text);
      if (listening) return;
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\/?/.exec(output.join(''));
      if (m) {
        listening = true;
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then(({ code, signal }) => fail(new Error(`code-server exited early (${code ?? signal})`)));
  }).catch(async (e) => {
    await stop();
    throw e;
  });
  await waitForHttp(`${url}/healthz`, timeoutMs);
  return { url, port: Number(new URL(url).port), child, output, exited, stop };
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

async function waitForHttp(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no answer from ${url} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The workbench URL for a folder, with optional extension-test payload. */
export function workbenchUrl(base, folder, payload) {
  const u = new URL(base + '/');
  u.searchParams.set('folder', folder);
  if (payload) u.searchParams.set('payload', JSON.stringify(payload));
  return u.toString();
}

export { repoRoot };

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cmd = process.argv[2];
  if (cmd === 'install') {
    ensureCodeServer();
    console.log(codeServerDir());
  } else if (cmd === 'path') {
    console.log(codeServerDir());
  } else {
    console.error('usage: node scripts/code-server.mjs install|path');
    process.exit(2);
  }
}
