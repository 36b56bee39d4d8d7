// How big a document becomes once its aliases are expanded, and how many aliases it has, before
// yaml expands them. yaml's `maxAliasCount` stops the exponential "billion laughs", but 99 aliases
// of one 5 MB mapping pass it and make a value that serialises to 500 MB; and yaml looks up each
// alias by scanning every anchor and alias before it, so 30,000 aliases (1 MB) take 30 s.

import { isAlias, isMap, isPair, isSeq, type Document } from 'yaml';

export interface Expansion {
  /** Nodes as written. */
  literal: number;
  /** Nodes once every alias is replaced by what it names. */
  expanded: number;
  aliases: number;
}

/** Aliases a document may have: yaml's lookup of each one costs as many steps as there are before it. */
export const MAX_ALIASES = 2_000;

/**
 * Counts in one pass, in document order, without recursion. Anchors are looked up by name as
 * yaml does (the last one before the alias); an anchor is complete before an alias that follows it.
 */
export function aliasExpansion(doc: Document): Expansion {
  const size = new Map<unknown, number>();
  const anchors = new Map<string, unknown>();
  let literal = 0;
  let aliases = 0;
  const stack: { node: unknown; done: boolean }[] = [{ node: doc.contents, done: false }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    const node = top.node;
    if (node === null || node === undefined || typeof node !== 'object') continue;
    if (top.done) {
      let n = 1;
      if (isMap(node)) for (const pair of node.items) n += (isPair(pair) ? (size.get(pair.key) ?? 0) + (size.get(pair.value) ?? 0) : 0);
      else if (isSeq(node)) for (const item of node.items) n += size.get(item) ?? 0;
      size.set(node, n);
      continue;
    }
    literal++;
    if (isAlias(node)) {
      aliases++;
      // An alias of an anchor not yet complete is a cycle (or an error yaml reports): it counts as one node.
      size.set(node, Math.max(1, size.get(anchors.get(node.source)) ?? 1));
      continue;
    }
    const anchor = (node as { anchor?: unknown }).anchor;
    if (typeof anchor === 'string') anchors.set(anchor, node);
    stack.push({ node, done: true });
    if (isMap(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i];
        if (isPair(pair)) stack.push({ node: pair.value, done: false }, { node: pair.key, done: false });
      }
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], done: false });
    }
  }
  return { literal, expanded: size.get(doc.contents) ?? 0, aliases };
}

/** Why a document's aliases are not expanded, or undefined: generous for shared labels and env blocks, far below an attack. */
export function expansionProblem(e: Expansion): string | undefined {
  if (e.aliases > MAX_ALIASES) return `it has ${e.aliases} aliases (at most ${MAX_ALIASES} are expanded)`;
  if (e.expanded > 4 * e.literal + 10_000) return `its aliases would expand it from ${e.literal} to ${e.expanded} nodes`;
  return undefined;
}
