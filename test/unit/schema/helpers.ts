// Shared by the schema tests: validate every resource of a YAML text and see what each finding points at.

import assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../../server/src/index/workspaceIndex';
import { validateResource, type ValidateOptions } from '../../../server/src/schema/validate';
import type { Finding } from '../../../server/src/model/types';

export const URI = 'file:///ws/app.yaml';

export interface Located extends Finding {
  /** The source text the finding's range covers. */
  text: string;
}

/** Indexes `yaml` as one file and returns the schema findings of all its resources, ranged. */
export function schemaFindings(yaml: string, options?: ValidateOptions): Located[] {
  const index = new WorkspaceIndex();
  index.update(URI, yaml, 1);
  const file = index.getFile(URI);
  assert.ok(file, 'file indexed');
  const out: Located[] = [];
  for (const resource of file.resources) {
    for (const f of validateResource(resource, options)) {
      const range = index.rangeOf(f);
      out.push({ ...f, text: yaml.slice(range.start, range.end) });
    }
  }
  return out;
}

/** Exactly one finding, returned. */
export function only(findings: readonly Located[]): Located {
  assert.equal(findings.length, 1, `expected one finding, got:\n${findings.map((f) => `  ${JSON.stringify(f.path)} ${f.message}`).join('\n')}`);
  return findings[0]!;
}

export function lines(...l: string[]): string {
  return `${l.join('\n')}\n`;
}
