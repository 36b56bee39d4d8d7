import { test } from 'node:test';
import assert from 'node:assert/strict';
import { didYouMean, editDistance } from '../../../server/src/schema/didYouMean';

test('editDistance counts insertions, deletions and substitutions', () => {
  assert.equal(editDistance('protocl', 'protocol'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('same', 'same'), 0);
});

test('didYouMean picks the closest plausible candidate', () => {
  const fields = ['name', 'port', 'protocol', 'targetPort', 'nodePort', 'appProtocol'];
  assert.equal(didYouMean('protocl', fields), 'protocol');
  assert.equal(didYouMean('targetport', fields), 'targetPort');
  assert.equal(didYouMean('prot', fields), 'port');
  assert.equal(didYouMean('selector', fields), undefined);
  assert.equal(didYouMean('x', []), undefined);
});
