// The packaged .vsix holds only what runs, within the size budget, and its bundles are self-contained.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as yauzl from 'yauzl';
import { packagedVsix, repoRoot } from './lib/paths';

const BUDGET_BYTES = 5 * 1024 * 1024;

/** Files the package must hold, exactly (vsce adds its two manifest files). */
const EXPECTED = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/LICENSE.txt',
  'extension/dist/client.js',
  'extension/dist/media/panel.css',
  'extension/dist/media/panel.js',
  'extension/dist/server.js',
  'extension/images/icon.png',
  'extension/package.json',
  'extension/readme.md',
];

interface Entry {
  name: string;
  read(): Promise<Buffer>;
}

function entries(zipPath: string): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true, autoClose: false }, (err, zip) => {
      if (err) return reject(err);
      const out: Entry[] = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(out));
      zip.on('entry', (e: yauzl.Entry) => {
        out.push({
          name: e.fileName,
          read: () =>
            new Promise((res, rej) =>
              zip.openReadStream(e, (error, stream) => {
                if (error) return rej(error);
                const chunks: Buffer[] = [];
                stream.on('data', (c: Buffer) => chunks.push(c));
                stream.on('end', () => res(Buffer.concat(chunks)));
                stream.on('error', rej);
              }),
            ),
        });
        zip.readEntry();
      });
      zip.readEntry();
    });
  });
}

test('the .vsix holds only the bundles, grammar, webview assets, icon, README and LICENSE', async (t) => {
  const vsix = packagedVsix();
  const size = statSync(vsix).size;
  t.diagnostic(`${path.basename(vsix)}: ${(size / 1024).toFixed(0)} KB`);
  assert.ok(size < BUDGET_BYTES, `${size} bytes is over the 5 MB budget`);

  const list = await entries(vsix);
  const names = list.map((e) => e.name).filter((n) => !n.endsWith('/'));
  const grammars = names.filter((n) => n.startsWith('extension/syntaxes/'));
  assert.ok(grammars.length > 0 && grammars.every((n) => n.endsWith('.tmLanguage.json')), `grammar files: ${grammars.join(', ')}`);
  assert.deepEqual(names.filter((n) => !grammars.includes(n)).sort(), [...EXPECTED].sort());

  // The bundles carry their dependencies: nothing may be required from node_modules at run time.
  const own = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const bundle of ['extension/dist/client.js', 'extension/dist/server.js']) {
    const code = (await list.find((e) => e.name === bundle)!.read()).toString('utf8');
    for (const dep of Object.keys(own.dependencies)) {
      assert.ok(!code.includes(`require("${dep}")`), `${bundle} requires ${dep} at run time`);
    }
    assert.doesNotMatch(code, /sourceMappingURL=/, `${bundle} is not a production build`);
  }
  const manifest = JSON.parse((await list.find((e) => e.name === 'extension/package.json')!.read()).toString('utf8')) as {
    main: string;
    icon: string;
  };
  assert.ok(names.includes(`extension/${manifest.main.replace(/^\.\//, '')}`), `main ${manifest.main} is not in the package`);
  assert.ok(names.includes(`extension/${manifest.icon}`), `icon ${manifest.icon} is not in the package`);
});
