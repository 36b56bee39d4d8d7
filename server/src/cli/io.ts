// What a CLI command may touch: its output streams and the directory it was started in.
// Commands receive this instead of using `process`, so tests and other hosts can run them in-process.

export interface CliIO {
  /** Writes raw text to standard output (callers add their own newlines). */
  stdout(s: string): void;
  /** Writes raw text to standard error. */
  stderr(s: string): void;
  /** Directory that relative paths are resolved against and reported relative to. */
  cwd: string;
}

/** Exit codes shared by every command. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
