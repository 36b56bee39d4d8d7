// Plain results of the navigation features: offset ranges and markdown strings, no editor types.
// The language server converts them to LSP shapes; the CLI or a browser host can use them as they are.

import type { OffsetRange } from '../model/types';

/** Settings the navigation features read. */
export interface NavigationSettings {
  /** Cluster DNS domain (`cluster.local` unless the user says otherwise). */
  clusterDomain?: string;
}

export interface Location {
  uri: string;
  range: OffsetRange;
}

export interface HoverResult {
  /** Markdown. */
  contents: string;
  /** The range the hover is about (the word or node under the cursor). */
  range: OffsetRange;
}

export type CompletionKind = 'value' | 'property' | 'enum' | 'reference' | 'field';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText: string;
  /** Sorts before others with a smaller string; most frequent labels come first. */
  sortText: string;
  /** The text the item replaces (the word being typed, possibly empty). */
  replace: OffsetRange;
}

export interface CodeLensResult {
  /** Where the lens sits (the resource's first line). */
  range: OffsetRange;
  title: string;
  /** What a click shows; empty when there is nothing to show. */
  locations: Location[];
}

export interface TextEditResult {
  uri: string;
  range: OffsetRange;
  newText: string;
}

export type PrepareRenameResult = { range: OffsetRange; placeholder: string } | { error: string };

export type RenameResult = { edits: TextEditResult[] } | { error: string };

export type SemanticTokenType = 'service' | 'port';

export interface SemanticTokenResult {
  range: OffsetRange;
  type: SemanticTokenType;
  /** The reference points at something in the workspace. */
  resolved: boolean;
}
