// Renderings of a reachability matrix: text table, JSON, CSV, Graphviz dot and Mermaid.
// Pure string building, shared by the CLI and the reachability panel.

import { formatPortSet, isEmpty, portSetEntries } from './portSet';
import type { MatrixEndpointSummary, PolicyMatrix } from './matrix';

function label(e: MatrixEndpointSummary): string {
  return e.type === 'external' && e.range && e.range !== e.id ? `${e.id} (${e.range})` : e.id;
}

function partialIndex(m: PolicyMatrix): Map<string, number> {
  return new Map(m.partial.map((p) => [`${p.from},${p.to}`, p.everywhere]));
}

/** Non-applicable cells are empty, empty sets "-", and cells that only some addresses of a range get are starred. */
function cellText(m: PolicyMatrix, i: number, j: number, partial: Map<string, number>): string {
  const id = m.cells[i]![j]!;
  if (id < 0) return '';
  const set = m.portSets[id]!;
  const text = isEmpty(set) ? '-' : formatPortSet(set);
  return partial.has(`${i},${j}`) ? `${text}*` : text;
}

export function formatMatrixTable(m: PolicyMatrix): string {
  const n = m.endpoints.length;
  if (n === 0) return 'No workloads found.\n';
  const partial = partialIndex(m);
  const rowHeads = m.endpoints.map((e, i) => `[${i + 1}] ${label(e)}`);
  const header = ['from \\ to', ...m.endpoints.map((_, j) => `[${j + 1}]`)];
  const rows = m.endpoints.map((_, i) => [rowHeads[i]!, ...m.endpoints.map((__, j) => cellText(m, i, j, partial))]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((c, k) => c.padEnd(widths[k]!)).join('  ').trimEnd();
  const out = [line(header), ...rows.map(line), ''];
  out.push('Rows are sources, columns destinations. "-": no connection; "all": every port of TCP, UDP and SCTP.');
  if (m.partial.length > 0) out.push('*: only some addresses of the range get these ports.');
  return `${out.join('\n')}\n`;
}

export function formatMatrixJson(m: PolicyMatrix): string {
  const partial = partialIndex(m);
  const connections: unknown[] = [];
  m.cells.forEach((row, i) =>
    row.forEach((id, j) => {
      if (id < 0 || isEmpty(m.portSets[id]!)) return;
      const set = m.portSets[id]!;
      const everywhere = partial.get(`${i},${j}`);
      connections.push({
        from: m.endpoints[i]!.id,
        to: m.endpoints[j]!.id,
        ports: formatPortSet(set),
        // The same flat form as `reach --format json`: [{protocol, port, endPort?}].
        portSet: portSetEntries(set),
        ...(everywhere !== undefined ? { everyAddress: formatPortSet(m.portSets[everywhere]!) } : {}),
      });
    }),
  );
  return `${JSON.stringify({ endpoints: m.endpoints, connections }, null, 2)}\n`;
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function formatMatrixCsv(m: PolicyMatrix): string {
  const lines = ['from,to,ports'];
  m.cells.forEach((row, i) =>
    row.forEach((id, j) => {
      if (id < 0 || isEmpty(m.portSets[id]!)) return;
      lines.push([m.endpoints[i]!.id, m.endpoints[j]!.id, formatPortSet(m.portSets[id]!)].map(csvField).join(','));
    }),
  );
  return `${lines.join('\r\n')}\r\n`;
}

function dotString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function groupByNamespace(m: PolicyMatrix): { namespaces: Map<string, number[]>; external: number[] } {
  const namespaces = new Map<string, number[]>();
  const external: number[] = [];
  m.endpoints.forEach((e, i) => {
    if (e.type === 'external' || e.namespace === undefined) {
      external.push(i);
      return;
    }
    const list = namespaces.get(e.namespace);
    if (list) list.push(i);
    else namespaces.set(e.namespace, [i]);
  });
  return { namespaces, external };
}

function shortName(e: MatrixEndpointSummary): string {
  return e.type === 'workload' ? `${e.name} (${e.kind})` : label(e);
}

/** Graph edges; a workload's traffic to itself (between its own pods) is left out of drawings. */
function edges(m: PolicyMatrix): { from: number; to: number; text: string }[] {
  const partial = partialIndex(m);
  const out: { from: number; to: number; text: string }[] = [];
  m.cells.forEach((row, i) =>
    row.forEach((id, j) => {
      if (i !== j && id >= 0 && !isEmpty(m.portSets[id]!)) out.push({ from: i, to: j, text: cellText(m, i, j, partial) });
    }),
  );
  return out;
}

export function formatMatrixDot(m: PolicyMatrix): string {
  const { namespaces, external } = groupByNamespace(m);
  const out = ['digraph reachability {', '  rankdir=LR;', '  node [shape=box, style=rounded];'];
  for (const [ns, members] of namespaces) {
    out.push(`  subgraph ${dotString(`cluster_${ns}`)} {`, `    label=${dotString(ns)};`);
    for (const i of members) out.push(`    n${i} [label=${dotString(shortName(m.endpoints[i]!))}];`);
    out.push('  }');
  }
  for (const i of external) out.push(`  n${i} [label=${dotString(shortName(m.endpoints[i]!))}, shape=ellipse, style=dashed];`);
  for (const e of edges(m)) out.push(`  n${e.from} -> n${e.to} [label=${dotString(e.text)}];`);
  out.push('}');
  return `${out.join('\n')}\n`;
}

/** Mermaid labels are quoted; a double quote inside is written as an entity. */
function mermaidText(s: string): string {
  return `"${s.replace(/"/g, '#quot;')}"`;
}

export function formatMatrixMermaid(m: PolicyMatrix): string {
  const { namespaces, external } = groupByNamespace(m);
  const out = ['flowchart LR'];
  let k = 0;
  for (const [ns, members] of namespaces) {
    out.push(`  subgraph ns${k++}[${mermaidText(ns)}]`);
    for (const i of members) out.push(`    n${i}[${mermaidText(shortName(m.endpoints[i]!))}]`);
    out.push('  end');
  }
  for (const i of external) out.push(`  n${i}((${mermaidText(shortName(m.endpoints[i]!))}))`);
  for (const e of edges(m)) out.push(`  n${e.from} -->|${mermaidText(e.text)}| n${e.to}`);
  return `${out.join('\n')}\n`;
}
