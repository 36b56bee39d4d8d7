// Per-index caches that live until the index changes (its generation moves on).

import type { WorkspaceIndex } from '../index/workspaceIndex';

interface Slot {
  generation: number;
  values: Map<string, unknown>;
}

const slots = new WeakMap<WorkspaceIndex, Slot>();

/** Computes a value once per index generation and key. */
export function memo<T>(index: WorkspaceIndex, key: string, compute: () => T): T {
  let slot = slots.get(index);
  if (!slot || slot.generation !== index.generation) {
    slot = { generation: index.generation, values: new Map() };
    slots.set(index, slot);
  }
  if (slot.values.has(key)) return slot.values.get(key) as T;
  const value = compute();
  slot.values.set(key, value);
  return value;
}
