// resource-name-invalid: rename to the repaired name the rule computed (lowercased, '_' to '-').
// Only the name changes: references to the old name are for the user to follow (the title says so).

import type { Fixer } from './context';
import { dataString } from './context';

export const renameResource: Fixer = ({ file, request, docIndex }) => {
  const node = file.scalarAt(docIndex, request.range);
  const suggestion = dataString(request.data, 'suggestion');
  if (!node || typeof node.value !== 'string' || !suggestion) return [];
  const edit = file.replaceScalar(node, suggestion);
  return edit ? [{ title: `Rename to '${suggestion}' (update references to it)`, kind: 'quickfix', isPreferred: true, edits: [edit] }] : [];
};
