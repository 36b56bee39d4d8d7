// Reads a networking.k8s.io/v1 NetworkPolicy resource into the normalized model.
// User input may have any shape: what the API server would reject is recorded as a problem and
// matches nothing, so a broken rule never widens what is allowed.

import type { JsonPath, Protocol, Resource } from '../model/types';
import { parseLabelSelector } from '../model/selectors';
import { asArray, asRecord, asString } from '../model/values';
import { parseCidr, type AddressRange } from './addresses';
import { MAX_PORT, MIN_PORT, isProtocol } from './portSet';
import type { NetworkPolicyModel, Peer, PolicyProblem, PolicyRule, PortEntry, SelectorWithPaths } from './types';

export const NETWORK_POLICY_API_VERSION = 'networking.k8s.io/v1';

export function isNetworkPolicy(resource: Resource): boolean {
  return resource.kind === 'NetworkPolicy' && resource.apiVersion === NETWORK_POLICY_API_VERSION;
}

/** Port names are IANA service names: lower-case letters, digits and '-', at least one letter, at most 15. */
const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;

export function normalizeNetworkPolicy(resource: Resource): NetworkPolicyModel {
  const base = resource.basePath;
  const specPath: JsonPath = [...base, 'spec'];
  const spec = asRecord(resource.value['spec']) ?? {};
  const problems: PolicyProblem[] = [];

  const podSelector = selectorWithPaths(spec['podSelector'], [...specPath, 'podSelector'], problems) ?? emptySelector([...specPath, 'podSelector']);
  const hasEgressRules = asArray(spec['egress']).length > 0;
  const affects = policyTypes(spec['policyTypes'], [...specPath, 'policyTypes'], hasEgressRules, problems);
  const rawSpec = resource.value['spec'];
  if (rawSpec !== undefined && rawSpec !== null && asRecord(rawSpec) === undefined) {
    // The API server would reject the object, so it selects (and isolates) nothing.
    problems.push({ message: 'spec must be a mapping; this policy selects no pods.', path: specPath });
    affects.ingress = false;
    affects.egress = false;
  } else if (!isSelectorShape(spec['podSelector'])) {
    // The API server would reject the object, so it selects (and isolates) nothing.
    problems.push({ message: 'spec.podSelector must be a label selector mapping; this policy selects no pods.', path: [...specPath, 'podSelector'] });
    affects.ingress = false;
    affects.egress = false;
  }

  const readRules = (key: 'ingress' | 'egress'): PolicyRule[] => {
    const raw = spec[key];
    if (raw !== undefined && raw !== null && !Array.isArray(raw)) {
      problems.push({ message: `spec.${key} must be a list of rules.`, path: [...specPath, key] });
      return [];
    }
    const peerKey = key === 'ingress' ? 'from' : 'to';
    return asArray(raw).map((r, i) => readRule(r, i, [...specPath, key, i], peerKey, problems));
  };

  return {
    ref: {
      id: `${resource.namespace}/${resource.name}`,
      namespace: resource.namespace,
      name: resource.name,
      uri: resource.uri,
      docIndex: resource.docIndex,
      path: base,
    },
    namespace: resource.namespace,
    name: resource.name,
    podSelector,
    affects,
    // Rules of a type the policy does not list are ignored.
    ingress: affects.ingress ? readRules('ingress') : [],
    egress: affects.egress ? readRules('egress') : [],
    problems,
  };
}

/** Defaulting as the API server does it: Ingress always; Egress only when there are egress rules. */
function policyTypes(raw: unknown, path: JsonPath, hasEgressRules: boolean, problems: PolicyProblem[]): { ingress: boolean; egress: boolean } {
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) {
    problems.push({ message: 'policyTypes must be a list such as [Ingress, Egress]; it is read as absent.', path });
  }
  const list = asArray(raw);
  if (list.length === 0) return { ingress: true, egress: hasEgressRules };
  const out = { ingress: false, egress: false };
  list.forEach((t, i) => {
    if (t === 'Ingress') out.ingress = true;
    else if (t === 'Egress') out.egress = true;
    else problems.push({ message: `Unknown policyType ${JSON.stringify(t)}: only "Ingress" and "Egress" exist (case matters).`, path: [...path, i] });
  });
  return out;
}

function emptySelector(path: JsonPath): SelectorWithPaths {
  return { selector: { matchLabels: {}, matchExpressions: [] }, path, expressionPaths: [] };
}

/** Absent (undefined/null) or a mapping. */
function isSelectorShape(raw: unknown): boolean {
  return raw === undefined || raw === null || asRecord(raw) !== undefined;
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** A selector and the path of each matchExpressions entry that parseLabelSelector kept. */
function selectorWithPaths(raw: unknown, path: JsonPath, problems: PolicyProblem[]): SelectorWithPaths | undefined {
  const selector = parseLabelSelector(raw);
  if (!selector) return undefined;
  // parseLabelSelector keeps the entries that are mappings with string key and operator, in order.
  const expressionPaths: JsonPath[] = [];
  asArray(asRecord(raw)?.['matchExpressions']).forEach((e, i) => {
    const expr = asRecord(e);
    const at: JsonPath = [...path, 'matchExpressions', i];
    if (expr && asString(expr['key']) !== undefined && asString(expr['operator']) !== undefined) {
      expressionPaths.push(at);
    } else {
      problems.push({ message: 'A matchExpressions entry needs a string key and operator; it is ignored.', path: at });
    }
  });
  selector.matchExpressions.forEach((req, i) => {
    const at = expressionPaths[i]!;
    if (!OPERATORS.has(req.operator)) {
      problems.push({ message: `Unknown operator "${req.operator}": use In, NotIn, Exists or DoesNotExist. This selector matches nothing.`, path: [...at, 'operator'] });
    } else if ((req.operator === 'In' || req.operator === 'NotIn') && req.values.length === 0) {
      problems.push({ message: `Operator ${req.operator} needs at least one value.`, path: at });
    } else if ((req.operator === 'Exists' || req.operator === 'DoesNotExist') && req.values.length > 0) {
      problems.push({ message: `Operator ${req.operator} takes no values; they are ignored.`, path: [...at, 'values'] });
    }
  });
  return { selector, path, expressionPaths };
}

function readRule(raw: unknown, index: number, path: JsonPath, peerKey: 'from' | 'to', problems: PolicyProblem[]): PolicyRule {
  const rule = asRecord(raw);
  if (!rule) {
    // `- ` (null) is an empty rule, which allows everything; anything else is malformed.
    if (raw !== null && raw !== undefined) {
      problems.push({ message: 'A rule must be a mapping.', path });
      return { index, path, peers: [], ports: [] };
    }
    return { index, path, peers: null, ports: null };
  }
  // `from: 5` or `ports: http` is not "missing": it matches nothing rather than everything.
  const notAList = (key: string): string | undefined => {
    const v = rule[key];
    return v === undefined || v === null || Array.isArray(v) ? undefined : `${key} must be a list; this rule matches nothing.`;
  };
  const badPeers = notAList(peerKey);
  const badPorts = notAList('ports');
  if (badPeers) problems.push({ message: badPeers, path: [...path, peerKey] });
  if (badPorts) problems.push({ message: badPorts, path: [...path, 'ports'] });
  const rawPeers = asArray(rule[peerKey]);
  const rawPorts = asArray(rule['ports']);
  return {
    index,
    path,
    peers: badPeers
      ? [{ index: 0, path: [...path, peerKey], kind: 'invalid', reason: badPeers }]
      : rawPeers.length === 0
        ? null
        : rawPeers.map((p, i) => readPeer(p, i, [...path, peerKey, i], problems)),
    ports: badPorts
      ? [{ index: 0, path: [...path, 'ports'], protocol: 'TCP', kind: 'invalid', reason: badPorts }]
      : rawPorts.length === 0
        ? null
        : rawPorts.map((p, i) => readPort(p, i, [...path, 'ports', i], problems)),
  };
}

function invalidPeer(index: number, path: JsonPath, reason: string, problems: PolicyProblem[]): Peer {
  problems.push({ message: reason, path });
  return { index, path, kind: 'invalid', reason };
}

function readPeer(raw: unknown, index: number, path: JsonPath, problems: PolicyProblem[]): Peer {
  const peer = asRecord(raw);
  if (!peer) return invalidPeer(index, path, 'A peer must be a mapping with podSelector, namespaceSelector or ipBlock.', problems);
  const hasIpBlock = peer['ipBlock'] !== undefined && peer['ipBlock'] !== null;
  for (const key of ['podSelector', 'namespaceSelector'] as const) {
    if (!isSelectorShape(peer[key])) return invalidPeer(index, [...path, key], `${key} must be a label selector mapping; this peer matches nothing.`, problems);
  }
  const podSelector = selectorWithPaths(peer['podSelector'], [...path, 'podSelector'], problems);
  const namespaceSelector = selectorWithPaths(peer['namespaceSelector'], [...path, 'namespaceSelector'], problems);
  if (hasIpBlock) {
    if (podSelector || namespaceSelector) {
      return invalidPeer(index, path, 'ipBlock cannot be combined with podSelector or namespaceSelector in one peer.', problems);
    }
    return readIpBlock(peer['ipBlock'], index, path, problems);
  }
  if (!podSelector && !namespaceSelector) {
    return invalidPeer(index, path, 'A peer needs podSelector, namespaceSelector or ipBlock; this one matches nothing.', problems);
  }
  return {
    index,
    path,
    kind: 'pods',
    ...(podSelector ? { podSelector } : {}),
    ...(namespaceSelector ? { namespaceSelector } : {}),
  };
}

function readIpBlock(raw: unknown, index: number, path: JsonPath, problems: PolicyProblem[]): Peer {
  const blockPath = [...path, 'ipBlock'];
  const block = asRecord(raw);
  const cidr = asString(block?.['cidr']);
  const range = cidr === undefined ? undefined : parseCidr(cidr);
  if (!block || cidr === undefined || !range) {
    return invalidPeer(index, [...blockPath, 'cidr'], `ipBlock.cidr ${cidr === undefined ? 'is missing' : `"${cidr}" is not a valid CIDR`}.`, problems);
  }
  const except: string[] = [];
  const excepts: AddressRange[] = [];
  asArray(block['except']).forEach((e, i) => {
    const text = asString(e);
    const r = text === undefined ? undefined : parseCidr(text);
    if (text === undefined || !r) {
      problems.push({ message: `ipBlock.except entry ${JSON.stringify(e)} is not a valid CIDR; it is ignored.`, path: [...blockPath, 'except', i] });
      return;
    }
    if (r.family !== range.family || r.start < range.start || r.end > range.end) {
      problems.push({ message: `except ${text} is not inside cidr ${cidr}.`, path: [...blockPath, 'except', i] });
    }
    except.push(text);
    excepts.push(r);
  });
  return { index, path, kind: 'ipBlock', cidr, except, block: range, excepts };
}

function readPort(raw: unknown, index: number, path: JsonPath, problems: PolicyProblem[]): PortEntry {
  const entry = asRecord(raw);
  const invalid = (protocol: Protocol, reason: string, at: JsonPath = path): PortEntry => {
    problems.push({ message: reason, path: at });
    return { index, path, protocol, kind: 'invalid', reason };
  };
  if (!entry) return invalid('TCP', 'A ports entry must be a mapping.');
  const rawProtocol = entry['protocol'];
  let protocol: Protocol = 'TCP';
  if (rawProtocol !== undefined && rawProtocol !== null) {
    if (!isProtocol(rawProtocol)) {
      return invalid('TCP', `Protocol ${JSON.stringify(rawProtocol)} is not one of TCP, UDP, SCTP (case matters).`, [...path, 'protocol']);
    }
    protocol = rawProtocol;
  }
  const port = entry['port'];
  const endPort = entry['endPort'];
  if (port === undefined || port === null) {
    if (endPort !== undefined && endPort !== null) return invalid(protocol, 'endPort needs a numeric port.', [...path, 'endPort']);
    return { index, path, protocol, kind: 'protocol' };
  }
  if (typeof port === 'string') {
    if (!PORT_NAME.test(port)) return invalid(protocol, `"${port}" is neither a port number nor a valid port name.`, [...path, 'port']);
    if (endPort !== undefined && endPort !== null) return invalid(protocol, 'endPort cannot be used with a named port.', [...path, 'endPort']);
    return { index, path, protocol, kind: 'named', name: port };
  }
  if (!Number.isInteger(port) || (port as number) < MIN_PORT || (port as number) > MAX_PORT) {
    return invalid(protocol, `Port ${JSON.stringify(port)} is not a number from 1 to 65535.`, [...path, 'port']);
  }
  const start = port as number;
  if (endPort === undefined || endPort === null) return { index, path, protocol, kind: 'range', start, end: start };
  if (!Number.isInteger(endPort) || (endPort as number) < start || (endPort as number) > MAX_PORT) {
    return invalid(protocol, `endPort ${JSON.stringify(endPort)} must be a number from ${start} to 65535.`, [...path, 'endPort']);
  }
  return { index, path, protocol, kind: 'range', start, end: endPort as number };
}
