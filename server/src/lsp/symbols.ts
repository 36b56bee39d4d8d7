// Outline (document symbols) and workspace symbols: one symbol per Kubernetes resource.

import { LSPErrorCodes, ResponseError, SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver/node';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { isWorkloadKind } from '../model/kinds';
import { resolvePath } from '../model/ranges';
import type { OffsetRange, Resource } from '../model/types';
import { toRange } from './diagnostics';

export const WORKSPACE_SYMBOL_LIMIT = 500;

/** `Service shop/api`; cluster-scoped kinds have no namespace: `Namespace shop`. */
export function resourceLabel(r: Resource): string {
  const name = r.name || '(no name)';
  return r.namespace ? `${r.kind} ${r.namespace}/${name}` : `${r.kind} ${name}`;
}

function symbolKind(kind: string): SymbolKind {
  if (kind === 'Namespace') return SymbolKind.Namespace;
  if (kind === 'Service' || kind === 'EndpointSlice' || kind === 'Endpoints') return SymbolKind.Interface;
  if (kind === 'Ingress' || kind === 'IngressClass' || kind.endsWith('Route') || kind === 'Gateway') return SymbolKind.Event;
  if (kind.endsWith('NetworkPolicy')) return SymbolKind.Struct;
  if (kind === 'ConfigMap' || kind === 'Secret') return SymbolKind.Constant;
  if (isWorkloadKind(kind)) return SymbolKind.Class;
  return SymbolKind.Object;
}

function contains(outer: OffsetRange, inner: OffsetRange): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

export function documentSymbols(index: WorkspaceIndex, uri: string): DocumentSymbol[] {
  const file = index.getFile(uri);
  const lines = index.lineIndex(uri);
  if (!file || !lines || file.resources.length === 0) return [];
  const docs = index.documents(uri);
  return file.resources.map((r) => {
    const doc = docs?.[r.docIndex];
    const resolved = doc ? resolvePath(doc, [...r.basePath, 'metadata', 'name'], 'value') : undefined;
    // The name may come through an alias defined elsewhere: the selection must lie inside the resource.
    const nameRange = resolved?.exact && contains(r.range, resolved.range) ? resolved.range : undefined;
    const symbol: DocumentSymbol = {
      name: resourceLabel(r),
      kind: symbolKind(r.kind),
      range: toRange(r.range, lines),
      selectionRange: toRange(nameRange ?? r.range, lines),
    };
    if (r.apiVersion) symbol.detail = r.apiVersion;
    return symbol;
  });
}

export function workspaceSymbols(index: WorkspaceIndex, query: string, limit = WORKSPACE_SYMBOL_LIMIT): SymbolInformation[] {
  const terms = queryTerms(query);
  const out: SymbolInformation[] = [];
  for (const r of index.allResources()) {
    if (out.length >= limit) break;
    const info = symbolMatching(index, r, terms);
    if (info) out.push(info);
  }
  return out;
}

/** Whether the client has given up on a request (an LSP CancellationToken). */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

/** How long the search runs before letting other messages (a $/cancelRequest among them) through. */
const SEARCH_SLICE_MS = 10;

/**
 * workspaceSymbols for the server: it searches in slices, lets queued messages through between
 * them, and stops with RequestCancelled (-32800) once the client cancels, queued or running.
 */
export async function searchWorkspaceSymbols(
  index: WorkspaceIndex,
  query: string,
  token: Cancellation,
  limit = WORKSPACE_SYMBOL_LIMIT,
  sliceMs = SEARCH_SLICE_MS,
): Promise<SymbolInformation[]> {
  const cancelled = (): ResponseError<void> => new ResponseError(LSPErrorCodes.RequestCancelled, 'Workspace symbol search cancelled');
  if (token.isCancellationRequested) throw cancelled();
  const terms = queryTerms(query);
  const out: SymbolInformation[] = [];
  const resources = index.allResources();
  let sliceStart = Date.now();
  for (let i = 0; i < resources.length && out.length < limit; i++) {
    if (i % 256 === 0 && i > 0 && Date.now() - sliceStart >= sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      if (token.isCancellationRequested) throw cancelled();
      sliceStart = Date.now();
    }
    const info = symbolMatching(index, resources[i]!, terms);
    if (info) out.push(info);
  }
  return out;
}

/** Every word of the query must appear: `shop api` finds `Service shop/api`. */
function queryTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

function symbolMatching(index: WorkspaceIndex, r: Resource, terms: readonly string[]): SymbolInformation | undefined {
  const label = resourceLabel(r);
  const haystack = label.toLowerCase();
  if (!terms.every((t) => haystack.includes(t))) return undefined;
  const lines = index.lineIndex(r.uri);
  if (!lines) return undefined;
  const info: SymbolInformation = { name: label, kind: symbolKind(r.kind), location: { uri: r.uri, range: toRange(r.range, lines) } };
  if (r.namespace) info.containerName = r.namespace;
  return info;
}
