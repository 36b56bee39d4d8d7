// A typed view of a NetworkPolicy manifest with the JSON path of every part, for diagnostics.
// (Connectivity semantics live in the policy evaluator; this is only the shape.)

import type { JsonPath, LabelSelector, Protocol, Resource } from './types';
import { asArray, asNumber, asRecord } from './values';
import { parseLabelSelector } from './selectors';
import { normalizeProtocol } from './workloads';

export type PolicyDirection = 'ingress' | 'egress';

export interface NetpolPortView {
  protocol: Protocol;
  /** Number, name, or undefined (all ports). A quoted number stays a string, as the API reads it. */
  port?: number | string;
  endPort?: number;
  path: JsonPath;
}

export interface NetpolIpBlockView {
  cidr: unknown;
  except: { value: unknown; path: JsonPath }[];
  path: JsonPath;
}

export interface NetpolPeerView {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: NetpolIpBlockView;
  path: JsonPath;
}

export interface NetpolRuleView {
  direction: PolicyDirection;
  /** Peers of from/to; an empty list with `peersWritten` false means "all peers". */
  peers: NetpolPeerView[];
  peersWritten: boolean;
  ports: NetpolPortView[];
  path: JsonPath;
}

export interface NetworkPolicyView {
  resource: Resource;
  specPath: JsonPath;
  podSelector: LabelSelector;
  podSelectorPath: JsonPath;
  /** spec.policyTypes as written; undefined when omitted. */
  policyTypes?: string[];
  policyTypesPath: JsonPath;
  /** Which directions the policy isolates, with the API's defaulting applied. */
  isolates: Record<PolicyDirection, boolean>;
  ingress: NetpolRuleView[];
  egress: NetpolRuleView[];
  /** The ingress/egress keys are written with a non-empty list. */
  hasRules: Record<PolicyDirection, boolean>;
}

export function networkPolicyView(resource: Resource): NetworkPolicyView {
  const specPath: JsonPath = [...resource.basePath, 'spec'];
  const spec = asRecord(resource.value['spec']) ?? {};
  const rawTypes = spec['policyTypes'];
  const policyTypes = Array.isArray(rawTypes) ? rawTypes.filter((t): t is string => typeof t === 'string') : undefined;
  const ingress = rulesOf(spec['ingress'], 'ingress', [...specPath, 'ingress']);
  const egress = rulesOf(spec['egress'], 'egress', [...specPath, 'egress']);
  const hasRules = { ingress: asArray(spec['ingress']).length > 0, egress: asArray(spec['egress']).length > 0 };
  // API defaulting: without policyTypes, Ingress always applies and Egress when egress rules exist.
  const isolates =
    policyTypes && policyTypes.length > 0
      ? { ingress: policyTypes.includes('Ingress'), egress: policyTypes.includes('Egress') }
      : { ingress: true, egress: hasRules.egress };
  return {
    resource,
    specPath,
    podSelector: parseLabelSelector(spec['podSelector']) ?? { matchLabels: {}, matchExpressions: [] },
    podSelectorPath: [...specPath, 'podSelector'],
    ...(policyTypes ? { policyTypes } : {}),
    policyTypesPath: [...specPath, 'policyTypes'],
    isolates,
    ingress,
    egress,
    hasRules,
  };
}

function rulesOf(raw: unknown, direction: PolicyDirection, path: JsonPath): NetpolRuleView[] {
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  return asArray(raw).flatMap((r, i): NetpolRuleView[] => {
    const rule = asRecord(r) ?? {};
    const rulePath = [...path, i];
    const rawPeers = asArray(rule[peersKey]);
    const peers = rawPeers.flatMap((p, j): NetpolPeerView[] => {
      const peer = asRecord(p);
      if (!peer) return [];
      const peerPath = [...rulePath, peersKey, j];
      const podSelector = parseLabelSelector(peer['podSelector']);
      const namespaceSelector = parseLabelSelector(peer['namespaceSelector']);
      const ipBlock = asRecord(peer['ipBlock']);
      return [
        {
          ...(podSelector ? { podSelector } : {}),
          ...(namespaceSelector ? { namespaceSelector } : {}),
          ...(ipBlock
            ? {
                ipBlock: {
                  cidr: ipBlock['cidr'],
                  except: asArray(ipBlock['except']).map((value, k) => ({ value, path: [...peerPath, 'ipBlock', 'except', k] })),
                  path: [...peerPath, 'ipBlock'],
                },
              }
            : {}),
          path: peerPath,
        },
      ];
    });
    const ports = asArray(rule['ports']).flatMap((p, j): NetpolPortView[] => {
      const port = asRecord(p);
      if (!port) return [];
      const value = port['port'];
      const endPort = asNumber(port['endPort']);
      return [
        {
          protocol: normalizeProtocol(port['protocol']),
          ...(typeof value === 'number' || typeof value === 'string' ? { port: value } : {}),
          ...(endPort !== undefined ? { endPort } : {}),
          path: [...rulePath, 'ports', j],
        },
      ];
    });
    return [{ direction, peers, peersWritten: rawPeers.length > 0, ports, path: rulePath }];
  });
}

/** Every ipBlock peer of a policy, ingress and egress rules alike. */
export function ipBlocksOf(policy: NetworkPolicyView): NetpolIpBlockView[] {
  return [...policy.ingress, ...policy.egress].flatMap((rule) => rule.peers.flatMap((peer) => (peer.ipBlock ? [peer.ipBlock] : [])));
}

export function directionKey(direction: PolicyDirection): 'Ingress' | 'Egress' {
  return direction === 'ingress' ? 'Ingress' : 'Egress';
}

export function peersKeyOf(direction: PolicyDirection): 'from' | 'to' {
  return direction === 'ingress' ? 'from' : 'to';
}

