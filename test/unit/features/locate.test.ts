// Locating paths in big files parses only the resource's text: the ranges must equal a whole-file parse.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../../server/src/index/workspaceIndex';
import { pathRange } from '../../../server/src/features/locate';
import { parseYamlDocuments } from '../../../server/src/model/parse';
import { resolvePath } from '../../../server/src/model/ranges';

describe('pathRange in big files', () => {
  it('matches a whole-file parse for documents and List items', () => {
    const service = (i: number) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\n  namespace: ns\nspec:\n  selector:\n    app: a${i}\n  ports:\n    - name: http\n      port: 80\n`;
    const list = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata:\n      name: in-list\n    spec:\n      ports:\n        - name: "quoted"\n          port: 81\n';
    const text = [...Array.from({ length: 800 }, (_, i) => service(i)), list, service(999)].join('---\n');
    assert.ok(text.length > 64 * 1024);
    const index = new WorkspaceIndex();
    const uri = 'file:///big.yaml';
    index.update(uri, text, 0);
    const docs = parseYamlDocuments(text);
    const cases: [number, (string | number)[]][] = [
      [0, ['metadata', 'name']],
      [250, ['spec', 'ports', 0, 'name']],
      [800, ['items', 0, 'spec', 'ports', 0, 'name']],
      [800, ['items', 0, 'metadata', 'name']],
      [801, ['spec', 'selector', 'app']],
    ];
    for (const [docIndex, path] of cases) {
      const whole = resolvePath(docs[docIndex]!, path)!.range;
      assert.deepEqual(pathRange(index, uri, docIndex, path), whole, `doc ${docIndex} ${path.join('.')}`);
    }
    assert.equal(text.slice(pathRange(index, uri, 800, ['items', 0, 'spec', 'ports', 0, 'name'])!.start).slice(0, 8), '"quoted"');
    assert.equal(pathRange(index, uri, 3, ['spec', 'nothing']), undefined);
  });
});
