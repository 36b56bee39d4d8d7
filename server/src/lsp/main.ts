// Entry point of `kube-netlens-language-server` (dist/server.js). Speaks LSP over --stdio (other
// editors), --node-ipc (the VS Code client), --socket=<port> or --pipe=<name>.

import { createConnection } from 'vscode-languageserver/node';
import { cliVersion } from '../cli/version';
import { startServer } from './server';

const USAGE = `Usage: kube-netlens-language-server (--stdio | --node-ipc | --socket=<port> | --pipe=<name>)

The Kubernetes Network Lens language server: diagnostics, outline and workspace symbols for
Kubernetes manifests. An editor starts it; it talks the Language Server Protocol on the channel named.
`;

const args = process.argv.slice(2);
const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(USAGE);
  process.exit(0);
} else if (args.includes('--version')) {
  process.stdout.write(`${cliVersion()}\n`);
  process.exit(0);
} else if (!args.some((a) => TRANSPORTS.some((t) => a === t || a.startsWith(`${t}=`)))) {
  process.stderr.write(USAGE);
  process.exit(2);
} else {
  const connection = createConnection();
  // Nothing may take the server down: log what escaped a handler and carry on.
  process.on('uncaughtException', (e) => connection.console.error(`Unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
  process.on('unhandledRejection', (e) => connection.console.error(`Unexpected rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
  startServer(connection);
}
