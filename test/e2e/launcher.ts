// The "VS Code executable" @vscode/test-electron's runTests starts (through code-server-launcher.sh):
// code-server with the packaged .vsix in a fresh profile, and a headless chromium that opens the
// workbench with an extension-test payload. The workbench reports the suite's result through
// window.codeAutomationExit, which becomes this process's exit code.
//
// Arguments are the ones runTests passes: `<folder> --extensionTestsPath=… --extensionDevelopmentPath=…`
// (other VS Code flags are accepted and ignored). KUBE_NETLENS_VSIX names the package (default:
// the one `npm run package` makes).

import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchChromium } from './lib/browser';
import { loadCodeServer, packagedVsix, screenshotsDir } from './lib/paths';

const RUN_TIMEOUT_MS = Number(process.env.KUBE_NETLENS_E2E_TIMEOUT_MS ?? 240_000);

interface LaunchArgs {
  folder: string;
  testsPath: string;
  developmentPath: string;
}

export function parseArgs(argv: readonly string[]): LaunchArgs {
  const value = (name: string): string | undefined => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const folder = argv.find((a) => !a.startsWith('-'));
  const testsPath = value('extensionTestsPath');
  const developmentPath = value('extensionDevelopmentPath');
  if (!folder || !testsPath || !developmentPath) {
    throw new Error(`usage: launcher <folder> --extensionTestsPath=<path> --extensionDevelopmentPath=<path> (got ${argv.join(' ')})`);
  }
  return { folder: path.resolve(folder), testsPath: path.resolve(testsPath), developmentPath: path.resolve(developmentPath) };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const cs = await loadCodeServer();
  const entry = cs.ensureCodeServer();
  const profile = cs.makeProfile();
  cs.installExtension(entry, profile, packagedVsix());
  const server = await cs.startCodeServer({ entry, profile });
  let browser: Browser | undefined;
  const cleanUp = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await server.stop();
  };
  const onSignal = (): void => void cleanUp().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    let finish: (code: number) => void = () => undefined;
    const finished = new Promise<number>((resolve) => (finish = resolve));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      // The workbench forwards console calls as (format string, ...values).
      const text = Array.isArray(args) ? format(...args) : String(args);
      process.stdout.write(type === 'error' ? `[extension host] ${text}\n` : `${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(Number(code)));

    const remote = (p: string): string => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const url = cs.workbenchUrl(server.url, args.folder, [
      ['extensionDevelopmentPath', remote(args.developmentPath)],
      ['extensionTestsPath', remote(args.testsPath)],
    ]);
    await page.goto(url);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        console.error(`the extension tests did not finish within ${RUN_TIMEOUT_MS / 1000} s`);
        resolve(1);
      }, RUN_TIMEOUT_MS);
    });
    const code = await Promise.race([finished, timeout]);
    clearTimeout(timer);
    if (code !== 0) {
      mkdirSync(screenshotsDir, { recursive: true });
      const shot = path.join(screenshotsDir, 'extension-host-failure.png');
      await page.screenshot({ path: shot }).catch(() => undefined);
      console.error(`workbench at the end of the failed run: ${shot}\n--- code-server output ---\n${server.output.join('')}`);
    }
    return code;
  } finally {
    await cleanUp();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? (e.stack ?? e.message) : e);
      process.exit(1);
    },
  );
}
