// netpol-egress-blocks-dns: add a rule allowing DNS to the policy's egress. To the cluster DNS pods
// when the workspace defines them, else port 53 to every namespace.

import { isSeq } from 'yaml';
import type { Fixer } from './context';
import { dataPath } from './context';
import { blockMap, flow, type BlockStyle, type Plain } from './emit';
import { factsFor, KUBE_DNS_LABELS, KUBE_DNS_NAMESPACE } from '../facts';
import type { WorkspaceIndex } from '../../index/workspaceIndex';
import { METADATA_NAME_LABEL } from '../../index/workspaceIndex';

/** The egress rule allowing DNS over UDP and TCP. */
export function dnsEgressRule(index: WorkspaceIndex): { [key: string]: Plain } {
  const peer: { [key: string]: Plain } = factsFor(index).hasKubeDnsPods()
    ? { namespaceSelector: { matchLabels: { [METADATA_NAME_LABEL]: KUBE_DNS_NAMESPACE } }, podSelector: { matchLabels: { ...KUBE_DNS_LABELS } } }
    : { namespaceSelector: {} };
  return {
    to: [peer],
    ports: [
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ],
  };
}

export const addDnsEgressRule: Fixer = ({ index, file, request, docIndex }) => {
  const egressPath = dataPath(request.data, 'egressPath');
  if (!egressPath) return [];
  const located = file.locate(docIndex, egressPath);
  if (!located || !isSeq(located.node) || !located.pair) return [];
  const seq = located.node;
  const rule = dnsEgressRule(index);
  let style: BlockStyle = { indentUnit: file.indentUnit, compactSequences: false };
  if (!seq.flow) {
    const dash = file.dashColumn(seq);
    const keyStart = (located.pair.key as { range?: [number, number, number] } | null)?.range?.[0];
    if (dash !== undefined && keyStart !== undefined) style = { ...style, compactSequences: dash === file.column(keyStart) };
  }
  const edit = file.appendItem(seq, blockMap(rule, style), flow(rule));
  const target = factsFor(index).hasKubeDnsPods() ? 'the kube-dns pods' : 'all namespaces';
  return edit ? [{ title: `Allow DNS (UDP and TCP 53) to ${target}`, kind: 'quickfix', isPreferred: true, edits: [edit] }] : [];
};
