// Untrusted workspaces (VS Code's Restricted Mode): the extension declares full support, because
// it only reads YAML and executes nothing from the workspace. This test holds the code to that:
// no source file starts a process or evaluates text, no setting names a program to run, and in
// the bundles only reviewed library code can (the language client starting our own server, ajv
// compiling our own bundled schemas).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../lsp/harness';

const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  capabilities?: { untrustedWorkspaces?: { supported?: unknown; description?: unknown } };
  contributes?: { configuration?: { properties?: Record<string, { type?: unknown; description?: unknown; markdownDescription?: unknown }> } };
};

function sources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : /\.(ts|js|mjs)$/.test(name) ? [p] : [];
  });
}

/** Source text without comments, so a comment that names a pattern is not taken for a use. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** What would let workspace content (or anything) run as code. */
const DANGEROUS: readonly [string, RegExp][] = [
  ['child processes', /\bchild_process\b|\b(spawn|spawnSync|execSync|execFile|execFileSync|fork)\s*\(/],
  ['eval', /(^|[^.\w])eval\s*\(/],
  ['the Function constructor', /\bnew\s+Function\s*\(|(^|[^.\w])Function\s*\(\s*['"`]/],
  ['the vm module', /['"](node:)?vm['"]/],
  ['worker threads', /['"](node:)?worker_threads['"]/],
  ['dynamic require or import', /\brequire\s*\(\s*[^'"`\s)]|\bimport\s*\(\s*[^'"`\s)]/],
  ['string timers', /\bset(Timeout|Interval|Immediate)\s*\(\s*['"`]/],
  ['language-server helpers that run npm, yarn or node', /\b(resolveModulePath|resolveGlobalNodePath|resolveGlobalYarnPath)\b|\bFiles\.resolve\b/],
];

test('package.json declares full support for untrusted workspaces', () => {
  const declared = manifest.capabilities?.untrustedWorkspaces;
  assert.equal(declared?.supported, true);
  assert.match(String(declared?.description), /only reads YAML; it never executes workspace content/);
});

test('no setting names a program, a command or a path to run', () => {
  const properties = manifest.contributes?.configuration?.properties ?? {};
  assert.ok(Object.keys(properties).length > 0);
  for (const [key, schema] of Object.entries(properties)) {
    assert.doesNotMatch(key, /path|command|executable|binary|program|exec|args|runtime|server\./i, `setting ${key}`);
    assert.doesNotMatch(String(schema.description ?? schema.markdownDescription ?? ''), /\b(executable|command line|run the program)\b/i, `setting ${key}`);
  }
});

test('no source file starts a process or evaluates text', () => {
  const files = ['server/src', 'client/src', 'media'].flatMap((d) => sources(path.join(REPO_ROOT, d)));
  assert.ok(files.length > 50, `${files.length} source files`);
  const found: string[] = [];
  for (const file of files) {
    const text = code(readFileSync(file, 'utf8'));
    for (const [what, pattern] of DANGEROUS) {
      if (pattern.test(text)) found.push(`${path.relative(REPO_ROOT, file)}: ${what}`);
    }
  }
  assert.deepEqual(found, []);
});

test('schemas are compiled from the bundled schema set only, in one reviewed place', () => {
  const files = ['server/src', 'client/src', 'media'].flatMap((d) => sources(path.join(REPO_ROOT, d)));
  // ajv turns a schema into code (new Function). Only our bundled schemas may reach it.
  const ajvUsers = files.filter((f) => /from\s+'ajv'/.test(code(readFileSync(f, 'utf8'))) && !/import\s+type\s+[^;]*from\s+'ajv'/.test(code(readFileSync(f, 'utf8'))));
  assert.deepEqual(ajvUsers.map((f) => path.relative(REPO_ROOT, f)), ['server/src/schema/validators.ts']);
  const validators = code(readFileSync(path.join(REPO_ROOT, 'server/src/schema/validators.ts'), 'utf8'));
  const schemaCalls = [...validators.matchAll(/\.(addSchema|compile|compileAsync|getSchema|addMetaSchema)\(([^)]*)\)/g)].map((m) => `${m[1]}(${m[2]})`);
  assert.ok(schemaCalls.length >= 2, schemaCalls.join(', '));
  for (const call of schemaCalls) assert.match(call, /BUNDLE/, `${call} must take the bundled schemas`);
  assert.doesNotMatch(validators, /loadSchema/, 'no schema is fetched');
});

/**
 * In a bundle (esbuild marks each module with a `// node_modules/…` or `// server/src/…` comment),
 * the modules whose code matches `pattern`.
 */
function bundleModulesMatching(bundle: string, pattern: RegExp): string[] {
  const text = readFileSync(path.join(REPO_ROOT, 'dist', bundle), 'utf8');
  const out = new Set<string>();
  let module = '(bundle prologue)';
  for (const line of text.split('\n')) {
    const marker = /^\/\/ ((?:node_modules|server|client|media)\/\S+)$/.exec(line);
    if (marker) module = marker[1]!;
    else if (pattern.test(line)) out.add(module);
  }
  return [...out].sort();
}

test('in the bundles, only reviewed library code can start a process or compile code', (t) => {
  for (const bundle of ['server.js', 'client.js', 'cli.js']) {
    const file = path.join(REPO_ROOT, 'dist', bundle);
    if (!existsSync(file)) {
      t.skip(`dist/${bundle} is missing: run node scripts/build.mjs`);
      return;
    }
    if (!/^\/\/ node_modules\//m.test(readFileSync(file, 'utf8'))) {
      t.skip(`dist/${bundle} is minified (a --production build): its modules cannot be told apart`);
      return;
    }
  }
  const reviewed: Record<string, { processes: string[]; functions: string[] }> = {
    // vscode-languageserver's Files helpers (npm/yarn lookups) are bundled but never called (see the source test above).
    'server.js': { processes: ['node_modules/vscode-languageserver/lib/node/files.js'], functions: ['node_modules/ajv/dist/compile/index.js'] },
    // The language client forks dist/server.js (context.asAbsolutePath) and can end that process.
    'client.js': {
      processes: ['node_modules/vscode-languageclient/lib/node/main.js', 'node_modules/vscode-languageclient/lib/node/processes.js'],
      functions: [],
    },
    'cli.js': { processes: [], functions: ['node_modules/ajv/dist/compile/index.js'] },
  };
  for (const [bundle, expected] of Object.entries(reviewed)) {
    assert.deepEqual(bundleModulesMatching(bundle, /require\("child_process"\)|require\("node:child_process"\)/), expected.processes, `${bundle}: modules using child_process`);
    assert.deepEqual(bundleModulesMatching(bundle, /\bnew Function\(|(^|[^.\w])eval\(/), expected.functions, `${bundle}: modules compiling code`);
  }
  const client = readFileSync(path.join(REPO_ROOT, 'client/src/client.ts'), 'utf8');
  assert.match(client, /context\.asAbsolutePath\(path\.join\('dist', 'server\.js'\)\)/, 'the server the client starts is the extension’s own');
});
