// Finds and reads manifest files on disk, with the same rules for the CLI and the language server:
// include/exclude globs, a size limit, symlink loops and unreadable files accounted for, never thrown.

import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { mentionsApiVersionAndKind } from '../model/detect';

export interface FileRules {
  include: string[];
  exclude: string[];
  maxFileSize: number;
}

export const DEFAULT_FILE_RULES: FileRules = {
  include: ['**/*.yaml', '**/*.yml', '**/*.json'],
  exclude: ['**/node_modules/**', '**/.git/**'],
  maxFileSize: 5_000_000,
};

export type FoundFile =
  | { path: string; kind: 'file'; size: number }
  | { path: string; kind: 'too-large'; size: number }
  | { path: string; kind: 'unreadable'; reason: string };

/** Why a file under a walked folder was left out (reported only to callers that ask). */
export type IgnoredReason = 'not-included' | 'excluded';

export interface WalkOptions {
  /** Called for each file, and each excluded folder, the rules leave out: so a caller can account for it. */
  onIgnored?: (path: string, reason: IgnoredReason) => void;
}

export interface FileMatcher {
  (relativePath: string): boolean;
}

/** A matcher for paths relative to a root (forward slashes). Dot files are matched too. */
export function makeMatcher(rules: Pick<FileRules, 'include' | 'exclude'>): FileMatcher {
  const include = picomatch(rules.include.length ? rules.include : ['**/*'], { dot: true });
  const exclude = rules.exclude.length ? picomatch(rules.exclude, { dot: true }) : () => false;
  return (rel) => include(rel) && !exclude(rel);
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * Walks `root` (a directory or a single file). Directories excluded by a rule are not entered;
 * symlinked directories are followed once (by real path), so loops end; links to files or
 * directories inside the root that the walk reaches anyway are not followed.
 */
export async function findFiles(root: string, rules: FileRules = DEFAULT_FILE_RULES, options: WalkOptions = {}): Promise<FoundFile[]> {
  const matcher = makeMatcher(rules);
  const include = picomatch(rules.include.length ? rules.include : ['**/*'], { dot: true });
  const excludeDir = rules.exclude.length ? picomatch(rules.exclude, { dot: true }) : () => false;
  const out: FoundFile[] = [];
  const seenDirs = new Set<string>();

  let rootStat;
  try {
    rootStat = await fs.stat(root);
  } catch (e) {
    return [{ path: root, kind: 'unreadable', reason: errorText(e) }];
  }
  if (rootStat.isFile()) {
    out.push(sizeChecked(root, rootStat.size, rules.maxFileSize));
    return out;
  }

  // Links are judged by where they lead, relative to the root's real path.
  const rootReal = await fs.realpath(root).catch(() => root);

  /** A link to a file or directory inside the root that the walk reaches anyway: only the real path is reported. */
  async function leadsInsideWalk(full: string, isDir: boolean): Promise<boolean> {
    const real = await fs.realpath(full).catch(() => undefined);
    if (real === undefined) return false;
    const rel = toPosix(path.relative(rootReal, real));
    if (rel === '' || rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) return false;
    return isDir ? !excludeDir(rel) && !excludeDir(`${rel}/`) : matcher(rel);
  }

  async function walk(dir: string): Promise<void> {
    let real: string;
    try {
      real = await fs.realpath(dir);
    } catch (e) {
      out.push({ path: dir, kind: 'unreadable', reason: errorText(e) });
      return;
    }
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      out.push({ path: dir, kind: 'unreadable', reason: errorText(e) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const rel = toPosix(path.relative(root, full));
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = await fs.stat(full);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (e) {
          if (matcher(rel)) out.push({ path: full, kind: 'unreadable', reason: errorText(e) });
          continue;
        }
        // Otherwise a file would be indexed under two names (and its resources reported as duplicates).
        if (await leadsInsideWalk(full, isDir)) continue;
      }
      if (isDir) {
        if (!excludeDir(rel) && !excludeDir(`${rel}/`)) await walk(full);
        else options.onIgnored?.(full, 'excluded');
      } else if (isFile && !matcher(rel)) {
        options.onIgnored?.(full, include(rel) ? 'excluded' : 'not-included');
      } else if (isFile) {
        try {
          const st = await fs.stat(full);
          out.push(sizeChecked(full, st.size, rules.maxFileSize));
        } catch (e) {
          out.push({ path: full, kind: 'unreadable', reason: errorText(e) });
        }
      }
    }
  }

  await walk(root);
  return out;
}

function sizeChecked(p: string, size: number, max: number): FoundFile {
  return size > max ? { path: p, kind: 'too-large', size } : { path: p, kind: 'file', size };
}

/**
 * Reads a file as UTF-8 text, or the reason it cannot be read. A byte order mark is dropped, as
 * editors do when they open the file, so offsets and columns agree with the open buffer.
 */
export async function readText(p: string): Promise<{ text: string } | { error: string }> {
  try {
    const text = await fs.readFile(p, 'utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (e) {
    return { error: errorText(e) };
  }
}

function errorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err?.code ? `${err.code}: ${err.message}` : String(e);
}

/** How much of a too-large file is read to decide whether it is a manifest. */
const HEAD_BYTES = 64 * 1024;

/** Whether the start of a (too large to read) file looks like Kubernetes YAML: only then is a notice worth showing. */
export async function headLooksLikeManifest(fsPath: string): Promise<boolean> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(fsPath, 'r');
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return mentionsApiVersionAndKind(buffer.subarray(0, bytesRead).toString('utf8'));
  } catch {
    return false;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
