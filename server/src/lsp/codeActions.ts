// textDocument/codeAction: the rule catalog's quick fixes for the kube-netlens diagnostics in the
// request, the "default-deny NetworkPolicy" source action and "fix all" for a file. Every edit is
// computed on the text the index holds right after the buffer's pending changes are applied, and
// carries that text's version: a client applies it to that version or not at all.

import {
  CodeActionKind,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type ServerCapabilities,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { computeFixes, computeSourceActions, type FixProposal, type TextEdit } from '../checks/fixes';
import { findingsForFile, type LocatedFinding } from '../checks/run';
import { findingFor, fixRequestOf, isRuleDiagnostic } from './diagnosticFindings';
import { captureTarget, stillOnDisk, type EditTarget } from './editTargets';
import { fixAllEdits } from './fixAll';
import type { ServerState } from './state';
import { canonicalUri } from './uris';
import { editSupportOf, workspaceEditOf, type EditSupport } from './versionedEdits';

/** "Fix all kube-netlens problems": usable in `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.kube-netlens`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, CodeActionKind.Source, FIX_ALL_KIND];

/** How long a request waits for an edit that is being applied to the index (then it answers with what it has). */
const SETTLE_TRIES = 40;
const SETTLE_STEP_MS = 25;

export interface CodeActionDeps {
  state: ServerState;
  documents: TextDocuments<TextDocument>;
  /** Applies a pending buffer edit of a file to the index before a request about it. */
  flush(uri: string): Promise<void>;
}

/** A fix before its edits are turned into a workspace edit. */
interface Planned {
  title: string;
  kind: string;
  isPreferred?: boolean;
  diagnostics?: Diagnostic[];
  edits: readonly TextEdit[];
}

/** LSP kind matching: 'source' asks for 'source.fixAll.kube-netlens' too. */
function wanted(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => o === '' || kind === o || kind.startsWith(`${o}.`));
}

/** Fix-all reads every finding of the file: computed only when asked for by kind (a code-action menu or on save). */
function explicitlyWanted(only: readonly string[] | undefined, kind: string): boolean {
  return only !== undefined && wanted(only, kind);
}

function planned(p: FixProposal, diagnostics?: Diagnostic[]): Planned {
  return {
    title: p.title,
    kind: p.kind === 'source' ? CodeActionKind.Source : CodeActionKind.QuickFix,
    ...(p.isPreferred ? { isPreferred: true } : {}),
    ...(diagnostics ? { diagnostics } : {}),
    edits: p.edits,
  };
}

export function registerCodeActions(connection: Connection, params: InitializeParams, deps: CodeActionDeps): ServerCapabilities {
  const caps = params.capabilities;
  // Without literal support a client expects bare commands; every fix here is an edit.
  if (!caps.textDocument?.codeAction?.codeActionLiteralSupport) return {};
  const support = editSupportOf(caps);
  const log = (e: unknown): void => connection.console.error(`codeAction failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  const actions = new CodeActions(deps, support);
  connection.onCodeAction(async (p, token) => {
    try {
      return await actions.answer(p, token);
    } catch (e) {
      log(e);
      return [];
    }
  });
  return { codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false } };
}

class CodeActions {
  constructor(
    private readonly deps: CodeActionDeps,
    private readonly support: EditSupport,
  ) {}

  async answer(p: CodeActionParams, token: CancellationToken): Promise<CodeAction[]> {
    const { state } = this.deps;
    const uri = canonicalUri(p.textDocument.uri);
    const settings = (await state.settingsFor(uri)).check;
    if (!(await this.settle(uri)) || token.isCancellationRequested) return [];
    const file = state.index.getFile(uri);
    if (!file || file.status !== 'kubernetes') return [];

    // From here to the capture of the targets nothing awaits: the index cannot change in between.
    const only = p.context.only;
    const plans: Planned[] = [];
    const ours = wanted(only, CodeActionKind.QuickFix) ? p.context.diagnostics.filter(isRuleDiagnostic) : [];
    const needFindings = ours.length > 0 || explicitlyWanted(only, FIX_ALL_KIND);
    const findings: LocatedFinding[] = needFindings ? findingsForFile(state.index, uri, settings) : [];
    const lines = state.index.lineIndex(uri);
    if (!lines) return [];
    for (const d of ours) {
      if (token.isCancellationRequested) return [];
      const finding = findingFor(d, findings, lines);
      if (finding) plans.push(...computeFixes(state.index, fixRequestOf(finding), settings).map((f) => planned(f, [d])));
    }
    if (wanted(only, CodeActionKind.Source)) {
      plans.push(...computeSourceActions(state.index, uri, lines.offsetAt(p.range.start)).map((f) => planned(f)));
    }
    if (explicitlyWanted(only, FIX_ALL_KIND)) {
      const edits = fixAllEdits(state.index, uri, findings, settings, () => token.isCancellationRequested);
      if (edits.length > 0) plans.push({ title: 'Fix all auto-fixable kube-netlens problems in this file', kind: FIX_ALL_KIND, edits });
    }
    const targets = new Map<string, EditTarget>();
    for (const plan of plans) for (const e of plan.edits) if (!targets.has(e.uri)) targets.set(e.uri, captureTarget(state, e.uri));

    const usable = await this.usableTargets(targets);
    if (token.isCancellationRequested) return [];
    return plans.flatMap((plan): CodeAction[] => {
      if (plan.edits.some((e) => !usable.has(e.uri))) return [];
      const edit = workspaceEditOf(plan.edits, targets, this.support);
      if (!edit) return [];
      return [{ title: plan.title, kind: plan.kind, ...(plan.diagnostics ? { diagnostics: plan.diagnostics } : {}), ...(plan.isPreferred ? { isPreferred: true } : {}), edit }];
    });
  }

  /**
   * Targets an edit may still be applied to. An open buffer must still be at the captured version:
   * a client with document changes would refuse a stale edit anyway, but one without them would
   * misapply it, so none is sent. Closed files are checked against the disk.
   */
  private async usableTargets(targets: ReadonlyMap<string, EditTarget>): Promise<Set<string>> {
    const usable = new Set<string>();
    for (const [uri, target] of targets) {
      if (target.kind === 'open') {
        const current = this.deps.documents.get(target.clientUri);
        if (current?.version === target.version) usable.add(uri);
      } else if (await stillOnDisk(target)) usable.add(uri);
    }
    return usable;
  }

  /**
   * Applies the buffer's pending edit to the index and waits (boundedly) for an update already on
   * its way, so fixes are computed on the text the editor shows. False when it did not catch up.
   */
  private async settle(uri: string): Promise<boolean> {
    const { state, documents } = this.deps;
    for (let i = 0; i < SETTLE_TRIES; i++) {
      await this.deps.flush(uri);
      const clientUri = state.open.get(uri);
      const doc = clientUri === undefined ? undefined : documents.get(clientUri);
      const file = state.index.getFile(uri);
      // Closed (disk content), not indexed, or skipped: nothing to wait for.
      if (!doc || !file || file.status === 'skipped' || file.version === doc.version) return true;
      await new Promise((resolve) => setTimeout(resolve, SETTLE_STEP_MS));
    }
    return false;
  }
}
