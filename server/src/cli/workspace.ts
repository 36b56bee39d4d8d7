// Loads the manifests under the paths a command was given into a WorkspaceIndex,
// walking directories with the same include/exclude and size rules as the editor.

import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkspaceIndex } from '../index/workspaceIndex';
import type { ParseOptions } from '../model/parse';
import { DEFAULT_FILE_RULES, findFiles, headLooksLikeManifest, readText, type FileRules, type IgnoredReason } from '../node/workspaceFiles';

export interface LoadedFile {
  uri: string;
  /** Absolute path on disk. */
  path: string;
}

export interface SkippedFile extends LoadedFile {
  size: number;
  /** The start of the file looks like a manifest: worth a notice (the editor shows one then too). */
  looksLikeManifest: boolean;
}

export interface UnreadablePath {
  path: string;
  reason: string;
}

export interface IgnoredPath {
  path: string;
  reason: IgnoredReason;
}

export interface LoadedWorkspace {
  index: WorkspaceIndex;
  /** Files read into the index, sorted by path. */
  files: LoadedFile[];
  /** Files over the size limit: recorded in the index as skipped, not read. */
  tooLarge: SkippedFile[];
  /** Files or directories that could not be read. */
  unreadable: UnreadablePath[];
  /** Files (and excluded folders) under the paths that the include/exclude patterns leave out. */
  ignored: IgnoredPath[];
  maxFileSize: number;
}

export interface LoadOptions {
  parse?: ParseOptions;
  fileRules?: FileRules;
}

/** How many files are read at once: enough to hide disk latency without opening thousands of handles. */
const READ_CONCURRENCY = 32;

/** Walks and reads every path (absolute), de-duplicating files reached twice. */
export async function loadWorkspace(absPaths: readonly string[], options: LoadOptions = {}): Promise<LoadedWorkspace> {
  const rules = options.fileRules ?? DEFAULT_FILE_RULES;
  const index = new WorkspaceIndex(options.parse ?? {});
  const toRead = new Map<string, LoadedFile>();
  const tooLarge = new Map<string, SkippedFile>();
  const unreadable: UnreadablePath[] = [];
  const ignored = new Map<string, IgnoredPath>();
  const onIgnored = (p: string, reason: IgnoredReason) => void ignored.set(path.resolve(p), { path: path.resolve(p), reason });

  for (const root of absPaths) {
    for (const found of await findFiles(root, rules, { onIgnored })) {
      const abs = path.resolve(found.path);
      if (found.kind === 'unreadable') unreadable.push({ path: abs, reason: found.reason });
      else if (found.kind === 'too-large') {
        tooLarge.set(abs, { uri: fileUri(abs), path: abs, size: found.size, looksLikeManifest: await headLooksLikeManifest(abs) });
      }
      else toRead.set(abs, { uri: fileUri(abs), path: abs });
    }
  }

  const files = [...toRead.values()].sort(byPath);
  const texts = await readAll(files, unreadable);
  const loaded: LoadedFile[] = [];
  files.forEach((file, i) => {
    const text = texts[i];
    if (text === undefined) return;
    index.update(file.uri, text, 0);
    loaded.push(file);
  });
  const skipped = [...tooLarge.values()].sort(byPath);
  for (const file of skipped) index.markSkipped(file.uri, 'too-large');

  // A path reached twice (as a file and inside a folder) is accounted for once, by what was read.
  for (const p of [...toRead.keys(), ...tooLarge.keys()]) ignored.delete(p);
  const left = [...ignored.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { index, files: loaded, tooLarge: skipped, unreadable, ignored: left, maxFileSize: rules.maxFileSize };
}

async function readAll(files: readonly LoadedFile[], unreadable: UnreadablePath[]): Promise<(string | undefined)[]> {
  const texts: (string | undefined)[] = new Array(files.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < files.length) {
      const i = next++;
      const file = files[i]!;
      const result = await readText(file.path);
      if ('text' in result) texts[i] = result.text;
      else unreadable.push({ path: file.path, reason: result.error });
    }
  }
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));
  return texts;
}


export function fileUri(absPath: string): string {
  return pathToFileURL(absPath).href;
}

function byPath(a: LoadedFile, b: LoadedFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
