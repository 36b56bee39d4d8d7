// Which apiVersions serve the kinds we validate, and which ones Kubernetes removed (and when).
// Source: the Kubernetes deprecated API migration guide.

export interface ApiVersionProblem {
  message: string;
  /** The apiVersion to use instead. */
  replacement: string;
}

interface KindVersions {
  current: string;
  /** Removed apiVersion → Kubernetes release that stopped serving it. */
  removed: Record<string, string>;
  /** What else changes when moving to `current`, in a few words. */
  migrationNote?: string;
}

const WORKLOAD_NOTE = '`spec.selector` is required there and must match the template labels';

const KINDS: Record<string, KindVersions> = {
  Namespace: { current: 'v1', removed: {} },
  Pod: { current: 'v1', removed: {} },
  ReplicationController: { current: 'v1', removed: {} },
  Service: { current: 'v1', removed: {} },
  Secret: { current: 'v1', removed: {} },
  ConfigMap: { current: 'v1', removed: {} },
  Deployment: {
    current: 'apps/v1',
    removed: { 'extensions/v1beta1': '1.16', 'apps/v1beta1': '1.16', 'apps/v1beta2': '1.16' },
    migrationNote: WORKLOAD_NOTE,
  },
  StatefulSet: { current: 'apps/v1', removed: { 'apps/v1beta1': '1.16', 'apps/v1beta2': '1.16' }, migrationNote: WORKLOAD_NOTE },
  DaemonSet: { current: 'apps/v1', removed: { 'extensions/v1beta1': '1.16', 'apps/v1beta2': '1.16' }, migrationNote: WORKLOAD_NOTE },
  ReplicaSet: {
    current: 'apps/v1',
    removed: { 'extensions/v1beta1': '1.16', 'apps/v1beta1': '1.16', 'apps/v1beta2': '1.16' },
    migrationNote: WORKLOAD_NOTE,
  },
  Job: { current: 'batch/v1', removed: {} },
  CronJob: { current: 'batch/v1', removed: { 'batch/v1beta1': '1.25', 'batch/v2alpha1': '1.21' } },
  NetworkPolicy: { current: 'networking.k8s.io/v1', removed: { 'extensions/v1beta1': '1.16' } },
  Ingress: {
    current: 'networking.k8s.io/v1',
    removed: { 'extensions/v1beta1': '1.22', 'networking.k8s.io/v1beta1': '1.22' },
    migrationNote: 'a backend becomes `service: {name, port: {number}}` and every path needs a `pathType`',
  },
  IngressClass: { current: 'networking.k8s.io/v1', removed: { 'networking.k8s.io/v1beta1': '1.22' } },
  EndpointSlice: { current: 'discovery.k8s.io/v1', removed: { 'discovery.k8s.io/v1beta1': '1.25' } },
};

/**
 * API groups built into Kubernetes. A kind we know under any other group is somebody's CRD
 * (Knative's `serving.knative.dev/v1` Service, say) and none of our business.
 */
const BUILT_IN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'extensions',
  'networking.k8s.io',
  'discovery.k8s.io',
  'policy',
  'autoscaling',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'scheduling.k8s.io',
  'node.k8s.io',
  'coordination.k8s.io',
  'certificates.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'resource.k8s.io',
]);

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * The problem with using `apiVersion` for `kind`, when `kind` is one we validate, the group is
 * built into Kubernetes and the version does not serve it. Undefined when it is fine or not ours.
 */
export function apiVersionProblem(apiVersion: string, kind: string): ApiVersionProblem | undefined {
  const versions = Object.prototype.hasOwnProperty.call(KINDS, kind) ? KINDS[kind] : undefined;
  if (!versions || apiVersion === versions.current || !BUILT_IN_GROUPS.has(groupOf(apiVersion))) return undefined;
  const note = versions.migrationNote ? ` (${versions.migrationNote})` : '';
  const removedIn = versions.removed[apiVersion];
  const message = removedIn
    ? `${kind} \`${apiVersion}\` was removed in Kubernetes ${removedIn}: use \`${versions.current}\`${note}.`
    : `Kubernetes does not serve ${kind} as \`${apiVersion}\`: use \`${versions.current}\`${note}.`;
  return { message, replacement: versions.current };
}
