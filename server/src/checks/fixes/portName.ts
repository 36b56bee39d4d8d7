// service-port-name-required: give an unnamed Service port a name derived from its number.

import { isMap } from 'yaml';
import type { Fixer } from './context';
import { dataPath } from './context';
import { asArray, asNumber, asRecord, asString } from '../../model/values';

const WELL_KNOWN: Readonly<Record<number, string>> = {
  21: 'ftp',
  22: 'ssh',
  25: 'smtp',
  53: 'dns',
  80: 'http',
  443: 'https',
  2379: 'etcd',
  3306: 'mysql',
  5432: 'postgres',
  5672: 'amqp',
  6379: 'redis',
  8080: 'http',
  8443: 'https',
  9090: 'metrics',
  9092: 'kafka',
  11211: 'memcached',
  27017: 'mongodb',
};

/** A DNS-label name for a port, unique among `taken`. */
export function portNameFor(port: number | undefined, protocol: string, taken: ReadonlySet<string>): string {
  let base = (port !== undefined && WELL_KNOWN[port]) || (port !== undefined ? `port-${port}` : 'port');
  if (protocol !== 'TCP') base = `${base}-${protocol.toLowerCase()}`;
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  return name;
}

export const nameServicePort: Fixer = ({ file, request, docIndex }) => {
  const portPath = dataPath(request.data, 'portPath');
  if (!portPath || typeof portPath[portPath.length - 1] !== 'number') return [];
  const located = file.locate(docIndex, portPath);
  const ports = file.locate(docIndex, portPath.slice(0, -1));
  if (!located || !isMap(located.node) || !ports) return [];
  const entry = asRecord(located.node.toJSON());
  const siblings = asArray(ports.node?.toJSON());
  const taken = new Set(siblings.flatMap((p) => asString(asRecord(p)?.['name']) ?? []));
  const name = portNameFor(asNumber(entry?.['port']), asString(entry?.['protocol']) ?? 'TCP', taken);
  const edit = file.insertPair(located.node, 'name', name, 'first');
  return edit ? [{ title: `Name this port '${name}'`, kind: 'quickfix', isPreferred: true, edits: [edit] }] : [];
};
