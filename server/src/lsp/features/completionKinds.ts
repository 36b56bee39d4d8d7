// Completion kinds of the pure feature → LSP CompletionItemKind.

import { CompletionItemKind } from 'vscode-languageserver/node';
import type { CompletionKind } from '../../features/types';

export function completionKind(kind: CompletionKind): CompletionItemKind {
  switch (kind) {
    case 'property':
      return CompletionItemKind.Property;
    case 'value':
      return CompletionItemKind.Value;
    case 'enum':
      return CompletionItemKind.EnumMember;
    case 'reference':
      return CompletionItemKind.Reference;
    case 'field':
      return CompletionItemKind.Field;
  }
}
