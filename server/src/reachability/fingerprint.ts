// A short fingerprint of a world input: equal inputs give equal keys, so the panel can skip
// evaluating what it already evaluated and the host can leave out a saved state the panel has.

import type { PanelWorldInput } from './protocol';

/** FNV-1a over the input's JSON, with its length: collisions would need equal length and hash. */
export function inputFingerprint(input: PanelWorldInput): string {
  const text = JSON.stringify(input);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${text.length.toString(36)}-${(h >>> 0).toString(36)}`;
}
