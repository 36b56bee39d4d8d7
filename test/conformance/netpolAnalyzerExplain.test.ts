// Explanations compared with netpol-analyzer's explain goldens, on structured facts (FORMAT.md §6.6):
// for each pair, the set of (policy, direction, rule #) that allow traffic, and the policies that
// isolate each side. Their prose is not compared.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { evaluate, type Endpoint } from '../../server/src/policy';
import { casesAvailable, casesDir, externalPeer, loadCase, readCases } from './analyzerCases';

interface PairFacts {
  from: string;
  to: string;
  /** `ns/name|Egress|1` for each rule that allows something. */
  allowedBy: Set<string>;
  /** Policies named as selecting the subject, per direction. */
  selecting: { Egress: Set<string>; Ingress: Set<string> };
  /** Directions reported as allowed by the system default (nothing isolates the subject). */
  byDefault: Set<string>;
}

/** Reads the "Specific connections and their reasons" blocks of an explain golden. */
function parseExplain(text: string): PairFacts[] {
  const out: PairFacts[] = [];
  let cur: PairFacts | undefined;
  let direction: 'Egress' | 'Ingress' | undefined;
  for (const line of text.split('\n')) {
    const head = /^Connections between (\S+) => (\S+):$/.exec(line);
    if (head) {
      cur = { from: head[1]!, to: head[2]!, allowedBy: new Set(), selecting: { Egress: new Set(), Ingress: new Set() }, byDefault: new Set() };
      out.push(cur);
      continue;
    }
    if (line.startsWith('#')) cur = undefined;
    if (!cur) continue;
    const dir = /^\t\t(Egress|Ingress) \((Allowed|Denied)\)( due to the system default)?/.exec(line);
    if (dir) {
      direction = dir[1] as 'Egress' | 'Ingress';
      if (dir[3]) cur.byDefault.add(direction);
      continue;
    }
    const allows = /NetworkPolicy '([^']+)' allows connections by (Egress|Ingress) rule #(\d+)/.exec(line);
    if (allows) {
      cur.allowedBy.add(`${allows[1]}|${allows[2]}|${allows[3]}`);
      cur.selecting[allows[2] as 'Egress' | 'Ingress'].add(allows[1]!);
      continue;
    }
    const selects = /NetworkPolicy '([^']+)' selects /.exec(line);
    if (selects && direction) cur.selecting[direction].add(selects[1]!);
  }
  return out;
}

if (!casesAvailable()) {
  test('netpol-analyzer explanations', (t) => {
    t.skip(`conformance cases not found at ${casesDir} (../shared is absent): skipped`);
  });
} else {
  for (const info of readCases()) {
    const expectedDir = path.join(casesDir, info.case, 'expected');
    const file = readdirSync(expectedDir).find((f) => f.endsWith('_explain_output.txt'));
    if (!file) continue;
    test(`explanations agree with netpol-analyzer: ${info.case}`, () => {
      const { world, members } = loadCase(info.case);
      const endpoint = (name: string): Endpoint => {
        const e = externalPeer(name) ?? members.get(name)?.[0];
        assert.ok(e, `peer ${name} is known`);
        return e;
      };
      const pairs = parseExplain(readFileSync(path.join(expectedDir, file), 'utf8'));
      assert.ok(pairs.length > 0, 'the golden has pairs');
      const wrong: string[] = [];
      for (const p of pairs) {
        const e = evaluate(world, endpoint(p.from), endpoint(p.to));
        const ours = new Set(
          [...e.egress.allowedBy.map((a) => ({ a, d: 'Egress' })), ...e.ingress.allowedBy.map((a) => ({ a, d: 'Ingress' }))].map(({ a, d }) => `${a.policy.id}|${d}|${a.rule + 1}`),
        );
        const pair = `${p.from} => ${p.to}`;
        if ([...ours].sort().join(' ') !== [...p.allowedBy].sort().join(' ')) {
          wrong.push(`${pair}: allowing rules ours [${[...ours].sort().join(', ')}] theirs [${[...p.allowedBy].sort().join(', ')}]`);
        }
        for (const d of ['Egress', 'Ingress'] as const) {
          const verdict = d === 'Egress' ? e.egress : e.ingress;
          const isolating = new Set(verdict.policies.map((x) => x.id));
          for (const id of p.selecting[d]) if (!isolating.has(id)) wrong.push(`${pair}: ${id} should isolate for ${d}`);
          if (p.byDefault.has(d) && verdict.isolated) wrong.push(`${pair}: ${d} should not be isolated`);
        }
      }
      assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} differences`);
    });
  }
}
