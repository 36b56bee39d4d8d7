// Runs the bundled CLI (dist/cli.js) as users do: a separate node process.

import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

// Compiled to out/test/cli/: three levels below the repository root.
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'cli');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd = REPO_ROOT): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fixture directory relative to the repository root, as users would type it. */
export function fixture(name: string): string {
  return path.relative(REPO_ROOT, path.join(FIXTURES, name)).split(path.sep).join('/');
}

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  rule: string;
  message: string;
}

export function runJson(args: string[], cwd = REPO_ROOT): { run: CliRun; findings: JsonFinding[] } {
  const run = runCli([...args, '--format', 'json'], cwd);
  return { run, findings: JSON.parse(run.stdout) as JsonFinding[] };
}
