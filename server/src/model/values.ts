// Defensive readers for manifest JSON: user input may have any shape.

export function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function asNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Label values are strings in the API; YAML may give numbers or booleans (`version: 2`). */
export function scalarString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** Reads a string map (labels, annotations, a Service selector), coercing scalar values. */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const rec = asRecord(v);
  if (!rec) return out;
  for (const [k, val] of Object.entries(rec)) {
    const s = scalarString(val);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

/** Follows a JSON path into a plain value. */
export function getAt(root: unknown, path: readonly (string | number)[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[seg];
    } else {
      const rec = asRecord(cur);
      if (!rec || !Object.prototype.hasOwnProperty.call(rec, seg)) return undefined;
      cur = rec[seg];
    }
  }
  return cur;
}
