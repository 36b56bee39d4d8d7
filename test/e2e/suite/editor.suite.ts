// Runs inside VS Code's extension host (code-server) against a copy of examples/, with kube-netlens
// installed from the packaged .vsix. Every wait polls a condition with a deadline; nothing sleeps
// for a fixed time. A feature the packaged server does not offer yet is skipped with the reason.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ServerCapabilities } from 'vscode-languageserver-protocol';
import { codeOf, positionIn, SCENARIO } from '../lib/scenario';
import { missingCapability, serverCapabilities } from '../lib/serverProbe';
import { skipBecause } from './skip';

const EXTENSION_ID = 'kube-netlens.kube-netlens';
const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workbench must open a copy of examples/');
  return folder.uri;
}

function exampleUri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...rel.split('/'));
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kube-netlens');
}

/** Pids of the language servers this extension host started (its children running dist/server.js). */
function serverPids(): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (ppid === process.pid && cmdline.includes(`${path.sep}dist${path.sep}server.js`)) out.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

async function openAt(spot: { file: string; at: RegExp }): Promise<{ doc: vscode.TextDocument; position: vscode.Position }> {
  const doc = await vscode.workspace.openTextDocument(exampleUri(spot.file));
  await vscode.window.showTextDocument(doc);
  const { line, character } = positionIn(doc.getText(), spot);
  return { doc, position: new vscode.Position(line, character) };
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

describe('kube-netlens in VS Code (packaged extension)', function () {
  let capabilities: ServerCapabilities;

  before(async function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    await ext.activate();
    capabilities = await serverCapabilities(path.join(ext.extensionPath, 'dist', 'server.js'), workspaceRoot().fsPath);
  });

  afterEach(async function () {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('runs the extension installed from the .vsix, not the source folder', function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.ok(!path.resolve(ext.extensionPath).startsWith(repoRoot + path.sep), `loaded from the repository: ${ext.extensionPath}`);
    const own = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    assert.equal(ext.packageJSON.version, own.version);
    assert.ok(fs.existsSync(path.join(ext.extensionPath, 'dist', 'server.js')), 'the package lacks dist/server.js');
    assert.ok(ext.isActive);
  });

  it('reports diagnostics for files that are not open', async function () {
    for (const expected of SCENARIO.closedFileDiagnostics) {
      const uri = exampleUri(expected.file);
      const found = await waitFor(`${expected.rule} on ${expected.file}`, () =>
        ours(uri).find((d) => codeOf(d.code) === expected.rule),
      );
      assert.ok(found.message.length > 0);
      const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
      assert.equal(open, false, `${expected.file} was opened, so this does not prove workspace-wide diagnostics`);
    }
    // By now the whole workspace has been checked: files that are not manifests stay quiet.
    for (const quiet of SCENARIO.quietFiles) {
      assert.deepEqual(ours(exampleUri(quiet)).map((d) => d.message), [], `${quiet} is not a Kubernetes manifest`);
    }
  });

  it('hover on a Service selector lists the workloads it selects', async function () {
    const missing = missingCapability(capabilities, 'hoverProvider');
    if (missing) skipBecause(this, missing);
    const { doc, position } = await openAt(SCENARIO.hover);
    const text = await waitFor('a hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
      const t = hoverText(hovers ?? []);
      return t.length > 0 ? t : undefined;
    });
    for (const part of SCENARIO.hover.mustInclude) assert.ok(text.includes(part), `hover lacks '${part}':\n${text}`);
  });

  it('go to definition on an Ingress backend lands on the Service', async function () {
    const missing = missingCapability(capabilities, 'definitionProvider');
    if (missing) skipBecause(this, missing);
    const { doc, position } = await openAt(SCENARIO.definition);
    const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      doc.uri,
      position,
    );
    assert.ok(locations && locations.length > 0, 'no definition');
    const first = locations[0]!;
    const target = 'targetUri' in first ? first.targetUri : first.uri;
    const range = 'targetUri' in first ? first.targetRange : first.range;
    assert.equal(target.toString(), exampleUri(SCENARIO.definition.target).toString());
    // The range is inside the Service's YAML document (its name, or the whole resource).
    const targetDoc = await vscode.workspace.openTextDocument(target);
    const upToRange = targetDoc.getText(new vscode.Range(new vscode.Position(0, 0), range.end));
    const resource = upToRange.split(/^---/m).pop() ?? '';
    assert.match(resource, /^kind: Service$/m, `the definition is not in a Service:\n${resource}`);
    assert.match(targetDoc.getText(range), new RegExp(SCENARIO.definition.name));
  });

  it('a quick fix applied with workspace.applyEdit clears its diagnostic', async function () {
    const missing = missingCapability(capabilities, 'codeActionProvider');
    if (missing) skipBecause(this, missing);
    const spot = SCENARIO.quickFix;
    const { doc } = await openAt(spot);
    const diagnostic = await waitFor(`${spot.rule} on ${spot.file}`, () => ours(doc.uri).find((d) => codeOf(d.code) === spot.rule));
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = (actions ?? []).find(
      (a): a is vscode.CodeAction => 'edit' in a && a.edit !== undefined && a.title.includes(spot.titleIncludes),
    );
    assert.ok(fix, `no quick fix containing '${spot.titleIncludes}' among: ${(actions ?? []).map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'the workspace edit was rejected');
    assert.match(doc.getText(), new RegExp(spot.titleIncludes.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await waitFor(`${spot.rule} to clear`, () => !ours(doc.uri).some((d) => codeOf(d.code) === spot.rule) || undefined);
  });

  it('the reachability command opens its panel', async function () {
    const { command, viewType } = SCENARIO.reachability;
    const commands = await vscode.commands.getCommands(true);
    if (!commands.includes(command)) skipBecause(this, `the command ${command} is not registered yet`);
    await vscode.commands.executeCommand(command);
    await waitFor('the reachability panel', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType)),
    );
  });

  it('code lenses above a Service open its workloads with VS Code objects as arguments', async function () {
    const missing = missingCapability(capabilities, 'codeLensProvider');
    if (missing) skipBecause(this, missing);
    const doc = await vscode.workspace.openTextDocument(exampleUri(SCENARIO.hover.file));
    await vscode.window.showTextDocument(doc);
    const lenses = await waitFor('a code lens that shows references', async () => {
      const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
      const found = (all ?? []).filter((l) => l.command?.command === 'editor.action.showReferences');
      return found.length > 0 ? found : undefined;
    });
    const [uri, position, locations] = lenses[0]!.command!.arguments as [unknown, unknown, unknown[]];
    assert.ok(uri instanceof vscode.Uri, 'the lens uri was not converted to a Uri');
    assert.ok(position instanceof vscode.Position, 'the lens position was not converted to a Position');
    assert.ok(locations.length > 0 && locations.every((l) => l instanceof vscode.Location), 'the lens locations were not converted');
    assert.match(lenses[0]!.command!.title, /selects \d+ workload/);
    // Running it must not throw (VS Code rejects plain JSON arguments here).
    await vscode.commands.executeCommand(lenses[0]!.command!.command, ...lenses[0]!.command!.arguments!);
  });

  it('when the language server dies, the client restarts it and the diagnostics come back', async function () {
    const expected = SCENARIO.closedFileDiagnostics[0]!;
    const uri = exampleUri(expected.file);
    await waitFor(`${expected.rule} on ${expected.file}`, () => ours(uri).find((d) => codeOf(d.code) === expected.rule));
    const before = await waitFor('the language server process', () => {
      const pids = serverPids();
      return pids.length === 1 ? pids[0] : undefined;
    });
    process.kill(before, 'SIGKILL');
    const after = await waitFor('a restarted language server', () => serverPids().find((pid) => pid !== before), 60_000);
    assert.notEqual(after, before);
    // The client drops the old server's diagnostics before it starts the new one, so what shows
    // now was published by the restarted server.
    await waitFor(`${expected.rule} from the restarted server`, () => ours(uri).find((d) => codeOf(d.code) === expected.rule), 60_000);
  });
});
