// "Replace a selector label with the closest existing one": when changing one label's value (or
// key) makes the selector match an existing workload (or namespace), offer that change.

import { isMap, isScalar, type Pair, type Scalar } from 'yaml';
import type { Fixer } from './context';
import { dataPath } from './context';
import type { FixProposal } from './types';
import { editDistance } from '../similar';
import type { WorkspaceIndex } from '../../index/workspaceIndex';

interface Candidate {
  labels: Record<string, string>;
  /** What matching these labels means, for the title. */
  what: string;
}

function candidatesOf(index: WorkspaceIndex, source: unknown): Candidate[] {
  const rec = source as { pods?: unknown; namespaces?: unknown } | undefined;
  if (rec?.namespaces === true) {
    return [...index.namespaces().values()].map((ns) => ({ labels: ns.labels, what: `namespace '${ns.name}'` }));
  }
  const namespaces = Array.isArray(rec?.pods) ? rec!.pods.filter((n): n is string => typeof n === 'string') : [];
  return namespaces.flatMap((ns) => index.templatesInNamespace(ns).map((t) => ({ labels: t.labels, what: `${t.resource.kind} '${t.resource.name}'` })));
}

interface Proposal {
  pair: Pair;
  node: Scalar;
  /** The new key or value. */
  replacement: string;
  label: string;
  what: string;
  score: number;
}

export const replaceSelectorLabel: Fixer = ({ index, file, request, docIndex }) => {
  const labelsPath = dataPath(request.data, 'labelsPath');
  if (!labelsPath) return [];
  const located = file.locate(docIndex, labelsPath);
  if (!located || !isMap(located.node)) return [];
  const entries: { key: string; value: string; pair: Pair }[] = [];
  for (const pair of located.node.items) {
    if (!isScalar(pair.key) || !isScalar(pair.value) || pair.value.value === null) return [];
    entries.push({ key: String(pair.key.value), value: String(pair.value.value), pair });
  }
  const proposals = new Map<string, Proposal>();
  const offer = (p: Proposal) => {
    const id = `${p.node.range?.[0]}=${p.replacement}`;
    const existing = proposals.get(id);
    if (!existing || p.score < existing.score) proposals.set(id, p);
  };
  for (const candidate of candidatesOf(index, request.data?.['source'])) {
    const wrong = entries.filter((e) => candidate.labels[e.key] !== e.value);
    if (wrong.length !== 1) continue;
    const e = wrong[0]!;
    const actual = candidate.labels[e.key];
    if (actual !== undefined) {
      offer({ pair: e.pair, node: e.pair.value as Scalar, replacement: actual, label: `${e.key}: ${actual}`, what: candidate.what, score: editDistance(e.value, actual) });
      continue;
    }
    // The value exists under another key: the key is the typo.
    for (const [key, value] of Object.entries(candidate.labels)) {
      if (value !== e.value || entries.some((x) => x.key === key)) continue;
      offer({ pair: e.pair, node: e.pair.key as Scalar, replacement: key, label: `${key}: ${value}`, what: candidate.what, score: editDistance(e.key, key) });
    }
  }
  return [...proposals.values()]
    .sort((a, b) => a.score - b.score)
    .slice(0, 3)
    .flatMap((p, i): FixProposal[] => {
      const edit = file.replaceScalar(p.node, p.replacement);
      return edit ? [{ title: `Change the selector to '${p.label}' (matches ${p.what})`, kind: 'quickfix', ...(i === 0 ? { isPreferred: true } : {}), edits: [edit] }] : [];
    });
};
