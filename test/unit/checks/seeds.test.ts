// Acceptance: the manifests of the seed documents (../shared/seeds, read in place). Each ```yaml
// block is an example of its own, checked as its own workspace: correct ones give no warning or
// error; the guide's advanced-policy (a duplicate `port:` key) is flagged.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { hitsIn, makeIndex, type Hit } from './helpers';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const seedsDir = path.resolve(repoRoot, '..', 'shared', 'seeds');

function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```yaml\r?\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
}

interface SeedHit extends Hit {
  block: string;
}

function checkSeeds(): SeedHit[] {
  const out: SeedHit[] = [];
  for (const name of readdirSync(seedsDir).filter((f) => f.endsWith('.md')).sort()) {
    yamlBlocks(readFileSync(path.join(seedsDir, name), 'utf8')).forEach((block, i) => {
      const file = `seeds/${name.replace(/\.md$/, '')}/block-${i + 1}.yaml`;
      const index = makeIndex({ [file]: block });
      const label = /^\s*name:\s*(\S+)/m.exec(block)?.[1] ?? `block ${i + 1}`;
      for (const hit of hitsIn(index, file)) out.push({ ...hit, block: `${name} ${label}` });
    });
  }
  return out;
}

test('seed manifests: only the duplicate key is a warning or an error', (t) => {
  if (!existsSync(seedsDir)) {
    t.skip(`seed documents not found at ${seedsDir}: acceptance on the seeds not run`);
    return;
  }
  const hits = checkSeeds();
  const serious = hits.filter((h) => h.finding.severity === 'warning' || h.finding.severity === 'error');
  assert.deepEqual(
    serious.map((h) => `${h.block}: ${h.rule} '${h.text}'`),
    ["kubernetes-networking-guide.md advanced-policy: duplicate-key 'port'"],
  );
  for (const h of hits.filter((x) => !serious.includes(x))) t.diagnostic(`${h.finding.severity} ${h.block}: ${h.rule} '${h.text}': ${h.message}`);
});
