// A workload's spec.selector must match its own pod template's labels (the API server rejects it otherwise).

import type { ResourceCheck } from '../types';
import { templateOf } from '../facts';
import { formatSelector, isEmptySelector, mapSelector, parseLabelSelector, selectorMatches } from '../../model/selectors';
import { asRecord, stringMap } from '../../model/values';
import type { LabelSelector } from '../../model/types';

const SELECTOR_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job'];

export const workloadSelectorMismatch: ResourceCheck = {
  meta: {
    id: 'workload-selector-mismatch',
    defaultSeverity: 'error',
    summary: 'The workload\'s spec.selector does not match its pod template labels; the API server rejects it.',
  },
  kinds: SELECTOR_KINDS,
  check(resource) {
    const spec = asRecord(resource.value['spec']);
    const raw = spec?.['selector'];
    if (raw === undefined || raw === null) return [];
    // A Job's selector is generated unless manualSelector is set.
    if (resource.kind === 'Job' && spec?.['manualSelector'] !== true) return [];
    const selector: LabelSelector | undefined =
      resource.kind === 'ReplicationController' ? mapSelector(stringMap(raw)) : parseLabelSelector(raw);
    const template = templateOf(resource);
    if (!selector || !template) return [];
    const path = [...resource.basePath, 'spec', 'selector'];
    if (isEmptySelector(selector)) {
      if (resource.kind === 'ReplicationController') return [];
      return [{ message: 'An empty selector is invalid for a workload: it would select every pod of the namespace.', path, target: 'value' }];
    }
    if (Object.keys(template.labels).length === 0) {
      return [{ message: `The selector ${formatSelector(selector)} cannot match: the pod template has no labels.`, path, target: 'value' }];
    }
    if (selectorMatches(selector, template.labels)) return [];
    return [
      {
        message: `The selector ${formatSelector(selector)} does not match the pod template labels (${formatSelector(mapSelector(template.labels))}).`,
        path,
        target: 'value',
      },
    ];
  },
};
