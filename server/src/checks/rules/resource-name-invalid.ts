// metadata.name as the API server validates it for the built-in kinds we know the rule of:
// a DNS-1035 label for Services, a DNS-1123 label for Namespaces, a DNS-1123 subdomain otherwise
// (a CronJob's at most 52 characters, room for the Job suffix). Custom resources are not judged.

import type { CheckContext, CheckFinding, ResourceCheck } from '../types';
import type { Resource } from '../../model/types';
import { asRecord } from '../../model/values';
import { dnsLabelProblem, dnsSubdomainProblem } from '../../model/dns';
import { dns1035LabelProblem, isBuiltIn, isPlaceholder } from '../apiSyntax';
import { factsFor } from '../facts';

const CRONJOB_NAME_MAX = 52;

interface NameRule {
  describe: string;
  problem(name: string): string | undefined;
}

const SUBDOMAIN: NameRule = {
  describe: 'a DNS subdomain: at most 253 lowercase letters, digits, "-" and ".", starting and ending with a letter or digit',
  problem: dnsSubdomainProblem,
};

const NAME_RULES: Readonly<Record<string, NameRule>> = {
  Service: { describe: 'a DNS-1035 label: at most 63 lowercase letters, digits and "-", starting with a letter', problem: dns1035LabelProblem },
  Namespace: { describe: 'a DNS label: at most 63 lowercase letters, digits and "-", no dots', problem: dnsLabelProblem },
  CronJob: {
    describe: `a DNS subdomain of at most ${CRONJOB_NAME_MAX} characters (the Job it creates adds a suffix)`,
    problem: (name) => dnsSubdomainProblem(name) ?? (name.length > CRONJOB_NAME_MAX ? `is longer than ${CRONJOB_NAME_MAX} characters` : undefined),
  },
  Pod: SUBDOMAIN,
  Deployment: SUBDOMAIN,
  StatefulSet: SUBDOMAIN,
  DaemonSet: SUBDOMAIN,
  ReplicaSet: SUBDOMAIN,
  ReplicationController: SUBDOMAIN,
  Job: SUBDOMAIN,
  Ingress: SUBDOMAIN,
  IngressClass: SUBDOMAIN,
  NetworkPolicy: SUBDOMAIN,
  ConfigMap: SUBDOMAIN,
  Secret: SUBDOMAIN,
  EndpointSlice: SUBDOMAIN,
};

/** The usual repair of a name: lowercase, '_' and spaces to '-'; offered only when that makes it valid. */
export function repairedName(name: string, rule: NameRule): string | undefined {
  const candidate = name.toLowerCase().replace(/[_\s]+/g, '-');
  return candidate !== name && !rule.problem(candidate) ? candidate : undefined;
}

function check(resource: Resource, { index }: CheckContext): CheckFinding[] {
  const rule = NAME_RULES[resource.kind];
  if (!rule || !isBuiltIn(resource)) return [];
  const metadataPath = [...resource.basePath, 'metadata'];
  const metadata = asRecord(resource.value['metadata']);
  const name = metadata?.['name'];
  if (name === undefined || name === null || name === '') {
    if (typeof metadata?.['generateName'] === 'string' && metadata['generateName'] !== '') return [];
    // A kustomize patch names its target elsewhere, or is a partial object by design.
    if (factsFor(index).kustomizePatchUris().has(resource.uri)) return [];
    const hasNameKey = metadata !== undefined && Object.prototype.hasOwnProperty.call(metadata, 'name');
    return [
      {
        message: `This ${resource.kind} has no metadata.name (and no generateName): the API server requires one.`,
        // At the empty `name:` key, else at `metadata:`, else at the kind.
        path: hasNameKey ? [...metadataPath, 'name'] : metadata ? metadataPath : [...resource.basePath, 'kind'],
        target: metadata ? 'key' : 'value',
      },
    ];
  }
  // A non-string name is a type error the schema reports; a placeholder is filled in before applying.
  if (typeof name !== 'string' || isPlaceholder(name)) return [];
  const problem = rule.problem(name);
  if (!problem) return [];
  const repaired = repairedName(name, rule);
  return [
    {
      message: `${resource.kind} name '${name}' is not valid: it ${problem}. It must be ${rule.describe}.`,
      path: [...metadataPath, 'name'],
      target: 'value',
      ...(repaired ? { data: { suggestion: repaired } } : {}),
    },
  ];
}

export const resourceNameInvalid: ResourceCheck = {
  meta: {
    id: 'resource-name-invalid',
    defaultSeverity: 'error',
    summary: 'metadata.name is missing, or is not the DNS name its kind requires (a DNS-1035 label for Services, a DNS label for Namespaces, a DNS subdomain for the others); the API server rejects it.',
  },
  kinds: Object.keys(NAME_RULES),
  check,
};
