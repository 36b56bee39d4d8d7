// Reading np-guard/netpol-analyzer cases in place from ../shared, and mapping their peer conventions.

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { asArray, asRecord, asString } from '../../server/src/model/values';
import { parseAddress, worldFromIndex, type ExternalEndpoint, type PolicyWorld, type WorkloadEndpoint } from '../../server/src/policy';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const casesDir = path.resolve(repoRoot, '..', 'shared', 'conformance', 'netpol-analyzer');

export interface CaseInfo {
  case: string;
  tier: number | string;
  manifests: string[];
}

export function casesAvailable(): boolean {
  return existsSync(path.join(casesDir, 'cases.json'));
}

export function readCases(): CaseInfo[] {
  return JSON.parse(readFileSync(path.join(casesDir, 'cases.json'), 'utf8')) as CaseInfo[];
}

export interface LoadedCase {
  world: PolicyWorld;
  index: WorkspaceIndex;
  /** Their peer name → our workloads (several Pods of one owner are one peer). */
  members: Map<string, WorkloadEndpoint[]>;
}

/** Loads a case's top-level manifests (never expected/) into a world. */
export function loadCase(caseName: string): LoadedCase {
  const dir = path.join(casesDir, caseName);
  const index = new WorkspaceIndex();
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (!/\.(ya?ml|json)$/.test(name) || !statSync(full).isFile()) continue;
    index.update(`file://${full}`, readFileSync(full, 'utf8'));
  }
  const world = worldFromIndex(index);
  const members = new Map<string, WorkloadEndpoint[]>();
  for (const w of world.workloads) {
    const name = peerName(w, index);
    const list = members.get(name);
    if (list) list.push(w);
    else members.set(name, [w]);
  }
  return { world, index, members };
}

/** Their peer name: a Pod is named by its immediate controller owner (not by the Deployment above a ReplicaSet). */
function peerName(w: WorkloadEndpoint, index: WorkspaceIndex): string {
  if (w.kind !== 'Pod') return `${w.namespace}/${w.name}[${w.kind}]`;
  const resource = index.find('Pod', w.namespace, w.name)[0];
  const owners = asArray(asRecord(resource?.value['metadata'])?.['ownerReferences']).map(asRecord);
  const controller = owners.find((o) => o?.['controller'] === true);
  if (!controller || controller['kind'] === 'Node') return `${w.namespace}/${w.name}[Pod]`;
  return `${w.namespace}/${asString(controller['name']) ?? ''}[${asString(controller['kind']) || 'Pod'}]`;
}

export const EXTERNAL_PEER = /^(\d+\.\d+\.\d+\.\d+)-(\d+\.\d+\.\d+\.\d+)\[External\]$/;

/** Their external peer `a.b.c.d-e.f.g.h[External]` as one of our external endpoints. */
export function externalPeer(name: string): ExternalEndpoint | undefined {
  const m = EXTERNAL_PEER.exec(name);
  if (!m) return undefined;
  return { type: 'external', id: name, range: { family: 'ipv4', start: parseAddress(m[1]!)!.value, end: parseAddress(m[2]!)!.value } };
}
