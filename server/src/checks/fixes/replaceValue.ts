// "Did you mean" fixes: replace the scalar a finding points at with one of its suggestions.

import { isScalar } from 'yaml';
import type { Fixer } from './context';
import { dataNumber, dataString, dataStrings } from './context';
import type { FixProposal } from './types';
import { rankByCloseness } from '../similar';

/** How many alternatives to offer at most. */
const MAX_CHOICES = 3;

function replaceWith(what: string): Fixer {
  return ({ file, request, docIndex }) => {
    const node = file.scalarAt(docIndex, request.range);
    if (!node) return [];
    const numeric = dataString(request.data, 'kind') === 'number';
    return dataStrings(request.data, 'suggestions')
      .slice(0, MAX_CHOICES)
      .flatMap((s, i): FixProposal[] => {
        const value = numeric && /^\d+$/.test(s) ? Number(s) : s;
        const edit = file.replaceScalar(node, value);
        return edit ? [{ title: `Change ${what} to '${s}'`, kind: 'quickfix', ...(i === 0 ? { isPreferred: true } : {}), edits: [edit] }] : [];
      });
  };
}

export const replaceBackendService = replaceWith('the backend Service');
export const replaceBackendPort = replaceWith('the backend port');
export const replaceIngressClass = replaceWith('the IngressClass');

/** Named targetPort: pick one of the names the selected pods declare for the port's protocol. */
export const pickTargetPort: Fixer = ({ file, request, docIndex }) => {
  const node = file.scalarAt(docIndex, request.range);
  if (!node || !isScalar(node)) return [];
  const current = String(node.value);
  const candidates = dataStrings(request.data, 'candidates');
  // Closest name first: it is the likely typo.
  const ranked = rankByCloseness(current, candidates);
  return ranked.slice(0, MAX_CHOICES).flatMap((name, i): FixProposal[] => {
    const edit = file.replaceScalar(node, name);
    return edit ? [{ title: `Use targetPort '${name}'`, kind: 'quickfix', ...(i === 0 ? { isPreferred: true } : {}), edits: [edit] }] : [];
  });
};

/** env-service-unknown: replace only the Service's name inside the value (URL and port stay). */
export const replaceEnvService: Fixer = ({ file, request, docIndex }) => {
  const node = file.scalarAt(docIndex, request.range);
  const service = dataString(request.data, 'service');
  const host = dataString(request.data, 'host');
  const hostOffset = dataNumber(request.data, 'hostOffset');
  if (!node || typeof node.value !== 'string' || !service || !host || hostOffset === undefined) return [];
  // The host as the value holds it must begin with the Service name.
  if (node.value.slice(hostOffset, hostOffset + service.length).toLowerCase() !== service) return [];
  const raw = file.text.slice(request.range.start, request.range.end);
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
  // Plain and quoted scalars without escapes hold the value verbatim, one character per character.
  if (raw.slice(quoted, raw.length - quoted) !== node.value) return [];
  const start = request.range.start + quoted + hostOffset;
  return dataStrings(request.data, 'suggestions')
    .slice(0, MAX_CHOICES)
    .map((s, i) => ({
      title: `Change Service '${service}' to '${s}'`,
      kind: 'quickfix' as const,
      ...(i === 0 ? { isPreferred: true } : {}),
      edits: [file.edit({ start, end: start + service.length }, s)],
    }));
};
