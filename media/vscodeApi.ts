// The webview's handle on VS Code: messages to the extension host and state kept across reloads.
// VS Code defines acquireVsCodeApi in the page; tests inject a stand-in with the same shape.

import type { WebviewApi } from '../server/src/reachability/protocol';

export type VsCodeApi<State> = WebviewApi<State>;

declare global {
  // Provided by the webview host; callable once per page.
  function acquireVsCodeApi(): WebviewApi<unknown>;
}

export function vscodeApi<State>(): VsCodeApi<State> {
  return acquireVsCodeApi() as VsCodeApi<State>;
}
