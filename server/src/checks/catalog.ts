// Every resource check, in one list. Add a rule: write its file, then list it here.

import type { ResourceCheck } from './types';
import { serviceSelectorNoMatch } from './rules/service-selector-no-match';
import { serviceTargetPortMissing } from './rules/service-target-port-missing';
import { servicePortNameRequired } from './rules/service-port-name-required';
import { serviceDuplicatePort } from './rules/service-duplicate-port';
import { portNameInvalid } from './rules/port-name-invalid';
import { nodePortOutOfRange } from './rules/nodeport-out-of-range';
import { nodePortConflict } from './rules/nodeport-conflict';
import { externalNameInvalid } from './rules/externalname-invalid';
import { headlessServiceType } from './rules/headless-service-type';
import { loadBalancerIpDeprecated } from './rules/loadbalancer-ip-deprecated';
import { ingressBackendServiceMissing } from './rules/ingress-backend-service-missing';
import { ingressBackendPortMissing } from './rules/ingress-backend-port-missing';
import { ingressClassAnnotationDeprecated } from './rules/ingress-class-annotation-deprecated';
import { ingressClassMissing } from './rules/ingress-class-missing';
import { ingressTlsHostMismatch } from './rules/ingress-tls-host-mismatch';
import { ingressTlsSecretMissing } from './rules/ingress-tls-secret-missing';
import { ingressPathConflict } from './rules/ingress-path-conflict';
import { ingressNoTls } from './rules/ingress-no-tls';
import { netpolSelectsNothing } from './rules/netpol-selects-nothing';
import { netpolPeerSelectsNothing } from './rules/netpol-peer-selects-nothing';
import { netpolInvalidCidr } from './rules/netpol-invalid-cidr';
import { netpolExceptOutsideCidr } from './rules/netpol-except-outside-cidr';
import { netpolNamedPortMissing } from './rules/netpol-named-port-missing';
import { netpolEndPortInvalid } from './rules/netpol-endport-invalid';
import { netpolPolicyTypesIgnoredRules } from './rules/netpol-policytypes-ignored-rules';
import { netpolEgressBlocksDns } from './rules/netpol-egress-blocks-dns';
import { netpolNotEnforced } from './rules/netpol-not-enforced';
import { namespaceNoDefaultDeny } from './rules/namespace-no-default-deny';
import { workloadSelectorMismatch } from './rules/workload-selector-mismatch';
import { duplicateResource } from './rules/duplicate-resource';
import { envServiceUnknown } from './rules/env-service-unknown';
import { envServicePortMismatch } from './rules/env-service-port-mismatch';
import { hardcodedPodIp } from './rules/hardcoded-pod-ip';
import { labelInvalid } from './rules/label-invalid';
import { resourceNameInvalid } from './rules/resource-name-invalid';
import { netpolPeerInvalid } from './rules/netpol-peer-invalid';
import { portOutOfRange } from './rules/port-out-of-range';

export const RESOURCE_CHECKS: readonly ResourceCheck[] = [
  // Services
  serviceSelectorNoMatch,
  serviceTargetPortMissing,
  servicePortNameRequired,
  serviceDuplicatePort,
  portNameInvalid,
  nodePortOutOfRange,
  nodePortConflict,
  externalNameInvalid,
  headlessServiceType,
  loadBalancerIpDeprecated,
  // Ingresses
  ingressBackendServiceMissing,
  ingressBackendPortMissing,
  ingressClassAnnotationDeprecated,
  ingressClassMissing,
  ingressTlsHostMismatch,
  ingressTlsSecretMissing,
  ingressPathConflict,
  ingressNoTls,
  // NetworkPolicies
  netpolSelectsNothing,
  netpolPeerSelectsNothing,
  netpolInvalidCidr,
  netpolExceptOutsideCidr,
  netpolNamedPortMissing,
  netpolEndPortInvalid,
  netpolPolicyTypesIgnoredRules,
  netpolEgressBlocksDns,
  netpolNotEnforced,
  namespaceNoDefaultDeny,
  // Workloads and references
  workloadSelectorMismatch,
  duplicateResource,
  envServiceUnknown,
  envServicePortMismatch,
  hardcodedPodIp,
  // What the API server rejects that the schema does not say
  labelInvalid,
  resourceNameInvalid,
  netpolPeerInvalid,
  portOutOfRange,
];
