// "Replace a selector label with the closest existing one": when changing one label's value (or
// key) makes the selector match an existing workload (or namespace), offer that change.

import { isMap, isScalar, type Scalar } from 'yaml';
import type { Fixer } from './context';
import { dataPath } from './context';
import type { FixProposal } from './types';
import { labelCandidates, labelChanges } from '../labelSuggestions';

export const replaceSelectorLabel: Fixer = ({ index, file, request, docIndex }) => {
  const labelsPath = dataPath(request.data, 'labelsPath');
  if (!labelsPath) return [];
  const located = file.locate(docIndex, labelsPath);
  if (!located || !isMap(located.node)) return [];
  const selector: Record<string, string> = {};
  const nodes = new Map<string, { key: Scalar; value: Scalar }>();
  for (const pair of located.node.items) {
    if (!isScalar(pair.key) || !isScalar(pair.value) || pair.value.value === null) return [];
    const key = String(pair.key.value);
    selector[key] = String(pair.value.value);
    nodes.set(key, { key: pair.key, value: pair.value });
  }
  return labelChanges(selector, labelCandidates(index, request.data?.['source'])).flatMap((c, i): FixProposal[] => {
    const target = nodes.get(c.key);
    const edit = target && file.replaceScalar(c.change === 'value' ? target.value : target.key, c.replacement);
    return edit ? [{ title: `Change the selector to '${c.label}' (matches ${c.what})`, kind: 'quickfix', ...(i === 0 ? { isPreferred: true } : {}), edits: [edit] }] : [];
  });
};
