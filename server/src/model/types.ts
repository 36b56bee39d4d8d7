// Shared shapes of the manifest model. Pure data: no editor, LSP or Node types.

/** A path from a YAML document's root to a node: mapping keys and sequence indices. */
export type JsonPath = (string | number)[];

/** Half-open character offsets [start, end) into a file's text. */
export interface OffsetRange {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/**
 * A finding located by JSON path (resolved to a range lazily, so the index need not keep ASTs)
 * or by an explicit offset range (YAML-level problems that have no path).
 */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  uri: string;
  /** Document index within the file (`---` separated), for path resolution. */
  docIndex?: number;
  /** Path inside that document. */
  path?: JsonPath;
  /** Where on the path: the key, the value, or both. Default 'value'. */
  target?: 'key' | 'value' | 'entry';
  /** Explicit range; takes precedence over path. */
  range?: OffsetRange;
  /** Data for a quick fix; serialisable. */
  data?: Record<string, unknown>;
}

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** A resource: a YAML document (or a `*List` item) whose root mapping has string apiVersion and kind. */
export interface Resource {
  uri: string;
  /** Index of the `---` document in the file. */
  docIndex: number;
  /** Path from the document root to the resource object: [] or ['items', i]. */
  basePath: JsonPath;
  apiVersion: string;
  kind: string;
  /** metadata.name, '' when missing or not a string. */
  name: string;
  /** Effective namespace: '' for cluster-scoped kinds; else metadata.namespace or the default. */
  namespace: string;
  /** metadata.namespace was written in the manifest. */
  namespaceExplicit: boolean;
  /** metadata.labels with string-coerced values. */
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The resource object as plain JSON (aliases expanded). */
  value: Record<string, unknown>;
  /** Range of the resource node in the file. */
  range: OffsetRange;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol: Protocol;
  /** Path of this ports[] entry, relative to the document root. */
  path: JsonPath;
}

export interface EnvVar {
  name: string;
  value: string;
  path: JsonPath;
}

export interface Container {
  name: string;
  ports: ContainerPort[];
  env: EnvVar[];
  path: JsonPath;
  init: boolean;
}

/** The pods a workload creates: they all share this template. */
export interface PodTemplate {
  resource: Resource;
  namespace: string;
  labels: Record<string, string>;
  containers: Container[];
  /** Path of the pod template (for a Pod: the resource root). */
  templatePath: JsonPath;
  /** Path of the template's metadata.labels mapping. */
  labelsPath: JsonPath;
  replicas: number;
  hostNetwork: boolean;
}

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values: string[];
}

/** A Kubernetes LabelSelector. An empty selector ({}) matches everything. */
export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: LabelSelectorRequirement[];
}
