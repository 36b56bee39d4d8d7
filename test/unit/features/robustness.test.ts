// Every feature answers (or declines) without throwing, on real repositories' manifests (shared
// corpus, when present) and on a malformed file probed at every offset.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkspaceIndex } from '../../../server/src/index/workspaceIndex';
import { hoverAt } from '../../../server/src/features/hover';
import { definitionAt } from '../../../server/src/features/definition';
import { referencesAt } from '../../../server/src/features/references';
import { completionAt } from '../../../server/src/features/completion';
import { codeLensesFor } from '../../../server/src/features/codeLens';
import { prepareRename } from '../../../server/src/features/rename';
import { semanticTokensFor } from '../../../server/src/features/semanticTokens';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const CORPUS = path.resolve(REPO_ROOT, '..', 'shared', 'corpus', 'real-world');

function manifests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? manifests(p) : /\.(ya?ml|json)$/.test(name) ? [p] : [];
  });
}

function probe(index: WorkspaceIndex, uri: string, offset: number): void {
  hoverAt(index, uri, offset);
  definitionAt(index, uri, offset);
  referencesAt(index, uri, offset);
  completionAt(index, uri, offset);
  prepareRename(index, uri, offset);
}

describe('robustness', () => {
  it('never throws on the real-world corpus', (t) => {
    if (!existsSync(CORPUS)) {
      t.skip(`shared corpus not found at ${CORPUS}`);
      return;
    }
    const index = new WorkspaceIndex();
    const files = manifests(CORPUS);
    for (const f of files) index.update(pathToFileURL(f).href, readFileSync(f, 'utf8'), 0);
    let probed = 0;
    for (const file of index.allFiles()) {
      if (file.status !== 'kubernetes') continue;
      codeLensesFor(index, file.uri);
      semanticTokensFor(index, file.uri);
      // About a dozen positions per file, each inside the first word after a colon (or at a line end).
      const lines = file.text.split('\n');
      let offset = 0;
      lines.forEach((line, i) => {
        if (i % Math.max(1, Math.floor(lines.length / 12)) === 0) {
          const colon = line.indexOf(': ');
          probe(index, file.uri, offset + (colon >= 0 ? colon + 3 : line.length));
          probed++;
        }
        offset += line.length + 1;
      });
    }
    assert.ok(probed > 5000, `only ${probed} positions probed`);
  });

  it('never throws at any offset of a malformed manifest', () => {
    const index = new WorkspaceIndex();
    const uri = 'file:///broken/all.yaml';
    const text = [
      'apiVersion: v1\nkind: Service\nmetadata: {name: [x], namespace: 7}\nspec:\n  selector: [a]\n  ports: {port: x}\n',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: 3\n  ingress:\n    - from: {ipBlock: 1}\n      ports: [{port: []}]\n    - from:\n      - ipBlock:\n          cidr: nonsense\n          except: [1, null]\n  egress: yes\n',
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\nspec:\n  rules:\n  - http:\n      paths:\n      - backend:\n          service: {name: 3, port: {number: x}}\n  tls: [{secretName: [1]}]\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector: {matchExpressions: [{key: a, operator: Bogus}]}\n  template:\n    metadata: {labels: {a: [1]}}\n    spec:\n      containers:\n      - name: c\n        ports: [{name: p}]\n        env: [{name: URL, value: "http://:::/x"}, {name: H_HOST, value: "  "}]\n',
      "key: [unclosed\n  - : :\n\t\n",
    ].join('---\n');
    index.update(uri, text, 0);
    for (let offset = 0; offset <= text.length; offset++) probe(index, uri, offset);
    codeLensesFor(index, uri);
    semanticTokensFor(index, uri);
  });
});
