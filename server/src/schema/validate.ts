// Schema validation of one resource against the bundled Kubernetes schema of its apiVersion/kind.
// (Placeholder until the generated schemas land: validates nothing.)

import type { Finding, Resource } from '../model/types';

export function validateResource(_resource: Resource): Finding[] {
  return [];
}
