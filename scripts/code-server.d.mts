// Types of scripts/code-server.mjs for the TypeScript tests that import it.
import type { ChildProcess } from 'node:child_process';

export declare const CODE_SERVER_VERSION: string;
export declare const repoRoot: string;

export declare function codeServerDir(): string;
export declare function installedEntry(): string | undefined;
export declare function ensureCodeServer(options?: { log?: (message: string) => void }): string;
export declare function shortTempDir(prefix: string): string;

export interface ProfileDirs {
  root: string;
  userData: string;
  extensions: string;
  tmp: string;
  xdgConfig: string;
  xdgData: string;
  xdgCache: string;
}

export interface Profile {
  dirs: ProfileDirs;
  env: NodeJS.ProcessEnv;
}

export declare function makeProfile(settings?: Record<string, unknown>): Profile;
export declare function installExtension(entry: string, profile: Profile, vsix: string): void;

export interface RunningCodeServer {
  url: string;
  port: number;
  child: ChildProcess;
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

export declare function startCodeServer(options: {
  entry: string;
  profile: Profile;
  folder?: string;
  port?: number;
  log?: (text: string) => void;
  timeoutMs?: number;
}): Promise<RunningCodeServer>;

export declare function workbenchUrl(base: string, folder: string, payload?: [string, string][]): string;
