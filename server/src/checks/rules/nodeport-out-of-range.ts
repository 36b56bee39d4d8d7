// nodePorts must lie in the cluster's node port range (30000–32767 unless configured).

import type { CheckSettings, ResourceCheck } from '../types';
import { serviceOf } from '../facts';

export const DEFAULT_NODE_PORT_RANGE: readonly [number, number] = [30000, 32767];

export function nodePortRange(settings: CheckSettings): readonly [number, number] {
  return settings.nodePortRange ?? DEFAULT_NODE_PORT_RANGE;
}

export const nodePortOutOfRange: ResourceCheck = {
  meta: {
    id: 'nodeport-out-of-range',
    defaultSeverity: 'error',
    summary: 'A nodePort lies outside the node port range (30000–32767 by default); the API server rejects it.',
  },
  kinds: ['Service'],
  check(resource, { settings }) {
    const [min, max] = nodePortRange(settings);
    return serviceOf(resource)
      .ports.filter((p) => p.nodePort !== undefined && (p.nodePort < min || p.nodePort > max))
      .map((p) => ({
        message: `nodePort ${p.nodePort} is outside the node port range ${min}–${max}.`,
        path: [...p.path, 'nodePort'],
        target: 'value' as const,
        data: { portPath: p.path },
      }));
  },
};
