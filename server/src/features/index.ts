// The navigation features' public surface. Pure: every function reads a WorkspaceIndex and returns
// plain data (offset ranges, markdown), so the language server, a CLI or a browser host can use it.

export type {
  CodeLensResult,
  CompletionEntry,
  CompletionKind,
  HoverResult,
  Location,
  NavigationSettings,
  PrepareRenameResult,
  RenameResult,
  SemanticTokenResult,
  SemanticTokenType,
  TextEditResult,
} from './types';
export { hoverAt } from './hover';
export { definitionAt } from './definition';
export { referencesAt } from './references';
export { completionAt } from './completion';
export { codeLensesFor } from './codeLens';
export { prepareRename, renameEdits } from './rename';
export { semanticTokensFor } from './semanticTokens';
export { cursorTarget, type CursorTarget } from './context';
