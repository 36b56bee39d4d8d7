// Checks that a message crossing the webview boundary has the protocol's shape. Each side validates
// what it receives; anything else is dropped with the reason (for the log), never acted upon.

import type { JsonPath, Resource } from '../model/types';
import type { NamespaceLabels, PortQuery, SourceRef, WorkloadPort } from '../policy/types';
import type { EditAction, ExportFormat, HostToPanel, PanelModel, PanelToHost, PanelWorkload, PanelWorldInput } from './protocol';

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** Thrown inside the checkers with the path of the offending field; caught at the top. */
class ShapeError extends Error {}

type Json = Record<string, unknown>;

const MAX_ID = 1024;
const MAX_URI = 8192;
const MAX_PATH_DEPTH = 64;
/** Exports are text the panel produced; the largest matrix (CSV of 300×300 cells) is a few MB. */
export const MAX_EXPORT_CHARS = 50_000_000;

const PROTOCOLS = new Set(['TCP', 'UDP', 'SCTP']);
const EDIT_ACTIONS = new Set<EditAction>(['allow', 'deny']);
const EXPORT_FORMATS = new Set<ExportFormat>(['csv', 'markdown', 'svg', 'mermaid']);

function fail(at: string, what: string): never {
  throw new ShapeError(`${at}: ${what}`);
}

function obj(v: unknown, at: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(at, 'expected an object');
  return v as Json;
}

function str(v: unknown, at: string, max = MAX_ID): string {
  if (typeof v !== 'string') fail(at, 'expected a string');
  if (v.length > max) fail(at, `longer than ${max} characters`);
  return v;
}

function bool(v: unknown, at: string): boolean {
  if (typeof v !== 'boolean') fail(at, 'expected true or false');
  return v;
}

function int(v: unknown, at: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(at, `expected an integer from ${min} to ${max}`);
  return v;
}

function arr(v: unknown, at: string): unknown[] {
  if (!Array.isArray(v)) fail(at, 'expected a list');
  return v;
}

function stringRecord(v: unknown, at: string): Record<string, string> {
  const o = obj(v, at);
  for (const [k, val] of Object.entries(o)) str(val, `${at}.${k}`, MAX_URI);
  return o as Record<string, string>;
}

function jsonPath(v: unknown, at: string): JsonPath {
  const list = arr(v, at);
  if (list.length > MAX_PATH_DEPTH) fail(at, 'path too deep');
  list.forEach((seg, i) => {
    if (typeof seg === 'number') int(seg, `${at}[${i}]`);
    else str(seg, `${at}[${i}]`);
  });
  return list as JsonPath;
}

export function checkSourceRef(v: unknown, at = 'source'): SourceRef {
  const o = obj(v, at);
  return { uri: str(o['uri'], `${at}.uri`, MAX_URI), docIndex: int(o['docIndex'], `${at}.docIndex`), path: jsonPath(o['path'], `${at}.path`) };
}

function portQuery(v: unknown, at: string): PortQuery {
  const o = obj(v, at);
  const protocol = str(o['protocol'], `${at}.protocol`);
  if (!PROTOCOLS.has(protocol)) fail(`${at}.protocol`, 'expected TCP, UDP or SCTP');
  return { port: int(o['port'], `${at}.port`, 1, 65535), protocol: protocol as PortQuery['protocol'] };
}

function workloadPort(v: unknown, at: string): WorkloadPort {
  const o = obj(v, at);
  const protocol = str(o['protocol'], `${at}.protocol`);
  if (!PROTOCOLS.has(protocol)) fail(`${at}.protocol`, 'expected TCP, UDP or SCTP');
  if (o['name'] !== undefined) str(o['name'], `${at}.name`);
  // Container ports outside 1..65535 are a manifest mistake, not a protocol error: keep the number.
  if (typeof o['port'] !== 'number' || !Number.isFinite(o['port'])) fail(`${at}.port`, 'expected a number');
  return o as unknown as WorkloadPort;
}

function workload(v: unknown, at: string): PanelWorkload {
  const o = obj(v, at);
  str(o['namespace'], `${at}.namespace`);
  str(o['kind'], `${at}.kind`);
  str(o['name'], `${at}.name`);
  stringRecord(o['labels'], `${at}.labels`);
  arr(o['ports'], `${at}.ports`).forEach((p, i) => workloadPort(p, `${at}.ports[${i}]`));
  bool(o['hostNetwork'], `${at}.hostNetwork`);
  checkSourceRef(o['source'], `${at}.source`);
  return o as unknown as PanelWorkload;
}

function namespaceLabels(v: unknown, at: string): NamespaceLabels {
  const o = obj(v, at);
  str(o['name'], `${at}.name`);
  stringRecord(o['labels'], `${at}.labels`);
  return o as unknown as NamespaceLabels;
}

function policyResource(v: unknown, at: string): Resource {
  const o = obj(v, at);
  str(o['uri'], `${at}.uri`, MAX_URI);
  int(o['docIndex'], `${at}.docIndex`);
  jsonPath(o['basePath'], `${at}.basePath`);
  for (const k of ['apiVersion', 'kind', 'name', 'namespace']) str(o[k], `${at}.${k}`);
  bool(o['namespaceExplicit'], `${at}.namespaceExplicit`);
  stringRecord(o['labels'], `${at}.labels`);
  stringRecord(o['annotations'], `${at}.annotations`);
  // The manifest's own JSON: any shape; the evaluator reads it defensively.
  obj(o['value'], `${at}.value`);
  const range = obj(o['range'], `${at}.range`);
  int(range['start'], `${at}.range.start`);
  int(range['end'], `${at}.range.end`);
  return o as unknown as Resource;
}

function worldInput(v: unknown, at: string): PanelWorldInput {
  const o = obj(v, at);
  arr(o['workloads'], `${at}.workloads`).forEach((w, i) => workload(w, `${at}.workloads[${i}]`));
  arr(o['namespaces'], `${at}.namespaces`).forEach((n, i) => namespaceLabels(n, `${at}.namespaces[${i}]`));
  arr(o['policies'], `${at}.policies`).forEach((p, i) => policyResource(p, `${at}.policies[${i}]`));
  return o as unknown as PanelWorldInput;
}

export function checkPanelModel(v: unknown, at = 'model'): PanelModel {
  const o = obj(v, at);
  int(o['generation'], `${at}.generation`);
  worldInput(o['current'], `${at}.current`);
  str(o['currentKey'], `${at}.currentKey`);
  if (o['saved'] !== null) worldInput(o['saved'], `${at}.saved`);
  str(o['savedKey'], `${at}.savedKey`);
  arr(o['unsavedFiles'], `${at}.unsavedFiles`).forEach((f, i) => str(f, `${at}.unsavedFiles[${i}]`, MAX_URI));
  return o as unknown as PanelModel;
}

function checked<T>(run: () => T): Checked<T> {
  try {
    return { ok: true, value: run() };
  } catch (e) {
    if (e instanceof ShapeError) return { ok: false, error: e.message };
    throw e;
  }
}

/** A message the webview posted to the extension host. */
export function checkPanelToHost(raw: unknown): Checked<PanelToHost> {
  return checked((): PanelToHost => {
    const o = obj(raw, 'message');
    const type = o['type'];
    switch (type) {
      case 'ready':
        return { type };
      case 'openSource':
        return { type, source: checkSourceRef(o['source'], 'message.source') };
      case 'proposeEdit': {
        const action = str(o['action'], 'message.action');
        if (!EDIT_ACTIONS.has(action as EditAction)) fail('message.action', 'expected "allow" or "deny"');
        const port = o['port'] === undefined ? undefined : portQuery(o['port'], 'message.port');
        return {
          type,
          action: action as EditAction,
          from: str(o['from'], 'message.from'),
          to: str(o['to'], 'message.to'),
          ...(port ? { port } : {}),
        };
      }
      case 'export': {
        const format = str(o['format'], 'message.format');
        if (!EXPORT_FORMATS.has(format as ExportFormat)) fail('message.format', 'expected csv, markdown, svg or mermaid');
        return { type, format: format as ExportFormat, content: str(o['content'], 'message.content', MAX_EXPORT_CHARS) };
      }
      default:
        return fail('message.type', `unknown message type ${JSON.stringify(type)}`);
    }
  });
}

/** A message the extension host posted to the webview. */
export function checkHostToPanel(raw: unknown): Checked<HostToPanel> {
  return checked((): HostToPanel => {
    const o = obj(raw, 'message');
    const type = o['type'];
    switch (type) {
      case 'model': {
        const model = checkPanelModel(o['model'], 'message.model');
        const savedUnchanged = o['savedUnchanged'] === undefined ? false : bool(o['savedUnchanged'], 'message.savedUnchanged');
        return savedUnchanged ? { type, model, savedUnchanged } : { type, model };
      }
      case 'focus':
        return { type, endpoint: str(o['endpoint'], 'message.endpoint') };
      case 'editResult':
        return { type, ok: bool(o['ok'], 'message.ok'), message: str(o['message'], 'message.message', MAX_URI) };
      case 'status':
        return { type, text: str(o['text'], 'message.text', MAX_URI) };
      default:
        return fail('message.type', `unknown message type ${JSON.stringify(type)}`);
    }
  });
}
