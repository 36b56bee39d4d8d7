// Turns ajv's errors into one plain-words problem per spot, located by JSON path.
//
// Kubernetes reads manifests leniently in ways a JSON schema does not: `null` (an empty YAML
// value such as `creationTimestamp:` or `podSelector:`) means "not set", and YAML timestamps are
// strings to it. Those errors are dropped here rather than modelled in the schema.

import type { ErrorObject } from 'ajv';
import type { JsonPath } from '../model/types';
import { schemaAt, type SchemaNode } from './bundle';
import { didYouMean } from './didYouMean';

export interface SchemaProblem {
  /** Path inside the resource object. */
  path: JsonPath;
  target: 'key' | 'value';
  message: string;
  /** A better spelling of an unknown field, for quick fixes. */
  suggestion?: string;
  /** A required field is absent or empty: which, and in which object. */
  missing?: { parent: JsonPath; field: string };
}

export function explainErrors(errors: readonly ErrorObject[], root: unknown, definitionId: string): SchemaProblem[] {
  const all: SchemaProblem[] = [];
  for (const error of errors) {
    const problem = explainError(error, root, definitionId);
    if (problem) all.push(problem);
  }
  // `containerport: 80` is an unknown field *and* a missing `containerPort`: the did-you-mean says both.
  const suggested = new Set(all.filter((p) => p.suggestion).map((p) => JSON.stringify([...p.path.slice(0, -1), p.suggestion])));
  const byPlace = new Map<string, SchemaProblem>();
  for (const problem of all) {
    if (problem.missing && suggested.has(JSON.stringify([...problem.missing.parent, problem.missing.field]))) continue;
    // One problem of each kind per spot: a value both of the wrong type and not in the enum says so once.
    const kind = problem.missing ? 'missing' : problem.target;
    const place = `${kind}\u0000${JSON.stringify(problem.path)}`;
    if (!byPlace.has(place)) byPlace.set(place, problem);
  }
  return [...byPlace.values()];
}

function explainError(error: ErrorObject, root: unknown, definitionId: string): SchemaProblem | undefined {
  const path = pointerToPath(error.instancePath, root);
  const data: unknown = error.data;
  const parentSchema = error.parentSchema as SchemaNode | undefined;
  if (data === null && (error.keyword === 'type' || error.keyword === 'enum' || error.keyword === 'pattern')) {
    return emptyValue(path, definitionId);
  }
  switch (error.keyword) {
    case 'additionalProperties':
      return unknownField(path, String((error.params as { additionalProperty: unknown }).additionalProperty), parentSchema);
    case 'required':
      return missingField(path, String((error.params as { missingProperty: unknown }).missingProperty), data, parentSchema);
    case 'type':
      if (data instanceof Date && typeList(parentSchema).includes('string')) return undefined;
      return wrongType(path, data, parentSchema);
    case 'enum':
      return notInEnum(path, data, parentSchema?.enum ?? []);
    case 'pattern':
      return badFormat(path, data, parentSchema?.['x-format']);
    default:
      return { path, target: 'value', message: `${fieldName(path)} is not valid here (${error.keyword}).` };
  }
}

/** ajv's JSON pointer (`/spec/ports/0/name`) as a path, with list indices as numbers. */
function pointerToPath(pointer: string, root: unknown): JsonPath {
  const path: JsonPath = [];
  if (pointer === '') return path;
  let cur: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      const index = Number(seg);
      path.push(index);
      cur = cur[index];
    } else {
      path.push(seg);
      cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
    }
  }
  return path;
}

/** Fields of older API versions that users carry over, and what the current version calls them. */
const RENAMED: Record<string, string> = {
  'IngressSpec.backend': 'networking.k8s.io/v1 calls it `defaultBackend`',
  'IngressBackend.serviceName': 'networking.k8s.io/v1 writes `service: {name: …}`',
  'IngressBackend.servicePort': 'networking.k8s.io/v1 writes `service: {port: {number: …}}` (or `port: {name: …}`)',
};

function unknownField(path: JsonPath, field: string, objectSchema: SchemaNode | undefined): SchemaProblem {
  const where = objectSchema?.title ? ` in ${objectSchema.title}` : '';
  const renamed = RENAMED[`${objectSchema?.title}.${field}`];
  const suggestion = renamed ? undefined : didYouMean(field, Object.keys(objectSchema?.properties ?? {}));
  const advice = renamed ?? (suggestion ? `did you mean \`${suggestion}\`?` : 'Kubernetes rejects fields it does not know.');
  const message = `Unknown field \`${field}\`${where}: ${advice}${renamed ? '.' : ''}`;
  return { path: [...path, field], target: 'key', message, ...(suggestion ? { suggestion } : {}) };
}

function missingField(path: JsonPath, field: string, object: unknown, objectSchema: SchemaNode | undefined): SchemaProblem {
  const where = objectSchema?.title ? ` in ${objectSchema.title}` : '';
  const message = `Missing required field \`${field}\`${where}.`;
  const missing = { parent: path, field };
  const last = path[path.length - 1];
  if (last === undefined || typeof last === 'number') {
    // A list item (or a List's item) has no key of its own: point at its first key.
    const firstKey = object !== null && typeof object === 'object' ? Object.keys(object)[0] : undefined;
    if (firstKey !== undefined) return { path: [...path, firstKey], target: 'key', message, missing };
    return { path, target: 'value', message, missing };
  }
  return { path, target: 'key', message, missing };
}

/** An empty value is "not set" to Kubernetes: a problem only where a value is required. */
function emptyValue(path: JsonPath, definitionId: string): SchemaProblem | undefined {
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    return { path, target: 'value', message: `Item ${last} of ${fieldName(path.slice(0, -1))} is empty.` };
  }
  if (last === undefined) return undefined;
  const parent = schemaAt(definitionId, path.slice(0, -1));
  if (!parent?.required?.includes(last)) return undefined;
  return { path, target: 'key', message: `\`${last}\` is required but has no value.`, missing: { parent: path.slice(0, -1), field: last } };
}

function wrongType(path: JsonPath, data: unknown, schema: SchemaNode | undefined): SchemaProblem {
  const expected = typeList(schema);
  const name = fieldName(path);
  const hint = typeHint(expected, data);
  return { path, target: 'value', message: `${capitalize(name)} must be ${expectedWords(expected, schema)}, not ${describe(data)}${hint}.` };
}

function notInEnum(path: JsonPath, data: unknown, allowed: readonly string[]): SchemaProblem {
  const name = fieldName(path);
  const caseFix = typeof data === 'string' ? allowed.find((a) => a.toLowerCase() === data.toLowerCase()) : undefined;
  const hint = caseFix ? `: values are case-sensitive, use \`${caseFix}\`` : '';
  const list = allowed.map((a) => (a === '' ? '""' : a)).join(', ');
  return { path, target: 'value', message: `${capitalize(name)} must be one of ${list}, not ${describe(data)}${hint}.` };
}

function badFormat(path: JsonPath, data: unknown, format: string | undefined): SchemaProblem {
  const name = fieldName(path);
  if (format === 'quantity') {
    return {
      path,
      target: 'value',
      message: `${capitalize(name)} is not a Kubernetes quantity: ${describe(data)}; write a number with an optional suffix, such as 250m, 0.5, 128Mi or 1Gi.`,
    };
  }
  if (format === 'byte') {
    return {
      path,
      target: 'value',
      message: `${capitalize(name)} must be base64-encoded; put plain text under \`stringData\` instead.`,
    };
  }
  return { path, target: 'value', message: `${capitalize(name)} has an invalid format: ${describe(data)}.` };
}

function typeList(schema: SchemaNode | undefined): string[] {
  const t = schema?.type;
  return t === undefined ? [] : Array.isArray(t) ? t : [t];
}

function expectedWords(types: readonly string[], schema: SchemaNode | undefined): string {
  if (schema?.['x-format'] === 'quantity') return 'a quantity such as 250m, 128Mi or 1Gi';
  const key = [...types].sort().join(',');
  if (key === 'integer,string') return 'a whole number or a string';
  const words: Record<string, string> = {
    string: 'a string',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    object: 'a mapping',
    array: 'a list',
  };
  return types.map((t) => words[t] ?? t).join(' or ') || 'something else';
}

function describe(data: unknown): string {
  if (data === null || data === undefined) return 'an empty value';
  if (typeof data === 'string') return `the string ${JSON.stringify(data.length > 40 ? `${data.slice(0, 40)}…` : data)}`;
  if (typeof data === 'number') return `the number ${data}`;
  if (typeof data === 'boolean') return `the boolean ${data}`;
  if (data instanceof Date) return 'a date';
  if (Array.isArray(data)) return 'a list';
  return 'a mapping';
}

function typeHint(expected: readonly string[], data: unknown): string {
  if (expected.length === 1 && expected[0] === 'string') {
    if (typeof data === 'number') return ': quote it';
    // YAML 1.1, which Kubernetes reads, also takes yes/no/y/n/on/off as booleans.
    if (typeof data === 'boolean') return ': quote it (unquoted true, false, yes, no, y, n, on and off are booleans in YAML)';
  }
  if (expected.includes('integer') && !expected.includes('string') && typeof data === 'string' && /^\s*[+-]?\d+\s*$/.test(data)) {
    return ': remove the quotes';
  }
  if (expected.includes('array') && data !== null && typeof data === 'object' && !Array.isArray(data)) {
    return ': write it as a list, each item starting with `- `';
  }
  return '';
}

/** How a message names the spot: the field (`containerPort`), or a list item (`ports[0]`). */
function fieldName(path: JsonPath): string {
  let name = '';
  for (let i = path.length - 1; i >= 0; i--) {
    const seg = path[i]!;
    if (typeof seg === 'number') {
      name = `[${seg}]${name}`;
      continue;
    }
    return `\`${seg}${name}\``;
  }
  return name ? `\`${name}\`` : 'The resource';
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
