// The normalized NetworkPolicy model and the endpoints the evaluator reasons about.
// Every policy, rule, peer and port entry keeps its source (uri, document index, JSON path from the
// document root) so an editor can jump to it.

import type { JsonPath, LabelSelector, Protocol } from '../model/types';
import type { AddressRange } from './addresses';

export type Direction = 'ingress' | 'egress';

/** Where something is written: file, `---` document, and path from that document's root. */
export interface SourceRef {
  uri: string;
  docIndex: number;
  path: JsonPath;
}

/** A policy as explanations name it. Plain JSON. */
export interface PolicyRef extends SourceRef {
  /** `namespace/name` */
  id: string;
  namespace: string;
  name: string;
}

export type PortEntry = {
  index: number;
  path: JsonPath;
  protocol: Protocol;
} & (
  | { kind: 'protocol' }
  | { kind: 'range'; start: number; end: number }
  | { kind: 'named'; name: string }
  | { kind: 'invalid'; reason: string }
);

/** A selector with the paths of its parts, for explanations that point at the failing requirement. */
export interface SelectorWithPaths {
  selector: LabelSelector;
  path: JsonPath;
  /** Path of each matchExpressions entry, parallel to selector.matchExpressions. */
  expressionPaths: JsonPath[];
}

export type Peer = { index: number; path: JsonPath } & (
  | {
      kind: 'pods';
      /** Absent: every pod (of the policy's namespace, or of the selected namespaces). */
      podSelector?: SelectorWithPaths;
      /** Absent: only the policy's own namespace. */
      namespaceSelector?: SelectorWithPaths;
    }
  | { kind: 'ipBlock'; cidr: string; except: string[]; block: AddressRange; excepts: AddressRange[] }
  | { kind: 'invalid'; reason: string }
);

export interface PolicyRule {
  /** 0-based index in the policy's ingress or egress list. */
  index: number;
  path: JsonPath;
  /** null: `from`/`to` missing or empty, so every source/destination (external addresses included). */
  peers: Peer[] | null;
  /** null: `ports` missing or empty, so every port and protocol. */
  ports: PortEntry[] | null;
}

export interface PolicyProblem {
  message: string;
  path: JsonPath;
}

export interface NetworkPolicyModel {
  ref: PolicyRef;
  namespace: string;
  name: string;
  podSelector: SelectorWithPaths;
  /** Effective policyTypes after defaulting. */
  affects: { ingress: boolean; egress: boolean };
  ingress: PolicyRule[];
  egress: PolicyRule[];
  /** Things the API server would reject; the affected parts match nothing. */
  problems: PolicyProblem[];
}

export interface NamespaceLabels {
  name: string;
  /** Always includes kubernetes.io/metadata.name=<name>. */
  labels: Record<string, string>;
}

export interface WorkloadPort {
  name?: string;
  port: number;
  protocol: Protocol;
}

/** All pods of a workload (or one Pod): they share labels and container ports. */
export interface WorkloadEndpoint {
  type: 'workload';
  /** `namespace/Kind/name` */
  id: string;
  namespace: string;
  kind: string;
  name: string;
  labels: Record<string, string>;
  /** Ports of the (non-init) containers: used to resolve named ports. */
  ports: WorkloadPort[];
  hostNetwork: boolean;
  /** The pod template in the manifest. */
  source: SourceRef;
}

/** An address outside the cluster's pods: one IP, or a range when listing a matrix. */
export interface ExternalEndpoint {
  type: 'external';
  /** The text the user gave, or a canonical CIDR / range. */
  id: string;
  range: AddressRange;
}

export type Endpoint = WorkloadEndpoint | ExternalEndpoint;

/** A port to ask about. */
export interface PortQuery {
  port: number;
  protocol: Protocol;
}
