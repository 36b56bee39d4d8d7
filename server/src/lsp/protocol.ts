// Custom messages between the kube-netlens language server and its clients.
// Imported by both ends (server and VS Code client), so it imports nothing.

/** Server → client notification: what the index holds, for a status bar. */
export const StatusNotificationMethod = 'kube-netlens/status';

export interface StatusParams {
  /** Files in the index (every file read, Kubernetes or not). */
  files: number;
  /** Kubernetes resources in the index. */
  resources: number;
  /** The initial (or a re-) indexing of workspace folders is running. */
  indexing: boolean;
  /** Diagnostics are still being computed for some files. */
  checking: boolean;
}

/** Base of `Diagnostic.codeDescription.href`: one section per rule id in docs/rules.md. */
export const RULES_DOC_URL = 'https://github.com/kube-netlens/kube-netlens/blob/main/docs/rules.md';

/** The settings section the server reads (`kube-netlens.*`). */
export const SETTINGS_SECTION = 'kube-netlens';

/** Diagnostic.source of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'kube-netlens';
