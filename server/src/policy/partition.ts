// Cuts the external address space where ipBlocks start and end, so that every piece gets one verdict
// from every policy: evaluating one address per piece is exact for the whole piece.

import { cutRange, type AddressRange } from './addresses';
import type { Direction } from './types';
import type { PolicyWorld } from './world';

/** Points where a piece starts: each cidr and except contributes its first address and the one after its last. */
export function ipBlockBoundaries(world: PolicyWorld, within: AddressRange, direction?: Direction): bigint[] {
  const points = new Set<bigint>();
  for (const policy of world.policies) {
    for (const d of ['ingress', 'egress'] as const) {
      if (direction && d !== direction) continue;
      for (const rule of policy[d]) {
        for (const peer of rule.peers ?? []) {
          if (peer.kind !== 'ipBlock') continue;
          for (const r of [peer.block, ...peer.excepts]) {
            if (r.family !== within.family) continue;
            points.add(r.start);
            points.add(r.end + 1n);
          }
        }
      }
    }
  }
  return [...points];
}

/** Contiguous pieces of `within` on which every ipBlock (of that direction, or of both) is constant. */
export function externalPieces(world: PolicyWorld, within: AddressRange, direction?: Direction): AddressRange[] {
  return cutRange(within, ipBlockBoundaries(world, within, direction));
}
