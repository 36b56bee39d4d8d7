// The custom requests behind the reachability panel: the model (current and saved state), source
// locations for the explanation's links, and "Allow"/"Deny" edit proposals. While a panel is open
// (it subscribes), index changes are announced with a debounced notification.

import type { Connection } from 'vscode-languageserver/node';
import { parseFile } from '../model/parse';
import type { PodTemplate } from '../model/types';
import { podTemplateOf } from '../model/workloads';
import { readText } from '../node/workspaceFiles';
import type { SourceRef } from '../policy/types';
import { inputFingerprint } from '../reachability/fingerprint';
import { proposeEdit } from '../reachability/proposals';
import {
  ReachabilityChangedMethod,
  ReachabilityLocateMethod,
  ReachabilityModelMethod,
  ReachabilityProposeEditMethod,
  ReachabilitySubscribeMethod,
  type EditProposal,
  type LocateResult,
  type PanelModel,
  type ProposeEditParams,
  type ReachabilityChangedParams,
} from '../reachability/protocol';
import { checkPanelToHost, checkSourceRef } from '../reachability/validate';
import { panelWorldInput, type FileResources } from '../reachability/worldInput';
import type { Logger, ServerState } from './state';
import { fsPathOf } from './uris';

/** How long the index must stay unchanged before the panel is told (typing produces bursts). */
const QUIET_MS = 150;
/** …but a long burst is announced at least this often, so the panel follows the typing. */
const MAX_WAIT_MS = 600;
const POLL_MS = 50;

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function templatesOf(resources: FileResources['resources']): PodTemplate[] {
  return resources.map(podTemplateOf).filter((t): t is PodTemplate => t !== undefined);
}

/** The panel's model: the index as it is, and (when open buffers differ from their files) as saved. */
export async function reachabilityModel(state: ServerState): Promise<PanelModel> {
  const index = state.index;
  const generation = index.generation;
  const current = panelWorldInput(index.allFiles());
  const replaced = new Map<string, FileResources>();
  for (const uri of state.open.keys()) {
    const file = index.getFile(uri);
    if (!file || file.status === 'skipped') continue;
    const fsPath = fsPathOf(uri);
    const read = fsPath === undefined ? undefined : await readText(fsPath);
    // The editor drops a byte order mark; the file on disk may have one.
    const disk = read && 'text' in read ? read.text.replace(/^\uFEFF/, '') : undefined;
    if (disk === file.text) continue;
    if (disk === undefined) {
      // Never saved (untitled, or deleted on disk): it is not part of the saved state.
      replaced.set(uri, { resources: [], templates: [] });
      continue;
    }
    const settings = await state.settingsFor(uri);
    const parsed = parseFile(uri, disk, { defaultNamespace: settings.defaultNamespace });
    replaced.set(uri, { resources: parsed.resources, templates: templatesOf(parsed.resources) });
  }
  const saved =
    replaced.size === 0
      ? null
      : panelWorldInput([...index.allFiles()].map((f) => replaced.get(f.uri) ?? f));
  return {
    generation,
    current,
    currentKey: inputFingerprint(current),
    saved,
    savedKey: saved ? inputFingerprint(saved) : '',
    unsavedFiles: [...replaced.keys()],
  };
}

/** Where a source reference is, as an LSP range in the file the index holds. */
export function locateSource(state: ServerState, source: SourceRef): LocateResult | null {
  const index = state.index;
  if (!index.getFile(source.uri)) return null;
  const range = index.rangeOf({ rule: '', severity: 'info', message: '', uri: source.uri, docIndex: source.docIndex, path: source.path, target: 'entry' });
  const lines = index.lineIndex(source.uri);
  if (!lines) return null;
  return { uri: state.open.get(source.uri) ?? source.uri, range: { start: lines.positionAt(range.start), end: lines.positionAt(range.end) } };
}

/** An edit proposal with LSP ranges and the document versions its offsets refer to. */
export async function proposeReachabilityEdit(state: ServerState, params: ProposeEditParams): Promise<EditProposal> {
  const index = state.index;
  const files = [...index.allFiles()].map((f) => ({ uri: f.uri, text: f.text, resources: f.resources, templates: f.templates }));
  const firstUri = files[0]?.uri;
  const settings = await state.settingsFor(firstUri ?? '');
  const proposal = proposeEdit({ files, parseOptions: { defaultNamespace: settings.defaultNamespace } }, params);
  if (!proposal.ok) return proposal;
  return {
    ...proposal,
    edits: proposal.edits.map((e) => {
      const lines = index.lineIndex(e.uri);
      const file = index.getFile(e.uri);
      return {
        ...e,
        uri: state.open.get(e.uri) ?? e.uri,
        ...(lines ? { range: { start: lines.positionAt(e.start), end: lines.positionAt(e.end) } } : {}),
        version: state.open.has(e.uri) ? (file?.version ?? null) : null,
      };
    }),
  };
}

/** Announces index changes to a subscribed client: after a quiet spell, or at most MAX_WAIT_MS late. */
class ChangeAnnouncer {
  private timer: NodeJS.Timeout | undefined;
  private announced = -1;
  private seen = -1;
  private quietSince = 0;
  private pendingSince = 0;

  constructor(
    private readonly state: ServerState,
    private readonly notify: (params: ReachabilityChangedParams) => void,
  ) {}

  set subscribed(on: boolean) {
    if (on && !this.timer) {
      this.announced = this.seen = this.state.index.generation;
      this.timer = setInterval(() => this.tick(), POLL_MS);
    } else if (!on && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private tick(): void {
    const generation = this.state.index.generation;
    const now = Date.now();
    if (generation !== this.seen) {
      if (this.seen === this.announced) this.pendingSince = now;
      this.seen = generation;
      this.quietSince = now;
    }
    if (this.seen === this.announced) return;
    if (now - this.quietSince >= QUIET_MS || now - this.pendingSince >= MAX_WAIT_MS) {
      this.announced = this.seen;
      this.notify({ generation: this.seen });
    }
  }

  dispose(): void {
    this.subscribed = false;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Registers the panel's requests on the connection. Call once, before `connection.listen()`. */
export function registerReachability(connection: Connection, state: ServerState, log: Logger): { dispose(): void } {
  const announcer = new ChangeAnnouncer(state, (params) => void connection.sendNotification(ReachabilityChangedMethod, params));

  connection.onRequest(ReachabilityModelMethod, async () => {
    try {
      return await reachabilityModel(state);
    } catch (e) {
      log.error(`Reachability model failed: ${errorText(e)}`);
      throw e;
    }
  });

  connection.onNotification(ReachabilitySubscribeMethod, (params: unknown) => {
    announcer.subscribed = isRecord(params) && params['subscribed'] === true;
  });

  connection.onRequest(ReachabilityLocateMethod, (params: unknown) => {
    try {
      const source = checkSourceRef(isRecord(params) ? params['source'] : undefined);
      return locateSource(state, source);
    } catch (e) {
      log.warn(`Reachability locate: ${errorText(e)}`);
      return null;
    }
  });

  connection.onRequest(ReachabilityProposeEditMethod, async (params: unknown): Promise<EditProposal> => {
    // Same shape as the panel's message, so one validator checks both.
    const checked = checkPanelToHost({ ...(isRecord(params) ? params : {}), type: 'proposeEdit' });
    if (!checked.ok || checked.value.type !== 'proposeEdit') return { ok: false, reason: `Invalid request: ${checked.ok ? 'wrong type' : checked.error}` };
    const { action, from, to, port } = checked.value;
    try {
      return await proposeReachabilityEdit(state, { action, from, to, ...(port ? { port } : {}) });
    } catch (e) {
      log.error(`Reachability edit proposal failed: ${errorText(e)}`);
      return { ok: false, reason: `The edit could not be computed: ${errorText(e)}` };
    }
  });

  return announcer;
}
