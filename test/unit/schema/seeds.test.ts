// The seed documents' manifests (../shared/seeds/*.md) are what users write and are valid
// Kubernetes: schema validation must be silent on every one of them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { parseFile } from '../../../server/src/model/parse';
import { validateResource } from '../../../server/src/schema/validate';

// Compiled to out/test/unit/schema/: four levels below the repository root.
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const SEEDS = path.resolve(REPO_ROOT, '..', 'shared', 'seeds');

function yamlBlocks(): { name: string; text: string }[] {
  const blocks: { name: string; text: string }[] = [];
  for (const file of readdirSync(SEEDS).filter((f) => f.endsWith('.md')).sort()) {
    const md = readFileSync(path.join(SEEDS, file), 'utf8');
    let i = 0;
    for (const m of md.matchAll(/^```ya?ml[ \t]*\r?\n([\s\S]*?)^```/gm)) blocks.push({ name: `${file} block ${i++}`, text: m[1]! });
  }
  return blocks;
}

test('seed manifests validate without schema errors', (t) => {
  if (!existsSync(SEEDS)) {
    t.skip(`seed documents not found at ${SEEDS} (../shared is absent)`);
    return;
  }
  let resources = 0;
  const problems: string[] = [];
  for (const block of yamlBlocks()) {
    const parsed = parseFile(`file:///seeds/${encodeURIComponent(block.name)}`, block.text);
    for (const resource of parsed.resources) {
      resources++;
      for (const f of validateResource(resource)) problems.push(`${block.name}: ${resource.kind}/${resource.name} ${JSON.stringify(f.path)} ${f.message}`);
    }
  }
  assert.ok(resources >= 15, `the seeds hold many manifests (found ${resources})`);
  assert.deepEqual(problems, []);
});
