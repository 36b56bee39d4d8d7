import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatRange, parseAddress, parseAddressOrCidr, parseCidr } from '../../../server/src/policy';

test('IPv4 and IPv6 addresses parse; IPv4-mapped IPv6 becomes IPv4', () => {
  assert.deepEqual(parseAddress('10.0.0.1'), { family: 'ipv4', value: 0x0a000001n });
  assert.equal(parseAddress('2001:db8::1')?.family, 'ipv6');
  assert.deepEqual(parseAddress('::ffff:10.0.0.1'), { family: 'ipv4', value: 0x0a000001n });
});

test('non-standard address forms are rejected, as Kubernetes rejects them', () => {
  for (const bad of ['10.1', '0x0a.0.0.1', '10.0.0.256', 'fe80::1%eth0', 'example.com', '']) {
    assert.equal(parseAddress(bad), undefined, bad);
  }
});

test('CIDRs cover their block; host bits are masked', () => {
  const r = parseCidr('10.1.2.3/8');
  assert.deepEqual(r, { family: 'ipv4', start: 0x0a000000n, end: 0x0affffffn });
  assert.equal(formatRange(r!), '10.0.0.0/8');
  assert.equal(formatRange(parseCidr('0.0.0.0/0')!), '0.0.0.0/0');
  assert.equal(formatRange(parseCidr('2001:db8::/32')!), '2001:db8::/32');
  assert.equal(parseCidr('10.0.0.0/33'), undefined);
  assert.equal(parseCidr('10.0.0.0'), undefined);
  assert.equal(parseCidr('10.0.0.0/x'), undefined);
});

test('ranges that are not one block are written first-last', () => {
  const r = { family: 'ipv4' as const, start: 0x0a000000n, end: 0x0a000002n };
  assert.equal(formatRange(r), '10.0.0.0-10.0.0.2');
  assert.equal(formatRange(parseAddressOrCidr('192.0.2.7')!), '192.0.2.7');
});
