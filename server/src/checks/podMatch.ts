// Selector matching against the pods a template will create. Controllers add labels of their own
// to those pods (a StatefulSet's pod-name, a Deployment's pod-template-hash, a Job's job-name), so a
// selector on such a label may match pods although the template does not carry it.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { LabelSelector, PodTemplate } from '../model/types';

type ValueTest = (value: string) => boolean;

const ANY: ValueTest = () => true;
const DIGITS: ValueTest = (v) => /^\d+$/.test(v);

/** Labels the template's controller adds to every pod, with the values they may take. */
function controllerLabels(t: PodTemplate): Record<string, ValueTest> {
  const name = t.resource.name;
  switch (t.resource.kind) {
    case 'Deployment':
      return { 'pod-template-hash': ANY };
    case 'StatefulSet': {
      const ordinal = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d+$`);
      return {
        'statefulset.kubernetes.io/pod-name': (v) => ordinal.test(v),
        'apps.kubernetes.io/pod-index': DIGITS,
        'controller-revision-hash': ANY,
      };
    }
    case 'DaemonSet':
      return { 'controller-revision-hash': ANY, 'pod-template-generation': DIGITS };
    case 'Job':
      return {
        'job-name': (v) => v === name,
        'batch.kubernetes.io/job-name': (v) => v === name,
        'controller-uid': ANY,
        'batch.kubernetes.io/controller-uid': ANY,
        'batch.kubernetes.io/job-completion-index': DIGITS,
      };
    case 'CronJob':
      return {
        'job-name': (v) => v.startsWith(`${name}-`),
        'batch.kubernetes.io/job-name': (v) => v.startsWith(`${name}-`),
        'controller-uid': ANY,
        'batch.kubernetes.io/controller-uid': ANY,
      };
    default:
      return {};
  }
}

/** Whether some pod of the template may match the selector (exact on the template's own labels). */
export function podsMayMatch(selector: LabelSelector, t: PodTemplate): boolean {
  const own = t.labels;
  const has = (k: string) => Object.prototype.hasOwnProperty.call(own, k);
  let added: Record<string, ValueTest> | undefined;
  const controller = (k: string): ValueTest | undefined => (added ??= controllerLabels(t))[k];
  for (const [k, v] of Object.entries(selector.matchLabels)) {
    if (has(k) ? own[k] !== v : !controller(k)?.(v)) return false;
  }
  for (const req of selector.matchExpressions) {
    const test = has(req.key) ? undefined : controller(req.key);
    const present = has(req.key) || test !== undefined;
    switch (req.operator) {
      case 'In':
        if (has(req.key) ? !req.values.includes(own[req.key]!) : !(test && req.values.some(test))) return false;
        break;
      case 'NotIn':
        if (has(req.key) && req.values.includes(own[req.key]!)) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Templates of a namespace whose pods a selector may match. */
export function templatesSelectedBy(index: WorkspaceIndex, selector: LabelSelector, namespace: string): PodTemplate[] {
  return index.templatesInNamespace(namespace).filter((t) => podsMayMatch(selector, t));
}
