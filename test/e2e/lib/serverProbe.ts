// Asks a language server bundle what it can do: starts `node <server.js> --stdio`, sends initialize,
// returns the advertised capabilities and shuts the server down. End-to-end tests use it to skip a
// feature the server does not offer yet (with a message) instead of failing or passing by accident.

import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  ExitNotification,
  InitializeRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type ServerCapabilities,
} from 'vscode-languageserver-protocol/node';

/** What VS Code and Neovim announce for the features under test (servers may gate on these). */
const EDITOR_LIKE_CLIENT: ClientCapabilities = {
  workspace: { workspaceEdit: { documentChanges: true }, applyEdit: true, configuration: true },
  textDocument: {
    hover: { contentFormat: ['markdown', 'plaintext'] },
    definition: { linkSupport: true },
    rename: { prepareSupport: true },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll'] } },
      isPreferredSupport: true,
    },
    publishDiagnostics: { relatedInformation: true },
  },
};

export async function serverCapabilities(serverJs: string, rootDir: string, timeoutMs = 20_000): Promise<ServerCapabilities> {
  const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  let timer: NodeJS.Timeout | undefined;
  try {
    const rootUri = pathToFileURL(rootDir).toString();
    const initialize = connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'probe' }],
      capabilities: EDITOR_LIKE_CLIENT,
      clientInfo: { name: 'kube-netlens capability probe' },
    });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${serverJs} did not answer initialize within ${timeoutMs} ms`)), timeoutMs);
    });
    const result = await Promise.race([initialize, timeout]);
    await Promise.race([connection.sendRequest(ShutdownRequest.type), timeout]).catch(() => undefined);
    await connection.sendNotification(ExitNotification.type).catch(() => undefined);
    return result.capabilities;
  } finally {
    clearTimeout(timer);
    connection.dispose();
    child.kill();
  }
}

/** Why a capability-dependent test is skipped, or undefined when the server offers it. */
export function missingCapability(caps: ServerCapabilities, name: keyof ServerCapabilities): string | undefined {
  const value = caps[name];
  return value === undefined || value === false ? `the language server does not advertise ${String(name)} yet` : undefined;
}
