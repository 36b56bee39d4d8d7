// Navigation over LSP against the real server process (dist/server.js --stdio), on the multi-file
// shop fixture: hover, definition, declaration, references, completion, code lenses, rename,
// semantic tokens — as a plain LSP client and as VS Code (which gets versioned edits and lens commands).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  CodeLensRequest,
  CompletionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DeclarationRequest,
  DefinitionRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RegistrationRequest,
  RenameRequest,
  SemanticTokensRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type CodeLens,
  type CompletionItem,
  type Hover,
  type Location,
  type MarkupContent,
  type Position,
  type ProtocolConnection,
  type SemanticTokens,
  type TextDocumentEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { StatusNotificationMethod, type StatusParams } from '../../server/src/lsp/protocol';
import { LspClient, REPO_ROOT, SERVER_JS, uriOf } from './harness';

const ROOT = path.join(REPO_ROOT, 'test', 'unit', 'features', 'fixtures', 'shop');
const uri = (rel: string): string => uriOf(path.join(ROOT, rel));
const text = (rel: string): string => readFileSync(path.join(ROOT, rel), 'utf8');

/** The position inside `inner` (default: the snippet's start), one character in. */
function pos(rel: string, snippet: string, inner?: string): Position {
  const t = text(rel);
  const at = t.indexOf(snippet);
  assert.ok(at >= 0, `'${snippet}' not in ${rel}`);
  const offset = at + (inner ? snippet.indexOf(inner) : 0) + 1;
  const before = t.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

const where = (l: Location): string => `${path.relative(ROOT, new URL(l.uri).pathname)}:${l.range.start.line + 1}`;
const params = (rel: string, snippet: string, inner?: string) => ({ textDocument: { uri: uri(rel) }, position: pos(rel, snippet, inner) });

describe('navigation over LSP (plain client)', () => {
  let client: LspClient;
  let c: ProtocolConnection;

  before(async () => {
    client = await LspClient.start({ folders: [ROOT] });
    c = client.connection;
    await client.waitForIndexed();
  });
  after(async () => {
    await client.stop();
  });

  it('advertises the navigation capabilities', () => {
    const caps = client.initializeResult.capabilities;
    assert.equal(caps.hoverProvider, true);
    assert.equal(caps.definitionProvider, true);
    assert.equal(caps.declarationProvider, true);
    assert.equal(caps.referencesProvider, true);
    assert.ok(caps.completionProvider?.triggerCharacters?.includes(':'));
    assert.ok(caps.codeLensProvider);
    assert.ok(caps.renameProvider);
    assert.deepEqual(caps.semanticTokensProvider?.legend, { tokenTypes: ['kubeService', 'kubePort'], tokenModifiers: ['unresolved'] });
  });

  it('hovers a Service name with DNS names, the port chain into another folder, and a kubectl command', async () => {
    const h = (await c.sendRequest(HoverRequest.type, params('services/web-service.yaml', 'name: web', 'web'))) as Hover;
    const md = (h.contents as MarkupContent).value;
    assert.equal((h.contents as MarkupContent).kind, 'markdown');
    assert.ok(md.includes('`web.shop.svc.cluster.local`'));
    assert.ok(md.includes(`[Deployment shop/web](${uri('apps/web/deployment.yaml')}#L1)`), md);
    assert.ok(md.includes('kubectl run tmp --rm -it --image=busybox --restart=Never -n shop -- wget -qO- http://web.shop:80'));
    assert.deepEqual(h.range, { start: { line: 3, character: 8 }, end: { line: 3, character: 11 } });
  });

  it('hovers a matchExpressions selector and a cross-namespace peer', async () => {
    const h = (await c.sendRequest(HoverRequest.type, params('policies/shop-policies.yaml', 'operator: Exists', 'Exists'))) as Hover;
    assert.match((h.contents as MarkupContent).value, /Selects \*\*2 workloads\*\* \(4 pods\)/);
    const peer = (await c.sendRequest(HoverRequest.type, params('policies/shop-policies.yaml', 'tier: backend', 'backend'))) as Hover;
    assert.match((peer.contents as MarkupContent).value, /Deployment payments\/api[\s\S]*Deployment payments\/worker/);
    assert.equal(await c.sendRequest(HoverRequest.type, params('apps/web/deployment.yaml', 'image: example/web', 'example')), null);
  });

  it('goes to definition and declaration across folders and namespaces', async () => {
    const toService = (await c.sendRequest(DefinitionRequest.type, params('ingress/shop-ingress.yaml', 'name: web', 'web'))) as Location[];
    assert.deepEqual(toService.map(where), ['services/web-service.yaml:4']);
    const decl = (await c.sendRequest(DeclarationRequest.type, params('apps/web/deployment.yaml', 'api.payments', 'api'))) as Location[];
    assert.deepEqual(decl.map(where), ['payments/api.yaml:27']);
    const workloads = (await c.sendRequest(DefinitionRequest.type, params('services/web-service.yaml', 'app: web', 'web'))) as Location[];
    assert.deepEqual(workloads.map(where).sort(), ['apps/web/canary.yaml:14', 'apps/web/deployment.yaml:13']);
  });

  it('finds references with and without the declaration', async () => {
    const p = params('services/web-service.yaml', 'name: web', 'web');
    const withDecl = (await c.sendRequest(ReferencesRequest.type, { ...p, context: { includeDeclaration: true } })) as Location[];
    assert.deepEqual(withDecl.map(where).sort(), ['ingress/shop-ingress.yaml:20', 'ingress/shop-ingress.yaml:27', 'services/web-service.yaml:4']);
    const without = (await c.sendRequest(ReferencesRequest.type, { ...p, context: { includeDeclaration: false } })) as Location[];
    assert.equal(without.length, 2);
  });

  it('completes in an unsaved buffer as it is typed', async () => {
    const draft = uri('drafts/new-service.yaml');
    const body = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: draft\n  namespace: payments\nspec:\n  selector:\n    app: \n';
    await client.open(draft, body);
    const items = (await c.sendRequest(CompletionRequest.type, { textDocument: { uri: draft }, position: { line: 7, character: 9 } })) as CompletionItem[];
    assert.deepEqual(items.map((i) => i.label), ['api', 'worker']);
    assert.deepEqual((items[0]!.textEdit as { range: unknown }).range, { start: { line: 7, character: 9 }, end: { line: 7, character: 9 } });
    // The buffer changes; the next completion sees the new text at once.
    await client.change(draft, body.replace('    app: \n', '    ti\n'));
    const keys = (await c.sendRequest(CompletionRequest.type, { textDocument: { uri: draft }, position: { line: 7, character: 6 } })) as CompletionItem[];
    assert.deepEqual(keys.map((i) => [i.label, (i.textEdit as { newText: string }).newText]), [['tier', 'tier: ']]);
    await client.close(draft);
  });

  it('shows code lenses (title only for a non-VS Code client) and turns them off with the setting', async () => {
    const lenses = (await c.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri('services/web-service.yaml') } })) as CodeLens[];
    assert.deepEqual(lenses.map((l) => l.command?.title), ['selects 2 workloads · 4 pods', '2 references']);
    assert.equal(lenses[0]!.command?.command, '');
    await client.changeSettings({ codeLens: { enabled: false } });
    assert.deepEqual(await c.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri('services/web-service.yaml') } }), []);
    await client.changeSettings({});
  });

  it('renames a Service across files as one edit, and refuses other places', async () => {
    const prepared = await c.sendRequest(PrepareRenameRequest.type, params('ingress/shop-ingress.yaml', 'name: web', 'web'));
    assert.deepEqual(prepared, { range: { start: { line: 19, character: 22 }, end: { line: 19, character: 25 } }, placeholder: 'web' });
    await assert.rejects(c.sendRequest(PrepareRenameRequest.type, params('ingress/shop-ingress.yaml', 'pathType: Prefix', 'Prefix')), /Only a Service name or a reference/);
    const edit = (await c.sendRequest(RenameRequest.type, { ...params('services/web-service.yaml', 'name: web', 'web'), newName: 'storefront' })) as WorkspaceEdit;
    const changes = edit.changes!;
    assert.deepEqual(Object.keys(changes).sort(), [uri('ingress/shop-ingress.yaml'), uri('services/web-service.yaml')].sort());
    assert.equal(changes[uri('ingress/shop-ingress.yaml')]!.length, 2);
    assert.ok(Object.values(changes).flat().every((e) => e.newText === 'storefront'));
    await assert.rejects(c.sendRequest(RenameRequest.type, { ...params('services/web-service.yaml', 'name: web', 'web'), newName: 'Bad_Name' }), /not a valid Service name/);
  });

  it('returns semantic tokens that tell resolved from unresolved references', async () => {
    const tokens = (await c.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: uri('ingress/shop-ingress.yaml') } })) as SemanticTokens;
    // [deltaLine, deltaStart, length, type, modifiers] × 4: web, http, web, legacy (unresolved).
    const decoded: string[] = [];
    let line = 0;
    let char = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      const [dl, ds, len, type, mods] = tokens.data.slice(i, i + 5) as [number, number, number, number, number];
      line += dl;
      char = dl === 0 ? char + ds : ds;
      decoded.push(`${line + 1}:${char} len ${len} ${['kubeService', 'kubePort'][type]}${mods & 1 ? ' unresolved' : ''}`);
    }
    assert.deepEqual(decoded, ['20:22 len 3 kubeService', '22:24 len 4 kubePort', '27:22 len 3 kubeService', '34:22 len 6 kubeService unresolved']);
  });
});

describe('navigation over LSP (as VS Code)', () => {
  let c: ProtocolConnection;
  let child: ReturnType<typeof spawn>;

  before(async () => {
    // VS Code announces versioned document edits and names itself: lenses get the showReferences command.
    child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    c = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const statuses: StatusParams[] = [];
    let ready: () => void;
    const indexed = new Promise<void>((resolve) => (ready = resolve));
    c.onNotification(StatusNotificationMethod, (s: StatusParams) => {
      statuses.push(s);
      if (statuses.some((x) => x.indexing) && !s.indexing && !s.checking) ready();
    });
    c.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({})));
    c.onRequest(RegistrationRequest.type, () => undefined);
    c.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    c.listen();
    await c.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      clientInfo: { name: 'Visual Studio Code', version: '1.91.0' },
      rootUri: uriOf(ROOT),
      workspaceFolders: [{ uri: uriOf(ROOT), name: 'shop' }],
      capabilities: { workspace: { configuration: true, workspaceEdit: { documentChanges: true } }, textDocument: { rename: { prepareSupport: true } } },
    });
    await c.sendNotification(InitializedNotification.type, {});
    await indexed;
  });
  after(async () => {
    await c.sendRequest(ShutdownRequest.type).catch(() => undefined);
    await c.sendNotification(ExitNotification.type).catch(() => undefined);
    c.dispose();
    if (child.exitCode === null) child.kill();
  });

  it('gives code lenses the showReferences command with uri, position and locations', async () => {
    const lenses = (await c.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri('services/web-service.yaml') } })) as CodeLens[];
    const cmd = lenses[0]!.command!;
    assert.equal(cmd.command, 'editor.action.showReferences');
    const [target, at, locations] = cmd.arguments as [string, Position, Location[]];
    assert.equal(target, uri('services/web-service.yaml'));
    assert.deepEqual(at, { line: 0, character: 0 });
    assert.deepEqual(locations.map(where).sort(), ['apps/web/canary.yaml:14', 'apps/web/deployment.yaml:13']);
  });

  it('renames with document changes', async () => {
    const edit = (await c.sendRequest(RenameRequest.type, { ...params('apps/data/db.yaml', 'serviceName: db', 'db'), newName: 'pg' })) as WorkspaceEdit;
    const docs = edit.documentChanges as TextDocumentEdit[];
    assert.deepEqual(docs.map((d) => path.relative(ROOT, new URL(d.textDocument.uri).pathname)).sort(), ['apps/data/db.yaml', 'apps/web/deployment.yaml']);
    assert.ok(docs.every((d) => d.textDocument.version === null), 'files not open in the editor carry no version');
    assert.equal(docs.find((d) => d.textDocument.uri.endsWith('db.yaml'))!.edits.length, 2);
  });
});
