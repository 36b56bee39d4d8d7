// IP addresses and ranges (IPv4 and IPv6) as integers, parsed with ipaddr.js.
// Kubernetes accepts only the standard textual forms, so "10.1" or "0x0a.0.0.1" are rejected here too.

import ipaddr from 'ipaddr.js';

export type AddressFamily = 'ipv4' | 'ipv6';

/** An inclusive range of addresses of one family. */
export interface AddressRange {
  family: AddressFamily;
  start: bigint;
  end: bigint;
}

export const FAMILY_BITS: Record<AddressFamily, number> = { ipv4: 32, ipv6: 128 };

export function familyMax(family: AddressFamily): bigint {
  return (1n << BigInt(FAMILY_BITS[family])) - 1n;
}

export function fullRange(family: AddressFamily): AddressRange {
  return { family, start: 0n, end: familyMax(family) };
}

function bytesToBigint(bytes: number[]): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

function toAddress(family: AddressFamily, value: bigint): ipaddr.IPv4 | ipaddr.IPv6 {
  const n = FAMILY_BITS[family] / 8;
  const bytes: number[] = [];
  for (let i = n - 1; i >= 0; i--) bytes.push(Number((value >> BigInt(i * 8)) & 0xffn));
  return ipaddr.fromByteArray(bytes);
}

function isStrictIPv4(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text);
}

/**
 * Parses one address. IPv4-mapped IPv6 addresses (::ffff:1.2.3.4) become IPv4, as the kernel sees them.
 * Returns undefined for anything else.
 */
export function parseAddress(text: string): { family: AddressFamily; value: bigint } | undefined {
  const t = text.trim();
  if (isStrictIPv4(t)) return { family: 'ipv4', value: bytesToBigint(ipaddr.IPv4.parse(t).toByteArray()) };
  if (!t.includes(':') || !ipaddr.IPv6.isValid(t)) return undefined;
  const v6 = ipaddr.IPv6.parse(t);
  if (v6.zoneId) return undefined;
  if (v6.isIPv4MappedAddress()) return { family: 'ipv4', value: bytesToBigint(v6.toIPv4Address().toByteArray()) };
  return { family: 'ipv6', value: bytesToBigint(v6.toByteArray()) };
}

/** Parses `a.b.c.d/n` or `v6::/n` into the range it covers (host bits are ignored, as Kubernetes masks them). */
export function parseCidr(text: string): AddressRange | undefined {
  const t = text.trim();
  const slash = t.indexOf('/');
  if (slash < 0) return undefined;
  const addrText = t.slice(0, slash);
  const prefixText = t.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  let family: AddressFamily;
  let value: bigint;
  if (isStrictIPv4(addrText)) {
    family = 'ipv4';
    value = bytesToBigint(ipaddr.IPv4.parse(addrText).toByteArray());
  } else if (addrText.includes(':') && ipaddr.IPv6.isValid(addrText)) {
    const v6 = ipaddr.IPv6.parse(addrText);
    if (v6.zoneId) return undefined;
    family = 'ipv6';
    value = bytesToBigint(v6.toByteArray());
  } else {
    return undefined;
  }
  const bits = FAMILY_BITS[family];
  if (prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  const hostMask = (1n << hostBits) - 1n;
  const start = value & ~hostMask & familyMax(family);
  return { family, start, end: start | hostMask };
}

/** An address or a CIDR, as the user may name an external endpoint. */
export function parseAddressOrCidr(text: string): AddressRange | undefined {
  if (text.includes('/')) return parseCidr(text);
  const a = parseAddress(text);
  return a ? { family: a.family, start: a.value, end: a.value } : undefined;
}

export function formatAddress(family: AddressFamily, value: bigint): string {
  const addr = toAddress(family, value);
  return addr.kind() === 'ipv6' ? (addr as ipaddr.IPv6).toRFC5952String() : addr.toString();
}

/** `a.b.c.d/n` when the range is exactly a CIDR block, else `first-last`. */
export function formatRange(range: AddressRange): string {
  if (range.start === range.end) return formatAddress(range.family, range.start);
  const size = range.end - range.start + 1n;
  const isPowerOfTwo = (size & (size - 1n)) === 0n;
  if (isPowerOfTwo && range.start % size === 0n) {
    let hostBits = 0;
    while (1n << BigInt(hostBits) < size) hostBits++;
    return `${formatAddress(range.family, range.start)}/${FAMILY_BITS[range.family] - hostBits}`;
  }
  return `${formatAddress(range.family, range.start)}-${formatAddress(range.family, range.end)}`;
}

export function rangeContains(range: AddressRange, family: AddressFamily, value: bigint): boolean {
  return range.family === family && range.start <= value && value <= range.end;
}

export function rangesOverlap(a: AddressRange, b: AddressRange): boolean {
  return a.family === b.family && a.start <= b.end && b.start <= a.end;
}

/**
 * Cuts `within` at the given boundary points (each point starts a new piece) into contiguous pieces.
 * Points outside the range are ignored.
 */
export function cutRange(within: AddressRange, starts: Iterable<bigint>): AddressRange[] {
  const cuts = [...new Set([...starts].filter((p) => p > within.start && p <= within.end))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: AddressRange[] = [];
  let cur = within.start;
  for (const c of cuts) {
    out.push({ family: within.family, start: cur, end: c - 1n });
    cur = c;
  }
  out.push({ family: within.family, start: cur, end: within.end });
  return out;
}
