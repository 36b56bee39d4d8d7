// The report the extension-host suite writes beside its workspace folder for the node:test wrapper.

export interface SuiteReport {
  results: { title: string; state: 'passed' | 'failed' | 'skipped'; reason?: string; error?: string }[];
}

export const REPORT_FILE = 'e2e-report.json';
