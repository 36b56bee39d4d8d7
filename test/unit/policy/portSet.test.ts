import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALL_PORTS,
  NO_PORTS,
  complement,
  contains,
  equals,
  formatPortSet,
  intersect,
  isAll,
  isEmpty,
  portRange,
  portSetEntries,
  portSetOf,
  protocolPorts,
  size,
  subtract,
  union,
} from '../../../server/src/policy';

test('ranges merge when they overlap or touch, per protocol', () => {
  const s = portSetOf([
    { protocol: 'TCP', start: 80, end: 90 },
    { protocol: 'TCP', start: 91, end: 100 },
    { protocol: 'TCP', start: 95, end: 120 },
    { protocol: 'TCP', start: 443 },
    { protocol: 'UDP', start: 53 },
  ]);
  assert.deepEqual(s.TCP, [[80, 120], [443, 443]]);
  assert.deepEqual(s.UDP, [[53, 53]]);
  assert.deepEqual(s.SCTP, []);
});

test('ranges are clamped to 1..65535 and empty when inverted', () => {
  assert.deepEqual(portRange('TCP', 0, 10).TCP, [[1, 10]]);
  assert.deepEqual(portRange('TCP', 65530, 70000).TCP, [[65530, 65535]]);
  assert.ok(isEmpty(portRange('TCP', 10, 9)));
});

test('intersection, complement and subtraction', () => {
  const a = portSetOf([{ protocol: 'TCP', start: 1, end: 100 }, { protocol: 'UDP', start: 53 }]);
  const b = portSetOf([{ protocol: 'TCP', start: 50, end: 200 }, { protocol: 'SCTP', start: 1 }]);
  assert.deepEqual(intersect(a, b), { TCP: [[50, 100]], UDP: [], SCTP: [] });
  assert.deepEqual(complement(portRange('UDP', 53)).UDP, [[1, 52], [54, 65535]]);
  assert.ok(isAll(complement(NO_PORTS)));
  assert.ok(isEmpty(complement(ALL_PORTS)));
  assert.deepEqual(subtract(a, b), { TCP: [[1, 49]], UDP: [[53, 53]], SCTP: [] });
  assert.equal(size(protocolPorts('TCP')), 65535);
});

test('membership', () => {
  const s = portSetOf([{ protocol: 'TCP', start: 80, end: 90 }, { protocol: 'TCP', start: 443 }]);
  assert.equal(contains(s, 'TCP', 80), true);
  assert.equal(contains(s, 'TCP', 90), true);
  assert.equal(contains(s, 'TCP', 91), false);
  assert.equal(contains(s, 'TCP', 443), true);
  assert.equal(contains(s, 'UDP', 80), false);
});

test('formatting: all, none, whole protocols and lists', () => {
  assert.equal(formatPortSet(ALL_PORTS), 'all');
  assert.equal(formatPortSet(NO_PORTS), 'none');
  assert.equal(formatPortSet(union(protocolPorts('TCP'), portRange('UDP', 53))), 'all TCP; 53/UDP');
  assert.equal(formatPortSet(portSetOf([{ protocol: 'TCP', start: 8080 }, { protocol: 'TCP', start: 9000, end: 9010 }])), '8080,9000-9010/TCP');
  assert.deepEqual(portSetEntries(portSetOf([{ protocol: 'SCTP', start: 7, end: 9 }, { protocol: 'TCP', start: 80 }])), [
    { protocol: 'TCP', port: 80 },
    { protocol: 'SCTP', port: 7, endPort: 9 },
  ]);
});

test('equal sets built differently compare equal', () => {
  const a = union(portRange('TCP', 1, 100), portRange('TCP', 101, 65535));
  assert.ok(equals(a, protocolPorts('TCP')));
  assert.ok(!equals(a, ALL_PORTS));
});
