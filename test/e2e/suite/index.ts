// The extension-test entry VS Code loads in its extension host (`extensionTestsPath`): runs every
// *.suite.js beside this file with mocha (not *.test.js, which `npm test` would run under node:test)
// and writes a JSON report beside the workspace folder, so the node:test wrapper outside can show
// each test, and each skip with its reason.

import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { REPORT_FILE, type SuiteReport } from '../lib/report';
import { skipReasons } from './skip';

/** Where the report goes: beside the (temporary) workspace folder the runner created. */
export function reportPath(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? path.join(path.dirname(folder.uri.fsPath), REPORT_FILE) : undefined;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  for (const name of fs.readdirSync(__dirname).sort()) {
    if (name.endsWith('.suite.js')) mocha.addFile(path.join(__dirname, name));
  }
  const report: SuiteReport = { results: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const file = reportPath();
      if (file) fs.writeFileSync(file, JSON.stringify(report, null, 2));
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => report.results.push({ title: t.fullTitle(), state: 'passed' }));
    runner.on('fail', (t, err: Error) => report.results.push({ title: t.fullTitle(), state: 'failed', error: err.stack ?? err.message }));
    runner.on('pending', (t) => {
      const reason = skipReasons.get(t.fullTitle()) ?? 'skipped';
      console.log(`  skipped: ${t.fullTitle()}: ${reason}`);
      report.results.push({ title: t.fullTitle(), state: 'skipped', reason });
    });
  });
}
