// duplicate-key: remove one of the two entries; in a list entry (the classic `port: 443` then
// `port: 80`), offer to split them into two entries, which is usually what was meant.

import type { Pair, YAMLMap } from 'yaml';
import type { Fixer } from './context';
import type { FixProposal, TextEdit } from './types';
import type { EditableFile } from './yamlText';

function keyName(pair: Pair): string {
  return String((pair.key as { value?: unknown } | null)?.value ?? '');
}

function range(node: unknown): [number, number, number] | undefined {
  return (node as { range?: [number, number, number] } | null)?.range;
}

/** Source text of a pair from its key through its value, without the trailing line break. */
function pairText(file: EditableFile, pair: Pair): string {
  const start = range(pair.key)![0];
  const end = Math.max(range(pair.value)?.[1] ?? 0, range(pair.key)![1]);
  return file.text.slice(start, end).replace(/\s+$/, '');
}

/**
 * For a block mapping written as a list entry (`- a: 1` then one key per line), an edit adding a
 * copy of the entry after it, where `drop`'s entry is left out.
 */
function copyEntryWithout(file: EditableFile, map: YAMLMap, drop: ReadonlySet<Pair>): TextEdit | undefined {
  if (map.flow || map.items.length < 2) return undefined;
  const firstKey = range(map.items[0]!.key)?.[0];
  const mapEnd = range(map)?.[1];
  if (firstKey === undefined || mapEnd === undefined) return undefined;
  const lead = /^([ \t]*)-[ \t]+$/.exec(file.text.slice(file.lineStart(firstKey), firstKey));
  if (!lead || !map.items.slice(1).every((p) => file.startsLine(range(p.key)![0]))) return undefined;
  const column = file.column(firstKey);
  const fields = map.items.filter((p) => !drop.has(p)).map((p, i) => (i === 0 ? '' : file.pad(column)) + pairText(file, p));
  const entry = `${lead[1]}- ${fields.join(file.eol)}`;
  const at = file.text[mapEnd - 1] === '\n' ? mapEnd : file.afterLine(mapEnd);
  const endsWithBreak = at > 0 && file.text[at - 1] === '\n';
  return file.edit({ start: at, end: at }, endsWithBreak ? `${entry}${file.eol}` : `${file.eol}${entry}`);
}

/** Pairs of repeated keys: every occurrence but the last (`earlier`), and every one but the first (`later`). */
function repeatedPairs(map: YAMLMap): { earlier: Set<Pair>; later: Pair[] } {
  const byKey = new Map<string, Pair[]>();
  for (const p of map.items) byKey.set(keyName(p), [...(byKey.get(keyName(p)) ?? []), p]);
  const earlier = new Set<Pair>();
  const later: Pair[] = [];
  for (const pairs of byKey.values()) {
    pairs.slice(0, -1).forEach((p) => earlier.add(p));
    later.push(...pairs.slice(1));
  }
  return { earlier, later };
}

export const fixDuplicateKey: Fixer = ({ file, request, docIndex }) => {
  const hit = file.pairWithKeyAt(docIndex, request.range.start);
  if (!hit) return [];
  const { pair, map } = hit;
  const first = map.items.find((p) => p !== pair && keyName(p) === keyName(pair));
  if (!first) return [];
  const lineOf = (p: Pair) => pairText(file, p).split(/\r?\n/)[0]!;
  const out: FixProposal[] = [];
  const removeThis = file.removePair(map, pair);
  // Two entries run together repeat every key they both set: the entry keeps each key's first
  // value, the copy takes each key's last one (with one duplicate: drop one of the two each side).
  const { earlier, later } = repeatedPairs(map);
  const removeLater = later.map((p) => file.removePair(map, p));
  const copy = copyEntryWithout(file, map, earlier);
  if (removeLater.every((e): e is TextEdit => e !== undefined) && copy) {
    // In a list of ports, a second `port:` is almost always a second entry that lost its `-`.
    const listKey = file.pathOf(docIndex, map)?.at(-2);
    const preferred = typeof listKey === 'string' && /ports$/i.test(listKey);
    out.push({ title: `Split into two list entries ('${lineOf(first)}' and '${lineOf(pair)}')`, kind: 'quickfix', ...(preferred ? { isPreferred: true } : {}), edits: [...removeLater, copy] });
  }
  if (removeThis) out.push({ title: `Remove the duplicate '${lineOf(pair)}'`, kind: 'quickfix', ...(out.some((f) => f.isPreferred) ? {} : { isPreferred: true }), edits: [removeThis] });
  const removeFirst = file.removePair(map, first);
  if (removeFirst) out.push({ title: `Keep '${lineOf(pair)}' and remove the earlier '${lineOf(first)}'`, kind: 'quickfix', edits: [removeFirst] });
  return out;
};
