// Hover on a NetworkPolicy ipBlock: the address range, how many addresses, what `except` removes.

import { formatCidr, formatIp, isStrictSubset, networkOf, parseCidr, type Cidr } from '../model/cidr';
import { bullets, code } from './markdown';

function size(c: Cidr): bigint {
  return 1n << BigInt((c.family === 4 ? 32 : 128) - c.prefix);
}

/** 16,777,216 — or 2^64 when the number is too long to read. */
export function formatCount(n: bigint): string {
  if (n >= 1n << 48n) {
    let bits = 0;
    while (1n << BigInt(bits) < n) bits++;
    if (1n << BigInt(bits) === n) return `2^${bits}`;
  }
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function rangeText(c: Cidr): string {
  const first = networkOf(c);
  const last = first + size(c) - 1n;
  return `${code(formatIp({ family: c.family, address: first }))} – ${code(formatIp({ family: c.family, address: last }))}`;
}

export function ipBlockHover(cidrRaw: unknown, exceptRaw: readonly unknown[], focus: 'cidr' | number): string {
  const parsed = parseCidr(cidrRaw);
  if (!parsed.ok) return `**ipBlock** ${code(String(cidrRaw ?? ''))}: the CIDR ${parsed.problem}; the API server rejects the policy.`;
  const cidr = parsed.cidr;
  const normalized = { ...cidr, address: networkOf(cidr) };
  const lines = [`**ipBlock** ${code(formatCidr(normalized))} · IPv${cidr.family}`, '', `Range ${rangeText(cidr)} · ${formatCount(size(cidr))} addresses`];
  if (normalized.address !== cidr.address) lines.push('', `Host bits are set in ${code(String(cidrRaw))}: it means ${code(formatCidr(normalized))}.`);

  const excepts = exceptRaw.map((raw) => ({ raw, parsed: parseCidr(raw) }));
  if (excepts.length > 0) {
    let removed = 0n;
    const items = excepts.map(({ raw, parsed: p }, i) => {
      const mark = focus === i ? '**→** ' : '';
      if (!p.ok) return `${mark}${code(String(raw))}: ${p.problem}`;
      if (!isStrictSubset(p.cidr, cidr)) return `${mark}${code(String(raw))}: ✗ not inside ${code(formatCidr(normalized))} (the API server requires it)`;
      removed += size(p.cidr);
      return `${mark}${code(formatCidr({ ...p.cidr, address: networkOf(p.cidr) }))}: removes ${rangeText(p.cidr)} · ${formatCount(size(p.cidr))} addresses`;
    });
    // Overlapping excepts would be counted twice; the API does not forbid them, so say "up to".
    const overlapping = hasOverlap(excepts.flatMap((e) => (e.parsed.ok ? [e.parsed.cidr] : [])));
    lines.push('', '**except**', ...bullets(items, 20), '', `${overlapping ? 'At least ' : ''}${formatCount(size(cidr) - removed)} addresses remain.`);
  }
  return lines.join('\n');
}

function hasOverlap(list: readonly Cidr[]): boolean {
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i]!;
      const b = list[j]!;
      if (a.family !== b.family) continue;
      const aStart = networkOf(a);
      const bStart = networkOf(b);
      if (aStart <= bStart + size(b) - 1n && bStart <= aStart + size(a) - 1n) return true;
    }
  }
  return false;
}
