// Facts about Kubernetes kinds that the model needs: scope and which kinds run pods.

/** Built-in cluster-scoped kinds (everything else is treated as namespaced). */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'IngressClass',
  'StorageClass',
  'PriorityClass',
  'RuntimeClass',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'CertificateSigningRequest',
  'PodSecurityPolicy',
  'ComponentStatus',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'IPAddress',
  'ServiceCIDR',
  'GatewayClass',
  'ClusterIssuer',
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
  'ClusterNetworkPolicy',
  'GlobalNetworkPolicy',
  'GlobalNetworkSet',
  'CiliumClusterwideNetworkPolicy',
  'ClusterPolicy',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/** Kinds whose pods come from a pod template, and where that template lives. */
export const WORKLOAD_TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

export function isWorkloadKind(kind: string): boolean {
  return kind === 'Pod' || Object.prototype.hasOwnProperty.call(WORKLOAD_TEMPLATE_PATHS, kind);
}

/** API groups whose documents are tool configuration, not cluster resources. */
const TOOL_CONFIG_GROUP = /^(kustomize\.config\.k8s\.io|skaffold|kind\.x-k8s\.io|ctlptl\.dev|k3d\.io|kubeadm\.k8s\.io|kubelet\.config\.k8s\.io|kubeproxy\.config\.k8s\.io|apiserver\.config\.k8s\.io|helm\.sh|config\.kubernetes\.io)(\/|$)/;

/** kubeconfig files (`kind: Config`, apiVersion v1) and tool configs are not resources. */
export function isToolConfig(apiVersion: string, kind: string): boolean {
  if (TOOL_CONFIG_GROUP.test(apiVersion)) return true;
  return apiVersion === 'v1' && (kind === 'Config' || kind === 'Preferences');
}
