// The failures fuzzing found, each kept as a fixed case (see docs/robustness.md).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { parseFile } from '../../server/src/model/parse';
import { computeFixes } from '../../server/src/checks/fixes';
import { findingsForFile } from '../../server/src/checks/run';
import { DEFAULT_CHECK_SETTINGS } from '../../server/src/checks/types';
import { completionAt } from '../../server/src/features/completion';
import { applyEdits, assertSameTables, checkFixes, yamlErrorCount } from './invariants';

const URI = 'file:///regressions/manifest.yaml';

function indexOf(text: string): WorkspaceIndex {
  const index = new WorkspaceIndex({ defaultNamespace: 'default' });
  index.update(URI, text, 1);
  return index;
}

test('a duplicate key after a key without a value is ranged on the key, not the line break before it', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  mode:\n  mode: b\n';
  const [finding, ...rest] = parseFile(URI, text).findings;
  assert.equal(rest.length, 0);
  assert.equal(finding!.rule, 'duplicate-key');
  assert.equal(text.slice(finding!.range!.start, finding!.range!.end), 'mode');
  assert.equal(finding!.range!.start, text.lastIndexOf('mode'));
  assert.match(finding!.message, /^Duplicate key 'mode'/);
});

test('an unclosed flow sequence nested 10,000 deep gives a few findings, one saying why', () => {
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: ${'['.repeat(10_000)}\n`;
  const findings = parseFile(URI, text).findings;
  // yaml repeats one error for every level: reported once per place and message.
  assert.ok(findings.length >= 1 && findings.length <= 3, `${findings.length} findings`);
  assert.ok(findings.some((f) => /nested too deeply/.test(f.message)));
  assert.ok(findings.every((f) => !/call stack/i.test(f.message)));
});

test('"disable for this line" is not offered where a comment line would become block scalar text', () => {
  const text = [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: web',
    '  annotations:',
    '    note: |',
    '      first line',
    '      second line',
    'spec:',
    '  ports:',
    '  - port: 80',
    '    port: 81',
    '',
  ].join('\n');
  const index = indexOf(text);
  const inScalar = text.indexOf('second line');
  const titles = computeFixes(index, { rule: 'schema', uri: URI, range: { start: inScalar, end: inScalar + 6 } }).map((p) => p.title);
  assert.deepEqual(titles, ['Disable schema for this file']);
  // Outside the scalar it is offered, and only comments change.
  const onPort = text.indexOf('port: 81');
  const fixes = computeFixes(index, { rule: 'duplicate-key', uri: URI, range: { start: onPort, end: onPort + 4 } });
  assert.ok(fixes.some((p) => p.title === 'Disable duplicate-key for this line'));
});

test('fixes on text with YAML errors are offered only when they add none', () => {
  // From a fuzz case: a mutated line makes the structure ambiguous around the finding.
  const text = '\t# Query to UI\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: query-to-ui\n>      namespace: demo\nspec:\n  podSelector:\n    matchLabels:\n      app: ui\n';
  const index = indexOf(text);
  const findings = findingsForFile(index, URI, DEFAULT_CHECK_SETTINGS);
  assert.ok(findings.length > 0);
  for (const f of findings) {
    for (const proposal of computeFixes(index, { rule: f.rule, uri: URI, range: f.range })) {
      assert.ok(yamlErrorCount(applyEdits(text, proposal.edits)) <= yamlErrorCount(text), `${proposal.title} adds YAML errors`);
    }
  }
});

test('splitting a list entry that repeats several keys gives two entries without duplicates', () => {
  const text = [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: internal',
    'spec:',
    '  selector:',
    '    app: nginx',
    '  ports:',
    '  - port: 80',
    '    targetPort: 8080',
    '    protocol: TCP',
    '    name: http',
    '    targetPort: 8443',
    '    protocol: TCP',
    '    name: https',
    '',
  ].join('\n');
  const index = indexOf(text);
  const finding = findingsForFile(index, URI, DEFAULT_CHECK_SETTINGS).find((f) => f.rule === 'duplicate-key')!;
  const split = computeFixes(index, { rule: finding.rule, uri: URI, range: finding.range }).find((p) => p.title.startsWith('Split'));
  assert.ok(split, 'a split is offered');
  const after = applyEdits(text, split.edits);
  assert.equal(yamlErrorCount(after), 0, after);
  const ports = (parseFile(URI, after).resources[0]!.value['spec'] as { ports: unknown[] }).ports;
  assert.deepEqual(ports, [
    { port: 80, targetPort: 8080, protocol: 'TCP', name: 'http' },
    { port: 80, targetPort: 8443, protocol: 'TCP', name: 'https' },
  ]);
  assert.ok(checkFixes(index, findingsForFile(index, URI, DEFAULT_CHECK_SETTINGS)) > 0);
});

test('completion on a line holding a lone CR answers', () => {
  const text = 'apiVersion: networking.k8s.io/v1\r\nkind: NetworkPolicy\r\nmetadata:\r\n  name: a\r\n  namespace: kube-system\r\u{1D518}\n  podSelector:\r\n    matchLabels:\r\n      tier: frontend\r\n';
  const index = indexOf(text);
  for (let offset = 0; offset <= text.length; offset++) assert.doesNotThrow(() => completionAt(index, URI, offset, {}));
});

test('many changes without a read in between, and files of thousands of resources, keep the lookup tables exact', () => {
  const index = new WorkspaceIndex({ defaultNamespace: 'default' });
  const many = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${tag}-${i % 50}, namespace: ns-${i % 7}}\n`).join('---\n');
  for (let f = 0; f < 10; f++) index.update(`file:///regressions/f${f}.yaml`, many(300, `f${f}`), 1);
  assertSameTables(index); // builds the tables: later changes patch them
  // A file of thousands of resources edited (the patch groups its resources once, not once per key).
  index.update('file:///regressions/f3.yaml', many(3_000, 'big'), 2);
  assertSameTables(index);
  // 200 changes nobody reads (a checkout): the tables are dropped after 64 and rebuilt on the next read.
  for (let k = 0; k < 200; k++) {
    const uri = `file:///regressions/f${k % 10}.yaml`;
    if (k % 9 === 0) index.remove(uri);
    else index.update(uri, many(20 + (k % 30), `k${k}`), 3 + k);
  }
  assertSameTables(index);
});

test('completion on the second line of a file that starts with a blank line answers (it looped forever)', async () => {
  // In a worker, so a regression fails after 20 s instead of hanging the test run.
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { WorkspaceIndex } = require(workerData.index);
    const { completionAt } = require(workerData.completion);
    const index = new WorkspaceIndex();
    const answers = [];
    for (const text of ['\\nkind: Service\\n', '\\n\\uFEFF# comment\\nname: ci\\n', '\\n\\n- a\\n']) {
      index.update('file:///blank-first-line.yaml', text, 1);
      for (let offset = 0; offset <= text.length; offset++) answers.push(completionAt(index, 'file:///blank-first-line.yaml', offset, {}).length);
    }
    parentPort.postMessage(answers.length);
  `;
  const out = path.resolve(__dirname, '..', '..', 'server', 'src');
  const worker = new Worker(source, { eval: true, workerData: { index: path.join(out, 'index', 'workspaceIndex.js'), completion: path.join(out, 'features', 'completion.js') } });
  try {
    const answered = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('completion did not answer within 20 s')), 20_000);
      worker.once('message', (n: number) => {
        clearTimeout(timer);
        resolve(n);
      });
      worker.once('error', reject);
    });
    assert.ok(answered > 0);
  } finally {
    await worker.terminate();
  }
});

test('replacing a block scalar keeps the line break after it', () => {
  // From a long fuzz run: an empty folded scalar as a selector value, in a CRLF file.
  const text = [
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    '  name: web',
    'spec:',
    '  podSelector:',
    '    matchLabels:',
    '      app: >-',
    '  policyTypes:',
    '  - Ingress',
    '---',
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: pod-3',
    '  labels: {app: pod3}',
    'spec: {containers: [{name: c, image: i}]}',
    '',
  ].join('\r\n');
  const index = indexOf(text);
  const findings = findingsForFile(index, URI, DEFAULT_CHECK_SETTINGS).filter((f) => f.rule === 'netpol-selects-nothing');
  assert.equal(findings.length, 1);
  const change = computeFixes(index, { rule: findings[0]!.rule, uri: URI, range: findings[0]!.range, ...(findings[0]!.data ? { data: findings[0]!.data } : {}) }).find((p) => /app: pod3/.test(p.title));
  assert.ok(change, 'the selector fix is offered');
  const after = applyEdits(text, change.edits);
  assert.equal(yamlErrorCount(after), 0, after);
  assert.match(after, /\r\n {6}app: pod3\r\n {2}policyTypes:\r\n/);
});

test('"disable for this line" is not offered after a lone CR, which YAML does not take for a line break', () => {
  // From a long fuzz run: old Mac line ends; the comment would have swallowed the rest of the line.
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cr\ndata:\n  a: {}\r  b: 1\n';
  const index = indexOf(text);
  const at = text.indexOf('b: 1');
  const titles = computeFixes(index, { rule: 'schema', uri: URI, range: { start: at, end: at + 4 } }).map((p) => p.title);
  assert.ok(!titles.includes('Disable schema for this line'), titles.join(', '));
  assert.ok(titles.includes('Disable schema for this file'));
});
