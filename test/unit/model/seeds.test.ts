// The manifests in the seed documents (../shared/seeds/*.md) are what users write: they must parse
// as expected, and the guide's duplicate `port:` key must be flagged exactly where it is.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { parseFile } from '../../../server/src/model/parse';
import { mentionsApiVersionAndKind } from '../../../server/src/model/detect';

// Compiled to out/test/unit/model/: four levels below the repository root.
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const SEEDS = path.resolve(REPO_ROOT, '..', 'shared', 'seeds');

interface YamlBlock {
  file: string;
  /** 1-based line of the block's first content line in the Markdown file. */
  line: number;
  text: string;
}

function yamlBlocks(): YamlBlock[] {
  const blocks: YamlBlock[] = [];
  for (const file of readdirSync(SEEDS).filter((f) => f.endsWith('.md')).sort()) {
    const lines = readFileSync(path.join(SEEDS, file), 'utf8').split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      if (!/^```ya?ml\s*$/.test(lines[i]!)) continue;
      const start = i + 1;
      let end = start;
      while (end < lines.length && !lines[end]!.startsWith('```')) end++;
      blocks.push({ file, line: start + 1, text: lines.slice(start, end).join('\n') + '\n' });
      i = end;
    }
  }
  return blocks;
}

const present = existsSync(SEEDS);
const skip = present ? false : `seed documents not found at ${SEEDS} (../shared is absent)`;

test('every yaml block of the seed documents parses without YAML errors', { skip }, () => {
  const blocks = yamlBlocks();
  assert.ok(blocks.length >= 20, `found ${blocks.length} yaml blocks`);
  let manifests = 0;
  for (const block of blocks) {
    const where = `${block.file}:${block.line}`;
    const parsed = parseFile(`file:///seeds/${block.file}#L${block.line}`, block.text);
    assert.deepEqual(
      parsed.findings.filter((f) => f.rule === 'yaml-syntax'),
      [],
      where,
    );
    if (mentionsApiVersionAndKind(block.text)) {
      assert.equal(parsed.status, 'kubernetes', where);
      assert.ok(parsed.resources.length > 0, `${where} has resources`);
      for (const r of parsed.resources) assert.ok(r.name, `${where}: ${r.kind} has a name`);
      manifests++;
    } else {
      // Fragments (an env list, comments) are not manifests and stay silent.
      assert.equal(parsed.status, 'not-kubernetes', where);
      assert.deepEqual(parsed.findings, [], where);
    }
  }
  assert.ok(manifests >= 15, `found ${manifests} manifests`);
});

test("the guide's advanced-policy has exactly one duplicate-key finding, on the second port:", { skip }, () => {
  const all = yamlBlocks().map((block) => ({ block, parsed: parseFile('file:///seeds/block.yaml', block.text) }));
  const duplicates = all.flatMap(({ block, parsed }) => parsed.findings.filter((f) => f.rule === 'duplicate-key').map((f) => ({ block, f })));
  assert.equal(duplicates.length, 1, 'one duplicate key across all seed manifests');
  const [{ block, f }] = duplicates as [(typeof duplicates)[number]];

  const policy = all.find((x) => x.block === block)!.parsed.resources;
  assert.deepEqual(
    policy.map((r) => `${r.kind}/${r.name}`),
    ['NetworkPolicy/advanced-policy'],
  );
  // The second of `port: 443` / `port: 80` in the same mapping.
  const first = block.text.indexOf('port: 443');
  const second = block.text.indexOf('port: 80', first);
  assert.ok(first > 0 && second > first);
  assert.deepEqual(f.range, { start: second, end: second + 'port'.length });
  assert.equal(f.severity, 'error');
});
