// Parses one file's text into Kubernetes resources and YAML-level findings. Never throws.

import { parseAllDocuments, isMap, isScalar, isSeq, type Document } from 'yaml';
import type { Finding, JsonPath, OffsetRange, Resource } from './types';
import { asArray, asRecord, asString, stringMap } from './values';
import { isClusterScoped, isToolConfig } from './kinds';
import { looksBinary, looksLikeTemplate, mentionsApiVersionAndKind, type SkipReason } from './detect';
import { nodeRange } from './ranges';
import { addDuplicateKeyErrors } from './duplicateKeys';
import { aliasExpansion, expansionProblem } from './aliasExpansion';
import { readLeniently, type CompatRepair, type LenientRead } from './yamlCompat';

export interface ParseOptions {
  /** Namespace for namespaced resources without metadata.namespace. */
  defaultNamespace?: string;
  /** Alias expansions allowed per document before it is treated as an alias bomb. */
  maxAliasCount?: number;
}

export type FileStatus = 'kubernetes' | 'not-kubernetes' | 'skipped';

export interface ParsedFile {
  uri: string;
  status: FileStatus;
  skipReason?: SkipReason;
  resources: Resource[];
  /** YAML-level findings: yaml-syntax, yaml-compat, duplicate-key. Empty for files that are not Kubernetes. */
  findings: Finding[];
  /** The parsed documents. Transient: callers that keep many files should drop them. */
  documents: Document[];
}

/** yaml's options that match what Kubernetes' reader accepts: YAML 1.1 scalars and `<<` merge keys. */
export const YAML_OPTIONS = { version: '1.1', merge: true, prettyErrors: false, keepSourceTokens: false } as const;

export function parseYamlDocuments(text: string): Document[] {
  return parseYamlDocumentsAsKubernetes(text).documents;
}

/**
 * The documents as Kubernetes reads them, and where that needed leniency the YAML specification
 * does not grant (see yamlCompat.ts).
 */
export function parseYamlDocumentsAsKubernetes(text: string): LenientRead {
  let documents = parseStrictly(text);
  let repairs: CompatRepair[] = [];
  const lenient = readLeniently(text, documents, parseStrictly);
  if (lenient) ({ documents, repairs } = lenient);
  for (const doc of documents) addDuplicateKeyErrors(doc);
  return { documents, repairs };
}

function parseStrictly(text: string): Document[] {
  // yaml's duplicate-key check is quadratic in a mapping's size: ours is linear and reports the same
  // keys. Warnings (collection keys stringified) would go to the process' stderr: they stay on the documents.
  return parseAllDocuments(text, { ...YAML_OPTIONS, uniqueKeys: false, logLevel: 'error' }) as unknown as Document[];
}

export function parseFile(uri: string, text: string, options: ParseOptions = {}): ParsedFile {
  if (looksBinary(text)) return skipped(uri, 'binary');
  if (looksLikeTemplate(text)) return skipped(uri, 'helm-template');

  let documents: Document[];
  let repairs: CompatRepair[] = [];
  try {
    ({ documents, repairs } = parseYamlDocumentsAsKubernetes(text));
  } catch {
    // yaml reports problems as document errors; this guards against the unexpected.
    documents = [];
  }

  const resources: Resource[] = [];
  const yamlFindings: Finding[] = repairs.map((r) => compatFinding(uri, text, documents, r));
  let sawManifestShape = false;
  // A manifest whose values could not be built (alias bomb) is still Kubernetes: its finding must show.
  let unanalysedManifest = false;
  const mayHaveAliases = text.includes('*');

  documents.forEach((doc, docIndex) => {
    // An unclosed `[` nested N deep makes yaml repeat one error N times at one place: report it once.
    const reported = new Set<string>();
    for (const error of doc.errors) {
      const range = errorRange(doc, error.pos, text.length);
      const key = `${error.code} ${range.start} ${range.end} ${error.message}`;
      if (reported.has(key)) continue;
      reported.add(key);
      if (error.code === 'DUPLICATE_KEY') {
        yamlFindings.push({
          rule: 'duplicate-key',
          severity: 'error',
          message: `Duplicate key ${quoteKey(text.slice(range.start, range.end))}: Kubernetes keeps only one of the values.`,
          uri,
          docIndex,
          range,
        });
      } else {
        // yaml says "Maximum call stack size exceeded" where collections nest deeper than it can follow.
        const message = error.code === 'RESOURCE_EXHAUSTION' ? 'YAML syntax error: collections are nested too deeply to be read' : plainYamlMessage(error.message);
        yamlFindings.push({ rule: 'yaml-syntax', severity: 'error', message, uri, docIndex, range });
      }
    }
    if (!isMap(doc.contents)) return;
    const root = doc.contents;
    if (!root.has('apiVersion') || !root.has('kind')) return;
    sawManifestShape = true;

    let value: unknown;
    try {
      const tooLarge = mayHaveAliases && expansionProblem(aliasExpansion(doc));
      if (tooLarge) throw new Error(tooLarge);
      value = doc.toJS({ maxAliasCount: options.maxAliasCount ?? 100 });
    } catch (e) {
      const apiVersion = root.get('apiVersion');
      const kind = root.get('kind');
      if (typeof apiVersion === 'string' && typeof kind === 'string' && isToolConfig(apiVersion, kind)) return;
      unanalysedManifest = true;
      yamlFindings.push({
        rule: 'yaml-syntax',
        severity: 'error',
        message: `Document not analysed: ${e instanceof Error ? e.message : String(e)}`,
        uri,
        docIndex,
        range: nodeRange(root) ?? { start: 0, end: 0 },
      });
      return;
    }
    collectResources(uri, doc, docIndex, value, options, resources);
  });

  const toolConfigOnly = resources.length === 0 && sawManifestShape;
  const isKubernetes = resources.length > 0 || unanalysedManifest || (!toolConfigOnly && yamlFindings.length > 0 && mentionsApiVersionAndKind(text));
  if (!isKubernetes) {
    return { uri, status: 'not-kubernetes', resources: [], findings: [], documents };
  }
  return { uri, status: 'kubernetes', resources, findings: yamlFindings, documents };
}

/** A spot read leniently, as Kubernetes does: a warning at the construct's first line. */
function compatFinding(uri: string, text: string, documents: readonly Document[], repair: CompatRepair): Finding {
  const what = repair.kind === 'quoted' ? 'This quoted string' : 'This flow collection';
  const docIndex = documents.findIndex((d) => d.range !== undefined && d.range[0] <= repair.range.start && repair.range.start < d.range[2]);
  const firstLineEnd = text.indexOf('\n', repair.range.start);
  const end = firstLineEnd < 0 || firstLineEnd > repair.range.end ? repair.range.end : firstLineEnd;
  return {
    rule: 'yaml-compat',
    severity: 'warning',
    message: `${what} continues on lines indented no further than its key. Kubernetes' YAML reader accepts this (and reads the value shown), but the YAML specification does not, and stricter tools reject the file: indent those lines more than the key.`,
    uri,
    ...(docIndex >= 0 ? { docIndex } : {}),
    range: { start: repair.range.start, end: text[end - 1] === '\r' ? end - 1 : end },
  };
}

function skipped(uri: string, reason: SkipReason): ParsedFile {
  return { uri, status: 'skipped', skipReason: reason, resources: [], findings: [], documents: [] };
}

function collectResources(
  uri: string,
  doc: Document,
  docIndex: number,
  value: unknown,
  options: ParseOptions,
  out: Resource[],
): void {
  const obj = asRecord(value);
  if (!obj) return;
  const apiVersion = asString(obj['apiVersion']);
  const kind = asString(obj['kind']);
  if (apiVersion === undefined || kind === undefined || isToolConfig(apiVersion, kind)) return;

  const items = obj['items'];
  if (kind.endsWith('List') && Array.isArray(items)) {
    // `kind: List` items carry their own kind; typed lists (PodList) may omit it.
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    asArray(items).forEach((item, i) => {
      const itemObj = asRecord(item);
      if (!itemObj) return;
      const withDefaults: Record<string, unknown> = {
        ...itemObj,
        apiVersion: asString(itemObj['apiVersion']) ?? apiVersion,
        kind: asString(itemObj['kind']) ?? itemKind,
      };
      if (typeof withDefaults['kind'] !== 'string') return;
      const resource = makeResource(uri, doc, docIndex, ['items', i], withDefaults, options);
      if (resource) out.push(resource);
    });
    return;
  }
  const resource = makeResource(uri, doc, docIndex, [], obj, options);
  if (resource) out.push(resource);
}

function makeResource(
  uri: string,
  doc: Document,
  docIndex: number,
  basePath: JsonPath,
  obj: Record<string, unknown>,
  options: ParseOptions,
): Resource | undefined {
  const apiVersion = asString(obj['apiVersion']);
  const kind = asString(obj['kind']);
  if (apiVersion === undefined || kind === undefined) return undefined;
  const metadata = asRecord(obj['metadata']) ?? {};
  const ns = asString(metadata['namespace']);
  const clusterScoped = isClusterScoped(kind);
  const node = basePath.length === 0 ? doc.contents : doc.getIn(basePath, true);
  return {
    uri,
    docIndex,
    basePath,
    apiVersion,
    kind,
    name: asString(metadata['name']) ?? '',
    namespace: clusterScoped ? '' : ns || options.defaultNamespace || 'default',
    namespaceExplicit: !clusterScoped && ns !== undefined && ns !== '',
    labels: stringMap(metadata['labels']),
    annotations: stringMap(metadata['annotations']),
    value: obj,
    range: nodeRange(node) ?? { start: 0, end: 0 },
  };
}

/** yaml's error positions are sometimes one character wide: widen to the scalar there. */
function errorRange(doc: Document, pos: [number, number], textLength: number): OffsetRange {
  const start = Math.min(pos[0], textLength);
  let end = Math.min(Math.max(pos[1], start), textLength);
  const scalar = scalarAt(doc.contents, start);
  if (scalar) end = Math.max(end, scalar.end);
  return { start, end };
}

/** The scalar starting at `offset`, searched without recursion (nesting depth is the file's to choose) in the nodes around it. */
function scalarAt(root: unknown, offset: number): OffsetRange | undefined {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isScalar(node)) {
      const r = nodeRange(node);
      if (r && r.start === offset) return r;
      continue;
    }
    const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (r && (offset < r[0] || offset > r[2])) continue;
    // Pushed in reverse, so keys come before values and items in order, as in the text.
    if (isMap(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]!.value, node.items[i]!.key);
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
  }
  return undefined;
}

function quoteKey(key: string): string {
  return `'${key.replace(/^["']|["']$/g, '')}'`;
}

/** yaml's messages quote source excerpts after a colon; keep the sentence. */
function plainYamlMessage(message: string): string {
  const firstLine = message.split('\n')[0] ?? message;
  return `YAML syntax error: ${firstLine.replace(/ at line \d+, column \d+:?$/, '')}`;
}
