// The workspace index: every manifest's resources and the derived lookup tables.
// Fed (uri, text, version) by its host; reads no files itself. Keeps text and plain values,
// not YAML ASTs: those are re-parsed on demand for the few files that need ranges.

import type { Document } from 'yaml';
import { parseFile, parseYamlDocuments, type FileStatus, type ParseOptions } from '../model/parse';
import type { SkipReason } from '../model/detect';
import type { Finding, LabelSelector, OffsetRange, PodTemplate, Resource } from '../model/types';
import { podTemplateOf } from '../model/workloads';
import { selectorMatches } from '../model/selectors';
import { resolvePath } from '../model/ranges';
import { LineIndex } from '../model/lines';
import { DocumentCache } from './documentCache';

export interface IndexedFile {
  uri: string;
  version: number;
  text: string;
  status: FileStatus;
  skipReason?: SkipReason;
  resources: Resource[];
  templates: PodTemplate[];
  /** YAML-level findings from parsing. */
  yamlFindings: Finding[];
}

export interface NamespaceInfo {
  name: string;
  /** Labels, always including kubernetes.io/metadata.name. */
  labels: Record<string, string>;
  /** The Namespace object, when the workspace defines one. */
  resource?: Resource;
}

export const METADATA_NAME_LABEL = 'kubernetes.io/metadata.name';

export interface ChangeSummary {
  uri: string;
  /** Namespaces whose contents changed (old and new), for re-checking dependants. */
  namespaces: Set<string>;
  /** Kinds that changed (old and new). */
  kinds: Set<string>;
}

export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();
  private readonly documentCache = new DocumentCache(32);
  private derived: DerivedTables | undefined;
  /**
   * Each file's position in `files` (insertion order, which re-setting a key keeps). Every derived
   * list is ordered by it, so a change can be patched in where a full rebuild would put it.
   */
  private readonly fileSeq = new Map<string, number>();
  private nextSeq = 0;
  /**
   * The ASTs of the file updated last: the next question is usually about it (an edit's own
   * diagnostics). Only that one is kept: caching every fresh parse would carry each AST of a bulk
   * index into the old generation of the heap, and collecting them there costs more than parsing.
   */
  private lastParsed: { uri: string; version: number; text: string; documents: Document[] } | undefined;
  /** Bumped on every change: consumers cache against it. */
  generation = 0;
  /** Changes since the lookup tables were last read. */
  private changesUnseen = 0;

  constructor(private options: ParseOptions = {}) {}

  setOptions(options: ParseOptions): void {
    this.options = options;
  }

  /** Adds or replaces a file. Returns what changed so dependants can be re-checked. */
  update(uri: string, text: string, version = 0): ChangeSummary {
    const before = this.files.get(uri);
    const parsed = parseFile(uri, text, this.options);
    const templates = parsed.resources.map(podTemplateOf).filter((t): t is PodTemplate => t !== undefined);
    const file: IndexedFile = {
      uri,
      version,
      text,
      status: parsed.status,
      resources: parsed.resources,
      templates,
      yamlFindings: parsed.findings,
      ...(parsed.skipReason ? { skipReason: parsed.skipReason } : {}),
    };
    this.files.set(uri, file);
    if (!this.fileSeq.has(uri)) this.fileSeq.set(uri, this.nextSeq++);
    this.documentCache.delete(uri);
    this.lastParsed = { uri, version, text, documents: parsed.documents };
    this.changed(uri, before, file);
    return summarize(uri, before, file);
  }

  /** Records a file that was not read (too large, unreadable), so it is accounted for. */
  markSkipped(uri: string, reason: SkipReason, version = 0): void {
    const before = this.files.get(uri);
    const after: IndexedFile = { uri, version, text: '', status: 'skipped', skipReason: reason, resources: [], templates: [], yamlFindings: [] };
    this.files.set(uri, after);
    if (!this.fileSeq.has(uri)) this.fileSeq.set(uri, this.nextSeq++);
    this.forgetDocuments(uri);
    if (before && before.resources.length > 0) this.changed(uri, before, after);
  }

  remove(uri: string): ChangeSummary | undefined {
    const before = this.files.get(uri);
    if (!before) return undefined;
    this.files.delete(uri);
    this.forgetDocuments(uri);
    this.changed(uri, before, undefined);
    this.fileSeq.delete(uri);
    return summarize(uri, before, undefined);
  }

  getFile(uri: string): IndexedFile | undefined {
    return this.files.get(uri);
  }

  allFiles(): IterableIterator<IndexedFile> {
    return this.files.values();
  }

  get fileCount(): number {
    return this.files.size;
  }

  get resourceCount(): number {
    return this.tables().resources.length;
  }

  allResources(): readonly Resource[] {
    return this.tables().resources;
  }

  resourcesOfKind(kind: string): readonly Resource[] {
    return this.tables().byKind.get(kind) ?? [];
  }

  /** Resources by kind, namespace ('' for cluster-scoped) and name. Several when duplicated. */
  find(kind: string, namespace: string, name: string): readonly Resource[] {
    return this.tables().byKey.get(resourceKey(kind, namespace, name)) ?? [];
  }

  /** All pod templates (Pods and workloads). */
  podTemplates(): readonly PodTemplate[] {
    return this.tables().templates;
  }

  templatesInNamespace(namespace: string): readonly PodTemplate[] {
    return this.tables().templatesByNamespace.get(namespace) ?? [];
  }

  /** Pod templates matched by a selector, within one namespace (or all when namespace is undefined). */
  templatesMatching(selector: LabelSelector, namespace?: string): PodTemplate[] {
    const pool = namespace === undefined ? this.podTemplates() : this.templatesInNamespace(namespace);
    return pool.filter((t) => selectorMatches(selector, t.labels));
  }

  /** Namespaces known to the workspace: Namespace objects plus every namespace a resource lives in. */
  namespaces(): ReadonlyMap<string, NamespaceInfo> {
    return this.tables().namespaces;
  }

  /** Namespace objects are defined in the workspace (so a selector matching none is suspicious). */
  hasNamespaceObjects(): boolean {
    return this.resourcesOfKind('Namespace').length > 0;
  }

  namespacesMatching(selector: LabelSelector): NamespaceInfo[] {
    return [...this.namespaces().values()].filter((ns) => selectorMatches(selector, ns.labels));
  }

  /** Parsed YAML documents of a file, re-parsed on demand and cached for a few files. */
  documents(uri: string): Document[] | undefined {
    const file = this.files.get(uri);
    if (!file || file.status === 'skipped') return undefined;
    const cached = this.documentCache.get(uri, file.version, file.text);
    if (cached) return cached;
    const last = this.lastParsed;
    const docs = last && last.uri === uri && last.version === file.version && last.text === file.text ? last.documents : parseYamlDocuments(file.text);
    this.documentCache.set(uri, file.version, file.text, docs);
    return docs;
  }

  lineIndex(uri: string): LineIndex | undefined {
    const file = this.files.get(uri);
    return file ? this.documentCache.lineIndex(uri, file.version, file.text) : undefined;
  }

  /** The source range of a finding: its explicit range, or its path resolved at the edge. */
  rangeOf(finding: Finding): OffsetRange {
    if (finding.range) return finding.range;
    const docs = this.documents(finding.uri);
    const doc = docs?.[finding.docIndex ?? 0];
    if (doc && finding.path) {
      const resolved = resolvePath(doc, finding.path, finding.target ?? 'value');
      if (resolved) return resolved.range;
    }
    return { start: 0, end: 0 };
  }

  private forgetDocuments(uri: string): void {
    this.documentCache.delete(uri);
    if (this.lastParsed?.uri === uri) this.lastParsed = undefined;
  }

  /**
   * One file changed: patch the derived tables (when built) instead of rebuilding them, so an edit
   * costs in proportion to the file, not to the workspace.
   */
  private changed(uri: string, before: IndexedFile | undefined, after: IndexedFile | undefined): void {
    this.generation++;
    if (!this.derived) return;
    // A patch costs in proportion to the workspace: after a run of changes nobody looked at (a git
    // checkout of 10,000 files), one rebuild on the next question is cheaper than a patch per file.
    if (++this.changesUnseen > PATCHES_BEFORE_REBUILD) this.derived = undefined;
    else patchTables(this.derived, this.fileSeq.get(uri)!, (u) => this.fileSeq.get(u)!, before, after);
  }

  private tables(): DerivedTables {
    this.changesUnseen = 0;
    if (!this.derived) this.derived = buildTables(this.files.values());
    return this.derived;
  }
}

/** Changes patched into the lookup tables without a read in between, before they are dropped instead. */
const PATCHES_BEFORE_REBUILD = 64;

interface DerivedTables {
  resources: Resource[];
  byKind: Map<string, Resource[]>;
  byKey: Map<string, Resource[]>;
  templates: PodTemplate[];
  templatesByNamespace: Map<string, PodTemplate[]>;
  namespaces: Map<string, NamespaceInfo>;
}

export function resourceKey(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${namespace}\u0000${name}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// Rebuilt lazily after a change; linear in the number of resources (a few ms for 20,000).
function buildTables(files: Iterable<IndexedFile>): DerivedTables {
  const t: DerivedTables = {
    resources: [],
    byKind: new Map(),
    byKey: new Map(),
    templates: [],
    templatesByNamespace: new Map(),
    namespaces: new Map(),
  };
  for (const file of files) {
    for (const r of file.resources) {
      t.resources.push(r);
      push(t.byKind, r.kind, r);
      push(t.byKey, resourceKey(r.kind, r.namespace, r.name), r);
    }
    for (const tpl of file.templates) {
      t.templates.push(tpl);
      push(t.templatesByNamespace, tpl.namespace, tpl);
    }
  }
  t.namespaces = namespacesOf(t);
  return t;
}

/** Namespace objects first, then every other namespace a resource lives in. */
function namespacesOf(t: DerivedTables): Map<string, NamespaceInfo> {
  const namespaces = new Map<string, NamespaceInfo>();
  for (const ns of t.byKind.get('Namespace') ?? []) {
    if (!ns.name) continue;
    namespaces.set(ns.name, { name: ns.name, labels: { ...ns.labels, [METADATA_NAME_LABEL]: ns.name }, resource: ns });
  }
  let previous = '';
  for (const r of t.resources) {
    // Neighbouring resources mostly share a namespace: skip the lookup for a repeat.
    if (r.namespace === previous) continue;
    previous = r.namespace;
    if (r.namespace && !namespaces.has(r.namespace)) {
      namespaces.set(r.namespace, { name: r.namespace, labels: { [METADATA_NAME_LABEL]: r.namespace } });
    }
  }
  return namespaces;
}

/**
 * Replaces one file's entries in every derived list by its new ones, at the place a full rebuild
 * would put them (lists are ordered by file position). Lists are copied, not changed in place:
 * an array handed out before the change stays as it was.
 */
function patchTables(
  t: DerivedTables,
  seq: number,
  seqOf: (uri: string) => number,
  before: IndexedFile | undefined,
  after: IndexedFile | undefined,
): void {
  const oldResources = before?.resources ?? [];
  const newResources = after?.resources ?? [];
  const oldTemplates = before?.templates ?? [];
  const newTemplates = after?.templates ?? [];
  const resourceSeq = (r: Resource) => seqOf(r.uri);
  const templateSeq = (tpl: PodTemplate) => seqOf(tpl.resource.uri);

  t.resources = replaceRun(t.resources, seq, resourceSeq, newResources);
  patchGroups(t.byKind, oldResources, newResources, (r) => r.kind, seq, resourceSeq);
  patchGroups(t.byKey, oldResources, newResources, (r) => resourceKey(r.kind, r.namespace, r.name), seq, resourceSeq);
  t.templates = replaceRun(t.templates, seq, templateSeq, newTemplates);
  patchGroups(t.templatesByNamespace, oldTemplates, newTemplates, (tpl) => tpl.namespace, seq, templateSeq);
  t.namespaces = namespacesOf(t);
}

function patchGroups<V>(map: Map<string, V[]>, oldItems: readonly V[], newItems: readonly V[], keyOf: (v: V) => string, seq: number, seqOf: (v: V) => number): void {
  // Grouped once: filtering the new items per key would cost (resources in the file)², 130 s for 30,000.
  const groups = new Map<string, V[]>();
  for (const v of oldItems) if (!groups.has(keyOf(v))) groups.set(keyOf(v), []);
  for (const v of newItems) push(groups, keyOf(v), v);
  for (const [key, items] of groups) {
    const list = replaceRun(map.get(key) ?? [], seq, seqOf, items);
    if (list.length > 0) map.set(key, list);
    else map.delete(key);
  }
}

/** A copy of `list` (ordered by seqOf) with the run of entries at `seq` replaced by `items`. */
function replaceRun<V>(list: readonly V[], seq: number, seqOf: (v: V) => number, items: readonly V[]): V[] {
  const lo = lowerBound(list, (v) => seqOf(v) >= seq);
  const hi = lowerBound(list, (v) => seqOf(v) > seq);
  return [...list.slice(0, lo), ...items, ...list.slice(hi)];
}

/** First index whose entry satisfies `atOrAfter` (which is false, then true, along the list). */
function lowerBound<V>(list: readonly V[], atOrAfter: (v: V) => boolean): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (atOrAfter(list[mid]!)) high = mid;
    else low = mid + 1;
  }
  return low;
}

function summarize(uri: string, before: IndexedFile | undefined, after: IndexedFile | undefined): ChangeSummary {
  const namespaces = new Set<string>();
  const kinds = new Set<string>();
  for (const f of [before, after]) {
    for (const r of f?.resources ?? []) {
      namespaces.add(r.kind === 'Namespace' ? r.name : r.namespace);
      kinds.add(r.kind);
    }
  }
  return { uri, namespaces, kinds };
}
