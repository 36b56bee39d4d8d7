// The reachability panel's protocol: the model the language server sends, the messages between
// the extension host and the panel (one discriminated union per direction), and the custom LSP
// methods behind them. Types and constants only, so the server, the client and the webview bundle
// all import it.

import type { JsonPath, Protocol, Resource } from '../model/types';
import type { NamespaceLabels, PortQuery, SourceRef, WorkloadPort } from '../policy/types';

// --- the model --------------------------------------------------------------------------------

/** A workload as the evaluator needs it: identity, labels, named ports, where its pod template is. */
export interface PanelWorkload {
  namespace: string;
  kind: string;
  name: string;
  labels: Record<string, string>;
  ports: WorkloadPort[];
  hostNetwork: boolean;
  source: SourceRef;
}

/**
 * Everything the evaluator needs to build a policy world, as plain JSON. Policies travel as their
 * resources (the manifest's own JSON), so the panel normalizes them with the shared evaluator.
 */
export interface PanelWorldInput {
  workloads: PanelWorkload[];
  /** Namespace objects of the workspace (name and labels). */
  namespaces: NamespaceLabels[];
  /** NetworkPolicy resources, metadata trimmed to what the evaluator reads. */
  policies: Resource[];
}

export interface PanelModel {
  /** The index generation this model was built from: bumps on every change. */
  generation: number;
  /** The workspace as the editor holds it (open buffers included). */
  current: PanelWorldInput;
  /** Fingerprint of `current`: the same key means the same input (the panel need not evaluate again). */
  currentKey: string;
  /**
   * The workspace as saved on disk; null when no open buffer differs from its file, and left out
   * (null, with `savedUnchanged` on the message) when the panel already has it.
   */
  saved: PanelWorldInput | null;
  /** Fingerprint of the saved state; '' when there is none. */
  savedKey: string;
  /** Files with unsaved edits that change the model (workspace-relative or URIs). */
  unsavedFiles: string[];
}

// --- host → panel ---------------------------------------------------------------------------

export type HostToPanel =
  /** `savedUnchanged`: the saved state is the one sent before (same savedKey), so it was left out. */
  | { type: 'model'; model: PanelModel; savedUnchanged?: boolean }
  /** Select a workload (by endpoint id), e.g. from a code lens. */
  | { type: 'focus'; endpoint: string }
  | { type: 'editResult'; ok: boolean; message: string }
  /** A line for the status strip: server not running, request failed… */
  | { type: 'status'; text: string };

// --- panel → host ---------------------------------------------------------------------------

export type EditAction = 'allow' | 'deny';
export type ExportFormat = 'csv' | 'markdown' | 'svg' | 'mermaid';

export type PanelToHost =
  /** The script started (or restarted after a reload): send the model. */
  | { type: 'ready' }
  /** Open the manifest at this place. */
  | { type: 'openSource'; source: SourceRef }
  /** Propose (and preview) the smallest NetworkPolicy edit that allows or denies from → to. */
  | { type: 'proposeEdit'; action: EditAction; from: string; to: string; port?: PortQuery }
  /** Save an export the panel rendered. */
  | { type: 'export'; format: ExportFormat; content: string };

/** What the webview gets from `acquireVsCodeApi()`, typed by this protocol (tests provide a stand-in). */
export interface WebviewApi<State> {
  postMessage(message: PanelToHost): void;
  getState(): State | undefined;
  setState(state: State): void;
}

// --- custom LSP methods ---------------------------------------------------------------------

/** Client → server request: the current model. */
export const ReachabilityModelMethod = 'kube-netlens/reachability/model';
export type ReachabilityModelParams = Record<string, never>;

/** Client → server notification: a panel is (or is no longer) open, so changes should be announced. */
export const ReachabilitySubscribeMethod = 'kube-netlens/reachability/subscribe';
export interface ReachabilitySubscribeParams {
  subscribed: boolean;
}

/** Server → client notification: the index changed (debounced); ask for the model again. */
export const ReachabilityChangedMethod = 'kube-netlens/reachability/changed';
export interface ReachabilityChangedParams {
  generation: number;
}

/** Client → server request: where a source reference is, as an LSP location. */
export const ReachabilityLocateMethod = 'kube-netlens/reachability/locate';
export interface ReachabilityLocateParams {
  source: SourceRef;
}
export interface LspPosition {
  line: number;
  character: number;
}
export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}
export interface LocateResult {
  uri: string;
  range: LspRange;
}

/** Client → server request: the edit that allows or denies a connection. */
export const ReachabilityProposeEditMethod = 'kube-netlens/reachability/proposeEdit';
export interface ProposeEditParams {
  action: EditAction;
  from: string;
  to: string;
  port?: PortQuery;
}

/** One text replacement: offsets into the file's text as the server holds it, and the same as an LSP range. */
export interface ProposedTextEdit {
  uri: string;
  start: number;
  end: number;
  newText: string;
  range?: LspRange;
  /** The document version the offsets refer to (null: the file on disk). */
  version?: number | null;
}

export type EditProposal =
  | {
      ok: true;
      /** One line, e.g. "Allow shop/Deployment/api → shop/Deployment/db on 5432/TCP". */
      title: string;
      /** What the edit does, one sentence per change (policies touched, rules added). */
      changes: string[];
      /** Other connections whose verdict the edit changes too. */
      sideEffects: string[];
      edits: ProposedTextEdit[];
    }
  | { ok: false; reason: string };

// --- shared names ---------------------------------------------------------------------------

/** The webview panel's view type (also in package.json's onWebviewPanel activation event). */
export const REACHABILITY_VIEW_TYPE = 'kube-netlens.reachability';
export const SHOW_REACHABILITY_COMMAND = 'kube-netlens.showReachability';

/** Endpoint ids of the external endpoints the matrix always lists. */
export const INTERNET_ID = 'internet';
export const INTERNET_V6_ID = 'internet-ipv6';

export type { JsonPath, Protocol, SourceRef, PortQuery };
