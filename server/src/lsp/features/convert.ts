// Offsets of the pure features ↔ LSP positions and shapes, through the index's line tables.

import type { Location as LspLocation, Position, Range } from 'vscode-languageserver/node';
import type { WorkspaceIndex } from '../../index/workspaceIndex';
import type { OffsetRange } from '../../model/types';
import type { Location } from '../../features/types';

export class Converter {
  constructor(
    private readonly index: WorkspaceIndex,
    /** The URI as the client spelled it, for open buffers. */
    private readonly clientUri: (uri: string) => string,
  ) {}

  offset(uri: string, position: Position): number | undefined {
    return this.index.lineIndex(uri)?.offsetAt(position);
  }

  position(uri: string, offset: number): Position {
    return this.index.lineIndex(uri)?.positionAt(offset) ?? { line: 0, character: 0 };
  }

  range(uri: string, range: OffsetRange): Range {
    return { start: this.position(uri, range.start), end: this.position(uri, range.end) };
  }

  location(loc: Location): LspLocation {
    return { uri: this.clientUri(loc.uri), range: this.range(loc.uri, loc.range) };
  }

  uri(uri: string): string {
    return this.clientUri(uri);
  }
}
