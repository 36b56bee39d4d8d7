// Benchmark child process (bundled by run.mjs with esbuild): times cold indexing of a workspace
// and prints one JSON line. Modes:
//   index  walk → read → WorkspaceIndex.update for every file → findingsForFile for every file
//   yaml   walk → read → yaml's parseAllDocuments for every file (parsing alone: the floor)
// Walking and reading are timed on their own in both modes, so they can be counted in or out.

import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { findFiles, DEFAULT_FILE_RULES } from '../server/src/node/workspaceFiles';
import { WorkspaceIndex } from '../server/src/index/workspaceIndex';
import { findingsForFile } from '../server/src/checks/run';
import { DEFAULT_CHECK_SETTINGS } from '../server/src/checks/types';
import { YAML_OPTIONS } from '../server/src/model/parse';

const now = () => performance.now();
/** CPU time of the whole process (main thread and GC helpers), in ms: steadier than wall time on a busy machine. */
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function readAll(paths) {
  const texts = [];
  // Small parallel batches, as the CLI and the server read.
  for (let i = 0; i < paths.length; i += 32) {
    texts.push(...(await Promise.all(paths.slice(i, i + 32).map((p) => readFile(p, 'utf8')))));
  }
  return texts;
}

function parseOnly(texts) {
  const c0 = cpuNow();
  let documents = 0;
  for (const text of texts) documents += parseAllDocuments(text, YAML_OPTIONS).length;
  return { documents, parseCpuMs: cpuNow() - c0 };
}

function indexAndCheck(paths, texts) {
  const index = new WorkspaceIndex();
  const uris = paths.map((p) => pathToFileURL(p).href);
  const c0 = cpuNow();
  const t0 = now();
  for (let i = 0; i < texts.length; i++) index.update(uris[i], texts[i], 0);
  const resources = index.resourceCount; // builds the derived tables
  const t1 = now();
  let findings = 0;
  for (const uri of uris) findings += findingsForFile(index, uri, DEFAULT_CHECK_SETTINGS).length;
  const t2 = now();
  return { resources, findings, indexMs: t1 - t0, checkMs: t2 - t1, cpuMs: cpuNow() - c0 };
}

async function main(mode, root) {
  const t0 = now();
  const paths = (await findFiles(root, DEFAULT_FILE_RULES)).filter((f) => f.kind === 'file').map((f) => f.path);
  const t1 = now();
  const texts = await readAll(paths);
  const t2 = now();
  const result = { mode, files: paths.length, chars: texts.reduce((n, t) => n + t.length, 0), walkMs: t1 - t0, readMs: t2 - t1 };
  if (mode === 'yaml') Object.assign(result, parseOnly(texts), { parseMs: now() - t2 });
  else Object.assign(result, indexAndCheck(paths, texts));
  result.maxRssKB = process.resourceUsage().maxRSS;
  process.stdout.write(JSON.stringify(result) + '\n');
}

// Bundled as CommonJS (the bundled libraries use require), so no top-level await.
void main(process.argv[2], process.argv[3]);
