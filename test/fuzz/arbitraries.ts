// Inputs for the fuzz properties: mutated real manifests, and YAML-ish token soup that reaches
// shapes no real file has (Kubernetes keys in odd structure).

import fc from 'fast-check';
import type { SeedText } from './corpus';
import { applyMutations, mutationsArb, type Mutation } from './mutations';

export interface MutatedText {
  origin: string;
  mutations: Mutation[];
  text: string;
}

/** A corpus text with 1–4 mutations applied. The origin and mutations print in a counterexample. */
export function mutatedArb(seeds: readonly SeedText[]): fc.Arbitrary<MutatedText> {
  return fc.tuple(fc.nat(seeds.length - 1), mutationsArb).map(([i, mutations]) => {
    const seed = seeds[i]!;
    return { origin: seed.origin, mutations, text: applyMutations(seed.text, mutations) };
  });
}

const SOUP_TOKENS = [
  'apiVersion: v1\n',
  'apiVersion: networking.k8s.io/v1\n',
  'apiVersion: apps/v1\n',
  'kind: Service\n',
  'kind: NetworkPolicy\n',
  'kind: Deployment\n',
  'kind: Ingress\n',
  'kind: List\n',
  'items:\n',
  'metadata:\n',
  '  name: a\n',
  '  namespace: ns\n',
  '  labels: {app: a}\n',
  'spec:\n',
  '  selector:\n',
  '    app: a\n',
  '  podSelector: {}\n',
  '  ports:\n',
  '  - port: 80\n',
  '    targetPort: http\n',
  '  ingress:\n',
  '  - from:\n',
  '    - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}\n',
  '  template:\n',
  '    metadata: {labels: {app: a}}\n',
  '    spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}\n',
  '  rules: [{http: {paths: [{backend: {service: {name: a, port: {name: http}}}}]}}]\n',
  '---\n',
  '- ',
  '  ',
  '\t',
  ': ',
  '&a ',
  '*a ',
  '<<: *a\n',
  '[',
  ']',
  '{',
  '}',
  ', ',
  '"',
  "'",
  '#',
  '\n',
  '|\n',
  '? ',
  '\r\n',
];

/** YAML-ish text built from Kubernetes lines and structural punctuation. */
export const soupArb: fc.Arbitrary<string> = fc.array(fc.constantFrom(...SOUP_TOKENS), { maxLength: 40 }).map((tokens) => tokens.join(''));

/** Any text at all, astral characters and lone surrogates included. */
export const anyTextArb: fc.Arbitrary<string> = fc.string({ unit: 'binary', maxLength: 200 });
