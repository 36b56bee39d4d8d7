import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../../server/src/model/lines';

test('positions count lines for LF, CRLF and lone CR', () => {
  const text = 'a\nbb\r\nccc\rdddd';
  const lines = new LineIndex(text);
  assert.equal(lines.lineCount, 4);
  assert.deepEqual(lines.positionAt(text.indexOf('bb')), { line: 1, character: 0 });
  assert.deepEqual(lines.positionAt(text.indexOf('ccc') + 2), { line: 2, character: 2 });
  assert.deepEqual(lines.positionAt(text.indexOf('dddd')), { line: 3, character: 0 });
  assert.deepEqual(
    [0, 1, 2, 3].map((l) => lines.lineText(l)),
    ['a', 'bb', 'ccc', 'dddd'],
  );
});

test('characters are UTF-16 code units, as LSP counts them', () => {
  const text = 'name: "🚀x"\n';
  const lines = new LineIndex(text);
  // The rocket is two UTF-16 code units.
  assert.deepEqual(lines.positionAt(text.indexOf('x')), { line: 0, character: 9 });
});

test('offsetAt and positionAt are inverse and clamp out-of-range input', () => {
  const text = 'one\ntwo\nthree';
  const lines = new LineIndex(text);
  for (let offset = 0; offset <= text.length; offset++) {
    assert.equal(lines.offsetAt(lines.positionAt(offset)), offset);
  }
  assert.deepEqual(lines.positionAt(-5), { line: 0, character: 0 });
  assert.deepEqual(lines.positionAt(1000), { line: 2, character: 5 });
  assert.equal(lines.offsetAt({ line: 99, character: 0 }), text.length);
  assert.equal(lines.offsetAt({ line: 0, character: 99 }), 4, 'clamped to the next line start');
});
