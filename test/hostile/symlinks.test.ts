// Symbolic-link loops in a workspace: a directory linked to its parent, two directories linked to
// each other, a link to itself, a dangling link, a file linked under a second name. The CLI and
// the language server both finish, read each real file once (under its real path), and report
// the unreadable links.

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
  await fs.symlink('a/manifest.yaml', ws.path('link.yaml')); // the same file under a second name
  return ws;
}

function runCli(args: string[], cwd: string, timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_JS, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
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

  it('the CLI finishes, checks each real file once under its real path, and names the unreadable links', async () => {
    const { code, stdout, stderr } = await runCli(['check', '.'], ws.root);
    assert.equal(code, 1, stderr); // duplicate keys are errors
    const files = [...new Set(stdout.split('\n').map((l) => /^(.*?):\d+:\d+: /.exec(l)?.[1]).filter((f): f is string => f !== undefined))].sort();
    assert.deepEqual(files, ['a/manifest.yaml', 'b/other.yaml'], stdout);
    assert.match(stdout, /\(2 files checked, 2 resources\)/);
    assert.doesNotMatch(stdout, /duplicate-resource/);
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
      assert.deepEqual(symbols.map((s) => ('location' in s ? s.location.uri : '')).sort(), [ws.uri('a/manifest.yaml'), ws.uri('b/other.yaml')]);
    } finally {
      await client.stop();
    }
  });
});
