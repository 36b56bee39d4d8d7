// Shared helpers for rule and quick-fix tests: build an index from inline files, run the checks,
// and read back the exact source text each finding points at.

import assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../../server/src/index/workspaceIndex';
import { findingsForFile, type LocatedFinding } from '../../../server/src/checks/run';
import type { CheckSettings } from '../../../server/src/checks/types';
import { parseYamlDocuments } from '../../../server/src/model/parse';

export const ROOT = 'file:///ws/';

/** Strips the common indentation of a template literal and its first empty line. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines
    .map((l) => l.slice(cut))
    .join('\n')
    .replace(/[ \t]+$/, '');
}

export function uriOf(name: string): string {
  return name.includes(':') ? name : ROOT + name;
}

/** An index of the given files (name → text); names without a scheme go under file:///ws/. */
export function makeIndex(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [name, text] of Object.entries(files)) index.update(uriOf(name), text);
  return index;
}

export function settingsWith(overrides: Partial<CheckSettings> = {}): CheckSettings {
  return { rules: {}, ...overrides };
}

export interface Hit {
  rule: string;
  text: string;
  message: string;
  finding: LocatedFinding;
}

/** The findings of one file with the source text each one covers. */
export function hitsIn(index: WorkspaceIndex, name: string, settings: CheckSettings = settingsWith()): Hit[] {
  const uri = uriOf(name);
  const text = index.getFile(uri)?.text ?? '';
  return findingsForFile(index, uri, settings).map((f) => ({ rule: f.rule, text: text.slice(f.range.start, f.range.end), message: f.message, finding: f }));
}

/** The texts a rule points at in a file. */
export function textsOf(index: WorkspaceIndex, name: string, rule: string, settings?: CheckSettings): string[] {
  return hitsIn(index, name, settings)
    .filter((h) => h.rule === rule)
    .map((h) => h.text);
}

/** Findings of a rule across every file. */
export function ruleHits(index: WorkspaceIndex, rule: string, settings?: CheckSettings): Hit[] {
  const out: Hit[] = [];
  for (const file of index.allFiles()) out.push(...hitsIn(index, file.uri, settings).filter((h) => h.rule === rule));
  return out;
}

export function assertSilent(index: WorkspaceIndex, rule: string, settings?: CheckSettings): void {
  const hits = ruleHits(index, rule, settings);
  assert.deepEqual(
    hits.map((h) => `${h.finding.uri}: ${h.message}`),
    [],
    `${rule} should stay silent`,
  );
}

export function assertYamlClean(text: string): void {
  for (const doc of parseYamlDocuments(text)) {
    assert.deepEqual(
      doc.errors.map((e) => e.message),
      [],
      `edited YAML must parse cleanly:\n${text}`,
    );
  }
}

export function docs(...parts: string[]): string {
  return parts.map((p) => (p.endsWith('\n') ? p : `${p}\n`)).join('---\n');
}

/** A Deployment with one container; ports as [name, port, protocol?]. */
export function deployment(
  name: string,
  labels: Record<string, string>,
  ports: [string | undefined, number, string?][] = [],
  namespace?: string,
  extra = '',
): string {
  const labelLines = Object.entries(labels).map(([k, v]) => `        ${k}: ${v}`);
  const selectorLines = Object.entries(labels).map(([k, v]) => `      ${k}: ${v}`);
  const portLines = ports.flatMap(([n, p, proto]) => [
    `        - containerPort: ${p}`,
    ...(n ? [`          name: ${n}`] : []),
    ...(proto ? [`          protocol: ${proto}`] : []),
  ]);
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    ...(namespace ? [`  namespace: ${namespace}`] : []),
    'spec:',
    '  selector:',
    '    matchLabels:',
    ...selectorLines,
    '  template:',
    '    metadata:',
    '      labels:',
    ...labelLines,
    '    spec:',
    '      containers:',
    `      - name: ${name}`,
    '        image: example/app:1',
    ...(portLines.length ? ['        ports:', ...portLines] : []),
    ...(extra ? [extra] : []),
    '',
  ].join('\n');
}
