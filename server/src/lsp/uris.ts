// URIs in one canonical spelling (VS Code's), so a file read from disk and the same file opened
// in the editor are one index entry. Also: which workspace folder holds a URI.

import * as path from 'node:path';
import picomatch from 'picomatch';
import { URI } from 'vscode-uri';
import { makeMatcher, type FileMatcher } from '../node/workspaceFiles';

/** The canonical form of a URI as a client sent it. */
export function canonicalUri(uri: string): string {
  try {
    return URI.parse(uri).toString();
  } catch {
    return uri;
  }
}

export function fileUri(fsPath: string): string {
  return URI.file(fsPath).toString();
}

/** The file system path of a `file:` URI; undefined for other schemes (untitled buffers). */
export function fsPathOf(uri: string): string | undefined {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed.fsPath : undefined;
  } catch {
    return undefined;
  }
}

export interface Folder {
  uri: string;
  name: string;
  fsPath: string;
}

export class Folders {
  private list: Folder[] = [];

  get all(): readonly Folder[] {
    return this.list;
  }

  add(uri: string, name: string): Folder | undefined {
    const canonical = canonicalUri(uri);
    const fsPath = fsPathOf(canonical);
    if (fsPath === undefined || this.list.some((f) => f.uri === canonical)) return undefined;
    const folder = { uri: canonical, name, fsPath };
    this.list.push(folder);
    return folder;
  }

  remove(uri: string): Folder | undefined {
    const canonical = canonicalUri(uri);
    const folder = this.list.find((f) => f.uri === canonical);
    this.list = this.list.filter((f) => f !== folder);
    return folder;
  }

  /** The innermost folder containing the URI (nested folders happen in multi-root workspaces). */
  folderOf(uri: string): Folder | undefined {
    const p = fsPathOf(uri);
    if (p === undefined) return undefined;
    let best: Folder | undefined;
    for (const f of this.list) {
      if (isInside(f.fsPath, p) && (!best || f.fsPath.length > best.fsPath.length)) best = f;
    }
    return best;
  }
}

export function isInside(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Path relative to a folder, with forward slashes, as include/exclude globs expect. */
export function relativePath(folder: Folder, fsPath: string): string {
  return path.relative(folder.fsPath, fsPath).split(path.sep).join('/');
}

/** Whether the include/exclude globs select a file of a folder (the walker's rules, for single files). */
export function folderMatcher(rules: { include: string[]; exclude: string[] }): FileMatcher {
  const matches = makeMatcher(rules);
  const excludesDir = rules.exclude.length ? picomatch(rules.exclude, { dot: true }) : () => false;
  return (rel) => {
    if (!matches(rel)) return false;
    // Exclusions name folders too (`**/node_modules/**`, `**/.git`): the walker never enters those.
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (excludesDir(dir) || excludesDir(`${dir}/`)) return false;
    }
    return true;
  };
}
