// Extension entry point: starts the language client, owns the output channel, the status bar
// item and the commands.

import { commands, window, type ExtensionContext, type LogOutputChannel } from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { StatusNotificationMethod, type StatusParams } from '../../server/src/lsp/protocol';
import { createClient } from './client';
import { Commands, DISPLAY_NAME } from './constants';
import { ServerStatusBar } from './statusBar';
import { registerReachabilityPanel } from './panel/register';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  // languageclient 10 logs through a LogOutputChannel.
  const output = window.createOutputChannel(DISPLAY_NAME, { log: true });
  const statusBar = new ServerStatusBar();
  context.subscriptions.push(
    output,
    statusBar,
    commands.registerCommand(Commands.showOutput, () => output.show(true)),
    commands.registerCommand(Commands.restartServer, () => restart(context, output, statusBar)),
    registerReachabilityPanel(context, () => client, output),
  );
  await start(context, output, statusBar);
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.stop();
}

async function start(context: ExtensionContext, output: LogOutputChannel, statusBar: ServerStatusBar): Promise<void> {
  const created = createClient(context, output);
  client = created;
  created.onNotification(StatusNotificationMethod, (status: StatusParams) => statusBar.update(status));
  created.onDidChangeState((e) => {
    if (e.newState === State.Starting) statusBar.starting();
    else if (e.newState === State.Stopped) statusBar.stopped();
  });
  try {
    await created.start();
  } catch (e) {
    statusBar.stopped();
    output.error(`The language server did not start: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function restart(context: ExtensionContext, output: LogOutputChannel, statusBar: ServerStatusBar): Promise<void> {
  output.info('Restarting the language server.');
  const old = client;
  client = undefined;
  try {
    await old?.stop();
  } catch (e) {
    output.warn(`Stopping the language server failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  await start(context, output, statusBar);
}
