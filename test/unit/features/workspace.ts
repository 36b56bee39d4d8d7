// Test helpers: a WorkspaceIndex loaded from a fixture folder, and cursors found by text.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkspaceIndex } from '../../../server/src/index/workspaceIndex';

export const FIXTURES = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'unit', 'features', 'fixtures');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : /\.ya?ml$/.test(name) ? [p] : [];
  });
}

export class FixtureWorkspace {
  readonly index = new WorkspaceIndex({ defaultNamespace: 'default' });
  private readonly texts = new Map<string, string>();

  constructor(readonly root: string) {
    for (const file of walk(root)) this.set(path.relative(root, file), readFileSync(file, 'utf8'));
  }

  /** Adds or replaces a file (path relative to the fixture root). */
  set(rel: string, text: string): void {
    this.texts.set(rel, text);
    this.index.update(this.uri(rel), text, 0);
  }

  uri(rel: string): string {
    return pathToFileURL(path.join(this.root, rel)).href;
  }

  text(rel: string): string {
    const t = this.texts.get(rel);
    if (t === undefined) throw new Error(`no fixture file ${rel}`);
    return t;
  }

  /**
   * Offset of a cursor inside `snippet` (the n-th occurrence in the file): at the start of `inner`
   * when given, plus one character so it sits inside the word.
   */
  offset(rel: string, snippet: string, inner?: string, occurrence = 0): number {
    const text = this.text(rel);
    let at = -1;
    for (let i = 0; i <= occurrence; i++) {
      at = text.indexOf(snippet, at + 1);
      if (at < 0) throw new Error(`'${snippet}' (#${occurrence}) not found in ${rel}`);
    }
    const innerAt = inner === undefined ? 0 : snippet.indexOf(inner);
    if (innerAt < 0) throw new Error(`'${inner}' not in '${snippet}'`);
    return at + innerAt + 1;
  }

  /** The text a range covers. */
  slice(uri: string, range: { start: number; end: number }): string {
    const rel = path.relative(this.root, new URL(uri).pathname);
    return this.text(rel).slice(range.start, range.end);
  }

  /** `relative/path.yaml:line` of an offset in a file, 1-based line. */
  lineOf(uri: string, offset: number): string {
    const rel = path.relative(this.root, new URL(uri).pathname);
    return `${rel}:${this.index.lineIndex(uri)!.positionAt(offset).line + 1}`;
  }
}

export function shopWorkspace(): FixtureWorkspace {
  return new FixtureWorkspace(path.join(FIXTURES, 'shop'));
}
