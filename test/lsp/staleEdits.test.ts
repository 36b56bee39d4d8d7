// No lost text: a quick fix is a versioned edit. Computed for version N of a buffer, it names N, so a
// conforming client refuses it once the buffer is at N+1 instead of applying it to text it was not
// computed for; asked again, the server answers for N+1. Closed files are fixed against their disk
// content, and not at all when the disk changed under the index.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FileChangeType, type CodeAction, type Diagnostic, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver-protocol/node';
import { codes, LspClient, TempWorkspace } from './harness';
import { applyTextEdits, CODE_ACTION_CAPABILITIES, Editor, waitForVersion } from './codeActionsClient';

const DEPLOYMENT =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: st\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n        ports:\n        - name: http\n          containerPort: 8080\n';

/** A Service whose selector has a typo (`wbe`): service-selector-no-match, fixed by `app: web`. */
const serviceNamed = (name: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: st\nspec:\n  selector:\n    app: wbe\n  ports:\n  - name: http\n    port: 80\n    targetPort: http\n`;

const NODE_PORT_SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: node\n  namespace: st\nspec:\n  type: NodePort\n  ports:\n  - name: http\n    port: 80\n    nodePort: 8080\n';

const RULE = 'service-selector-no-match';

function preferred(actions: CodeAction[]): CodeAction {
  const action = actions.find((a) => a.isPreferred);
  assert.ok(action, `no preferred action among: ${actions.map((a) => a.title).join(' | ')}`);
  return action;
}

function documentEdits(action: CodeAction): TextDocumentEdit[] {
  const docs = action.edit?.documentChanges as TextDocumentEdit[] | undefined;
  assert.ok(docs && docs.length > 0, `'${action.title}' has document changes`);
  return docs;
}

describe('stale quick fixes are refused, not misapplied', () => {
  let ws: TempWorkspace;
  let client: LspClient;
  let editor: Editor;

  before(async () => {
    ws = await TempWorkspace.create({
      'app.yaml': DEPLOYMENT,
      'one.yaml': serviceNamed('one'),
      'two.yaml': serviceNamed('two'),
      'closed.yaml': NODE_PORT_SERVICE,
    });
    client = await LspClient.start({ folders: [ws.root], capabilities: CODE_ACTION_CAPABILITIES });
    editor = new Editor(client);
    await client.waitForIndexed();
  });

  after(async () => {
    await client?.stop();
    await ws?.dispose();
  });

  async function openWithFinding(rel: string, text: string): Promise<{ uri: string; diagnostic: Diagnostic }> {
    const uri = ws.uri(rel);
    await editor.open(uri, text);
    const diagnostics = await client.waitForDiagnostics(uri, `a ${RULE} finding`, (d) => codes(d).includes(RULE));
    return { uri, diagnostic: diagnostics.find((d) => d.code === RULE)! };
  }

  it('an edit computed at version 1 names version 1; at version 2 a conforming client refuses it, and the fresh one applies', async () => {
    const { uri, diagnostic } = await openWithFinding('one.yaml', serviceNamed('one'));
    const first = preferred(await editor.codeActions(uri, diagnostic.range, [diagnostic]));
    assert.deepEqual(
      documentEdits(first).map((d) => d.textDocument),
      [{ uri, version: 1 }],
    );

    // The user types before choosing the fix: two lines above the selector.
    const v2Text = editor.text(uri).replace('spec:\n', 'spec:\n  # the web front end\n  sessionAffinity: None\n');
    const v2 = await editor.change(uri, v2Text);
    assert.equal(v2, 2);

    // (a) the stale edit still names version 1 …
    assert.equal(documentEdits(first)[0]!.textDocument.version, 1);
    // … so the client refuses it, and the buffer keeps the user's text.
    const refused = await editor.apply(first.edit!);
    assert.equal(refused.applied, false);
    assert.match(refused.applied ? '' : refused.reason, /version 2, the edit is for version 1/);
    assert.equal(editor.text(uri), v2Text);
    // Applied regardless of its version, its positions would land two lines too high: text lost.
    const misapplied = applyTextEdits(v2Text, documentEdits(first)[0]!.edits as TextEdit[]);
    assert.match(misapplied, /app: wbe/, 'the typo would stay');
    assert.notEqual(misapplied, v2Text.replace('app: wbe', 'app: web'));

    // (b) asked again for version 2, the server answers for version 2, and that edit applies.
    const current = await waitForVersion(client, uri, 2, `${RULE} moved down`, (d) => codes(d).includes(RULE));
    const moved = current.find((d) => d.code === RULE)!;
    assert.equal(moved.range.start.line, diagnostic.range.start.line + 2);
    const fresh = preferred(await editor.codeActions(uri, moved.range, [moved]));
    assert.deepEqual(
      documentEdits(fresh).map((d) => d.textDocument),
      [{ uri, version: 2 }],
    );
    const applied = await editor.apply(fresh.edit!);
    assert.ok(applied.applied, applied.applied ? '' : applied.reason);
    assert.equal(applied.texts.get(uri), v2Text.replace('app: wbe', 'app: web'));
    const versions = await editor.commit(applied);
    const fixed = await waitForVersion(client, uri, versions.get(uri)!, 'fixed');
    assert.ok(!codes(fixed).includes(RULE));
    assert.ok(!codes(fixed).includes('yaml-syntax'));
  });

  it('a request sent right after a change is answered for the new version', async () => {
    const { uri, diagnostic } = await openWithFinding('two.yaml', serviceNamed('two'));
    // No wait for the server to check version 2: the request must still see it.
    const v2Text = `# edited\n${editor.text(uri)}`;
    await editor.change(uri, v2Text);
    // The client still holds the diagnostic of version 1 (one line too high now).
    const action = preferred(await editor.codeActions(uri, diagnostic.range, [diagnostic]));
    assert.equal(documentEdits(action)[0]!.textDocument.version, 2);
    const applied = await editor.apply(action.edit!);
    assert.ok(applied.applied);
    assert.equal(applied.texts.get(uri), v2Text.replace('app: wbe', 'app: web'));
  });

  it('a closed file is fixed against its content on disk, with no version, and not at all once the disk changed', async () => {
    const uri = ws.uri('closed.yaml');
    const diagnostics = await client.waitForDiagnostics(uri, 'nodeport-out-of-range on disk', (d) => codes(d).includes('nodeport-out-of-range'));
    const diagnostic = diagnostics.find((d) => d.code === 'nodeport-out-of-range')!;
    const action = preferred(await editor.codeActions(uri, diagnostic.range, [diagnostic]));
    assert.deepEqual(
      documentEdits(action).map((d) => d.textDocument),
      [{ uri, version: null }],
    );
    const applied = await editor.apply(action.edit!);
    assert.ok(applied.applied);
    assert.match(applied.texts.get(uri)!, /nodePort: 3\d{4}\n$/);

    // Changed on disk, and the server not told yet: the index's text is not the file's any more.
    await ws.write('closed.yaml', `# moved\n${NODE_PORT_SERVICE}`);
    assert.deepEqual(
      (await editor.codeActions(uri, diagnostic.range, [diagnostic])).map((a) => a.title),
      [],
    );
    // Once the watcher reports it, the fix is computed on the new content.
    await client.watchedFilesChanged([{ uri, type: FileChangeType.Changed }]);
    const moved = (
      await client.waitForDiagnostics(uri, 'the finding one line lower', (d) => d.some((x) => x.code === 'nodeport-out-of-range' && x.range.start.line === diagnostic.range.start.line + 1))
    ).find((d) => d.code === 'nodeport-out-of-range')!;
    const again = preferred(await editor.codeActions(uri, moved.range, [moved]));
    const reapplied = await editor.apply(again.edit!);
    assert.ok(reapplied.applied);
    assert.match(reapplied.texts.get(uri)!, /^# moved\n[^]*nodePort: 3\d{4}\n$/);
  });

  it('logged no failure while answering', () => {
    assert.deepEqual(
      client.logs.filter((l) => /failed|Unexpected/.test(l.message)).map((l) => l.message),
      [],
    );
  });
});

describe('a client without versioned document changes', () => {
  let ws: TempWorkspace;
  let client: LspClient;

  before(async () => {
    ws = await TempWorkspace.create({ 'app.yaml': DEPLOYMENT, 'svc.yaml': serviceNamed('svc') });
    client = await LspClient.start({ folders: [ws.root], capabilities: { textDocument: CODE_ACTION_CAPABILITIES.textDocument } });
    await client.waitForIndexed();
  });

  after(async () => {
    await client?.stop();
    await ws?.dispose();
  });

  it('gets the plain changes map, computed for the buffer it has now', async () => {
    const editor = new Editor(client);
    const uri = ws.uri('svc.yaml');
    await editor.open(uri, serviceNamed('svc'));
    const diagnostic = (await client.waitForDiagnostics(uri, RULE, (d) => codes(d).includes(RULE))).find((d) => d.code === RULE)!;
    const action = preferred(await editor.codeActions(uri, diagnostic.range, [diagnostic]));
    assert.equal(action.edit?.documentChanges, undefined);
    assert.deepEqual(Object.keys(action.edit?.changes ?? {}), [uri]);
    const applied = await editor.apply(action.edit!);
    assert.ok(applied.applied);
    assert.equal(applied.texts.get(uri), serviceNamed('svc').replace('app: wbe', 'app: web'));
  });
});
