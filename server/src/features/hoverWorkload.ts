// Hover on a pod template's labels or a workload's name: who selects these pods, whether policies
// isolate them, and who may reach them.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { PodTemplate } from '../model/types';
import { bullets, code, formatLabels, inline, plural, resourceLink } from './markdown';
import { selectorsUsingLabel, sitesSelecting } from './labelUsage';
import { reachabilityOf, type Reachability } from './reachability';
import type { SelectorSite } from './selection';
import { displayName } from './locate';

export function workloadHover(index: WorkspaceIndex, template: PodTemplate, label?: { key: string; value: string }): string {
  const r = template.resource;
  const lines = [`**Pods of ${displayName(r)}** · ${plural(template.replicas, 'replica')} · labels ${formatLabels(template.labels)}`, ''];

  if (label) {
    const uses = selectorsUsingLabel(index, template, label.key, label.value);
    lines.push(
      uses.length > 0
        ? `Label ${code(`${label.key}=${label.value}`)} is used by ${plural(uses.length, 'selector')}: ${inline(uses.map((u) => siteLink(index, u.site)))}`
        : `No selector in the workspace uses label ${code(`${label.key}=${label.value}`)}.`,
      '',
    );
  }

  const sites = sitesSelecting(index, template);
  const services = sites.filter((s) => s.role === 'service');
  const policies = sites.filter((s) => s.role === 'policy');
  const peers = sites.filter((s) => s.role === 'peer-pods' || s.role === 'peer-namespaces');
  lines.push(`**Services** selecting it: ${services.length > 0 ? inline(services.map((s) => resourceLink(index, s.resource))) : 'none'}`);
  lines.push(`**NetworkPolicies** applying to it: ${policies.length > 0 ? inline(policies.map((s) => resourceLink(index, s.resource))) : 'none'}`);
  if (peers.length > 0) lines.push(`**Named as a peer** by: ${inline(peers.map((s) => `${resourceLink(index, s.resource)} (${s.peer!.direction === 'ingress' ? 'ingress from' : 'egress to'})`))}`);

  const reach = reachabilityOf(index, template);
  if (reach) lines.push('', ...reachabilityLines(index, reach));
  return lines.join('\n');
}

function siteLink(index: WorkspaceIndex, site: SelectorSite): string {
  const where = site.role === 'peer-pods' || site.role === 'peer-namespaces' ? `${site.peer!.direction} peer` : site.relPath.join('.');
  return `${resourceLink(index, site.resource)} (${where})`;
}

function reachabilityLines(index: WorkspaceIndex, reach: Reachability): string[] {
  const policyNames = (list: Reachability['ingressIsolatedBy']): string => inline(list.map((p) => code(p.name)));
  const ingress = reach.ingressIsolatedBy.length > 0 ? `ingress isolated by ${policyNames(reach.ingressIsolatedBy)}` : 'ingress not isolated (all traffic allowed in)';
  const egress = reach.egressIsolatedBy.length > 0 ? `egress isolated by ${policyNames(reach.egressIsolatedBy)}` : 'egress not isolated';
  const lines = [`**Isolation**: ${ingress} · ${egress}`];
  const external = { all: 'any address outside the cluster', some: 'some external addresses (ipBlock rules)', none: 'no external address' }[reach.fromExternal];
  if (reach.from.length === reach.otherWorkloads && reach.otherWorkloads > 0) {
    lines.push(`**Who may reach it**: every other workload (${reach.otherWorkloads}) and ${external}.`);
  } else if (reach.from.length === 0) {
    lines.push(`**Who may reach it**: no workload in the workspace; ${external}.`);
  } else {
    const links = reach.from.map((w) => {
      const resource = index.find(w.kind, w.namespace, w.name)[0];
      return resource ? resourceLink(index, resource) : code(w.id);
    });
    lines.push(`**Who may reach it**: ${reach.from.length} of ${reach.otherWorkloads} workloads and ${external}:`, ...bullets(links));
  }
  return lines;
}
