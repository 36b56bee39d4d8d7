// A small least-recently-used cache of parsed YAML documents and line indexes, keyed by file version.

import type { Document } from 'yaml';
import { LineIndex } from '../model/lines';

interface Entry {
  version: number;
  text: string;
  documents?: Document[];
  lines?: LineIndex;
}

export class DocumentCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity: number) {}

  get(uri: string, version: number, text: string): Document[] | undefined {
    const entry = this.fresh(uri, version, text);
    return entry?.documents;
  }

  set(uri: string, version: number, text: string, documents: Document[]): void {
    const entry = this.fresh(uri, version, text) ?? { version, text };
    entry.documents = documents;
    this.store(uri, entry);
  }

  lineIndex(uri: string, version: number, text: string): LineIndex {
    const entry = this.fresh(uri, version, text) ?? { version, text };
    entry.lines ??= new LineIndex(text);
    this.store(uri, entry);
    return entry.lines;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  private fresh(uri: string, version: number, text: string): Entry | undefined {
    const entry = this.entries.get(uri);
    // Same version and same text object: versions alone repeat for files read from disk (version 0).
    return entry && entry.version === version && entry.text === text ? entry : undefined;
  }

  private store(uri: string, entry: Entry): void {
    this.entries.delete(uri);
    this.entries.set(uri, entry);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
