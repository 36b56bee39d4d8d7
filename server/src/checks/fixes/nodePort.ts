// nodeport-out-of-range / nodeport-conflict: pick a free nodePort in range, or let Kubernetes assign one.

import { isMap, isScalar } from 'yaml';
import type { Fixer } from './context';
import { dataPath } from './context';
import type { FixProposal } from './types';
import { factsFor } from '../facts';
import { nodePortRange } from '../rules/nodeport-out-of-range';

/** A free port in [min, max]: near the requested one (8080 → 30080), skipping ports in use. */
export function freeNodePort(requested: number, [min, max]: readonly [number, number], used: ReadonlySet<number>): number | undefined {
  const size = max - min + 1;
  if (size <= 0) return undefined;
  const start = requested >= min && requested <= max ? requested : min + (requested % 1000 < size ? requested % 1000 : requested % size);
  for (let i = 0; i < size; i++) {
    const candidate = min + ((start - min + i) % size);
    if (!used.has(candidate)) return candidate;
  }
  return undefined;
}

export const fixNodePort: Fixer = ({ index, file, request, docIndex, settings }) => {
  const portPath = dataPath(request.data, 'portPath');
  if (!portPath) return [];
  const entry = file.locate(docIndex, portPath);
  const nodePort = file.locate(docIndex, [...portPath, 'nodePort']);
  if (!entry || !isMap(entry.node) || !nodePort?.pair || !isScalar(nodePort.node) || typeof nodePort.node.value !== 'number') return [];
  const out: FixProposal[] = [];
  const free = freeNodePort(nodePort.node.value, nodePortRange(settings), factsFor(index).usedNodePorts());
  const set = free !== undefined ? file.replaceScalar(nodePort.node, free) : undefined;
  if (set) out.push({ title: `Use nodePort ${free}`, kind: 'quickfix', isPreferred: true, edits: [set] });
  const remove = file.removePair(entry.node, nodePort.pair);
  if (remove) out.push({ title: 'Remove nodePort (Kubernetes assigns a free one)', kind: 'quickfix', edits: [remove] });
  return out;
};
