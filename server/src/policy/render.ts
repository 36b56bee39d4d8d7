// Plain-English rendering of an explanation. Rules, peers and port entries are numbered from 1 here
// (the data numbers them from 0).

import { contains, formatPortSet, isEmpty } from './portSet';
import type { PeerMismatch, SelectorFailure } from './match';
import type { Allowance, DirectionVerdict, Explanation, NearMiss } from './evaluate';
import type { SourceRef } from './types';

export interface RenderOptions {
  /** Turns a source reference into a location such as `netpols.yaml:12`; omitted when undefined. */
  locate?: (source: SourceRef) => string | undefined;
}

function queryText(e: Explanation): string {
  return e.query ? `${e.query.port}/${e.query.protocol}` : '';
}

export function describeRequirement(f: SelectorFailure): string {
  const has = f.actual === null ? `${f.key} is absent` : `has ${f.key}=${f.actual}`;
  switch (f.operator) {
    case '=':
      return `needs ${f.key}=${f.values[0] ?? ''} (${has})`;
    case 'In':
      return `needs ${f.key} in (${f.values.join(', ')}) (${has})`;
    case 'NotIn':
      return `needs ${f.key} not in (${f.values.join(', ')}) (${has})`;
    case 'Exists':
      return `needs label ${f.key} (it is absent)`;
    case 'DoesNotExist':
      return `needs no label ${f.key} (${has})`;
    default:
      return `uses unknown operator ${f.operator} on ${f.key}, which matches nothing`;
  }
}

function failures(list: SelectorFailure[]): string {
  return list.map(describeRequirement).join('; ');
}

export function describeMismatch(m: PeerMismatch, other: string): string {
  const peer = `peer ${m.peer + 1}`;
  switch (m.reason) {
    case 'other-namespace':
      return `${peer} has only a podSelector, so it means pods of namespace "${m.policyNamespace}"; ${other} is in "${m.namespace}"`;
    case 'namespace-selector':
      return `${peer}: namespaceSelector does not match namespace "${m.namespace}": ${failures(m.failed)}`;
    case 'pod-selector':
      return `${peer}: podSelector does not match ${other}: ${failures(m.failed)}`;
    case 'ip-block-vs-workload':
      return `${peer} is ipBlock ${m.cidr}, and ipBlocks never match pods`;
    case 'outside-cidr':
      return `${peer}: ${m.address} is ${m.partly ? 'not entirely' : 'not'} inside ipBlock ${m.cidr}`;
    case 'in-except':
      return `${peer}: ${m.address} is ${m.partly ? 'partly ' : ''}excluded by except ${m.except} of ipBlock ${m.cidr}`;
    case 'selector-vs-address':
      return `${peer} selects pods, and ${m.address} is an external address`;
    case 'invalid-peer':
      return `${peer} is invalid (${m.detail})`;
  }
}

function at(opts: RenderOptions, s: SourceRef | null): string {
  if (!s || !opts.locate) return '';
  const where = opts.locate(s);
  return where ? ` [${where}]` : '';
}

function ruleName(direction: string, policyId: string, rule: number): string {
  return `${direction} rule ${rule + 1} of ${policyId}`;
}

function describeAllowance(a: Allowance, direction: string, opts: RenderOptions): string {
  const parts = [ruleName(direction, a.policy.id, a.rule)];
  parts.push(a.peer === null ? '(any peer)' : `peer ${a.peer + 1}`);
  if (a.port !== null) parts.push(`port entry ${a.port + 1}`);
  const src = { uri: a.policy.uri, docIndex: a.policy.docIndex, path: a.portPath ?? a.peerPath ?? a.rulePath };
  return `allowed by ${parts.join(', ')}: ${formatPortSet(a.ports)}${at(opts, src)}`;
}

function describeNearMiss(m: NearMiss, direction: string, other: string, opts: RenderOptions): string {
  if (m.kind === 'no-rules') {
    return `${m.policy.id} has no ${direction} rules, so it allows nothing${at(opts, m.policy)}`;
  }
  const rule = ruleName(direction, m.policy.id, m.rule);
  const src = (path: (string | number)[] | null) => at(opts, { uri: m.policy.uri, docIndex: m.policy.docIndex, path: path ?? m.rulePath });
  switch (m.kind) {
    case 'peer-mismatch':
      return `${rule} does not match ${other}: ${m.peers.map((p) => describeMismatch(p, other)).join('; ')}${src(m.rulePath)}`;
    case 'ports-differ':
      return `${rule} matches ${other} but allows only ${formatPortSet(m.ports)}${src(m.rulePath)}`;
    case 'named-port-unresolved': {
      if (m.destination === 'external') {
        return `${rule}, port entry ${m.port + 1}: named port "${m.name}" cannot resolve on an external address${src(m.portPath)}`;
      }
      const other = m.sameNameOtherProtocol.map((p) => `${p.port}/${p.protocol}`).join(', ');
      const why = other ? `the destination declares "${m.name}" only as ${other}` : `the destination declares no port "${m.name}"`;
      return `${rule}, port entry ${m.port + 1}: named port "${m.name}"/${m.protocol} does not resolve: ${why}${src(m.portPath)}`;
    }
    case 'invalid-port':
      return `${rule}, port entry ${m.port + 1} is invalid (${m.detail})${src(m.portPath)}`;
  }
}

function renderDirection(d: DirectionVerdict, e: Explanation, opts: RenderOptions): string[] {
  const title = d.direction === 'egress' ? `Egress from ${d.subject}` : `Ingress to ${d.subject}`;
  const other = d.direction === 'egress' ? 'the destination' : 'the source';
  if (!d.enforced) return [`${title}: an external address; no NetworkPolicy applies there.`];
  if (!d.isolated) return [`${title}: not isolated (no NetworkPolicy selects it for ${d.direction}), so everything is allowed.`];
  const lines = [
    `${title}: isolated by ${d.policies.map((p) => `${p.id}${at(opts, p)}`).join(', ')}; allows ${formatPortSet(d.ports)}.`,
  ];
  const shown = e.query ? d.allowedBy.filter((a) => a.matchesQuery !== false) : d.allowedBy;
  for (const a of shown) lines.push(`  - ${describeAllowance(a, d.direction, opts)}`);
  for (const m of d.nearMisses) lines.push(`  - near miss: ${describeNearMiss(m, d.direction, other, opts)}`);
  return lines;
}

/** A short verdict line followed by the reasons per direction. */
export function renderExplanation(e: Explanation, opts: RenderOptions = {}): string {
  const pair = `${e.from.id} -> ${e.to.id}`;
  const head = e.query
    ? `${e.allowed ? 'ALLOWED' : 'DENIED'}: ${pair} on ${queryText(e)}.${e.allowed ? '' : ` Allowed ports: ${formatPortSet(e.ports)}.`}`
    : `${e.allowed ? 'ALLOWED' : 'DENIED'}: ${pair}. Allowed ports: ${formatPortSet(e.ports)}.`;
  const lines = [head];
  const query = e.query;
  if (query && !e.allowed) {
    const blockers = [e.egress, e.ingress].filter((d) => !contains(d.ports, query.protocol, query.port));
    lines.push(`Blocked by ${blockers.map((d) => d.direction).join(' and ')}.`);
  } else if (!query && !e.allowed) {
    const blockers = [e.egress, e.ingress].filter((d) => isEmpty(d.ports));
    if (blockers.length > 0) lines.push(`Blocked by ${blockers.map((d) => d.direction).join(' and ')}.`);
    else lines.push('Egress and ingress each allow some ports, but none in common.');
  }
  lines.push(...renderDirection(e.egress, e, opts), ...renderDirection(e.ingress, e, opts));
  for (const n of e.notes) lines.push(`Note: ${n}`);
  return lines.join('\n');
}
