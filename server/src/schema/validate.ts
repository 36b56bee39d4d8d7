// Schema validation of one resource against the bundled Kubernetes schema of its apiVersion/kind
// (rule `schema`). Kinds we bundle no schema for (CRDs, their instances) get nothing.

import type { Finding, Resource } from '../model/types';
import { apiVersionProblem } from './apiVersions';
import { definitionIdFor } from './bundle';
import { explainErrors, type SchemaProblem } from './explain';
import { schemaErrors } from './validators';

const RULE = 'schema';

export interface ValidateOptions {
  /**
   * The resource is a fragment another tool completes (a kustomize base, whose `commonLabels`
   * add the workload selector): do not report missing required fields.
   */
  partial?: boolean;
  /**
   * A kustomization adds labels to this resource's selectors (`commonLabels`), writing the
   * workload's `spec.selector`: only that field is not missing.
   */
  selectorFromKustomize?: boolean;
}

function filledByTool(p: SchemaProblem, options: ValidateOptions): boolean {
  if (!p.missing) return false;
  if (options.partial) return true;
  return options.selectorFromKustomize === true && p.missing.field === 'selector' && p.missing.parent.length === 1 && p.missing.parent[0] === 'spec';
}

export function validateResource(resource: Resource, options: ValidateOptions = {}): Finding[] {
  const definitionId = definitionIdFor(resource.apiVersion, resource.kind);
  if (!definitionId) return apiVersionFindings(resource);
  const errors = schemaErrors(definitionId, resource.value);
  if (errors.length === 0) return [];
  const problems = explainErrors(errors, resource.value, definitionId);
  return problems.filter((p) => !filledByTool(p, options)).map((p) => ({
    rule: RULE,
    severity: 'error',
    message: p.message,
    uri: resource.uri,
    docIndex: resource.docIndex,
    path: [...resource.basePath, ...p.path],
    target: p.target,
    ...(p.suggestion ? { data: { suggestion: p.suggestion } } : {}),
  }));
}

/** A kind we know under an apiVersion Kubernetes does not serve: say so once, skip the body. */
function apiVersionFindings(resource: Resource): Finding[] {
  const problem = apiVersionProblem(resource.apiVersion, resource.kind);
  if (!problem) return [];
  return [
    {
      rule: RULE,
      severity: 'error',
      message: problem.message,
      uri: resource.uri,
      docIndex: resource.docIndex,
      path: [...resource.basePath, 'apiVersion'],
      target: 'value',
      data: { replacement: problem.replacement },
    },
  ];
}
