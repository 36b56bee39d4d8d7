// Rules that come from parsing and schema validation rather than from a check file.

import type { RuleMeta } from './types';

export const YAML_SYNTAX: RuleMeta = { id: 'yaml-syntax', defaultSeverity: 'error', summary: 'The file is not valid YAML.' };
export const YAML_COMPAT: RuleMeta = {
  id: 'yaml-compat',
  defaultSeverity: 'warning',
  summary: "Kubernetes' YAML reader accepts this, but the YAML specification does not: stricter tools reject the file.",
};
export const DUPLICATE_KEY: RuleMeta = { id: 'duplicate-key', defaultSeverity: 'error', summary: 'A mapping has the same key twice; only one value survives.' };
export const SCHEMA: RuleMeta = { id: 'schema', defaultSeverity: 'error', summary: 'The manifest does not match the Kubernetes API schema of its kind.' };
