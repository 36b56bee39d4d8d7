// Symbolic-link loops in a workspace: a directory linked to its parent, two directories linked to
// each other, a link to itself, a dangling link. The CLI and the language server both finish,
// read each real file once per path they reach it by, and report the unreadable links.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { codes, LspClient, REPO_ROOT, TempWorkspace } from '../lsp/harness';

const CLI_JS = path.join(REPO_ROOT, 'dist', 'cli.js');

const MANIFEST = `apiVersion: v1
kind: ConfigMap
metadata:
  name: looped
data:
  mode: a
  mode: b
`;

async function loopedWorkspace(): Promise<TempWorkspace> {
  const ws = await TempWorkspace.create({ 'a/manifest.yaml': MANIFEST, 'b/other.yaml': MANIFEST.replace('looped', 'other') });
  await fs.symlink('..', ws.path('a/up')); // a/up/a/up/a/… forever
  await fs.symlink('../b', ws.path('a/to-b'));
  await fs.symlink('../a', ws.path('b/to-a')); // a ↔ b
  await fs.symlink('self.yaml', ws.path('self.yaml')); // ELOOP
  await fs.symlink('nowhere.yaml', ws.path('dangling.yaml'));
  return ws;
}

function runCli(args: string[], timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_JS, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kube-netlens ${args.join(' ')} did not finish in ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('symbolic-link loops', () => {
  let ws: TempWorkspace;

  before(async () => {
    ws = await loopedWorkspace();
  });

  after(async () => {
    await ws?.dispose();
  });

  it('the CLI finishes, reports each manifest once per real directory, and names the unreadable links', async () => {
    const { code, stdout, stderr } = await runCli(['check', '--format', 'json', ws.root]);
    assert.equal(code, 1, stderr); // duplicate keys are errors
    const report = JSON.parse(stdout) as unknown;
    const text = JSON.stringify(report);
    // Each directory is entered once (by its real path), whatever the number of links to it.
    const duplicateKeys = text.match(/"duplicate-key"/g) ?? [];
    assert.equal(duplicateKeys.length, 2, text);
    assert.match(stderr, /cannot read .*self\.yaml: ELOOP/);
    assert.match(stderr, /cannot read .*dangling\.yaml: ENOENT/);
  });

  it('the language server finishes indexing, checks the real files, and logs no error', async () => {
    const client = await LspClient.start({ folders: [ws.root] });
    try {
      await client.waitForIndexed();
      await client.waitForDiagnostics(ws.uri('a/manifest.yaml'), 'duplicate-key', (d) => codes(d).includes('duplicate-key'));
      await client.waitForDiagnostics(ws.uri('b/other.yaml'), 'duplicate-key', (d) => codes(d).includes('duplicate-key'));
      assert.deepEqual(client.logs.filter((l) => l.type === 1).map((l) => l.message), []);
      assert.ok(client.logs.some((l) => l.type === 2 && /self\.yaml: ELOOP/.test(l.message)), 'the ELOOP link is reported as a warning');
      const symbols = await client.workspaceSymbols('ConfigMap');
      // Reached by several paths (a/to-b/other.yaml, b/other.yaml …) a file may be indexed per path, but not forever.
      assert.ok(symbols.length >= 2 && symbols.length <= 4, `${symbols.length} symbols`);
    } finally {
      await client.stop();
    }
  });
});
