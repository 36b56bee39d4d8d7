// "Did you mean": the closest names by edit distance, for messages and quick fixes.

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Candidates close enough to `name` to be a likely typo, closest first (ties keep input order).
 * "Close" is at most a third of the longer name's length, and at least 2 edits are always allowed.
 */
export function closestNames(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const scored: { candidate: string; distance: number; order: number }[] = [];
  const seen = new Set<string>();
  let order = 0;
  for (const candidate of candidates) {
    if (candidate === name || seen.has(candidate)) continue;
    seen.add(candidate);
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    const allowed = Math.max(2, Math.floor(Math.max(name.length, candidate.length) / 3));
    const contains = name.length >= 3 && candidate.length >= 3 && (candidate.includes(name) || name.includes(candidate));
    if (distance <= allowed || contains) scored.push({ candidate, distance, order: order++ });
  }
  scored.sort((a, b) => a.distance - b.distance || a.order - b.order);
  return scored.slice(0, limit).map((s) => s.candidate);
}

/** All candidates ranked by closeness to `name` (for pick-from-list fixes). */
export function rankByCloseness(name: string, candidates: Iterable<string>): string[] {
  const unique = [...new Set(candidates)];
  return unique
    .map((candidate, order) => ({ candidate, order, distance: editDistance(name.toLowerCase(), candidate.toLowerCase()) }))
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
    .map((s) => s.candidate);
}

/** ", did you mean 'x'?" or '' when nothing is close. */
export function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  return ` Did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}?`;
}
