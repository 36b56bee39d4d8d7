// Half-typed edits: a Service, a Deployment and a NetworkPolicy from examples/ typed into one
// buffer character by character (one incremental didChange per keystroke, with typos corrected by
// backspace), with hover, completion, outline and semantic-token requests along the way. The
// server logs no error, answers every request, and its diagnostics settle to exactly those of a
// fresh server that opens the final text.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  CompletionRequest,
  DidChangeTextDocumentNotification,
  HoverRequest,
  SemanticTokensRequest,
  TextDocumentSyncKind,
  type Diagnostic,
  type Position,
} from 'vscode-languageserver-protocol/node';
import { LspClient, REPO_ROOT, TempWorkspace } from '../lsp/harness';

// Starting with Enter, as people do: a blank first line (completion on the next line once looped forever).
const FINAL = `\n${['shop/api/service.yaml', 'shop/api/deployment.yaml', 'shop/policies/api.yaml']
  .map((f) => readFileSync(path.join(REPO_ROOT, 'examples', f), 'utf8'))
  .join('---\n')}`;

/** Where the end of `text` is, in LSP terms (UTF-16 characters). */
function endOf(text: string): Position {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1]!.length };
}

function comparable(diagnostics: readonly Diagnostic[] | undefined): string[] {
  return (diagnostics ?? []).map((d) => JSON.stringify([d.range, d.code, d.severity, d.message])).sort();
}

describe('typing a manifest character by character', { timeout: 300_000 }, () => {
  let ws: TempWorkspace;
  let typist: LspClient;

  before(async () => {
    ws = await TempWorkspace.create({});
    typist = await LspClient.start({ folders: [ws.root] });
    await typist.waitForIndexed();
  });

  after(async () => {
    await typist?.stop();
    await ws?.dispose();
  });

  it('the server syncs incrementally, so keystrokes are sent as incremental changes', () => {
    const sync = typist.initializeResult.capabilities.textDocumentSync;
    const kind = typeof sync === 'object' ? sync?.change : sync;
    assert.equal(kind, TextDocumentSyncKind.Incremental);
  });

  it('no error along the way, every request answered, diagnostics settle to the final file’s', async (t) => {
    const uri = ws.uri('typed.yaml');
    await typist.open(uri, '');
    let text = '';
    let version = 1;
    const requests: Promise<unknown>[] = [];
    const send = (range: { start: Position; end: Position }, newText: string): Promise<void> =>
      typist.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: ++version }, contentChanges: [{ range, text: newText }] });

    for (let i = 0; i < FINAL.length; i++) {
      const ch = FINAL[i]!;
      // A typo now and then, removed with backspace.
      if (i % 53 === 7) {
        const at = endOf(text);
        await send({ start: at, end: at }, 'x');
        await send({ start: at, end: { line: at.line, character: at.character + 1 } }, '');
      }
      const at = endOf(text);
      await send({ start: at, end: at }, ch);
      text += ch;
      if (i % 41 === 0 || i === 1) {
        const position = endOf(text);
        const doc = { textDocument: { uri } };
        requests.push(
          typist.connection.sendRequest(HoverRequest.type, { ...doc, position }),
          typist.connection.sendRequest(CompletionRequest.type, { ...doc, position }),
          typist.connection.sendRequest(SemanticTokensRequest.type, doc),
          typist.documentSymbols(uri),
        );
      }
    }
    assert.equal(text, FINAL);
    const answers = await Promise.allSettled(requests);
    assert.deepEqual(answers.filter((a) => a.status === 'rejected'), [], 'every request answered');
    t.diagnostic(`${FINAL.length} keystrokes (${version - 1} changes), ${requests.length} requests along the way`);

    // What a fresh server says about the final text.
    const fresh = await LspClient.start({ folders: [ws.root] });
    let expected: string[];
    try {
      await fresh.waitForIndexed();
      await fresh.open(uri, FINAL);
      await fresh.documentSymbols(uri); // applies the buffer and publishes its diagnostics
      expected = comparable(await fresh.waitForDiagnostics(uri, 'the final file’s diagnostics', (d) => d.length > 0));
    } finally {
      await fresh.stop();
    }
    // The examples hold deliberate mistakes: the final file has findings to compare.
    assert.ok(expected.length > 0);
    await typist.documentSymbols(uri);
    await typist.waitFor('diagnostics to settle to the final file’s', () => {
      const now = comparable(typist.diagnostics.get(uri));
      return now.length === expected.length && now.every((d, i) => d === expected[i]);
    });
    assert.deepEqual(typist.logs.filter((l) => l.type === 1).map((l) => l.message), []);
  });
});
