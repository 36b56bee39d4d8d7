// Outline (document symbols) and workspace symbols: one symbol per Kubernetes resource.

import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver/node';
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
  // Every word of the query must appear: `shop api` finds `Service shop/api`.
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  const out: SymbolInformation[] = [];
  for (const r of index.allResources()) {
    if (out.length >= limit) break;
    const label = resourceLabel(r);
    const haystack = label.toLowerCase();
    if (!terms.every((t) => haystack.includes(t))) continue;
    const lines = index.lineIndex(r.uri);
    if (!lines) continue;
    const info: SymbolInformation = { name: label, kind: symbolKind(r.kind), location: { uri: r.uri, range: toRange(r.range, lines) } };
    if (r.namespace) info.containerName = r.namespace;
    out.push(info);
  }
  return out;
}
