// Reading one file from disk for the index: its text, or why it was not read.

import { promises as fs } from 'node:fs';
import { headLooksLikeManifest, readText } from '../node/workspaceFiles';

export type DiskRead =
  | { kind: 'text'; text: string }
  | { kind: 'too-large'; size: number; looksLikeManifest: boolean }
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: string };

export async function readForIndex(fsPath: string, maxFileSize: number): Promise<DiskRead> {
  let size: number;
  try {
    const st = await fs.stat(fsPath);
    if (!st.isFile()) return { kind: 'missing' };
    size = st.size;
  } catch (e) {
    return (e as NodeJS.ErrnoException)?.code === 'ENOENT' ? { kind: 'missing' } : { kind: 'unreadable', reason: String(e) };
  }
  if (size > maxFileSize) return { kind: 'too-large', size, looksLikeManifest: await headLooksLikeManifest(fsPath) };
  const read = await readText(fsPath);
  return 'text' in read ? { kind: 'text', text: read.text } : { kind: 'unreadable', reason: read.error };
}

