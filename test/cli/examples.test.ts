// `kube-netlens check examples`: the intended mistakes listed in examples/README.md are found,
// the files that are not Kubernetes stay silent, and nothing else is an error or a warning.
// Rules not in this build's rule table are not expected (the table is read from the SARIF output).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, runJson } from './run';

interface Expected {
  rule: string;
  /** File (relative to the repository root) or directory prefix where the finding belongs. */
  where: string;
}

const INTENDED: Expected[] = [
  { rule: 'duplicate-key', where: 'examples/shop/policies/api.yaml' },
  { rule: 'service-selector-no-match', where: 'examples/payments/gateway/service.yaml' },
  { rule: 'ingress-backend-port-missing', where: 'examples/shop/frontend/ingress.yaml' },
  { rule: 'service-target-port-missing', where: 'examples/payments/settlement/ledger.yaml' },
  { rule: 'netpol-egress-blocks-dns', where: 'examples/payments/' },
  { rule: 'ingress-class-annotation-deprecated', where: 'examples/payments/gateway/ingress.yaml' },
];

const SILENT = [
  'examples/.github/',
  'examples/docker-compose.yml',
  'examples/shop/kustomization.yaml',
  'examples/charts/',
];

test('check examples finds the intended mistakes and nothing else', () => {
  const sarif = JSON.parse(runCli(['check', 'examples', '--format', 'sarif']).stdout) as { runs: { tool: { driver: { rules: { id: string }[] } } }[] };
  const known = new Set(sarif.runs[0]!.tool.driver.rules.map((r) => r.id));
  const expected = INTENDED.filter((e) => known.has(e.rule));

  const { run, findings } = runJson(['check', 'examples']);
  assert.equal(run.status, 1, 'the duplicate key is an error');
  for (const e of expected) {
    assert.ok(
      findings.some((f) => f.rule === e.rule && f.file.startsWith(e.where)),
      `${e.rule} reported in ${e.where}; got ${JSON.stringify(findings.map((f) => `${f.file}: ${f.rule}`))}`,
    );
  }
  for (const f of findings) {
    assert.ok(!SILENT.some((p) => f.file.startsWith(p)), `no finding in ${f.file}`);
    if (f.severity === 'error' || f.severity === 'warning') {
      assert.ok(
        expected.some((e) => e.rule === f.rule && f.file.startsWith(e.where)),
        `unexpected ${f.severity} ${f.rule} at ${f.file}:${f.line}: ${f.message}`,
      );
    }
  }
});
