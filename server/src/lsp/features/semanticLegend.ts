// The semantic token legend: Service and port references, with a modifier for those that resolve to nothing.
// package.json contributes the types (with super types) and scopes so themes colour them.

import type { SemanticTokensLegend } from 'vscode-languageserver/node';
import type { SemanticTokenType } from '../../features/types';

export const TOKEN_TYPES: readonly string[] = ['kubeService', 'kubePort'];
export const TOKEN_MODIFIERS: readonly string[] = ['unresolved'];

export const SEMANTIC_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

export function tokenTypeIndex(type: SemanticTokenType): number {
  return type === 'service' ? 0 : 1;
}

/** Bit set of modifiers. */
export function tokenModifiers(resolved: boolean): number {
  return resolved ? 0 : 1;
}
