// The webview's handle on VS Code: messages to the extension host and state kept across reloads.
// VS Code defines acquireVsCodeApi in the page; tests inject a stand-in with the same shape.

import type { PanelToHost } from '../server/src/reachability/protocol';

export interface VsCodeApi<State> {
  postMessage(message: PanelToHost): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare global {
  // Provided by the webview host; callable once per page.
  function acquireVsCodeApi(): VsCodeApi<unknown>;
}

export function vscodeApi<State>(): VsCodeApi<State> {
  return acquireVsCodeApi() as VsCodeApi<State>;
}
