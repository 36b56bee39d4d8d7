// Service references in container env values, resolved against the workspace's Services.
// Shared by env-service-unknown and env-service-port-mismatch.

import type { EnvVar, PodTemplate } from '../model/types';
import type { ServiceView } from '../model/services';
import { envNameHoldsHost, hostMentions, parseServiceHost, type HostMention, type ServiceHostReference } from '../model/dns';
import type { WorkspaceFacts } from './facts';

export interface EnvServiceReference {
  env: EnvVar;
  mention: HostMention;
  ref: ServiceHostReference;
  /** The namespace the name resolves in. */
  namespace: string;
  /** The Services of that namespace (the name may be among them or not). */
  candidates: readonly ServiceView[];
  /** Definitions of the named Service (empty when it does not exist). */
  targets: ServiceView[];
}

/** Host names that never name a Service. */
const NOT_SERVICES = new Set(['localhost']);
/** The API server's and the cluster DNS's Services. */
const BUILT_IN_SERVICES = new Set(['default/kubernetes', 'kube-system/kube-dns']);

/**
 * A whole value in the `.svc` forms (`svc.ns.svc`, `svc.ns.svc.<domain>`) names a Service whatever
 * the variable is called; shorter forms need a host-like variable name, a port or a URL.
 */
function isServiceDnsName(value: string, clusterDomain: string): boolean {
  const host = value.toLowerCase().replace(/\.$/, '');
  return host.endsWith('.svc') || host.endsWith(`.svc.${clusterDomain.toLowerCase()}`);
}

/**
 * Env values of a pod template that name a Service by cluster DNS, in a namespace whose Services are
 * deployed with the workload (elsewhere the Service may well be defined outside the workspace).
 */
export function envServiceReferences(template: PodTemplate, facts: WorkspaceFacts, clusterDomain: string): EnvServiceReference[] {
  const out: EnvServiceReference[] = [];
  for (const container of template.containers) {
    for (const env of container.env) {
      for (const mention of hostMentions(env.value, envNameHoldsHost(env.name) || isServiceDnsName(env.value.trim(), clusterDomain))) {
        const ref = parseServiceHost(mention.host, clusterDomain);
        if (!ref || NOT_SERVICES.has(ref.service)) continue;
        const namespace = ref.namespace ?? template.namespace;
        // Services every cluster has, defined by the cluster itself.
        if (BUILT_IN_SERVICES.has(`${namespace}/${ref.service}`)) continue;
        // Without Services of that namespace deployed with the workload, they are defined elsewhere.
        if (!facts.hasServicesNear(namespace, template.resource.uri)) continue;
        const candidates = facts.servicesIn(namespace);
        out.push({ env, mention, ref, namespace, candidates, targets: candidates.filter((s) => s.resource.name === ref.service) });
      }
    }
  }
  return out;
}
