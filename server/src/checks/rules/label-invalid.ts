// Label keys and values, and the label selectors that match them, as the API server validates them:
// an object with a malformed label or selector is rejected by `kubectl apply`.

import type { CheckFinding, ResourceCheck } from '../types';
import type { JsonPath, Resource } from '../../model/types';
import { asArray, asRecord, getAt } from '../../model/values';
import { WORKLOAD_TEMPLATE_PATHS } from '../../model/kinds';
import { isBuiltIn, isPlaceholder, labelKeyProblem, labelValueProblem } from '../apiSyntax';

const KEY_RULE = 'an optional DNS-subdomain prefix and "/", then at most 63 letters, digits, "-", "_" or "."';
const VALUE_OPERATORS = new Set(['In', 'NotIn']);
const NO_VALUE_OPERATORS = new Set(['Exists', 'DoesNotExist']);

/** Kinds whose spec.selector is a LabelSelector, and where it sits. */
const LABEL_SELECTOR_PATHS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['spec', 'selector'],
  StatefulSet: ['spec', 'selector'],
  DaemonSet: ['spec', 'selector'],
  ReplicaSet: ['spec', 'selector'],
  Job: ['spec', 'selector'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'selector'],
};

/** `target` is 'key' where the label key is a mapping key, 'value' where it is a matchExpressions `key:` value. */
function keyFinding(key: string, path: JsonPath, what: string, target: 'key' | 'value' = 'key'): CheckFinding[] {
  const problem = isPlaceholder(key) ? undefined : labelKeyProblem(key);
  return problem ? [{ message: `${what} key '${key}' is not a valid label key: it ${problem} (${KEY_RULE}).`, path, target }] : [];
}

function valueFinding(value: unknown, path: JsonPath, what: string): CheckFinding[] {
  // A non-string value is a type error the schema reports.
  if (typeof value !== 'string' || isPlaceholder(value)) return [];
  const problem = labelValueProblem(value);
  return problem ? [{ message: `${what} value '${value}' is not a valid label value: it ${problem}.`, path, target: 'value' }] : [];
}

/** A plain label map: metadata.labels, a Service's or ReplicationController's selector, matchLabels. */
function labelMap(raw: unknown, path: JsonPath, what: string): CheckFinding[] {
  const map = asRecord(raw);
  if (!map) return [];
  return Object.entries(map).flatMap(([key, value]) => [...keyFinding(key, [...path, key], what), ...valueFinding(value, [...path, key], what)]);
}

function requirement(raw: unknown, at: JsonPath): CheckFinding[] {
  const req = asRecord(raw);
  if (!req) return [];
  const out: CheckFinding[] = [];
  if (typeof req['key'] === 'string') out.push(...keyFinding(req['key'], [...at, 'key'], 'matchExpressions', 'value'));
  const operator = req['operator'];
  const hasValuesKey = Object.prototype.hasOwnProperty.call(req, 'values') && req['values'] !== null;
  const values = asArray(req['values']);
  if (typeof operator === 'string') {
    if (VALUE_OPERATORS.has(operator) && values.length === 0) {
      out.push({
        message: `Operator ${operator} needs at least one value in values.`,
        path: hasValuesKey ? [...at, 'values'] : [...at, 'operator'],
        target: hasValuesKey ? 'key' : 'value',
      });
    } else if (NO_VALUE_OPERATORS.has(operator) && values.length > 0) {
      out.push({ message: `Operator ${operator} takes no values: remove values.`, path: [...at, 'values'], target: 'key' });
    } else if (!VALUE_OPERATORS.has(operator) && !NO_VALUE_OPERATORS.has(operator)) {
      out.push({ message: `Unknown operator '${operator}': use In, NotIn, Exists or DoesNotExist (case matters).`, path: [...at, 'operator'], target: 'value' });
    }
  }
  values.forEach((v, k) => out.push(...valueFinding(v, [...at, 'values', k], 'matchExpressions')));
  return out;
}

/** A LabelSelector: matchLabels and matchExpressions. */
function labelSelector(raw: unknown, path: JsonPath): CheckFinding[] {
  const selector = asRecord(raw);
  if (!selector) return [];
  return [
    ...labelMap(selector['matchLabels'], [...path, 'matchLabels'], 'matchLabels'),
    ...asArray(selector['matchExpressions']).flatMap((e, i) => requirement(e, [...path, 'matchExpressions', i])),
  ];
}

/** Selectors of a NetworkPolicy: the policy's podSelector and every from/to peer's selectors. */
function policySelectors(resource: Resource): CheckFinding[] {
  const specPath: JsonPath = [...resource.basePath, 'spec'];
  const spec = asRecord(resource.value['spec']);
  if (!spec) return [];
  const out = labelSelector(spec['podSelector'], [...specPath, 'podSelector']);
  for (const [direction, peersKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
    asArray(spec[direction]).forEach((rule, i) => {
      asArray(asRecord(rule)?.[peersKey]).forEach((peer, j) => {
        const peerPath = [...specPath, direction, i, peersKey, j];
        for (const key of ['podSelector', 'namespaceSelector'] as const) out.push(...labelSelector(asRecord(peer)?.[key], [...peerPath, key]));
      });
    });
  }
  return out;
}

function check(resource: Resource): CheckFinding[] {
  const base = resource.basePath;
  // Every object's own labels, custom resources included: they are all ObjectMeta.
  const out = labelMap(asRecord(resource.value['metadata'])?.['labels'], [...base, 'metadata', 'labels'], 'Label');
  if (!isBuiltIn(resource)) return out;
  const value = resource.value;
  const templatePath = WORKLOAD_TEMPLATE_PATHS[resource.kind];
  if (templatePath) {
    const labelsPath = [...templatePath, 'metadata', 'labels'];
    out.push(...labelMap(getAt(value, labelsPath), [...base, ...labelsPath], 'Pod template label'));
  }
  if (resource.kind === 'CronJob') {
    const jobLabels = ['spec', 'jobTemplate', 'metadata', 'labels'];
    out.push(...labelMap(getAt(value, jobLabels), [...base, ...jobLabels], 'Job template label'));
  }
  const selectorPath = LABEL_SELECTOR_PATHS[resource.kind];
  if (selectorPath) out.push(...labelSelector(getAt(value, selectorPath), [...base, ...selectorPath]));
  if (resource.kind === 'Service' || resource.kind === 'ReplicationController') {
    out.push(...labelMap(getAt(value, ['spec', 'selector']), [...base, 'spec', 'selector'], 'Selector'));
  }
  if (resource.kind === 'NetworkPolicy') out.push(...policySelectors(resource));
  return out;
}

export const labelInvalid: ResourceCheck = {
  meta: {
    id: 'label-invalid',
    defaultSeverity: 'error',
    summary: 'A label key or value, or a label selector, breaks the Kubernetes label syntax; the API server rejects the object.',
  },
  check,
};
