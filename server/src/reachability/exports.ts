// Exports of what the panel shows: the filtered matrix as CSV, Markdown and Mermaid (CSV and Mermaid
// through the evaluator's own formatters, on a matrix cut down to the shown rows and columns).

import { formatMatrixCsv, formatMatrixMermaid } from '../policy/matrixFormat';
import type { PolicyMatrix } from '../policy/matrix';
import type { PortQuery } from '../policy/types';
import { cellInfo, type EndpointView, type ReachabilityView } from './view';

/** The view's matrix restricted to rows × cols (other pairs become "not applicable"). */
export function shownMatrix(view: ReachabilityView, rows: readonly EndpointView[], cols: readonly EndpointView[]): PolicyMatrix {
  const members = [...new Set([...rows, ...cols])].sort((a, b) => view.endpoints.indexOf(a) - view.endpoints.indexOf(b));
  const position = new Map(members.map((e, i) => [e, i]));
  const cells = members.map(() => new Array<number>(members.length).fill(-1));
  for (const from of rows) {
    for (const to of cols) cells[position.get(from)!]![position.get(to)!] = view.matrix.cells[from.index]![to.index]!;
  }
  const partial = view.matrix.partial
    .map((p) => {
      const from = members.findIndex((e) => e.index === p.from);
      const to = members.findIndex((e) => e.index === p.to);
      return from >= 0 && to >= 0 && cells[from]![to]! >= 0 ? { from, to, everywhere: p.everywhere } : undefined;
    })
    .filter((p): p is PolicyMatrix['partial'][number] => p !== undefined);
  return {
    endpoints: members.map((e) => view.matrix.endpoints[e.index]!),
    portSets: view.matrix.portSets,
    cells,
    partial,
    errors: [],
  };
}

export function matrixCsv(view: ReachabilityView, rows: readonly EndpointView[], cols: readonly EndpointView[]): string {
  return formatMatrixCsv(shownMatrix(view, rows, cols));
}

export function matrixMermaid(view: ReachabilityView, rows: readonly EndpointView[], cols: readonly EndpointView[]): string {
  return formatMatrixMermaid(shownMatrix(view, rows, cols));
}

/** Markdown table cells: pipes and backslashes escaped, line breaks flattened. */
function mdCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

/** A Markdown table: one row per source, one column per destination, allowed ports in the cells. */
export function matrixMarkdown(view: ReachabilityView, rows: readonly EndpointView[], cols: readonly EndpointView[], query?: PortQuery): string {
  const head = ['from \\ to', ...cols.map((c) => c.id)];
  const lines = [`| ${head.map(mdCell).join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`];
  for (const from of rows) {
    const cells = cols.map((to) => {
      const cell = cellInfo(view, from, to, query);
      if (!cell) return '';
      if (query) return cell.verdict === 'denied' ? '-' : `${query.port}/${query.protocol}`;
      return cell.verdict === 'denied' ? '-' : cell.text;
    });
    lines.push(`| ${[from.id, ...cells].map(mdCell).join(' | ')} |`);
  }
  const note = query
    ? `Rows are sources, columns destinations; cells say whether ${query.port}/${query.protocol} is allowed.`
    : 'Rows are sources, columns destinations; cells list the allowed ports ("-": none; "*": only some addresses of the range).';
  return `${lines.join('\n')}\n\n${note}\n`;
}
