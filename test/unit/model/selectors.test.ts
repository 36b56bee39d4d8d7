import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatSelector,
  isEmptySelector,
  mapSelector,
  parseLabelSelector,
  requirementMatches,
  selectorMatches,
} from '../../../server/src/model/selectors';

const WEB = { app: 'web', tier: 'frontend' };
const DB = { app: 'db' };

test('matchLabels requires every label', () => {
  const s = parseLabelSelector({ matchLabels: { app: 'web', tier: 'frontend' } })!;
  assert.equal(selectorMatches(s, WEB), true);
  assert.equal(selectorMatches(s, { app: 'web' }), false);
  assert.equal(selectorMatches(s, DB), false);
});

test('an empty selector matches everything; a missing one parses as undefined', () => {
  const empty = parseLabelSelector({})!;
  assert.equal(isEmptySelector(empty), true);
  assert.equal(selectorMatches(empty, {}), true);
  assert.equal(selectorMatches(empty, WEB), true);
  assert.equal(parseLabelSelector(undefined), undefined);
  assert.equal(parseLabelSelector(null), undefined);
  assert.equal(parseLabelSelector('app=web'), undefined);
});

test('In and NotIn', () => {
  const inSel = { key: 'app', operator: 'In', values: ['web', 'api'] };
  assert.equal(requirementMatches(inSel, WEB), true);
  assert.equal(requirementMatches(inSel, DB), false);
  assert.equal(requirementMatches(inSel, {}), false, 'In needs the key');

  const notIn = { key: 'app', operator: 'NotIn', values: ['db'] };
  assert.equal(requirementMatches(notIn, WEB), true);
  assert.equal(requirementMatches(notIn, DB), false);
  assert.equal(requirementMatches(notIn, { tier: 'x' }), true, 'NotIn matches when the key is absent');
});

test('Exists and DoesNotExist', () => {
  assert.equal(requirementMatches({ key: 'tier', operator: 'Exists', values: [] }, WEB), true);
  assert.equal(requirementMatches({ key: 'tier', operator: 'Exists', values: [] }, DB), false);
  assert.equal(requirementMatches({ key: 'tier', operator: 'DoesNotExist', values: [] }, WEB), false);
  assert.equal(requirementMatches({ key: 'tier', operator: 'DoesNotExist', values: [] }, DB), true);
});

test('an unknown operator selects nothing', () => {
  assert.equal(requirementMatches({ key: 'app', operator: 'Equals', values: ['web'] }, WEB), false);
});

test('matchLabels and matchExpressions must all hold', () => {
  const s = parseLabelSelector({
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'tier', operator: 'In', values: ['frontend', 'edge'] },
      { key: 'canary', operator: 'DoesNotExist' },
    ],
  })!;
  assert.equal(selectorMatches(s, WEB), true);
  assert.equal(selectorMatches(s, { ...WEB, canary: 'true' }), false);
  assert.equal(selectorMatches(s, { app: 'web', tier: 'backend' }), false);
});

test('YAML scalars in selectors are compared as strings', () => {
  const s = parseLabelSelector({ matchLabels: { version: 2, enabled: true }, matchExpressions: [{ key: 'v', operator: 'In', values: [1, 2] }] })!;
  assert.deepEqual(s.matchLabels, { version: '2', enabled: 'true' });
  assert.equal(selectorMatches(s, { version: '2', enabled: 'true', v: '1' }), true);
});

test('malformed expressions are dropped rather than crashing', () => {
  const s = parseLabelSelector({ matchExpressions: [null, 'x', { key: 'a' }, { operator: 'In' }, { key: 'b', operator: 'Exists' }] })!;
  assert.deepEqual(s.matchExpressions, [{ key: 'b', operator: 'Exists', values: [] }]);
});

test('mapSelector and formatSelector', () => {
  assert.equal(selectorMatches(mapSelector({ app: 'web' }), WEB), true);
  assert.equal(formatSelector(parseLabelSelector({})!), '<all>');
  assert.equal(
    formatSelector(
      parseLabelSelector({
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['a', 'b'] },
          { key: 'x', operator: 'NotIn', values: ['c'] },
          { key: 'y', operator: 'Exists' },
          { key: 'z', operator: 'DoesNotExist' },
        ],
      })!,
    ),
    'app=web,tier in (a,b),x notin (c),y,!z',
  );
});
