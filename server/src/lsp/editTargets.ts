// The text an edit was computed on, captured together with the computation: its line table (to turn
// offsets into positions) and the version the client knows it by, so a client refuses the edit once
// the document has moved on instead of applying it to text it was not meant for.

import { promises as fs } from 'node:fs';
import type { Range } from 'vscode-languageserver/node';
import { LineIndex } from '../model/lines';
import type { OffsetRange } from '../model/types';
import type { ServerState } from './state';
import { fsPathOf } from './uris';
import { readText } from '../node/workspaceFiles';

export interface EditTarget {
  /** Canonical URI (the index's key). */
  uri: string;
  /** The URI as the client spelled it. */
  clientUri: string;
  /**
   * 'open': an editor buffer, versioned; 'disk': a closed file, its text as last read from disk;
   * 'new': a file the edit creates.
   */
  kind: 'open' | 'disk' | 'new';
  /** The buffer's LSP version; null for files not open (LSP's OptionalVersionedTextDocumentIdentifier). */
  version: number | null;
  text: string;
  lines: LineIndex;
}

/** Captures what the index holds for a URI now. Call it in the same synchronous step as the computation. */
export function captureTarget(state: ServerState, uri: string): EditTarget {
  const file = state.index.getFile(uri);
  const clientUri = state.open.get(uri);
  // A skipped file (too large, binary) has no text in the index: like a new file, it only passes
  // stillOnDisk when nothing is there, which it is, so an edit to it is never offered.
  if (!file || file.status === 'skipped') return { uri, clientUri: clientUri ?? uri, kind: 'new', version: null, text: '', lines: new LineIndex('') };
  const lines = state.index.lineIndex(uri) ?? new LineIndex(file.text);
  if (clientUri !== undefined) return { uri, clientUri, kind: 'open', version: file.version, text: file.text, lines };
  return { uri, clientUri: uri, kind: 'disk', version: null, text: file.text, lines };
}

/** Offsets of the captured text → an LSP range. (Disk text is read without its byte order mark, as editors show it.) */
export function rangeIn(target: EditTarget, range: OffsetRange): Range {
  return { start: target.lines.positionAt(range.start), end: target.lines.positionAt(range.end) };
}

/**
 * Whether the captured text is still what the edit may be applied to. A closed file's edit carries
 * no version, so its text is compared with the disk now (the index may lag behind a change the
 * watcher has not reported yet); a new file must not exist yet. Open buffers are checked by the
 * caller against the buffer's current version.
 */
export async function stillOnDisk(target: EditTarget): Promise<boolean> {
  const fsPath = fsPathOf(target.uri);
  if (target.kind === 'open') return true;
  if (fsPath === undefined) return false;
  try {
    if (target.kind === 'new') {
      await fs.stat(fsPath);
      return false;
    }
    const disk = await readText(fsPath);
    return 'text' in disk && disk.text === target.text;
  } catch (e) {
    return target.kind === 'new' && (e as NodeJS.ErrnoException)?.code === 'ENOENT';
  }
}
