// Typed views of resources, memoised per resource object (which the index keeps until its file changes).

import type { PodTemplate, Resource } from '../model/types';
import { serviceView, type ServiceView } from '../model/services';
import { ingressView, type IngressView } from '../model/ingresses';
import { networkPolicyView, type NetworkPolicyView } from '../model/networkPolicies';
import { podTemplateOf } from '../model/workloads';

const serviceViews = new WeakMap<Resource, ServiceView>();
const ingressViews = new WeakMap<Resource, IngressView>();
const policyViews = new WeakMap<Resource, NetworkPolicyView>();
const templates = new WeakMap<Resource, PodTemplate | null>();

function memo<V>(cache: WeakMap<Resource, V>, resource: Resource, make: (r: Resource) => V): V {
  let v = cache.get(resource);
  if (v === undefined) {
    v = make(resource);
    cache.set(resource, v);
  }
  return v;
}

export const serviceOf = (r: Resource): ServiceView => memo(serviceViews, r, serviceView);
export const ingressOf = (r: Resource): IngressView => memo(ingressViews, r, ingressView);
export const policyOf = (r: Resource): NetworkPolicyView => memo(policyViews, r, networkPolicyView);
/** The pod template of a Pod or workload; undefined for other kinds. */
export const templateOf = (r: Resource): PodTemplate | undefined => memo(templates, r, (x) => podTemplateOf(x) ?? null) ?? undefined;
