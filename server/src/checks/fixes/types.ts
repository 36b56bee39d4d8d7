// The pure quick-fix contract: what the editor sends back about a finding, and the edits we propose.
// Offsets index the file text the index holds; the LSP layer converts them and stamps the version.

import type { OffsetRange } from '../../model/types';

export interface TextEdit {
  uri: string;
  range: OffsetRange;
  newText: string;
}

export interface FixProposal {
  title: string;
  /** 'quickfix' for a finding's fixes, 'source' for file-level actions. */
  kind: 'quickfix' | 'source';
  isPreferred?: boolean;
  edits: TextEdit[];
}

/** A finding as the editor hands it back (a diagnostic's rule, range and data). */
export interface FixRequest {
  rule: string;
  uri: string;
  range: OffsetRange;
  data?: Record<string, unknown>;
  docIndex?: number;
}
