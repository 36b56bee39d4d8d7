// Runs the mocha suite in test/e2e/suite inside code-server's extension host via @vscode/test-electron's
// runTests (our launcher stands in for the VS Code executable), then shows each suite test here:
// passed, failed, or skipped with the reason the suite recorded.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { chromiumMissing } from './lib/browser';
import { copyExamples, loadCodeServer, packagedVsix, repoRoot } from './lib/paths';
import { REPORT_FILE, type SuiteReport } from './lib/report';

const launcher = path.join(repoRoot, 'test', 'e2e', 'code-server-launcher.sh');
const hostExtension = path.join(repoRoot, 'test', 'e2e', 'host-extension');
const suiteIndex = path.join(repoRoot, 'out', 'test', 'e2e', 'suite', 'index.js');

test('extension-host tests in code-server with the packaged extension', { timeout: 600_000 }, async (t) => {
  const noBrowser = chromiumMissing();
  if (noBrowser) return t.skip(noBrowser);
  packagedVsix(); // fails early with a clear message when the package is missing
  assert.ok(existsSync(suiteIndex), `${suiteIndex} is missing: run \`npx tsc -b\``);
  const cs = await loadCodeServer();
  cs.ensureCodeServer();

  const tmp = cs.shortTempDir('knl-e2e-');
  try {
    const folder = copyExamples(tmp);
    const started = Date.now();
    const outcome = await runTests({
      vscodeExecutablePath: launcher,
      extensionDevelopmentPath: hostExtension,
      extensionTestsPath: suiteIndex,
      launchArgs: [folder],
      reuseMachineInstall: true, // the launcher makes its own fresh profile
    }).then(
      () => undefined,
      (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
    );
    t.diagnostic(`extension-host run: ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const reportFile = path.join(path.dirname(folder), REPORT_FILE);
    if (!existsSync(reportFile)) throw outcome ?? new Error('the suite wrote no report');
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as SuiteReport;
    assert.ok(report.results.length > 0, 'the suite ran no tests');
    for (const r of report.results) {
      await t.test(r.title, (st) => {
        if (r.state === 'skipped') return st.skip(r.reason);
        if (r.state === 'failed') assert.fail(r.error ?? 'failed');
      });
    }
    if (outcome) throw outcome;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
