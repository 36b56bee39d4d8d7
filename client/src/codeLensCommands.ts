// Code lenses from the server name `editor.action.showReferences` with plain JSON arguments
// (uri string, position, locations); VS Code's command wants Uri, Position and Location objects.

import type { CodeLens } from 'vscode';
import type { Protocol2CodeConverter } from 'vscode-languageclient/node';

export const SHOW_REFERENCES = 'editor.action.showReferences';

interface JsonPosition {
  line: number;
  character: number;
}

interface JsonLocation {
  uri: string;
  range: { start: JsonPosition; end: JsonPosition };
}

function isPosition(v: unknown): v is JsonPosition {
  const p = v as JsonPosition | null;
  return !!p && typeof p.line === 'number' && typeof p.character === 'number';
}

function isLocation(v: unknown): v is JsonLocation {
  const l = v as JsonLocation | null;
  return !!l && typeof l.uri === 'string' && !!l.range && isPosition(l.range.start) && isPosition(l.range.end);
}

/** Converts a showReferences lens's arguments in place; other lenses pass through unchanged. */
export function convertShowReferences(lens: CodeLens, p2c: Protocol2CodeConverter): CodeLens {
  const command = lens.command;
  if (command?.command !== SHOW_REFERENCES || !command.arguments) return lens;
  const [uri, position, locations] = command.arguments as unknown[];
  if (typeof uri !== 'string' || !isPosition(position) || !Array.isArray(locations) || !locations.every(isLocation)) return lens;
  command.arguments = [p2c.asUri(uri), p2c.asPosition(position), locations.map((l) => p2c.asLocation(l))];
  return lens;
}
