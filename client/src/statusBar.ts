// The status bar item: how many resources the server indexed, a spinner while it works.

import { StatusBarAlignment, ThemeColor, window, type StatusBarItem } from 'vscode';
import type { StatusParams } from '../../server/src/lsp/protocol';
import { Commands, DISPLAY_NAME } from './constants';

export class ServerStatusBar {
  private readonly item: StatusBarItem;

  constructor() {
    this.item = window.createStatusBarItem('kube-netlens.status', StatusBarAlignment.Right, 100);
    this.item.name = DISPLAY_NAME;
    this.item.command = Commands.showOutput;
    this.starting();
    this.item.show();
  }

  starting(): void {
    this.set('$(loading~spin) K8s', `${DISPLAY_NAME}: starting the language server`);
  }

  update(status: StatusParams): void {
    const resources = status.resources.toLocaleString('en-US');
    const files = status.files.toLocaleString('en-US');
    if (status.indexing) {
      this.set(`$(loading~spin) K8s ${resources}`, `${DISPLAY_NAME}: indexing manifests (${resources} resources so far)`);
    } else {
      const work = status.checking ? '$(loading~spin)' : '$(symbol-namespace)';
      this.set(`${work} K8s ${resources}`, `${DISPLAY_NAME}: ${resources} Kubernetes resources in ${files} files. Click to show the output.`);
    }
  }

  stopped(): void {
    this.set('$(debug-disconnect) K8s', `${DISPLAY_NAME}: the language server is not running. Click to show the output.`, true);
  }

  dispose(): void {
    this.item.dispose();
  }

  private set(text: string, tooltip: string, warning = false): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = warning ? new ThemeColor('statusBarItem.warningBackground') : undefined;
  }
}
