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
  /** Bumped on every change: consumers cache against it. */
  generation = 0;

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
    this.documentCache.set(uri, version, text, parsed.documents);
    this.invalidate();
    return summarize(uri, before, file);
  }

  /** Records a file that was not read (too large, unreadable), so it is accounted for. */
  markSkipped(uri: string, reason: SkipReason, version = 0): void {
    const before = this.files.get(uri);
    this.files.set(uri, { uri, version, text: '', status: 'skipped', skipReason: reason, resources: [], templates: [], yamlFindings: [] });
    this.documentCache.delete(uri);
    if (before && before.resources.length > 0) this.invalidate();
  }

  remove(uri: string): ChangeSummary | undefined {
    const before = this.files.get(uri);
    if (!before) return undefined;
    this.files.delete(uri);
    this.documentCache.delete(uri);
    this.invalidate();
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
    const docs = parseYamlDocuments(file.text);
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

  private invalidate(): void {
    this.generation++;
    this.derived = undefined;
  }

  private tables(): DerivedTables {
    if (!this.derived) this.derived = buildTables(this.files.values());
    return this.derived;
  }
}

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
  for (const ns of t.byKind.get('Namespace') ?? []) {
    if (!ns.name) continue;
    t.namespaces.set(ns.name, { name: ns.name, labels: { ...ns.labels, [METADATA_NAME_LABEL]: ns.name }, resource: ns });
  }
  for (const r of t.resources) {
    if (r.namespace && !t.namespaces.has(r.namespace)) {
      t.namespaces.set(r.namespace, { name: r.namespace, labels: { [METADATA_NAME_LABEL]: r.namespace } });
    }
  }
  return t;
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
