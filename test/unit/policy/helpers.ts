// Small builders for policy tests: a world from YAML text, endpoints by id.

import assert from 'node:assert/strict';
import { parseFile } from '../../../server/src/model/parse';
import { externalEndpoint, worldFromResources, type ExternalEndpoint, type PolicyWorld, type WorkloadEndpoint } from '../../../server/src/policy';

export const URI = 'file:///ws/app.yaml';

export function worldFromYaml(text: string, uri = URI): PolicyWorld {
  return worldFromResources(parseFile(uri, text).resources);
}

export function workload(world: PolicyWorld, id: string): WorkloadEndpoint {
  const w = world.workloadsById.get(id);
  assert.ok(w, `workload ${id} exists`);
  return w;
}

export function ip(text: string): ExternalEndpoint {
  const e = externalEndpoint(text);
  assert.ok(e, `${text} is an address`);
  return e;
}

/** A Deployment with a pod template. */
export function deployment(ns: string, name: string, labels: Record<string, string>, ports = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  template:
    metadata:
      labels: ${JSON.stringify(labels)}
    spec:
      containers:
        - name: main
          ports: [${ports}]
---
`;
}
