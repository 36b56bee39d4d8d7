// A named port in a policy resolves on the destination pods: for ingress rules the pods the
// policy selects, for egress rules the pods the rule's peers select. None declaring it (with
// that protocol) means the entry allows nothing.

import type { CheckFinding, ResourceCheck } from '../types';
import { factsFor, policyOf } from '../facts';
import { peerPods } from '../peers';
import { declaresPort } from '../ports';
import { templatesSelectedBy } from '../podMatch';
import type { PodTemplate } from '../../model/types';
import type { NetpolRuleView } from '../../model/networkPolicies';
import type { WorkspaceIndex } from '../../index/workspaceIndex';

/** Destination workloads of an egress rule with peers (without peers: every pod anywhere). */
function egressDestinations(index: WorkspaceIndex, namespace: string, rule: NetpolRuleView): PodTemplate[] {
  const out: PodTemplate[] = [];
  for (const peer of rule.peers) {
    const pods = peerPods(index, namespace, peer);
    if (pods) out.push(...pods.templates);
  }
  return out;
}

export const netpolNamedPortMissing: ResourceCheck = {
  meta: {
    id: 'netpol-named-port-missing',
    defaultSeverity: 'warning',
    summary: 'A named port in the policy is declared by none of the pods it applies to.',
  },
  kinds: ['NetworkPolicy'],
  check(resource, { index }) {
    const policy = policyOf(resource);
    const out: CheckFinding[] = [];
    let selected: PodTemplate[] | undefined;
    for (const rule of [...policy.ingress, ...policy.egress]) {
      const named = rule.ports.filter((p) => typeof p.port === 'string');
      if (named.length === 0) continue;
      const anywhere = rule.direction === 'egress' && !rule.peersWritten;
      let targets: readonly PodTemplate[];
      if (anywhere) targets = index.podTemplates();
      else if (rule.direction === 'ingress') targets = selected ??= templatesSelectedBy(index, policy.podSelector, resource.namespace);
      else targets = egressDestinations(index, resource.namespace, rule);
      if (targets.length === 0) continue;
      for (const p of named) {
        const name = p.port as string;
        if (anywhere ? factsFor(index).declaresPortAnywhere(name, p.protocol) : targets.some((t) => declaresPort(t, name, p.protocol))) continue;
        const whose = rule.direction === 'ingress' ? 'the pods this policy selects' : 'the destination pods of this rule';
        out.push({ message: `No container port named '${name}' (${p.protocol}) is declared by ${whose}: this entry allows nothing.`, path: [...p.path, 'port'], target: 'value' });
      }
    }
    return out;
  },
};
