// Neovim as a second, independent LSP client: headless nvim (0.7, Debian's) runs lsp-check.lua, which
// attaches its built-in client to `node dist/server.js --stdio` on a copy of examples/ and writes what
// it got (diagnostics, hover, definition) to a JSON file that this test checks.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { copyExamples, repoRoot } from '../e2e/lib/paths';
import { codeOf, positionIn, SCENARIO } from '../e2e/lib/scenario';

const TIMEOUT_MS = 30_000;
const server = path.join(repoRoot, 'dist', 'server.js');
const script = path.join(repoRoot, 'test', 'nvim', 'lsp-check.lua');

interface LspDiagnostic {
  message: string;
  code?: unknown;
  source?: string;
}

interface NvimResult {
  error?: string;
  diagnosticsComplete?: boolean;
  diagnostics: Record<string, LspDiagnostic[]>;
  capabilities: { hoverProvider?: boolean; definitionProvider?: boolean };
  hover?: { result?: { contents: unknown }; error?: string };
  definition?: { result?: unknown; error?: string };
}

function nvimVersion(): string | undefined {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}

/** Markdown or plain text out of any LSP hover contents shape. */
function hoverText(contents: unknown): string {
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map(hoverText).join('\n');
  if (contents && typeof contents === 'object' && 'value' in contents) return String((contents as { value: unknown }).value);
  return '';
}

const version = nvimVersion();

test('Neovim gets diagnostics, hover and definition from the language server', { skip: version ? false : 'nvim not found (Debian package neovim)' }, async (t) => {
  assert.ok(existsSync(server), `${server} is missing: run \`node scripts/build.mjs\``);
  t.diagnostic(version!);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'knl-nvim-'));
  try {
    const root = copyExamples(tmp);
    const uri = (rel: string): string => pathToFileURL(path.join(root, rel)).toString();
    const spot = (s: { file: string; at: RegExp }) => ({
      file: path.join(root, s.file),
      ...positionIn(readFileSync(path.join(root, s.file), 'utf8'), s),
    });
    const out = path.join(tmp, 'result.json');
    const home = path.join(tmp, 'home');
    mkdirSync(home);
    const job = {
      server,
      root,
      out,
      timeoutMs: TIMEOUT_MS,
      diagnosticsFor: SCENARIO.closedFileDiagnostics.map((d) => uri(d.file)),
      hover: spot(SCENARIO.hover),
      definition: spot(SCENARIO.definition),
    };
    const run = spawnSync('nvim', ['--headless', '--clean', '-u', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 3 * TIMEOUT_MS,
      // Neovim writes its LSP log and state under XDG folders: keep them in the temp folder.
      env: { ...process.env, KNL_JOB: JSON.stringify(job), XDG_STATE_HOME: home, XDG_CACHE_HOME: home, XDG_DATA_HOME: home, XDG_CONFIG_HOME: home },
    });
    assert.ok(existsSync(out), `nvim wrote no result (status ${run.status}):\n${run.stdout}\n${run.stderr}`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as NvimResult;
    assert.equal(result.error, undefined, `lsp-check.lua failed: ${result.error}`);
    assert.equal(run.status, 0);

    await t.test('diagnostics arrive for files with known mistakes, none for non-manifests', () => {
      assert.ok(result.diagnosticsComplete, `diagnostics arrived only for: ${Object.keys(result.diagnostics).join(', ')}`);
      for (const expected of SCENARIO.closedFileDiagnostics) {
        const got = result.diagnostics[uri(expected.file)] ?? [];
        assert.ok(
          got.some((d) => codeOf(d.code) === expected.rule && d.source === 'kube-netlens'),
          `${expected.file}: no ${expected.rule} among ${JSON.stringify(got.map((d) => codeOf(d.code)))}`,
        );
      }
      for (const quiet of SCENARIO.quietFiles) assert.deepEqual(result.diagnostics[uri(quiet)] ?? [], [], quiet);
    });

    await t.test('hover on a Service selector lists the selected workloads', (st) => {
      if (!result.capabilities.hoverProvider) return st.skip('the language server does not advertise hoverProvider yet');
      assert.equal(result.hover?.error, undefined);
      const text = hoverText(result.hover?.result?.contents);
      for (const part of SCENARIO.hover.mustInclude) assert.ok(text.includes(part), `hover lacks '${part}':\n${text}`);
    });

    await t.test('definition on an Ingress backend is the Service', (st) => {
      if (!result.capabilities.definitionProvider) return st.skip('the language server does not advertise definitionProvider yet');
      assert.equal(result.definition?.error, undefined);
      const raw = result.definition?.result;
      const first = (Array.isArray(raw) ? raw[0] : raw) as { uri?: string; targetUri?: string } | undefined;
      assert.ok(first, 'no definition');
      assert.equal(first.targetUri ?? first.uri, uri(SCENARIO.definition.target));
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
