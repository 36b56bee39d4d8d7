// Code lenses above Services ("selects 2 workloads · 5 pods"), NetworkPolicies ("applies to 3
// workloads · ingress from 2 · egress isolated") and workloads ("reachable from 4 workloads · exposed
// by Service x, Ingress y"). Each carries the locations a click shows.

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { PodTemplate, Resource } from '../model/types';
import { isNetworkPolicy, type NetworkPolicyModel } from '../policy';
import { hasPodSelector } from '../model/services';
import { locationsOf, nameLocation, PRECISE_LOCATION_LIMIT, resourceStart, templateLocation, templateOfResource } from './locate';
import { plural } from './markdown';
import { podCount } from './hoverSelector';
import { normalizedPolicy, reachabilityOf } from './reachability';
import { selectorSitesOf, templatesOfSite } from './selection';
import { serviceReferences } from './references';
import { refsToService } from './serviceRefs';
import { serviceOf, servicesSelecting, templatesOfService } from './services';
import { clusterDomainFor } from './settings';
import type { CodeLensResult, NavigationSettings } from './types';

export function codeLensesFor(index: WorkspaceIndex, uri: string, settings?: NavigationSettings): CodeLensResult[] {
  const file = index.getFile(uri);
  if (!file || file.status !== 'kubernetes') return [];
  const clusterDomain = clusterDomainFor(index, settings);
  const out: CodeLensResult[] = [];
  for (const r of file.resources) {
    if (!r.name) continue;
    const at = { start: r.range.start, end: r.range.start };
    if (r.kind === 'Service') out.push(...serviceLenses(index, r, clusterDomain).map((l) => ({ ...l, range: at })));
    else if (isNetworkPolicy(r)) out.push({ ...policyLens(index, r), range: at });
    else {
      const template = templateOfResource(index, r);
      if (template && r.kind !== 'PodTemplate') out.push({ ...workloadLens(index, template, clusterDomain), range: at });
    }
  }
  return out;
}

type Lens = Omit<CodeLensResult, 'range'>;

function serviceLenses(index: WorkspaceIndex, service: Resource, clusterDomain: string): Lens[] {
  const view = serviceOf(service);
  const templates = templatesOfService(index, view);
  let title: string;
  if (view.type === 'ExternalName') title = `ExternalName → ${view.externalName ?? '(missing)'}`;
  else if (!hasPodSelector(view)) title = 'no selector: endpoints managed by hand';
  else if (templates.length === 0) title = 'selects no workload';
  else title = `selects ${plural(templates.length, 'workload')} · ${plural(podCount(templates), 'pod')}`;
  const lenses: Lens[] = [{ title, locations: locationsOf(index, templates, (t) => templateLocation(index, t), (t) => t.resource) }];
  const refs = refsToService(index, service.namespace, service.name, clusterDomain);
  if (refs.length > 0) {
    const locations = refs.length <= PRECISE_LOCATION_LIMIT ? serviceReferences(index, service.namespace, service.name, clusterDomain, false) : refs.map((r) => resourceStart(index, r.resource));
    lenses.push({ title: plural(refs.length, 'reference'), locations });
  }
  return lenses;
}

function policyLens(index: WorkspaceIndex, policy: Resource): Lens {
  const model = normalizedPolicy(policy);
  const sites = selectorSitesOf(policy);
  const own = sites.find((s) => s.role === 'policy');
  const applies = own ? templatesOfSite(index, own) : [];
  const parts = [`applies to ${plural(applies.length, 'workload')}`];
  const peerTemplates = (direction: 'ingress' | 'egress'): Set<PodTemplate> => {
    const set = new Set<PodTemplate>();
    for (const s of sites) {
      if (s.peer?.direction !== direction || (s.role === 'peer-namespaces' && s.peer.podSelector)) continue;
      for (const t of templatesOfSite(index, s)) set.add(t);
    }
    return set;
  };
  const locations = locationsOf(index, applies, (t) => templateLocation(index, t), (t) => t.resource);
  if (model.affects.ingress) parts.push(directionText(model, 'ingress', peerTemplates('ingress').size));
  if (model.affects.egress) parts.push(directionText(model, 'egress', peerTemplates('egress').size));
  return { title: parts.join(' · '), locations };
}

function directionText(model: NetworkPolicyModel, direction: 'ingress' | 'egress', workloads: number): string {
  const word = direction === 'ingress' ? 'ingress from' : 'egress to';
  const rules = model[direction];
  if (rules.length === 0) return `${direction} isolated`;
  if (rules.some((r) => r.peers === null)) return `${word} all`;
  const blocks = rules.reduce((n, r) => n + (r.peers ?? []).filter((p) => p.kind === 'ipBlock').length, 0);
  return `${word} ${workloads}${blocks > 0 ? ` + ${plural(blocks, 'ipBlock')}` : ''}`;
}

function workloadLens(index: WorkspaceIndex, template: PodTemplate, clusterDomain: string): Lens {
  const reach = reachabilityOf(index, template);
  const parts: string[] = [];
  const sources: Resource[] = [];
  if (reach) {
    const all = reach.from.length === reach.otherWorkloads && reach.otherWorkloads > 1;
    parts.push(all ? `reachable from all ${reach.otherWorkloads} workloads` : `reachable from ${plural(reach.from.length, 'workload')}`);
    for (const w of reach.from) {
      const r = index.find(w.kind, w.namespace, w.name)[0];
      if (r) sources.push(r);
    }
  }
  const services = servicesSelecting(index, template);
  const ingresses = new Map<string, Resource>();
  for (const s of services) {
    for (const ref of refsToService(index, s.namespace, s.name, clusterDomain)) if (ref.source === 'ingress-backend') ingresses.set(`${ref.resource.uri}#${ref.resource.range.start}`, ref.resource);
  }
  const exposers = [...services.map((s) => `Service ${s.name}`), ...[...ingresses.values()].map((i) => `Ingress ${i.name}`)];
  const shown = exposers.length > 3 ? [...exposers.slice(0, 3), `${exposers.length - 3} more`] : exposers;
  parts.push(exposers.length > 0 ? `exposed by ${shown.join(', ')}` : 'not exposed by a Service');
  const targets = [...sources, ...services, ...ingresses.values()];
  return { title: parts.join(' · '), locations: locationsOf(index, targets, (r) => nameLocation(index, r), (r) => r) };
}
