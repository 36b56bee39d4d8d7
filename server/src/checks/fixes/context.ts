// What every fixer receives, and readers for finding data that made a round trip through the editor.

import type { WorkspaceIndex } from '../../index/workspaceIndex';
import type { JsonPath } from '../../model/types';
import type { CheckSettings } from '../types';
import type { FixProposal, FixRequest } from './types';
import type { EditableFile } from './yamlText';

export interface FixContext {
  index: WorkspaceIndex;
  file: EditableFile;
  request: FixRequest;
  settings: CheckSettings;
  /** The document the finding is in (0 when unknown). */
  docIndex: number;
}

export type Fixer = (ctx: FixContext) => FixProposal[];

export function dataPath(data: Record<string, unknown> | undefined, key: string): JsonPath | undefined {
  const v = data?.[key];
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' || (typeof s === 'number' && Number.isInteger(s)))) return undefined;
  return v as JsonPath;
}

export function dataStrings(data: Record<string, unknown> | undefined, key: string): string[] {
  const v = data?.[key];
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

export function dataString(data: Record<string, unknown> | undefined, key: string): string | undefined {
  const v = data?.[key];
  return typeof v === 'string' ? v : undefined;
}

export function dataNumber(data: Record<string, unknown> | undefined, key: string): number | undefined {
  const v = data?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The resource of a file that contains an offset in a given document. */
export function resourceAt(ctx: Pick<FixContext, 'index' | 'request' | 'docIndex'>, offset = ctx.request.range.start) {
  const file = ctx.index.getFile(ctx.request.uri);
  return file?.resources.find((r) => r.docIndex === ctx.docIndex && r.range.start <= offset && offset <= r.range.end);
}
