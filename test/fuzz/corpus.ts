// The real manifests the fuzzers start from: the project's examples, the yaml blocks of the seed
// documents and the conformance corpus (both in ../shared, read in place when present).
// Large files are cut into runs of whole documents so one fuzz case stays cheap.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

// Compiled to out/test/fuzz/: three levels below the repository root.
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const SHARED = path.resolve(REPO_ROOT, '..', 'shared');
const SEEDS = path.join(SHARED, 'seeds');
const CONFORMANCE = path.join(SHARED, 'conformance', 'netpol-analyzer');

/** A manifest text and where it came from (for failure messages). */
export interface SeedText {
  origin: string;
  text: string;
}

/** A piece of a file stays under this many characters (whole documents are kept together). */
const PIECE_CHARS = 6_000;

function walk(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p, keep));
    else if (keep(name)) out.push(p);
  }
  return out;
}

/** Cuts a long file at `---` lines into pieces of at most PIECE_CHARS (a single long document stays whole). */
export function pieces(origin: string, text: string): SeedText[] {
  if (text.length <= PIECE_CHARS) return [{ origin, text }];
  const docs = text.split(/^(?=---[ \t]*\r?$)/m);
  const out: SeedText[] = [];
  let current = '';
  for (const doc of docs) {
    if (current && current.length + doc.length > PIECE_CHARS) {
      out.push({ origin: `${origin}#${out.length}`, text: current });
      current = '';
    }
    current += doc;
  }
  if (current) out.push({ origin: `${origin}#${out.length}`, text: current });
  return out;
}

export function exampleManifests(): SeedText[] {
  const root = path.join(REPO_ROOT, 'examples');
  return walk(root, (n) => /\.ya?ml$/.test(n)).flatMap((p) => pieces(path.relative(REPO_ROOT, p), readFileSync(p, 'utf8')));
}

/** The ```yaml blocks of the seed documents; undefined when ../shared is absent. */
export function seedBlocks(): SeedText[] | undefined {
  if (!existsSync(SEEDS)) return undefined;
  const out: SeedText[] = [];
  for (const file of readdirSync(SEEDS).filter((f) => f.endsWith('.md')).sort()) {
    const lines = readFileSync(path.join(SEEDS, file), 'utf8').split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      if (!/^```ya?ml\s*$/.test(lines[i]!)) continue;
      let end = i + 1;
      while (end < lines.length && !lines[end]!.startsWith('```')) end++;
      out.push(...pieces(`seeds/${file}:${i + 2}`, lines.slice(i + 1, end).join('\n') + '\n'));
      i = end;
    }
  }
  return out;
}

/** The conformance corpus' manifests (one folder per case); undefined when ../shared is absent. */
export function conformanceManifests(): SeedText[] | undefined {
  if (!existsSync(CONFORMANCE)) return undefined;
  const out: SeedText[] = [];
  for (const dir of readdirSync(CONFORMANCE).sort()) {
    const full = path.join(CONFORMANCE, dir);
    if (!statSync(full).isDirectory()) continue;
    for (const name of readdirSync(full).filter((n) => n.endsWith('.yaml')).sort()) {
      out.push(...pieces(`conformance/${dir}/${name}`, readFileSync(path.join(full, name), 'utf8')));
    }
  }
  return out;
}

export interface Corpus {
  seeds: SeedText[];
  /** Why part of the corpus is missing, for the test's output; empty when complete. */
  missing: string[];
}

/** Everything available; the shared parts are skipped (and said so) when ../shared is absent. */
export function loadCorpus(): Corpus {
  const missing: string[] = [];
  const seeds = exampleManifests();
  const blocks = seedBlocks();
  if (blocks) seeds.push(...blocks);
  else missing.push(`seed documents not found at ${SEEDS} (../shared is absent): fuzzing without them`);
  const conformance = conformanceManifests();
  if (conformance) seeds.push(...conformance);
  else missing.push(`conformance corpus not found at ${CONFORMANCE} (../shared is absent): fuzzing without it`);
  return { seeds, missing };
}
