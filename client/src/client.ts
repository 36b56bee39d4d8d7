// Creates the language client that runs the bundled server (dist/server.js) over Node IPC.

import * as path from 'node:path';
import type { ExtensionContext, LogOutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SETTINGS_SECTION } from '../../server/src/lsp/protocol';
import { CLIENT_ID, DISPLAY_NAME } from './constants';
import { convertShowReferences } from './codeLensCommands';

export function createClient(context: ExtensionContext, output: LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Manifests are YAML or JSON; untitled buffers are checked too (they are never written to disk by us).
    documentSelector: ['file', 'untitled'].flatMap((scheme) => [
      { scheme, language: 'yaml' },
      { scheme, language: 'json' },
    ]),
    // files.exclude decides which files are indexed, so its changes are sent too.
    synchronize: { configurationSection: [SETTINGS_SECTION, 'files.exclude'] },
    outputChannel: output,
    middleware: {
      provideCodeLenses: async (document, token, next) => {
        const lenses = await next(document, token);
        return lenses?.map((lens) => convertShowReferences(lens, client.protocol2CodeConverter));
      },
    },
  };
  // The id makes `kube-netlens.trace.server` the trace setting.
  const client = new LanguageClient(CLIENT_ID, DISPLAY_NAME, serverOptions, clientOptions);
  return client;
}
