// A NetworkPolicy peer is exactly one kind of thing: an ipBlock, or pods chosen by podSelector
// and/or namespaceSelector. The API server rejects a peer that combines ipBlock with a selector,
// and one that names none of them ("must specify a peer"). The evaluator reads both as matching
// nothing (policy/normalize.ts), with the same reading of "set": a key that is absent or null is unset.

import type { CheckFinding, ResourceCheck } from '../types';
import type { JsonPath, Resource } from '../../model/types';
import { asArray, asRecord } from '../../model/values';

const isSet = (v: unknown) => v !== undefined && v !== null;

const NOTHING = 'This peer specifies nothing: give it a podSelector, a namespaceSelector or an ipBlock (use {} selectors to mean "all").';

function peerFindings(raw: unknown, listPath: JsonPath, index: number): CheckFinding[] {
  const path = [...listPath, index];
  // A `- ` (null) peer decodes as an empty one; it has no text of its own, so point at the list's key.
  if (raw === null) return [{ message: `Peer ${index + 1} is empty. ${NOTHING}`, path: listPath, target: 'key' }];
  // Other non-mappings are type errors the schema reports.
  const peer = asRecord(raw);
  if (!peer) return [];
  const selectors = (['podSelector', 'namespaceSelector'] as const).filter((k) => isSet(peer[k]));
  if (isSet(peer['ipBlock'])) {
    if (selectors.length === 0) return [];
    return [
      {
        message: `A peer cannot combine ipBlock with ${selectors.join(' and ')}: write them as two separate peers.`,
        path: [...path, 'ipBlock'],
        target: 'key',
      },
    ];
  }
  if (selectors.length > 0) return [];
  return [{ message: NOTHING, path, target: 'value' }];
}

function check(resource: Resource): CheckFinding[] {
  const specPath: JsonPath = [...resource.basePath, 'spec'];
  const spec = asRecord(resource.value['spec']);
  if (!spec) return [];
  const out: CheckFinding[] = [];
  for (const [direction, peersKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
    asArray(spec[direction]).forEach((rule, i) => {
      asArray(asRecord(rule)?.[peersKey]).forEach((peer, j) => out.push(...peerFindings(peer, [...specPath, direction, i, peersKey], j)));
    });
  }
  return out;
}

export const netpolPeerInvalid: ResourceCheck = {
  meta: {
    id: 'netpol-peer-invalid',
    defaultSeverity: 'error',
    summary: 'A NetworkPolicy peer combines ipBlock with a selector, or specifies nothing; the API server rejects it.',
  },
  kinds: ['NetworkPolicy'],
  check(resource) {
    return resource.apiVersion === 'networking.k8s.io/v1' ? check(resource) : [];
  },
};
