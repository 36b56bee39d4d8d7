// What GitHub code scanning requires of an uploaded SARIF file, as assertions.

import assert from 'node:assert/strict';

// The constraints GitHub code scanning puts on an uploaded SARIF file (beyond the 2.1.0 schema):
// version 2.1.0, runs[].tool.driver.name, each result with ruleId, message.text and at least one
// (at most 10) location whose artifactLocation.uri is relative to the repository and whose region
// has a 1-based startLine; rule ids unique; at most 25,000 results and rules per run.
const LEVELS = ['none', 'note', 'warning', 'error'];

export interface Sarif {
  $schema: string;
  version: string;
  runs: SarifRun[];
}
interface SarifRun {
  tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
  results: SarifResult[];
  originalUriBaseIds?: Record<string, { uri: string }>;
}
interface SarifRule {
  id: string;
  shortDescription: { text: string };
  helpUri: string;
  defaultConfiguration: { level: string };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
    };
  }[];
}

export function assertGitHubAcceptable(log: Sarif): void {
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-2\.1\.0/);
  assert.ok(Array.isArray(log.runs) && log.runs.length >= 1 && log.runs.length <= 20);
  for (const run of log.runs) {
    const driver = run.tool.driver;
    assert.equal(driver.name, 'kube-netlens');
    assert.match(driver.version, /^\d+\.\d+\.\d+/);
    assert.doesNotThrow(() => new URL(driver.informationUri));
    assert.ok(driver.rules.length <= 25_000);
    const ids = driver.rules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
    for (const rule of driver.rules) {
      assert.match(rule.id, /^[a-z0-9-]+$/);
      assert.ok(rule.shortDescription.text.length > 0);
      assert.equal(rule.helpUri, `https://github.com/kube-netlens/kube-netlens/blob/main/docs/rules.md#${rule.id}`);
      assert.ok(LEVELS.includes(rule.defaultConfiguration.level), rule.id);
    }
    assert.ok(run.results.length <= 25_000);
    for (const result of run.results) {
      assert.ok(ids.includes(result.ruleId), `${result.ruleId} is in the rule table`);
      assert.equal(driver.rules[result.ruleIndex]?.id, result.ruleId, 'ruleIndex points at the rule');
      assert.ok(LEVELS.includes(result.level));
      assert.ok(result.message.text.length > 0);
      assert.ok(result.locations.length >= 1 && result.locations.length <= 10);
      for (const { physicalLocation: loc } of result.locations) {
        const uri = loc.artifactLocation.uri;
        assert.ok(!/^[a-z]+:/i.test(uri) && !uri.startsWith('/') && !uri.includes('\\'), `relative uri: ${uri}`);
        assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
        const r = loc.region;
        for (const n of [r.startLine, r.startColumn, r.endLine, r.endColumn]) assert.ok(Number.isInteger(n) && n >= 1);
        assert.ok(r.endLine > r.startLine || (r.endLine === r.startLine && r.endColumn >= r.startColumn));
      }
    }
    assert.ok(run.originalUriBaseIds?.['%SRCROOT%']?.uri.endsWith('/'), '%SRCROOT% is defined as a directory');
  }
}
