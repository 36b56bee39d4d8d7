// `kube-netlens`: the command-line entry point. Dispatches to one command module per sub-command.

import { runCheck } from './check';
import { runMatrix } from './matrix';
import { runReach } from './reach';
import { EXIT_OK, EXIT_USAGE, type CliIO } from './io';
import { cliVersion } from './version';

interface Command {
  name: string;
  summary: string;
  run(args: string[], io: CliIO): Promise<number>;
}

const COMMANDS: readonly Command[] = [
  { name: 'check', summary: 'Report problems in Kubernetes manifests (text, json or sarif)', run: runCheck },
  { name: 'reach', summary: 'Explain whether one workload can reach another', run: runReach },
  { name: 'matrix', summary: 'Print the connectivity matrix between workloads', run: runMatrix },
];

export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: kube-netlens <command> [options]',
    '',
    'Kubernetes Network Lens: diagnostics and reachability for Kubernetes network manifests.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     Show this help (kube-netlens <command> --help for a command)',
    '  -v, --version  Show the version',
    '',
  ].join('\n');
}

/** Runs one command line (without the `node` and script arguments) and returns the exit status. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(mainHelp());
    return EXIT_USAGE;
  }
  if (first === '-h' || first === '--help') {
    io.stdout(mainHelp());
    return EXIT_OK;
  }
  if (first === '-v' || first === '--version') {
    io.stdout(`${cliVersion()}\n`);
    return EXIT_OK;
  }
  if (first === 'help') {
    const target = rest[0] === undefined ? undefined : COMMANDS.find((c) => c.name === rest[0]);
    if (!target) {
      io.stdout(mainHelp());
      return EXIT_OK;
    }
    return target.run(['--help'], io);
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    io.stderr(`kube-netlens: unknown command '${first}'\n\n${mainHelp()}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    // Commands report expected problems themselves; this is a bug, reported without a bare stack dump.
    io.stderr(`kube-netlens ${command.name}: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT_USAGE;
  }
}

if (require.main === module) {
  const io: CliIO = {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    cwd: process.cwd(),
  };
  // exitCode (not exit()) lets piped stdout drain completely before the process ends.
  void main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
