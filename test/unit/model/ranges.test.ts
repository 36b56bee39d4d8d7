import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlDocuments } from '../../../server/src/model/parse';
import { pathAtOffset, resolvePath, type PathTarget } from '../../../server/src/model/ranges';
import type { JsonPath } from '../../../server/src/model/types';

const TEXT = [
  'apiVersion: v1', //
  'kind: Service',
  'metadata:',
  '  name: api',
  '  labels: &labels',
  '    app: api',
  'spec:',
  '  selector:',
  '    <<: *labels',
  '  ports:',
  '  - name: http',
  '    port: 80',
  '  clusterIP:',
  '---',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: second',
  '',
].join('\n');

const DOCS = parseYamlDocuments(TEXT);

function resolved(path: JsonPath, target: PathTarget = 'value', docIndex = 0): string {
  const r = resolvePath(DOCS[docIndex]!, path, target);
  assert.ok(r, `path ${JSON.stringify(path)} resolves`);
  return TEXT.slice(r.range.start, r.range.end);
}

test('resolvePath points at the key, the value or the whole entry', () => {
  assert.equal(resolved(['metadata', 'name'], 'key'), 'name');
  assert.equal(resolved(['metadata', 'name'], 'value'), 'api');
  assert.equal(resolved(['metadata', 'name'], 'entry'), 'name: api');
  assert.equal(resolved(['spec', 'ports', 0, 'port']), '80');
  assert.equal(resolved(['spec', 'ports', 0, 'name'], 'key'), 'name');
  assert.equal(resolved(['metadata', 'name'], 'value', 1), 'second');
});

test('resolvePath reports an exact match with the full depth', () => {
  const r = resolvePath(DOCS[0]!, ['spec', 'ports', 0, 'port']);
  assert.deepEqual(r && { exact: r.exact, depth: r.depth }, { exact: true, depth: 4 });
});

test('a key without a value resolves to the key', () => {
  assert.equal(resolved(['spec', 'clusterIP'], 'value'), 'clusterIP');
  assert.equal(resolved(['spec', 'clusterIP'], 'entry'), 'clusterIP');
});

test('a missing tail is ranged at the edge: the deepest existing key', () => {
  const r = resolvePath(DOCS[0]!, ['spec', 'type', 'deeper']);
  assert.ok(r);
  assert.equal(r.exact, false);
  assert.equal(r.depth, 1);
  assert.equal(TEXT.slice(r.range.start, r.range.end), 'spec');

  const missingField = resolvePath(DOCS[0]!, ['metadata', 'namespace']);
  assert.equal(missingField && TEXT.slice(missingField.range.start, missingField.range.end), 'metadata');

  // Past the end of a sequence: the edge is the key holding the sequence.
  const pastEnd = resolvePath(DOCS[0]!, ['spec', 'ports', 5, 'port']);
  assert.equal(pastEnd && TEXT.slice(pastEnd.range.start, pastEnd.range.end), 'ports');
});

test('fields that come from a << merge resolve into the anchored mapping', () => {
  const r = resolvePath(DOCS[0]!, ['spec', 'selector', 'app']);
  assert.ok(r?.exact);
  // The value lives under metadata.labels, where the anchor is defined.
  assert.equal(r.range.start, TEXT.indexOf('app: api') + 'app: '.length);
  assert.equal(TEXT.slice(r.range.start, r.range.end), 'api');
});

test('pathAtOffset finds the document, path and whether the cursor is on a key', () => {
  const onKey = pathAtOffset(DOCS, TEXT.indexOf('name: api') + 2);
  assert.deepEqual(onKey && { docIndex: onKey.docIndex, path: onKey.path, onKey: onKey.onKey, scalar: onKey.scalar }, {
    docIndex: 0,
    path: ['metadata', 'name'],
    onKey: true,
    scalar: 'name',
  });

  const onValue = pathAtOffset(DOCS, TEXT.indexOf('port: 80') + 'port: '.length + 1);
  assert.deepEqual(onValue && { path: onValue.path, onKey: onValue.onKey, scalar: onValue.scalar }, {
    path: ['spec', 'ports', 0, 'port'],
    onKey: false,
    scalar: 80,
  });
  assert.equal(onValue && TEXT.slice(onValue.range.start, onValue.range.end), '80');

  const second = pathAtOffset(DOCS, TEXT.indexOf('second'));
  assert.deepEqual(second && [second.docIndex, second.path], [1, ['metadata', 'name']]);
});

test('pathAtOffset and resolvePath agree', () => {
  for (const path of [['kind'], ['metadata', 'labels', 'app'], ['spec', 'ports', 0, 'name']] as JsonPath[]) {
    const r = resolvePath(DOCS[0]!, path, 'value');
    assert.ok(r);
    const back = pathAtOffset(DOCS, r.range.start);
    assert.deepEqual(back?.path, path);
  }
});
