// Rename a Service: its metadata.name and every reference (Ingress backends, env DNS names and URLs,
// StatefulSet serviceName, manual Endpoints/EndpointSlices) as one workspace edit.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { OffsetRange } from '../model/types';
import { cursorTarget, type CursorTarget } from './context';
import { refNameRange, refsToService, textRangeInScalar } from './serviceRefs';
import { clusterDomainFor } from './settings';
import type { NavigationSettings, PrepareRenameResult, RenameResult, TextEditResult } from './types';

const NOT_A_SERVICE = 'Only a Service name or a reference to a Service (Ingress backend, env URL or DNS name, StatefulSet serviceName) can be renamed here.';

interface ServiceIdentity {
  namespace: string;
  name: string;
  /** The name's range at the cursor. */
  range: OffsetRange;
}

function serviceAt(t: CursorTarget | undefined, index: WorkspaceIndex): ServiceIdentity | undefined {
  if (!t || t.onKey) return undefined;
  if (t.kind === 'service-name') {
    const range = textRangeInScalar(index, t.resource, ['metadata', 'name'], 0, t.resource.name);
    return range ? { namespace: t.resource.namespace, name: t.resource.name, range } : undefined;
  }
  if (t.kind === 'service-ref') {
    const range = refNameRange(index, t.ref);
    return range ? { namespace: t.ref.namespace, name: t.ref.name, range } : undefined;
  }
  return undefined;
}

export function prepareRename(index: WorkspaceIndex, uri: string, offset: number, settings?: NavigationSettings): PrepareRenameResult {
  const service = serviceAt(cursorTarget(index, uri, offset, clusterDomainFor(index, settings)), index);
  if (!service || offset < service.range.start || offset > service.range.end) return { error: NOT_A_SERVICE };
  return { range: service.range, placeholder: service.name };
}

/** Why a Service name is invalid (DNS-1035 label); undefined when valid. */
export function serviceNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > 63) return 'is longer than 63 characters';
  if (!/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name)) return 'must start with a lowercase letter and contain only lowercase letters, digits and "-" (not at the end)';
  return undefined;
}

export function renameEdits(index: WorkspaceIndex, uri: string, offset: number, newName: string, settings?: NavigationSettings): RenameResult {
  const clusterDomain = clusterDomainFor(index, settings);
  const service = serviceAt(cursorTarget(index, uri, offset, clusterDomain), index);
  if (!service) return { error: NOT_A_SERVICE };
  if (newName === service.name) return { edits: [] };
  const problem = serviceNameProblem(newName);
  if (problem) return { error: `'${newName}' is not a valid Service name: it ${problem}.` };
  if (index.find('Service', service.namespace, newName).length > 0) return { error: `A Service '${newName}' already exists in namespace '${service.namespace}'.` };

  const edits: TextEditResult[] = [];
  const add = (editUri: string, range: OffsetRange | undefined): void => {
    if (range) edits.push({ uri: editUri, range, newText: newName });
  };
  for (const s of index.find('Service', service.namespace, service.name)) add(s.uri, textRangeInScalar(index, s, ['metadata', 'name'], 0, service.name));
  // A Service without selector is fed by an Endpoints object of the same name, or EndpointSlices labelled with it.
  for (const e of index.find('Endpoints', service.namespace, service.name)) add(e.uri, textRangeInScalar(index, e, ['metadata', 'name'], 0, service.name));
  for (const slice of index.resourcesOfKind('EndpointSlice')) {
    if (slice.namespace === service.namespace && slice.labels[SERVICE_NAME_LABEL] === service.name) {
      add(slice.uri, textRangeInScalar(index, slice, ['metadata', 'labels', SERVICE_NAME_LABEL], 0, service.name));
    }
  }
  for (const ref of refsToService(index, service.namespace, service.name, clusterDomain)) add(ref.resource.uri, refNameRange(index, ref));
  return { edits: sortEdits(edits) };
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

function sortEdits(edits: TextEditResult[]): TextEditResult[] {
  const seen = new Set<string>();
  return edits
    .filter((e) => {
      const key = `${e.uri}#${e.range.start}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.uri.localeCompare(b.uri) || a.range.start - b.range.start);
}
