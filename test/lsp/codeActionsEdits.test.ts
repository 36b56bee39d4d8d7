// The pieces behind the code action handler, without a server: offset edits → versioned workspace
// edits (and new files), which current finding a client's diagnostic stands for, and "fix all".

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readText } from '../../server/src/node/workspaceFiles';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { LineIndex } from '../../server/src/model/lines';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { findingsForFile, type LocatedFinding } from '../../server/src/checks/run';
import { parseYamlDocuments } from '../../server/src/model/parse';
import { rangeIn, type EditTarget } from '../../server/src/lsp/editTargets';
import { workspaceEditOf } from '../../server/src/lsp/versionedEdits';
import { findingFor } from '../../server/src/lsp/diagnosticFindings';
import { applyOffsetEdits, fixAllEdits } from '../../server/src/lsp/fixAll';

const URI = 'file:///ws/a.yaml';
const NEW = 'file:///ws/new.yaml';

function target(kind: EditTarget['kind'], text: string, version: number | null, uri = URI): EditTarget {
  return { uri, clientUri: uri, kind, version, text, lines: new LineIndex(text) };
}

test('edits carry the version of the text they were computed on, or a changes map', () => {
  const text = 'a: 1\nb: 2\n';
  const targets = new Map([[URI, target('open', text, 7)]]);
  const edits = [{ uri: URI, range: { start: 8, end: 9 }, newText: '3' }];
  const versioned = workspaceEditOf(edits, targets, { documentChanges: true, createFiles: false });
  assert.deepEqual(versioned, {
    documentChanges: [{ textDocument: { uri: URI, version: 7 }, edits: [{ range: { start: { line: 1, character: 3 }, end: { line: 1, character: 4 } }, newText: '3' }] }],
  });
  const plain = workspaceEditOf(edits, targets, { documentChanges: false, createFiles: false });
  assert.deepEqual(Object.keys(plain!), ['changes']);
  assert.deepEqual(plain!.changes![URI]![0]!.range.start, { line: 1, character: 3 });
});

test('a new file is created first, then filled; without resource operations the fix is not offered', () => {
  const targets = new Map([[NEW, target('new', '', null, NEW)]]);
  const edits = [{ uri: NEW, range: { start: 0, end: 0 }, newText: 'kind: NetworkPolicy\n' }];
  const edit = workspaceEditOf(edits, targets, { documentChanges: true, createFiles: true });
  assert.deepEqual(edit?.documentChanges?.[0], { kind: 'create', uri: NEW, options: { overwrite: false, ignoreIfExists: false } });
  assert.deepEqual((edit?.documentChanges?.[1] as TextDocumentEdit).textDocument, { uri: NEW, version: null });
  assert.equal(workspaceEditOf(edits, targets, { documentChanges: true, createFiles: false }), undefined);
  assert.equal(workspaceEditOf(edits, targets, { documentChanges: false, createFiles: false }), undefined);
  // An edit inside a file that does not exist yet cannot be right.
  assert.equal(workspaceEditOf([{ uri: NEW, range: { start: 3, end: 3 }, newText: 'x' }], targets, { documentChanges: true, createFiles: true }), undefined);
  // Nor one for a file nobody captured.
  assert.equal(workspaceEditOf([{ uri: 'file:///ws/other.yaml', range: { start: 0, end: 0 }, newText: 'x' }], targets, { documentChanges: true, createFiles: true }), undefined);
});

test('a file read from disk with a byte order mark: read without it, so columns are the editor\'s', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kn-bom-'));
  const file = join(dir, 'bom.yaml');
  await writeFile(file, '\uFEFFa: 1\nb: 2\n');
  const read = await readText(file);
  assert.ok('text' in read);
  assert.equal(read.text, 'a: 1\nb: 2\n');
  assert.deepEqual(rangeIn(target('disk', read.text, null), { start: 3, end: 4 }), { start: { line: 0, character: 3 }, end: { line: 0, character: 4 } });
  await rm(dir, { recursive: true, force: true });
});

function finding(rule: string, start: number, end: number, data?: Record<string, unknown>): LocatedFinding {
  return { rule, severity: 'warning', message: 'm', uri: URI, range: { start, end }, ...(data ? { data } : {}) };
}

function diagnostic(code: string, lines: LineIndex, start: number, end: number, data?: unknown): Diagnostic {
  return { range: { start: lines.positionAt(start), end: lines.positionAt(end) }, message: 'm', source: 'kube-netlens', code, ...(data !== undefined ? { data } : {}) };
}

test('a diagnostic stands for the finding at its range, or for the one with its data once it moved', () => {
  const lines = new LineIndex('x\n'.repeat(20));
  const a = finding('r', 4, 5, { path: ['a'] });
  const b = finding('r', 10, 11, { path: ['b'] });
  assert.equal(findingFor(diagnostic('r', lines, 10, 11, { path: ['b'] }), [a, b], lines), b);
  // Lines were inserted above since the client was told: same data, another range.
  assert.equal(findingFor(diagnostic('r', lines, 2, 3, { path: ['b'] }), [a, b], lines), b);
  // Another rule at the same place, no data to go by, or data shared by two findings: nothing.
  assert.equal(findingFor(diagnostic('other', lines, 10, 11, { path: ['b'] }), [a, b], lines), undefined);
  assert.equal(findingFor(diagnostic('r', lines, 2, 3), [a, b], lines), undefined);
  assert.equal(findingFor(diagnostic('r', lines, 2, 3, { path: ['c'] }), [a, b, finding('r', 14, 15, { path: ['c'] }), finding('r', 16, 17, { path: ['c'] })], lines), undefined);
});

test('fix all combines one fix per rule and document, keeping the YAML valid', () => {
  const text =
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  namespace: x\nspec:\n  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 8081\n  - port: 8080\n  - name: https\n    port: 443\n';
  const index = new WorkspaceIndex();
  index.update(URI, text, 1);
  const settings = { rules: {} };
  const findings = findingsForFile(index, URI, settings);
  const rules = findings.map((f) => f.rule).sort();
  assert.deepEqual(rules, ['nodeport-out-of-range', 'service-port-name-required', 'service-port-name-required']);
  const edits = fixAllEdits(index, URI, findings, settings);
  const after = applyOffsetEdits(text, edits);
  assert.deepEqual(parseYamlDocuments(after).flatMap((d) => d.errors.map((e) => e.message)), []);
  index.update(URI, after, 2);
  // Both port-name fixes would pick 'http' for 80 and 8080: the second waits for the next run.
  assert.deepEqual(
    findingsForFile(index, URI, settings)
      .map((f) => f.rule)
      .sort(),
    ['service-port-name-required'],
  );
  assert.equal(fixAllEdits(index, URI, [], settings).length, 0);
  assert.equal(fixAllEdits(index, URI, findingsForFile(index, URI, settings), settings, () => true).length, 0, 'a cancelled run proposes nothing');
});
