// The explanation of one cell: the evaluator's own wording (renderExplanation) for both directions,
// with every policy, rule, peer and port entry it cites turned into a link that opens the YAML
// there, plus the "Allow this connection" / "Deny" actions.

import { evaluate } from '../server/src/policy/evaluate';
import { formatPortSet } from '../server/src/policy/portSet';
import { renderExplanation } from '../server/src/policy/render';
import type { PortQuery, SourceRef } from '../server/src/policy/types';
import { endpointById } from '../server/src/reachability/endpoints';
import type { EditAction } from '../server/src/reachability/protocol';
import { cellInfo, type ReachabilityView } from '../server/src/reachability/view';
import { clear, el } from './dom';
import type { CellRef } from './state';

export interface ExplainInput {
  view: ReachabilityView;
  selection: CellRef;
  query?: PortQuery;
  /** The cell's ports when the files were last saved, when they differ from now. */
  savedPorts?: string;
}

export interface ExplainEvents {
  open(source: SourceRef): void;
  propose(action: EditAction, cell: CellRef): void;
  select(cell: CellRef): void;
}

/** Marks a cited source inside the rendered text; U+2063 (invisible separator) never appears in manifests' names. */
const MARK = '\u2063';

function pathText(source: SourceRef): string {
  let out = '';
  for (const seg of source.path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  // A policy as a whole is cited by its document.
  return out || `document ${source.docIndex + 1}`;
}

function fileName(uri: string): string {
  try {
    return decodeURIComponent(uri.split('/').pop() ?? uri);
  } catch {
    return uri;
  }
}

function sourceLink(source: SourceRef, events: ExplainEvents): HTMLButtonElement {
  const where = `${fileName(source.uri)} · ${pathText(source)}`;
  return el('button', {
    className: 'link',
    text: where,
    title: `Open ${source.uri} at ${pathText(source)}`,
    attrs: { type: 'button', 'data-source-path': pathText(source) },
    on: { click: () => events.open(source) },
  });
}

/** A rendered line: text with the cited sources replaced by links. */
function lineWithLinks(line: string, sources: SourceRef[], events: ExplainEvents): (Node | string)[] {
  const parts: (Node | string)[] = [];
  const pattern = new RegExp(` \\[${MARK}(\\d+)${MARK}\\]`, 'g');
  let at = 0;
  for (let m = pattern.exec(line); m; m = pattern.exec(line)) {
    parts.push(line.slice(at, m.index));
    const source = sources[Number(m[1])];
    if (source) parts.push(' ', sourceLink(source, events));
    at = m.index + m[0].length;
  }
  parts.push(line.slice(at));
  return parts;
}

export function renderExplanationPane(container: HTMLElement, input: ExplainInput, events: ExplainEvents): void {
  clear(container);
  const { view, selection, query } = input;
  const from = endpointById(view.world, selection.from);
  const to = endpointById(view.world, selection.to);
  const fromView = view.byId.get(selection.from);
  const toView = view.byId.get(selection.to);
  if (!from || !to || !fromView || !toView) {
    container.appendChild(el('p', { className: 'muted', text: 'The selected connection is no longer in the workspace.' }));
    return;
  }
  const cell = cellInfo(view, fromView, toView, query);
  container.appendChild(
    el('h2', { className: 'explain-title' }, [el('span', { className: 'endpoint', text: from.id }), el('span', { className: 'arrow', text: ' → ' }), el('span', { className: 'endpoint', text: to.id })]),
  );
  if (!cell) {
    container.appendChild(el('p', { className: 'muted', text: 'No NetworkPolicy governs traffic between two external addresses.' }));
    return;
  }
  const verdictText = cell.verdict === 'allowed' ? 'Allowed' : cell.verdict === 'partly' ? 'Partly allowed' : 'Denied';
  container.appendChild(
    el('p', { className: `verdict v-${cell.verdict}`, attrs: { 'data-verdict': cell.verdict } }, [
      el('span', { className: 'verdict-badge', text: verdictText }),
      query ? ` on ${query.port}/${query.protocol}` : '',
      ` · allowed ports: ${cell.text}`,
    ]),
  );
  if (input.savedPorts !== undefined) {
    container.appendChild(el('p', { className: 'changed-note', text: `Changed since the files were last saved: was ${input.savedPorts}, now ${cell.text}.` }));
  }

  const actions = el('div', { className: 'actions' });
  if (cell.verdict !== 'allowed') {
    actions.appendChild(
      el('button', {
        className: 'primary',
        text: query ? `Allow this connection on ${query.port}/${query.protocol}` : 'Allow this connection',
        attrs: { type: 'button', 'data-action': 'allow' },
        on: { click: () => events.propose('allow', selection) },
      }),
    );
  }
  if (cell.verdict !== 'denied') {
    actions.appendChild(el('button', { text: 'Deny', attrs: { type: 'button', 'data-action': 'deny' }, on: { click: () => events.propose('deny', selection) } }));
  }
  if (selection.from !== selection.to) {
    actions.appendChild(
      el('button', { className: 'secondary', text: 'The way back', title: `Explain ${to.id} → ${from.id}`, attrs: { type: 'button' }, on: { click: () => events.select({ from: selection.to, to: selection.from }) } }),
    );
  }
  container.appendChild(actions);

  const sources: SourceRef[] = [];
  const explanation = evaluate(view.world, from, to, query);
  const text = renderExplanation(explanation, {
    locate: (s) => {
      sources.push(s);
      return `${MARK}${sources.length - 1}${MARK}`;
    },
  });
  const body = el('div', { className: 'explain-body' });
  let list: HTMLUListElement | undefined;
  // Line 1 repeats the verdict shown above; the rest is per direction.
  for (const line of text.split('\n').slice(1)) {
    if (line.startsWith('  - ')) {
      if (!list) body.appendChild((list = el('ul')));
      const item = line.slice(4);
      const isMiss = item.startsWith('near miss: ');
      list.appendChild(el('li', { className: isMiss ? 'near-miss' : 'allowance' }, lineWithLinks(isMiss ? item.slice('near miss: '.length) : item, sources, events)));
      if (isMiss) list.lastElementChild?.insertBefore(el('span', { className: 'tag', text: 'near miss' }), list.lastElementChild.firstChild);
      continue;
    }
    list = undefined;
    const title = [`Egress from ${from.id}`, `Ingress to ${to.id}`].find((t) => line.startsWith(`${t}: `));
    if (title) {
      body.appendChild(el('h3', { text: title }));
      body.appendChild(el('p', { className: 'direction' }, lineWithLinks(line.slice(title.length + 2), sources, events)));
    } else {
      body.appendChild(el('p', { className: line.startsWith('Note:') ? 'note' : 'summary' }, lineWithLinks(line, sources, events)));
    }
  }
  container.appendChild(body);
  container.appendChild(el('p', { className: 'muted small', text: `Every allowed port: ${formatPortSet(explanation.ports)}` }));
}
