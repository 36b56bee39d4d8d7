// Wires the reachability panel into the extension: the "Show Reachability" command (also used by
// code lenses, with an endpoint to focus), the serializer that restores the panel after a reload,
// and a status bar entry point shown while a manifest is being edited.

import { commands, Disposable, StatusBarAlignment, window, type ExtensionContext, type LogOutputChannel, type TextEditor } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { REACHABILITY_VIEW_TYPE, SHOW_REACHABILITY_COMMAND } from '../../../server/src/reachability/protocol';
import { ProposalPreviews } from './edits';
import { ReachabilityPanel, type PanelContext } from './reachabilityPanel';

const MANIFEST_LANGUAGES = new Set(['yaml', 'json']);

/**
 * The endpoint a caller asks the panel to focus: `"namespace/Kind/name"`, or an object with an
 * `endpoint` (or `workload`) string, as code lenses pass it. Anything else opens the panel unfocused.
 */
export function focusArgument(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg.length > 0 && arg.length < 1024) return arg;
  if (typeof arg === 'object' && arg !== null) {
    const o = arg as Record<string, unknown>;
    const value = o['endpoint'] ?? o['workload'];
    if (typeof value === 'string' && value.length > 0 && value.length < 1024) return value;
  }
  return undefined;
}

function statusBarEntry(): Disposable {
  const item = window.createStatusBarItem('kube-netlens.reachability', StatusBarAlignment.Right, 99);
  item.name = 'Kubernetes Network Lens: Reachability';
  item.text = '$(type-hierarchy) Reachability';
  item.tooltip = 'Show which workloads can reach which (NetworkPolicies)';
  item.command = SHOW_REACHABILITY_COMMAND;
  const update = (editor: TextEditor | undefined) => {
    if (editor && MANIFEST_LANGUAGES.has(editor.document.languageId)) item.show();
    else item.hide();
  };
  update(window.activeTextEditor);
  return Disposable.from(item, window.onDidChangeActiveTextEditor(update));
}

export function registerReachabilityPanel(context: ExtensionContext, getClient: () => LanguageClient | undefined, log: LogOutputChannel): Disposable {
  const previews = new ProposalPreviews();
  const ctx: PanelContext = { extensionUri: context.extensionUri, getClient, log, previews };
  return Disposable.from(
    previews,
    commands.registerCommand(SHOW_REACHABILITY_COMMAND, (arg?: unknown) => void ReachabilityPanel.createOrShow(ctx, focusArgument(arg))),
    window.registerWebviewPanelSerializer(REACHABILITY_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => {
        ReachabilityPanel.revive(panel, ctx);
      },
    }),
    statusBarEntry(),
    new Disposable(() => ReachabilityPanel.current?.dispose()),
  );
}
