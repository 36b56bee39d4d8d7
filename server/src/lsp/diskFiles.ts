// Reading one file from disk for the index: its text, or why it was not read.

import { promises as fs } from 'node:fs';
import { mentionsApiVersionAndKind } from '../model/detect';
import { readText } from '../node/workspaceFiles';

export type DiskRead =
  | { kind: 'text'; text: string }
  | { kind: 'too-large'; size: number; looksLikeManifest: boolean }
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: string };

const HEAD_BYTES = 64 * 1024;

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

/** Whether the start of a (too large to read) file looks like Kubernetes YAML, to decide if a notice is worth showing. */
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
