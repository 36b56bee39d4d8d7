// The API server's syntax rules for label keys, label values, object names and port numbers
// (k8s.io/apimachinery/pkg/util/validation), phrased as "why not", undefined when valid.

import { dnsSubdomainProblem } from '../model/dns';
import { definitionIdFor } from '../schema/bundle';
import type { Resource } from '../model/types';

const QUALIFIED_NAME_MAX = 63;
const LABEL_VALUE_MAX = 63;
const PREFIX_MAX = 253;
/** [A-Za-z0-9] at both ends, [-_.A-Za-z0-9] inside. */
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const QUALIFIED_NAME_RULE = 'letters, digits, "-", "_" and ".", starting and ending with a letter or digit';

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** A label key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
export function labelKeyProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'may contain at most one "/"';
  const name = parts[parts.length - 1]!;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (prefix.length === 0) return 'has an empty prefix before "/"';
    if (prefix.length > PREFIX_MAX) return `has a prefix longer than ${PREFIX_MAX} characters`;
    const problem = dnsSubdomainProblem(prefix);
    if (problem) return `has a prefix that is not a DNS subdomain: it ${problem}`;
  }
  if (name.length === 0) return 'has an empty name';
  if (name.length > QUALIFIED_NAME_MAX) return `has a name longer than ${QUALIFIED_NAME_MAX} characters`;
  if (!QUALIFIED_NAME.test(name)) return `has a name that is not only ${QUALIFIED_NAME_RULE}`;
  return undefined;
}

/** A label value: empty, or at most 63 characters of the qualified-name alphabet. */
export function labelValueProblem(value: string): string | undefined {
  if (value.length > LABEL_VALUE_MAX) return `is longer than ${LABEL_VALUE_MAX} characters`;
  if (value.length > 0 && !QUALIFIED_NAME.test(value)) return `must be empty or only ${QUALIFIED_NAME_RULE}`;
  return undefined;
}

/** A DNS-1035 label (Service names): a lowercase letter first, then lowercase letters, digits and '-'. */
export function dns1035LabelProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > 63) return 'is longer than 63 characters';
  if (!/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name)) {
    return 'must consist of lowercase letters, digits and "-", start with a letter and end with a letter or digit';
  }
  return undefined;
}

/** A port number as the API validates it: an integer from 1 to 65535. Non-integers are the schema's business. */
export function isPortOutOfRange(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && (value < MIN_PORT || value > MAX_PORT);
}

/**
 * A value holding a template placeholder (`{{uid}}`, `${NAME}`) that a script or tool fills in before
 * the file is applied: its syntax is judged after rendering, not here.
 */
export function isPlaceholder(text: string): boolean {
  return /\{\{.*\}\}|\$\{[^}]*\}/.test(text);
}

/** A kind served by Kubernetes itself under this apiVersion (not a custom resource with the same kind). */
export function isBuiltIn(resource: Resource): boolean {
  return definitionIdFor(resource.apiVersion, resource.kind) !== undefined;
}
