// A stand-in for the `acquireVsCodeApi` that VS Code puts in a webview, typed by the panel's
// protocol. Playwright injects it before the page's scripts run (addInitScript serialises the
// function, so it must not refer to anything outside itself).

import type { PanelToHost, WebviewApi } from '../../server/src/reachability/protocol';

export interface FakeHostOptions {
  /** What getState() returns at first: the state a previous page saved. */
  state: unknown;
}

/** Globals the stand-in uses: the Node side's binding and the last state saved (read by tests). */
export interface FakeHostGlobals {
  acquireVsCodeApi?: () => WebviewApi<unknown>;
  __kubeNetlensHost?: (message: PanelToHost) => Promise<void>;
  __kubeNetlensState?: unknown;
}

export function installFakeVsCodeApi(options: FakeHostOptions): void {
  const globals = window as unknown as FakeHostGlobals;
  let state: unknown = options.state;
  let acquired = false;
  globals.acquireVsCodeApi = (): WebviewApi<unknown> => {
    // VS Code allows one call per page; a second one is a bug in the panel.
    if (acquired) throw new Error('acquireVsCodeApi may only be called once');
    acquired = true;
    return {
      postMessage: (message: PanelToHost) => {
        // Structured clone, as VS Code's transport does: no live objects cross the boundary.
        void globals.__kubeNetlensHost?.(JSON.parse(JSON.stringify(message)) as PanelToHost);
      },
      getState: () => state,
      setState: (next: unknown) => {
        state = next;
        globals.__kubeNetlensState = JSON.parse(JSON.stringify(next));
      },
    };
  };
}
