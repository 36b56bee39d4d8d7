// The CLI's version: the `version` of the kube-netlens package.json it ships in.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';

let cached: string | undefined;

/** Reads the version from the nearest package.json named kube-netlens above this file ('0.0.0' if none). */
export function cliVersion(): string {
  if (cached !== undefined) return cached;
  cached = '0.0.0';
  // dist/cli.js sits one level below package.json; compiled out/… files sit deeper.
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'kube-netlens' && typeof pkg.version === 'string') {
        cached = pkg.version;
        break;
      }
    } catch {
      // No (readable) package.json here: keep walking up.
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return cached;
}

export const INFORMATION_URI = 'https://github.com/kube-netlens/kube-netlens';
export const RULES_DOC_URI = `${INFORMATION_URI}/blob/main/docs/rules.md`;
