// "Create a default-deny NetworkPolicy for this namespace": a new document at the end of the file
// that isolates every pod of the namespace for ingress and egress, and still allows DNS (without
// it, every pod of the namespace would fail to resolve names).

import type { WorkspaceIndex } from '../../index/workspaceIndex';
import { factsFor } from '../facts';
import { blockMap, detectCompactSequences, type Plain } from './emit';
import { dnsEgressRule } from './dnsEgress';
import type { FixProposal } from './types';
import { EditableFile } from './yamlText';
import type { Fixer } from './context';
import { dataString } from './context';

function unusedName(index: WorkspaceIndex, namespace: string): string {
  let name = 'default-deny';
  for (let i = 2; index.find('NetworkPolicy', namespace, name).length > 0; i++) name = `default-deny-${i}`;
  return name;
}

export function defaultDenyProposal(index: WorkspaceIndex, uri: string, namespace: string, kind: 'quickfix' | 'source'): FixProposal | undefined {
  if (!namespace || factsFor(index).hasDefaultDeny(namespace)) return undefined;
  const file = EditableFile.of(index, uri);
  if (!file) return undefined;
  const policy: { [key: string]: Plain } = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: unusedName(index, namespace), namespace },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'], egress: [dnsEgressRule(index)] },
  };
  const lines = blockMap(policy, { indentUnit: file.indentUnit, compactSequences: detectCompactSequences(file.text) });
  const text = file.text;
  const trimmed = text.replace(/\s+$/, '');
  const needsSeparator = trimmed.length > 0 && !/(^|\n)---$/.test(trimmed);
  const lead = text.length > 0 && !text.endsWith('\n') ? file.eol : '';
  const newText = `${lead}${needsSeparator ? `---${file.eol}` : ''}${lines.join(file.eol)}${file.eol}`;
  return {
    title: `Create a default-deny NetworkPolicy for namespace '${namespace}' (DNS stays allowed)`,
    kind,
    ...(kind === 'quickfix' ? { isPreferred: true } : {}),
    edits: [file.edit({ start: text.length, end: text.length }, newText)],
  };
}

export const createDefaultDeny: Fixer = ({ index, request }) => {
  const namespace = dataString(request.data, 'namespace');
  const proposal = namespace ? defaultDenyProposal(index, request.uri, namespace, 'quickfix') : undefined;
  return proposal ? [proposal] : [];
};
