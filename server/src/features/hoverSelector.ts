// Hover on a label selector: what it selects (workloads or namespaces), or why it selects nothing.

import type { NamespaceInfo, WorkspaceIndex } from '../index/workspaceIndex';
import type { PodTemplate } from '../model/types';
import { formatSelector, isEmptySelector } from '../model/selectors';
import { selectorFailures } from '../policy';
import { bullets, code, inline, plural, resourceLink } from './markdown';
import { describeFailures, nearestTemplates } from './nearest';
import { namespacesOfSite, templatesOfSite, type SelectorSite } from './selection';
import { displayName, templateOfResource } from './locate';

const ROLE_TITLE: Record<SelectorSite['role'], string> = {
  service: 'Service selector',
  workload: 'Workload selector',
  policy: 'NetworkPolicy podSelector (the pods this policy applies to)',
  'peer-pods': 'Peer podSelector',
  'peer-namespaces': 'Peer namespaceSelector',
};

export function selectorHover(index: WorkspaceIndex, site: SelectorSite): string {
  const lines = [`**${ROLE_TITLE[site.role]}** ${code(formatSelector(site.selector))}`, ''];
  if (site.role === 'peer-namespaces') lines.push(...namespaceLines(index, site), '');
  else lines.push(`${scopeText(index, site)}`, '');
  const templates = templatesOfSite(index, site);
  if (site.role === 'service' && isEmptySelector(site.selector)) {
    lines.push('An empty Service selector selects **no pods**: the Service gets no endpoints from the cluster.');
    return lines.join('\n');
  }
  if (templates.length > 0) {
    lines.push(`Selects **${plural(templates.length, 'workload')}** (${plural(podCount(templates), 'pod')}):`, ...bullets(templates.map((t) => workloadLine(index, t))));
    lines.push(...ownTemplateWarning(index, site, templates));
  } else {
    lines.push(...noMatchLines(index, site));
  }
  return lines.join('\n');
}

export function podCount(templates: readonly PodTemplate[]): number {
  return templates.reduce((n, t) => n + t.replicas, 0);
}

export function workloadLine(index: WorkspaceIndex, t: PodTemplate): string {
  return `${resourceLink(index, t.resource)} · ${plural(t.replicas, 'replica')}`;
}

function scopeText(index: WorkspaceIndex, site: SelectorSite): string {
  if (site.role === 'peer-pods' && site.peer?.namespaceSelector) {
    const names = namespacesOfSite(index, site).map((n) => code(n.name));
    return `Pods in the namespaces the sibling namespaceSelector picks: ${names.length > 0 ? inline(names) : 'none'}.`;
  }
  if (site.role === 'peer-pods') return `Pods in the policy's own namespace ${code(site.resource.namespace)} (no namespaceSelector).`;
  return `Pods in namespace ${code(site.resource.namespace)}.`;
}

function namespaceLines(index: WorkspaceIndex, site: SelectorSite): string[] {
  const namespaces = namespacesOfSite(index, site);
  if (namespaces.length > 0) {
    const pods = site.peer?.podSelector ? ` with pods matching ${code(formatSelector(site.peer.podSelector))}` : ' (every pod in them)';
    return [`Matches **${plural(namespaces.length, 'namespace')}**${pods}: ${inline(namespaces.map(namespaceLink(index)))}`];
  }
  const lines = ['Matches **no namespace** in the workspace.'];
  const all = [...index.namespaces().values()];
  const withPaths = { selector: site.selector, path: [], expressionPaths: [] };
  const near = all
    .map((ns) => ({ ns, failures: selectorFailures(withPaths, ns.labels) }))
    .sort((a, b) => a.failures.length - b.failures.length)
    .slice(0, 3);
  if (near.length > 0) lines.push('', 'Closest namespaces:', ...bullets(near.map((n) => `${namespaceLink(index)(n.ns)}: ${describeFailures(n.failures)}`)));
  return lines;
}

function namespaceLink(index: WorkspaceIndex): (ns: NamespaceInfo) => string {
  return (ns) => (ns.resource ? resourceLink(index, ns.resource, ns.name) : code(ns.name));
}

function noMatchLines(index: WorkspaceIndex, site: SelectorSite): string[] {
  const namespaces = namespacesOfSite(index, site).map((n) => n.name);
  const where = namespaces.length === 1 ? `namespace ${code(namespaces[0]!)}` : namespaces.length === 0 ? 'any selected namespace' : 'the selected namespaces';
  const lines = [`Matches **no workload** in ${where}.`];
  const selector = site.peer && site.role === 'peer-namespaces' ? site.peer.podSelector : site.selector;
  if (!selector) return lines;
  const pool = namespaces.flatMap((ns) => index.templatesInNamespace(ns));
  const near = nearestTemplates(selector, pool);
  if (near.length > 0) {
    lines.push('', 'Closest workloads (what differs):', ...bullets(near.map((n) => `${resourceLink(index, n.template.resource)}: ${describeFailures(n.failures)}`)));
  } else if (pool.length === 0 && namespaces.length > 0) {
    lines.push('', `The workspace defines no workloads in ${where}.`);
  }
  const elsewhere = index.templatesMatching(selector).filter((t) => !namespaces.includes(t.namespace));
  if (elsewhere.length > 0 && site.role !== 'peer-namespaces') {
    lines.push('', `It would match in other namespaces: ${inline(elsewhere.map((t) => resourceLink(index, t.resource)), 5)}.`);
  }
  return lines;
}

/** A workload whose own selector misses its template cannot be created; say so right here. */
function ownTemplateWarning(index: WorkspaceIndex, site: SelectorSite, selected: readonly PodTemplate[]): string[] {
  if (site.role !== 'workload') return [];
  const own = templateOfResource(index, site.resource);
  if (!own || selected.some((t) => t.resource === site.resource)) return [];
  return ['', `⚠ It does not match ${displayName(site.resource)}'s own pod template, so the API server rejects it.`];
}
