// CIDR and IP parsing as strict as the API server's (Go's net.ParseCIDR): IPv4 in four
// decimal parts without leading zeros, IPv6 without zones.

import ipaddr from 'ipaddr.js';

export interface Cidr {
  family: 4 | 6;
  /** The address as written, as an unsigned integer of 32 or 128 bits. */
  address: bigint;
  prefix: number;
}

export type CidrParse = { ok: true; cidr: Cidr } | { ok: false; problem: string };

const IPV4_PART = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${IPV4_PART}\\.${IPV4_PART}\\.${IPV4_PART}\\.${IPV4_PART}$`);

export function parseCidr(text: unknown): CidrParse {
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, problem: 'is missing' };
  const slash = text.indexOf('/');
  if (slash < 0) return { ok: false, problem: 'has no prefix length (write it as address/length, e.g. 10.0.0.0/8)' };
  const addressText = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const ip = parseIp(addressText);
  if (!ip) return { ok: false, problem: `has an invalid address '${addressText}'` };
  const max = ip.family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) {
    return { ok: false, problem: `has an invalid prefix length '${prefixText}' (0–${max})` };
  }
  return { ok: true, cidr: { family: ip.family, address: ip.address, prefix: Number(prefixText) } };
}

export interface IpAddress {
  family: 4 | 6;
  address: bigint;
}

export function parseIp(text: string): IpAddress | undefined {
  if (IPV4.test(text)) {
    return { family: 4, address: text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n) };
  }
  if (!text.includes(':') || text.includes('%') || !ipaddr.IPv6.isValid(text)) return undefined;
  const bytes = ipaddr.IPv6.parse(text).toByteArray();
  return { family: 6, address: bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n) };
}

function bitsOf(family: 4 | 6): number {
  return family === 4 ? 32 : 128;
}

/** The network address (host bits cleared). */
export function networkOf(cidr: Cidr): bigint {
  const hostBits = BigInt(bitsOf(cidr.family) - cidr.prefix);
  return (cidr.address >> hostBits) << hostBits;
}

export function cidrContainsIp(cidr: Cidr, ip: IpAddress): boolean {
  if (cidr.family !== ip.family) return false;
  const hostBits = BigInt(bitsOf(cidr.family) - cidr.prefix);
  return cidr.address >> hostBits === ip.address >> hostBits;
}

/** The API's rule for ipBlock.except: same family, inside cidr, and a longer prefix. */
export function isStrictSubset(inner: Cidr, outer: Cidr): boolean {
  return inner.family === outer.family && inner.prefix > outer.prefix && cidrContainsIp(outer, { family: inner.family, address: networkOf(inner) });
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIp({ family: cidr.family, address: cidr.address })}/${cidr.prefix}`;
}

export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) {
    return [24n, 16n, 8n, 0n].map((s) => String((ip.address >> s) & 255n)).join('.');
  }
  const bytes: number[] = [];
  for (let s = 120n; s >= 0n; s -= 8n) bytes.push(Number((ip.address >> s) & 255n));
  return ipaddr.fromByteArray(bytes).toString();
}
