import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../../server/src/checks/run';
import { RESOURCE_CHECKS } from '../../../server/src/checks/catalog';
import { FIXABLE_RULES } from '../../../server/src/checks/fixes';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

/** The rule ids the issue fixes as public interface. */
const PUBLIC_IDS = [
  'yaml-syntax', 'yaml-compat', 'duplicate-key', 'schema',
  'service-selector-no-match', 'service-target-port-missing', 'service-port-name-required', 'service-duplicate-port',
  'port-name-invalid', 'nodeport-out-of-range', 'nodeport-conflict', 'externalname-invalid', 'headless-service-type',
  'loadbalancer-ip-deprecated',
  'ingress-backend-service-missing', 'ingress-backend-port-missing', 'ingress-class-annotation-deprecated',
  'ingress-class-missing', 'ingress-tls-host-mismatch', 'ingress-tls-secret-missing', 'ingress-path-conflict', 'ingress-no-tls',
  'netpol-selects-nothing', 'netpol-peer-selects-nothing', 'netpol-invalid-cidr', 'netpol-except-outside-cidr',
  'netpol-named-port-missing', 'netpol-endport-invalid', 'netpol-policytypes-ignored-rules', 'netpol-egress-blocks-dns',
  'netpol-not-enforced', 'namespace-no-default-deny',
  'workload-selector-mismatch', 'duplicate-resource', 'env-service-unknown', 'env-service-port-mismatch', 'hardcoded-pod-ip',
  'label-invalid', 'resource-name-invalid', 'netpol-peer-invalid', 'port-out-of-range',
];

test('the rule table holds exactly the public rule ids, once each', () => {
  assert.deepEqual([...RULES.map((r) => r.id)].sort(), [...PUBLIC_IDS].sort());
});

test('each resource rule lives in rules/<id>.ts', () => {
  const files = readdirSync(path.join(repoRoot, 'server', 'src', 'checks', 'rules')).map((f) => f.replace(/\.ts$/, ''));
  assert.deepEqual([...files].sort(), RESOURCE_CHECKS.map((c) => c.meta.id).sort());
});

test('severities follow the issue: hints, infos and the rule that is off by default', () => {
  const level = (id: string) => RULES.find((r) => r.id === id);
  assert.equal(level('ingress-no-tls')?.defaultSeverity, 'hint');
  assert.equal(level('ingress-tls-secret-missing')?.defaultSeverity, 'info');
  assert.equal(level('hardcoded-pod-ip')?.defaultSeverity, 'info');
  assert.equal(level('namespace-no-default-deny')?.defaultSeverity, 'off');
  assert.equal(level('namespace-no-default-deny')?.enabledSeverity, 'hint');
  for (const r of RULES) assert.ok(r.summary.length > 10 && r.summary.endsWith('.'), `${r.id} has a sentence as summary`);
});

test('docs/rules.md has one section per rule, headed by the id, with examples and the table levels', () => {
  const doc = readFileSync(path.join(repoRoot, 'docs', 'rules.md'), 'utf8');
  const sections = [...doc.matchAll(/^## (.+)$/gm)].map((m) => m[1]!);
  assert.deepEqual([...sections].sort(), RULES.map((r) => r.id).sort());
  for (const id of sections) {
    const body = doc.slice(doc.indexOf(`## ${id}\n`)).split(/^## /m)[1]!;
    assert.match(body, /```yaml/, `${id} shows YAML`);
    assert.match(body, /\*\*Fix:\*\*/, `${id} says how to fix it`);
  }
  for (const r of RULES) {
    const row = new RegExp(`^\\| \\[${r.id}\\]\\(#${r.id}\\) \\| ([^|]+) \\|`, 'm').exec(doc);
    assert.ok(row, `table row for ${r.id}`);
    assert.ok(row[1]!.trim().startsWith(r.defaultSeverity), `${r.id}: table says ${row[1]}, rule says ${r.defaultSeverity}`);
  }
});

test('every fixable rule is a known rule', () => {
  for (const id of FIXABLE_RULES) assert.ok(RULES.some((r) => r.id === id), id);
});
