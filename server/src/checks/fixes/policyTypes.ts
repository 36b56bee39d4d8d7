// netpol-policytypes-ignored-rules: list the missing type in policyTypes, or delete the ignored rules.

import { isMap, isSeq } from 'yaml';
import type { Fixer } from './context';
import { dataString, resourceAt } from './context';
import type { FixProposal } from './types';

export const fixIgnoredRules: Fixer = (ctx) => {
  const { file, docIndex } = ctx;
  const direction = dataString(ctx.request.data, 'direction');
  const resource = resourceAt(ctx);
  if (!resource || (direction !== 'ingress' && direction !== 'egress')) return [];
  const type = direction === 'ingress' ? 'Ingress' : 'Egress';
  const spec = file.locate(docIndex, [...resource.basePath, 'spec']);
  const types = file.locate(docIndex, [...resource.basePath, 'spec', 'policyTypes']);
  const rules = file.locate(docIndex, [...resource.basePath, 'spec', direction]);
  const out: FixProposal[] = [];
  if (types && isSeq(types.node)) {
    const edit = file.appendItem(types.node, [type], type);
    if (edit) out.push({ title: `Add ${type} to policyTypes`, kind: 'quickfix', isPreferred: true, edits: [edit] });
  }
  if (spec && isMap(spec.node) && rules?.pair) {
    const edit = file.removePair(spec.node, rules.pair);
    if (edit) out.push({ title: `Delete the ignored ${direction} rules`, kind: 'quickfix', edits: [edit] });
  }
  return out;
};
