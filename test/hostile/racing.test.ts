// Files deleted or renamed while the server indexes them: whatever the interleaving of the walk,
// the reads and the client's watched-file events, the index ends as the disk is: no resource of a
// deleted or renamed-away file survives, every renamed file is there once, and nothing is logged
// as an error.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { FileChangeType, type FileEvent } from 'vscode-languageserver-protocol/node';
import { codes, LspClient, TempWorkspace } from '../lsp/harness';

const FILES = 3_000;

const manifest = (i: number): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: race-${i}\ndata:\n  mode: a\n  mode: b\n`;
const original = (i: number): string => `m/f${i}.yaml`;
const renamed = (i: number): string => `m/renamed-${i}.yaml`;

describe('files deleted and renamed while indexing', { timeout: 300_000 }, () => {
  let ws: TempWorkspace;
  let client: LspClient;

  before(async () => {
    ws = await TempWorkspace.create({});
    await fs.mkdir(ws.path('m'));
    for (let i = 0; i < FILES; i += 500) await Promise.all(Array.from({ length: 500 }, (_, k) => fs.writeFile(ws.path(original(i + k)), manifest(i + k))));
    client = await LspClient.start({ folders: [ws.root] });
    // Once the walk has listed the files and reading begins: a third deleted, a third renamed, a third kept.
    await client.waitFor('reading to start', () => client.logs.some((l) => /^Indexing [\d,]+ manifests/.test(l.message)));
    const events: FileEvent[] = [];
    await Promise.all(
      Array.from({ length: FILES }, async (_, i) => {
        if (i % 3 === 0) {
          await fs.rm(ws.path(original(i)));
          events.push({ uri: ws.uri(original(i)), type: FileChangeType.Deleted });
        } else if (i % 3 === 1) {
          await fs.rename(ws.path(original(i)), ws.path(renamed(i)));
          events.push({ uri: ws.uri(original(i)), type: FileChangeType.Deleted }, { uri: ws.uri(renamed(i)), type: FileChangeType.Created });
        }
      }),
    );
    await client.watchedFilesChanged(events);
    await client.waitForIndexed();
  });

  after(async () => {
    await client?.stop();
    await ws?.dispose();
  });

  it('ends with exactly the files on disk: diagnostics where they are, none where they were', async () => {
    const expectedOnDisk = (i: number): string | undefined => (i % 3 === 0 ? undefined : i % 3 === 1 ? ws.uri(renamed(i)) : ws.uri(original(i)));
    await client.waitFor('diagnostics to match the disk', () => {
      for (let i = 0; i < FILES; i++) {
        const at = expectedOnDisk(i);
        if (at && codes(client.diagnostics.get(at)).join() !== 'duplicate-key') return false;
        if (at !== ws.uri(original(i)) && (client.diagnostics.get(ws.uri(original(i)))?.length ?? 0) > 0) return false;
      }
      return true;
    });
  });

  it('keeps no resource of a deleted or renamed-away file, and every renamed one once', async () => {
    for (const i of [0, 1, 2, 3, 4, 5, 1498, 1499, 1500, 2997, 2998, 2999]) {
      const found = (await client.workspaceSymbols(`race-${i}`)).filter((s) => s.name === `ConfigMap default/race-${i}`);
      const uris = found.map((s) => ('location' in s ? s.location.uri : ''));
      if (i % 3 === 0) assert.deepEqual(uris, [], `race-${i} was deleted`);
      else assert.deepEqual(uris, [ws.uri(i % 3 === 1 ? renamed(i) : original(i))], `race-${i}`);
    }
    // Files the walk listed that were gone when read leave no empty entry behind either.
    const expected = FILES - FILES / 3;
    // The status is sent at most every 250 ms: wait for the one after the last change.
    const status = await client.waitFor(`a status of ${expected} files`, () => {
      const last = client.statuses.at(-1);
      return last && !last.indexing && !last.checking && last.files === expected ? last : undefined;
    }, 10_000);
    assert.equal(status.resources, expected);
    assert.deepEqual(client.logs.filter((l) => l.type === 1).map((l) => l.message), []);
  });
});
