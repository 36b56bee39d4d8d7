// "Allow this connection" and "Deny": the smallest NetworkPolicy edit that changes one cell of the
// matrix, as text edits. Every proposal is checked before it is offered: the edits are applied,
// the files parsed again, the world rebuilt and the connection evaluated; the other connections
// whose verdict changes are listed as side effects.

import type { Document } from 'yaml';
import { parseFile, parseYamlDocuments, type ParseOptions } from '../model/parse';
import type { PodTemplate, Resource } from '../model/types';
import { selectorMatches } from '../model/selectors';
import { podTemplateOf } from '../model/workloads';
import { formatRange, type AddressRange } from '../policy/addresses';
import { evaluate, type Explanation } from '../policy/evaluate';
import { peerMatches } from '../policy/match';
import { ALL_PORTS, PROTOCOLS, MAX_PORT, MIN_PORT, formatPortSet, isAll, isEmpty, isSubset, portRange, portSetOf, type PortSet } from '../policy/portSet';
import type { Direction, Endpoint, NetworkPolicyModel, PortQuery, WorkloadEndpoint } from '../policy/types';
import { isolationOf, METADATA_NAME_LABEL, type PolicyWorld } from '../policy/world';
import { endpointById } from './endpoints';
import type { EditProposal, ProposeEditParams, ProposedTextEdit } from './protocol';
import { buildView, cellKey, changedCells } from './view';
import { panelWorldInput, worldFromPanelInput } from './worldInput';
import { addKey, appendDocument, appendOrCreate, applyEdits, emptySequence, removeSequenceItem, type TextEdit } from './yamlEdits';

export interface SnapshotFile {
  uri: string;
  text: string;
  resources: readonly Resource[];
  templates: readonly PodTemplate[];
}

/** The workspace as the server holds it: every indexed file with its text. */
export interface Snapshot {
  files: readonly SnapshotFile[];
  /** How edited files are parsed again (the folder's default namespace). */
  parseOptions?: ParseOptions;
}

interface FileEdit {
  uri: string;
  edit: TextEdit;
}

interface Plan {
  edits: FileEdit[];
  /** One sentence per change. */
  changes: string[];
}

const MAX_SIDE_EFFECTS = 12;

/** Label keys that usually name an app, tried first when picking a selector. */
const PREFERRED_KEYS = ['app.kubernetes.io/name', 'app', 'k8s-app', 'name', 'app.kubernetes.io/instance', 'app.kubernetes.io/component', 'component', 'tier', 'role'];

class Workspace {
  readonly byUri: ReadonlyMap<string, SnapshotFile>;
  readonly world: PolicyWorld;
  private readonly docs = new Map<string, Document[]>();

  constructor(readonly snapshot: Snapshot) {
    this.byUri = new Map(snapshot.files.map((f) => [f.uri, f]));
    this.world = worldOf(snapshot.files);
  }

  text(uri: string): string | undefined {
    return this.byUri.get(uri)?.text;
  }

  doc(uri: string, docIndex: number): Document | undefined {
    let docs = this.docs.get(uri);
    const text = this.text(uri);
    if (!docs && text !== undefined) {
      docs = parseYamlDocuments(text);
      this.docs.set(uri, docs);
    }
    return docs?.[docIndex];
  }
}

function worldOf(files: readonly { resources: readonly Resource[]; templates: readonly PodTemplate[] }[]): PolicyWorld {
  // Through the transported input, so the proposal sees exactly what the panel sees.
  return worldFromPanelInput(panelWorldInput(files));
}

function labelsEqual(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
}

/** Pods a policy selects (it isolates them). */
function selectedBy(world: PolicyWorld, p: NetworkPolicyModel): WorkloadEndpoint[] {
  return world.workloads.filter((w) => w.namespace === p.namespace && selectorMatches(p.podSelector.selector, w.labels));
}

/**
 * The fewest labels of `w` that select, in its namespace, only workloads with exactly its labels:
 * preferred keys (app, app.kubernetes.io/name…) first, then the rest alphabetically.
 */
export function identifyingLabels(world: PolicyWorld, w: WorkloadEndpoint): Record<string, string> {
  const others = world.workloads.filter((o) => o.namespace === w.namespace && !labelsEqual(o.labels, w.labels));
  const keys = Object.keys(w.labels).sort((a, b) => {
    const ia = PREFERRED_KEYS.indexOf(a);
    const ib = PREFERRED_KEYS.indexOf(b);
    return (ia < 0 ? PREFERRED_KEYS.length : ia) - (ib < 0 ? PREFERRED_KEYS.length : ib) || (a < b ? -1 : a > b ? 1 : 0);
  });
  // One label alone, if some label does it.
  for (const k of keys) {
    if (!others.some((o) => o.labels[k] === w.labels[k])) return { [k]: w.labels[k]! };
  }
  const chosen: Record<string, string> = {};
  for (const k of keys) {
    chosen[k] = w.labels[k]!;
    if (!others.some((o) => selectorMatches({ matchLabels: chosen, matchExpressions: [] }, o.labels))) break;
  }
  return chosen;
}

/** A CIDR for an address range: single addresses get /32 or /128; undefined when the range is not one block. */
function cidrOf(range: AddressRange): string | undefined {
  const text = formatRange(range);
  if (text.includes('/')) return text;
  if (text.includes('-')) return undefined;
  return `${text}/${range.family === 'ipv4' ? 32 : 128}`;
}

function sameRange(a: AddressRange, b: AddressRange): boolean {
  return a.family === b.family && a.start === b.start && a.end === b.end;
}

/** The NetworkPolicy peer that names `other`, written in a policy of `policyNamespace`. */
function peerFor(world: PolicyWorld, other: Endpoint, policyNamespace: string): Record<string, unknown> | undefined {
  if (other.type === 'external') {
    const cidr = cidrOf(other.range);
    return cidr ? { ipBlock: { cidr } } : undefined;
  }
  const labels = identifyingLabels(world, other);
  const podSelector = Object.keys(labels).length > 0 ? { matchLabels: labels } : {};
  if (other.namespace === policyNamespace) return { podSelector };
  return { namespaceSelector: { matchLabels: { [METADATA_NAME_LABEL]: other.namespace } }, podSelector };
}

/** A rule's `ports` list for a port set; undefined for every port (the key is left out). */
function portsValue(set: PortSet): Record<string, unknown>[] | undefined {
  if (isAll(set)) return undefined;
  const out: Record<string, unknown>[] = [];
  for (const protocol of PROTOCOLS) {
    for (const [start, end] of set[protocol]) {
      if (start === MIN_PORT && end === MAX_PORT) out.push({ protocol });
      else if (start === end) out.push({ port: start, protocol });
      else out.push({ port: start, endPort: end, protocol });
    }
  }
  return out;
}

function portsText(set: PortSet): string {
  return isAll(set) ? 'every port' : formatPortSet(set);
}

/** DNS-1123 name piece: lower case, letters, digits and '-'. */
function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 24)
      .replace(/-+$/, '') || 'x'
  );
}

function endpointSlug(e: Endpoint): string {
  return e.type === 'workload' ? slug(e.name) : slug(e.id);
}

function uniquePolicyName(world: PolicyWorld, namespace: string, base: string): string {
  const taken = new Set(world.policies.filter((p) => p.namespace === namespace).map((p) => p.name));
  let name = base.slice(0, 63).replace(/-+$/, '');
  for (let i = 2; taken.has(name); i++) name = `${base.slice(0, 58).replace(/-+$/, '')}-${i}`;
  return name;
}

function isJsonFile(uri: string): boolean {
  return /\.json$/i.test(uri);
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.split('/').pop() ?? uri);
}

/** What to open so the connection is allowed on `wanted`: its port, the destination's ports, or what one side already allows. */
function wantedPorts(to: Endpoint, e: Explanation, port: PortQuery | undefined): PortSet {
  if (port) return portRange(port.protocol, port.port);
  if (to.type === 'workload') {
    const declared = portSetOf(to.ports.filter((p) => p.port >= MIN_PORT && p.port <= MAX_PORT).map((p) => ({ protocol: p.protocol, start: p.port })));
    if (!isEmpty(declared)) return declared;
  }
  for (const d of [e.ingress, e.egress]) if (d.isolated && !isEmpty(d.ports)) return d.ports;
  return ALL_PORTS;
}

function planAllow(ws: Workspace, from: Endpoint, to: Endpoint, e: Explanation, wanted: PortSet): Plan | string {
  const plan: Plan = { edits: [], changes: [] };
  const world = ws.world;
  for (const direction of ['ingress', 'egress'] as const) {
    const subject = direction === 'ingress' ? to : from;
    const other = direction === 'ingress' ? from : to;
    const verdict = e[direction];
    if (subject.type !== 'workload' || !verdict.isolated || isSubset(wanted, verdict.ports)) continue;
    const peer = peerFor(world, other, subject.namespace);
    if (!peer) return `${other.id} is not a single address block, so no ipBlock can name it.`;
    const ports = portsValue(wanted);
    const rule: Record<string, unknown> = { [direction === 'ingress' ? 'from' : 'to']: [peer], ...(ports ? { ports } : {}) };
    const ranked = isolationOf(world, subject)[direction]
      .map((p) => ({ p, selected: selectedBy(world, p) }))
      .sort((a, b) => a.selected.length - b.selected.length);
    const best = ranked[0]!;
    const text = ws.text(best.p.ref.uri);
    if (text === undefined) return `${best.p.ref.id} is not in an indexed file.`;
    const onlySubject = best.selected.every((w) => labelsEqual(w.labels, subject.labels));
    const what = `${direction === 'ingress' ? 'from' : 'to'} ${other.id} on ${portsText(wanted)}`;
    if (onlySubject || isJsonFile(best.p.ref.uri)) {
      const doc = ws.doc(best.p.ref.uri, best.p.ref.docIndex);
      const edit = doc && appendOrCreate(text, doc, [...best.p.ref.path, 'spec'], direction, rule);
      if (!edit) return `${best.p.ref.id} cannot be edited: its spec.${direction} is not a list or mapping entry that can take a rule.`;
      plan.edits.push({ uri: best.p.ref.uri, edit });
      const wider = best.selected.length - best.selected.filter((w) => labelsEqual(w.labels, subject.labels)).length;
      plan.changes.push(
        `Adds ${direction} rule ${best.p[direction].length + 1} to ${best.p.ref.id} (${fileName(best.p.ref.uri)}): ${what}` +
          (wider > 0 ? `; it also applies to the ${wider} other workload${wider === 1 ? '' : 's'} that policy selects.` : '.'),
      );
      continue;
    }
    // The narrowest isolating policy also selects other workloads: a policy of its own keeps the change to this one.
    const labels = identifyingLabels(world, subject);
    const name = uniquePolicyName(world, subject.namespace, direction === 'ingress' ? `allow-${endpointSlug(other)}-to-${endpointSlug(subject)}` : `allow-${endpointSlug(subject)}-to-${endpointSlug(other)}`);
    const policy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, namespace: subject.namespace },
      spec: {
        podSelector: { matchLabels: labels },
        policyTypes: [direction === 'ingress' ? 'Ingress' : 'Egress'],
        [direction]: [rule],
      },
    };
    plan.edits.push({ uri: best.p.ref.uri, edit: appendDocument(text, policy) });
    plan.changes.push(`Adds NetworkPolicy ${subject.namespace}/${name} to ${fileName(best.p.ref.uri)}: it selects ${subject.id} and allows ${direction} ${what}.`);
  }
  if (plan.edits.length === 0) return 'Nothing to change: both directions already allow it.';
  return plan;
}

function findPolicy(world: PolicyWorld, ref: { uri: string; docIndex: number; id: string }): NetworkPolicyModel | undefined {
  return world.policies.find((p) => p.ref.uri === ref.uri && p.ref.docIndex === ref.docIndex && p.ref.id === ref.id);
}

interface RuleGroup {
  policy: NetworkPolicyModel;
  rule: number;
  peers: Set<number | null>;
}

function planDeny(ws: Workspace, from: Endpoint, to: Endpoint, e: Explanation, direction: Direction): Plan | string {
  const world = ws.world;
  const subject = direction === 'ingress' ? to : from;
  const other = direction === 'ingress' ? from : to;
  const verdict = e[direction];
  if (subject.type !== 'workload') return `${subject.id} is an external address: no NetworkPolicy applies there.`;
  if (!verdict.isolated) return `no NetworkPolicy selects ${subject.id} for ${direction}, so ${direction} is open.`;
  const otherRole = direction === 'ingress' ? 'source' : 'destination';

  const groups = new Map<string, RuleGroup>();
  for (const a of verdict.allowedBy) {
    const policy = findPolicy(world, a.policy);
    if (!policy) return `${a.policy.id} is not in the workspace.`;
    const key = `${a.policy.uri}\u0000${a.policy.docIndex}\u0000${a.rule}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { policy, rule: a.rule, peers: new Set() }));
    g.peers.add(a.peer);
  }
  const plan: Plan = { edits: [], changes: [] };
  const emptied = new Map<NetworkPolicyModel, number[]>();
  for (const g of groups.values()) {
    const rule = g.policy[direction][g.rule]!;
    const name = `${direction} rule ${g.rule + 1} of ${g.policy.ref.id}`;
    if (g.peers.has(null) || rule.peers === null) return `${name} allows every ${otherRole}; narrowing it would need a list of all the others.`;
    const text = ws.text(g.policy.ref.uri);
    const doc = ws.doc(g.policy.ref.uri, g.policy.ref.docIndex);
    if (text === undefined || !doc) return `${g.policy.ref.id} is not in an indexed file.`;
    const peersKey = direction === 'ingress' ? 'from' : 'to';
    const removable: number[] = [];
    const narrowings: { path: (string | number)[]; add: TextEdit | undefined; sentence: string }[] = [];
    for (const index of g.peers as Set<number>) {
      const peer = rule.peers[index]!;
      if (peer.kind === 'pods' && other.type === 'workload') {
        const others = world.workloads.filter((w) => peerMatches(world, g.policy, peer, w) && !(w.namespace === other.namespace && labelsEqual(w.labels, other.labels)));
        if (others.length === 0) {
          removable.push(index);
          continue;
        }
        const key = Object.keys(other.labels).find((k) => !others.some((w) => w.labels[k] === other.labels[k]));
        if (key === undefined) return `peer ${index + 1} of ${name} also selects ${others[0]!.id}, which has every label of ${other.id}.`;
        const expression = { key, operator: 'NotIn', values: [other.labels[key]!] };
        const add = peer.podSelector
          ? appendOrCreate(text, doc, peer.podSelector.path, 'matchExpressions', expression)
          : addKey(text, doc, peer.path, 'podSelector', { matchExpressions: [expression] });
        narrowings.push({ path: peer.path, add, sentence: `Narrows peer ${index + 1} of ${name} to pods without ${key}=${other.labels[key]}.` });
      } else if (peer.kind === 'ipBlock' && other.type === 'external') {
        if (sameRange(peer.block, other.range) && peer.excepts.length === 0) {
          removable.push(index);
          continue;
        }
        const cidr = cidrOf(other.range);
        if (!cidr) return `${other.id} is not a single address block, so no except can name it.`;
        const add = appendOrCreate(text, doc, [...peer.path, 'ipBlock'], 'except', cidr);
        narrowings.push({ path: peer.path, add, sentence: `Adds except ${cidr} to peer ${index + 1} (ipBlock ${peer.cidr}) of ${name}.` });
      } else {
        return `peer ${index + 1} of ${name} cannot be narrowed to leave out ${other.id}.`;
      }
    }
    for (const n of narrowings) {
      if (!n.add) return `${name} cannot be edited here (unusual YAML layout).`;
      plan.edits.push({ uri: g.policy.ref.uri, edit: n.add });
      plan.changes.push(n.sentence);
    }
    if (removable.length === rule.peers.length && narrowings.length === 0) {
      // Without peers the rule would allow everyone: the rule goes.
      const list = emptied.get(g.policy) ?? [];
      list.push(g.rule);
      emptied.set(g.policy, list);
      continue;
    }
    for (const index of removable) {
      const edit = removeSequenceItem(text, doc, [...rule.path, peersKey], index);
      if (!edit) return `${name} cannot be edited here (unusual YAML layout).`;
      plan.edits.push({ uri: g.policy.ref.uri, edit });
      plan.changes.push(`Removes peer ${index + 1} of ${name}.`);
    }
  }
  for (const [policy, rules] of emptied) {
    const text = ws.text(policy.ref.uri)!;
    const doc = ws.doc(policy.ref.uri, policy.ref.docIndex)!;
    const listPath = [...policy.ref.path, 'spec', direction];
    const all = rules.length === policy[direction].length;
    if (all) {
      const edit = emptySequence(text, doc, listPath);
      if (!edit) return `${policy.ref.id} cannot be edited here (unusual YAML layout).`;
      plan.edits.push({ uri: policy.ref.uri, edit });
      plan.changes.push(`Removes every ${direction} rule of ${policy.ref.id}; it still isolates ${subject.id}.`);
      const typesWritten = doc.getIn([...policy.ref.path, 'spec', 'policyTypes']) !== undefined;
      if (!typesWritten && direction === 'egress') {
        // Without egress rules and without policyTypes the policy would stop isolating egress.
        const types = addKey(text, doc, [...policy.ref.path, 'spec'], 'policyTypes', ['Ingress', 'Egress']);
        if (!types) return `${policy.ref.id} cannot be edited here (unusual YAML layout).`;
        plan.edits.push({ uri: policy.ref.uri, edit: types });
        plan.changes.push(`Writes policyTypes [Ingress, Egress] in ${policy.ref.id}, so it keeps isolating egress.`);
      }
      continue;
    }
    for (const r of rules) {
      const edit = removeSequenceItem(text, doc, listPath, r);
      if (!edit) return `${policy.ref.id} cannot be edited here (unusual YAML layout).`;
      plan.edits.push({ uri: policy.ref.uri, edit });
      plan.changes.push(`Removes ${direction} rule ${r + 1} of ${policy.ref.id}.`);
    }
  }
  if (plan.edits.length === 0) return `nothing in ${direction} allows it.`;
  return plan;
}

interface Checked {
  edits: ProposedTextEdit[];
  sideEffects: string[];
}

/** Applies the plan to copies of the files and re-evaluates: the edits, or why they do not do what was asked. */
function check(ws: Workspace, plan: Plan, fromId: string, toId: string, holds: (world: PolicyWorld, from: Endpoint, to: Endpoint) => boolean): Checked | string {
  const byUri = new Map<string, TextEdit[]>();
  for (const { uri, edit } of plan.edits) byUri.set(uri, [...(byUri.get(uri) ?? []), edit]);
  const edited = new Map<string, SnapshotFile>();
  for (const [uri, edits] of byUri) {
    const before = ws.byUri.get(uri)!;
    let text: string;
    try {
      text = applyEdits(before.text, edits);
    } catch (err) {
      return `the changes overlap (${err instanceof Error ? err.message : String(err)}).`;
    }
    const parsed = parseFile(uri, text, ws.snapshot.parseOptions);
    const broken = parsed.findings.find((f) => f.rule === 'yaml-syntax' || f.rule === 'duplicate-key');
    if (broken) return `the edited ${fileName(uri)} would not be valid YAML (${broken.message}).`;
    edited.set(uri, { uri, text, resources: parsed.resources, templates: parsedTemplates(parsed.resources) });
  }
  const files = ws.snapshot.files.map((f) => edited.get(f.uri) ?? f);
  const world = worldOf(files);
  const from = endpointById(world, fromId);
  const to = endpointById(world, toId);
  if (!from || !to || !holds(world, from, to)) return 'the edit would not have the intended effect (please report this).';

  const externals = [fromId, toId].filter((id) => !world.workloadsById.has(id) && id !== 'internet' && id !== 'internet-ipv6');
  const before = buildView(panelWorldInput(ws.snapshot.files), externals);
  const after = buildView(panelWorldInput(files), externals);
  const changed = [...changedCells(after, before)].filter((k) => k !== cellKey(fromId, toId));
  const describe = (key: string): string => {
    const [a, b] = key.split('\u0000') as [string, string];
    const cell = (view: typeof before) => {
      const f = view.byId.get(a);
      const t = view.byId.get(b);
      const id = f && t ? view.matrix.cells[f.index]![t.index]! : -1;
      return id < 0 ? 'none' : formatPortSet(view.matrix.portSets[id]!);
    };
    return `${a} → ${b}: ${cell(before)} → ${cell(after)}`;
  };
  const sideEffects = changed.slice(0, MAX_SIDE_EFFECTS).map(describe);
  if (changed.length > MAX_SIDE_EFFECTS) sideEffects.push(`… and ${changed.length - MAX_SIDE_EFFECTS} more.`);
  const edits = plan.edits.map(({ uri, edit }) => ({ uri, start: edit.start, end: edit.end, newText: edit.newText }));
  return { edits, sideEffects };
}

function parsedTemplates(resources: readonly Resource[]): PodTemplate[] {
  return resources.map(podTemplateOf).filter((t): t is PodTemplate => t !== undefined);
}

function describeQuery(port: PortQuery | undefined): string {
  return port ? ` on ${port.port}/${port.protocol}` : '';
}

/** The proposal for one panel request; never throws on bad input (unknown ids give a reason). */
export function proposeEdit(snapshot: Snapshot, params: ProposeEditParams): EditProposal {
  const ws = new Workspace(snapshot);
  const from = endpointById(ws.world, params.from);
  const to = endpointById(ws.world, params.to);
  if (!from) return { ok: false, reason: `Unknown source ${params.from}.` };
  if (!to) return { ok: false, reason: `Unknown destination ${params.to}.` };
  if (from.type === 'external' && to.type === 'external') return { ok: false, reason: 'No NetworkPolicy governs traffic between two external addresses.' };
  const e = evaluate(ws.world, from, to, params.port);

  if (params.action === 'allow') {
    const wanted = wantedPorts(to, e, params.port);
    if (isSubset(wanted, e.ports)) return { ok: false, reason: `${from.id} → ${to.id} is already allowed on ${portsText(wanted)}.` };
    const plan = planAllow(ws, from, to, e, wanted);
    if (typeof plan === 'string') return { ok: false, reason: `Cannot allow ${from.id} → ${to.id}: ${plan}` };
    const checked = check(ws, plan, from.id, to.id, (world, f, t) => isSubset(wanted, evaluate(world, f, t).ports));
    if (typeof checked === 'string') return { ok: false, reason: `Cannot allow ${from.id} → ${to.id}: ${checked}` };
    return { ok: true, title: `Allow ${from.id} → ${to.id} on ${portsText(wanted)}`, changes: plan.changes, ...checked };
  }

  if (!e.allowed) return { ok: false, reason: `${from.id} → ${to.id} is already denied${describeQuery(params.port)}.` };
  const reasons: string[] = [];
  let best: { plan: Plan; checked: Checked } | undefined;
  for (const direction of ['ingress', 'egress'] as const) {
    const plan = planDeny(ws, from, to, e, direction);
    if (typeof plan === 'string') {
      reasons.push(`${direction}: ${plan}`);
      continue;
    }
    const checked = check(ws, plan, from.id, to.id, (world, f, t) => isEmpty(evaluate(world, f, t).ports));
    if (typeof checked === 'string') {
      reasons.push(`${direction}: ${checked}`);
      continue;
    }
    if (!best || checked.sideEffects.length < best.checked.sideEffects.length) best = { plan, checked };
  }
  if (!best) {
    return {
      ok: false,
      reason: `Cannot express a deny for ${from.id} → ${to.id}: NetworkPolicies only add allowances. ${reasons.join(' ')}`,
    };
  }
  return { ok: true, title: `Deny ${from.id} → ${to.id} on every port`, changes: best.plan.changes, ...best.checked };
}
