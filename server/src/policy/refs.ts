// Endpoint references as users type them: `namespace/name`, `namespace/Kind/name`, or an IP address.

import { formatRange, parseAddress, parseAddressOrCidr } from './addresses';
import type { Endpoint, ExternalEndpoint, WorkloadEndpoint } from './types';
import type { PolicyWorld } from './world';

export type RefResult = { ok: true; endpoint: Endpoint } | { ok: false; error: string };

/** An external endpoint for an address or CIDR (undefined when the text is neither). */
export function externalEndpoint(text: string): ExternalEndpoint | undefined {
  const range = parseAddressOrCidr(text);
  return range ? { type: 'external', id: formatRange(range), range } : undefined;
}

function listIds(ws: readonly WorkloadEndpoint[], max = 8): string {
  const ids = ws.slice(0, max).map((w) => w.id);
  return ids.join(', ') + (ws.length > max ? `, … (${ws.length - max} more)` : '');
}

export function resolveEndpoint(world: PolicyWorld, ref: string): RefResult {
  const text = ref.trim();
  if (!text) return { ok: false, error: 'empty reference: give namespace/name, namespace/Kind/name or an IP address' };
  const address = parseAddress(text);
  if (address) {
    const range = { family: address.family, start: address.value, end: address.value };
    return { ok: true, endpoint: { type: 'external', id: formatRange(range), range } };
  }
  if (parseAddressOrCidr(text)) return { ok: false, error: `"${text}" is a CIDR range: name one IP address` };

  const parts = text.split('/');
  if (parts.some((p) => p === '')) return { ok: false, error: `"${text}" is not a reference: use namespace/name, namespace/Kind/name or an IP address` };
  if (parts.length === 3) {
    const [ns, kind, name] = parts as [string, string, string];
    const exact = world.workloadsById.get(text);
    if (exact) return { ok: true, endpoint: exact };
    const loose = world.workloads.filter((w) => w.namespace === ns && w.name === name && w.kind.toLowerCase() === kind.toLowerCase());
    if (loose.length === 1) return { ok: true, endpoint: loose[0]! };
    return notFound(world, ns, name, `no ${kind} named "${name}" in namespace "${ns}"`);
  }
  if (parts.length === 2) {
    const [ns, name] = parts as [string, string];
    const found = world.workloads.filter((w) => w.namespace === ns && w.name === name);
    if (found.length === 1) return { ok: true, endpoint: found[0]! };
    if (found.length > 1) {
      return { ok: false, error: `"${text}" is ambiguous: it names ${listIds(found)}; write namespace/Kind/name` };
    }
    return notFound(world, ns, name, `no workload or Pod named "${name}" in namespace "${ns}"`);
  }
  if (parts.length === 1) {
    const found = world.workloads.filter((w) => w.name === text);
    const hint = found.length > 0 ? ` (did you mean ${listIds(found)}?)` : '';
    return { ok: false, error: `"${text}" needs a namespace: write namespace/name${hint}, or give an IP address` };
  }
  return { ok: false, error: `"${text}" is not a reference: use namespace/name, namespace/Kind/name or an IP address` };
}

function notFound(world: PolicyWorld, ns: string, name: string, what: string): RefResult {
  const sameName = world.workloads.filter((w) => w.name === name);
  if (sameName.length > 0) return { ok: false, error: `${what}; found ${listIds(sameName)}` };
  const inNs = world.workloads.filter((w) => w.namespace === ns);
  if (inNs.length > 0) return { ok: false, error: `${what}; that namespace has ${listIds(inNs)}` };
  return { ok: false, error: `${what}; the loaded manifests have no workloads in that namespace` };
}
