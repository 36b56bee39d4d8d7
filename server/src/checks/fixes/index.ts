// Quick fixes and source actions, computed purely from the index: the editor sends back a finding
// (rule, range, data) and receives edits as offsets into the file text it was computed on.

import type { WorkspaceIndex } from '../../index/workspaceIndex';
import { DEFAULT_CHECK_SETTINGS, type CheckSettings } from '../types';
import type { FixContext, Fixer } from './context';
import type { FixProposal, FixRequest } from './types';
import { EditableFile } from './yamlText';
import { replaceSelectorLabel } from './selectorLabel';
import { pickTargetPort, replaceBackendPort, replaceBackendService, replaceEnvService, replaceIngressClass } from './replaceValue';
import { nameServicePort } from './portName';
import { addDnsEgressRule } from './dnsEgress';
import { moveIngressClass } from './ingressClass';
import { fixIgnoredRules } from './policyTypes';
import { fixDuplicateKey } from './duplicateKey';
import { fixNodePort } from './nodePort';
import { createDefaultDeny, defaultDenyProposal } from './defaultDeny';
import { disableProposals } from './disable';
import { renameResource } from './resourceName';
import { keepingYamlValid } from './verify';

export type { FixProposal, FixRequest, TextEdit } from './types';

const FIXERS: Readonly<Record<string, readonly Fixer[]>> = {
  'service-selector-no-match': [replaceSelectorLabel],
  'netpol-selects-nothing': [replaceSelectorLabel],
  'netpol-peer-selects-nothing': [replaceSelectorLabel],
  'service-target-port-missing': [pickTargetPort],
  'ingress-backend-service-missing': [replaceBackendService],
  'ingress-backend-port-missing': [replaceBackendPort],
  'ingress-class-missing': [replaceIngressClass],
  'env-service-unknown': [replaceEnvService],
  'service-port-name-required': [nameServicePort],
  'netpol-egress-blocks-dns': [addDnsEgressRule],
  'ingress-class-annotation-deprecated': [moveIngressClass],
  'netpol-policytypes-ignored-rules': [fixIgnoredRules],
  'duplicate-key': [fixDuplicateKey],
  'nodeport-out-of-range': [fixNodePort],
  'nodeport-conflict': [fixNodePort],
  'namespace-no-default-deny': [createDefaultDeny],
  'resource-name-invalid': [renameResource],
};

/** Rules whose findings cannot sensibly be suppressed by a comment. */
const NOT_SUPPRESSIBLE = new Set(['yaml-syntax']);

function docIndexAt(file: EditableFile, offset: number): number {
  const i = file.documents.findIndex((d) => d.range && offset >= d.range[0] && offset <= d.range[2]);
  return i < 0 ? 0 : i;
}

/** The fixes for one finding: the rule's own, then "disable for this line / file". Never throws. */
export function computeFixes(index: WorkspaceIndex, finding: FixRequest, settings: CheckSettings = DEFAULT_CHECK_SETTINGS): FixProposal[] {
  const file = EditableFile.of(index, finding.uri);
  if (!file || finding.range.start > file.text.length || finding.range.end > file.text.length) return [];
  const ctx: FixContext = { index, file, request: finding, settings, docIndex: finding.docIndex ?? docIndexAt(file, finding.range.start) };
  const out: FixProposal[] = [];
  for (const fixer of FIXERS[finding.rule] ?? []) {
    try {
      out.push(...fixer(ctx));
    } catch {
      // A fix that cannot be computed on this text is simply not offered.
    }
  }
  if (!NOT_SUPPRESSIBLE.has(finding.rule)) out.push(...disableProposals(file, finding.rule, finding.range.start));
  return keepingYamlValid(file, out);
}

/** Source actions at a cursor offset: "create a default-deny NetworkPolicy for this namespace". */
export function computeSourceActions(index: WorkspaceIndex, uri: string, offset: number): FixProposal[] {
  const file = index.getFile(uri);
  if (!file || file.status !== 'kubernetes') return [];
  const here = file.resources.find((r) => r.range.start <= offset && offset <= r.range.end) ?? file.resources.find((r) => r.namespace || r.kind === 'Namespace');
  if (!here) return [];
  const namespace = here.kind === 'Namespace' ? here.name : here.namespace;
  const proposal = namespace ? defaultDenyProposal(index, uri, namespace, 'source') : undefined;
  return proposal ? [proposal] : [];
}

/** Rules that have a fix of their own (beyond suppression), for the rule table and docs. */
export const FIXABLE_RULES: readonly string[] = Object.keys(FIXERS);
