// False positives found on real repositories, each fixed in the rule's semantics: the fixture shows
// the construct that was misjudged, and a near variant that is still a real problem and still reported.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSilent, makeIndex, textsOf, uriOf } from '../unit/checks/helpers';
import { parseFile } from '../../server/src/model/parse';

test('Go-template braces inside block scalars are data: the manifest is read; a real template is skipped', () => {
  // An Istio injection template or a collector config inside a ConfigMap (calico, microservices-demo).
  const configMap = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: injector',
    'data:',
    '  config: |-',
    '    templates:',
    '      sidecar: |',
    '        {{- if .Values.global.proxy.enabled }}',
    '        image: {{ .Values.global.proxy.image }}',
    '        {{- end }}',
    '  collector.yaml: |',
    '    exporters:',
    '      project: {{PROJECT_ID}}',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: collector',
    'spec:',
    '  ports:',
    '  - port: 4317',
    '',
  ].join('\n');
  const read = parseFile(uriOf('cm.yaml'), configMap);
  assert.equal(read.status, 'kubernetes');
  assert.deepEqual(read.resources.map((r) => r.kind), ['ConfigMap', 'Service']);
  // An action outside any block scalar makes it a template again.
  const helm = configMap.replace('  name: collector', '  name: {{ .Release.Name }}-collector');
  assert.equal(parseFile(uriOf('helm.yaml'), helm).skipReason, 'helm-template');
  const atColumnZero = configMap.replace('        {{- end }}', '{{- end }}');
  assert.equal(parseFile(uriOf('helm2.yaml'), atColumnZero).skipReason, 'helm-template');
  // In list entries: a block scalar ends at its key's siblings, and a list entry that is itself a block scalar holds data.
  const pod = (containers: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n${containers}`;
  const sibling = pod('  - args: |\n      echo {{ data }}\n    image: {{ .Values.image }}\n');
  assert.equal(parseFile(uriOf('sibling.yaml'), sibling).skipReason, 'helm-template');
  const entry = pod('  - name: c\n    image: busybox\n    args:\n    - |\n      {{- if .Values.debug }}\n    - plain\n');
  assert.equal(parseFile(uriOf('entry.yaml'), entry).status, 'kubernetes');
});

test('duplicate-resource: an exact copy replaces nothing; a differing copy is still reported', () => {
  const policy = (egress: string) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress: ${egress}\n`;
  // A generated bundle (cilium's connectivity checks) repeats the same objects.
  assertSilent(makeIndex({ 'copies.yaml': `${policy('[]')}---\n${policy('[]')}` }), 'duplicate-resource');
  const differing = makeIndex({ 'variants.yaml': `${policy('[]')}---\n${policy('[{ports: [{port: 53, protocol: UDP}]}]')}` });
  assert.deepEqual(textsOf(differing, 'variants.yaml', 'duplicate-resource'), ['deny', 'deny']);
});

const BASE_DEPLOYMENT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: grafana',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '      - name: grafana',
  '        image: grafana/grafana',
  '',
].join('\n');

test('schema: a kustomize base without a selector is complete once commonLabels write it; elsewhere it is missing', () => {
  const kustomization = (labels: string, resources: string) => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${labels}resources:\n${resources}`;
  const missing = (index: ReturnType<typeof makeIndex>, name: string) => textsOf(index, name, 'schema');
  // ingress-nginx's deploy/grafana: commonLabels in the kustomization that lists the file.
  const common = makeIndex({ 'grafana/kustomization.yaml': kustomization('commonLabels:\n  app: grafana\n', '- deployment.yaml\n'), 'grafana/deployment.yaml': BASE_DEPLOYMENT });
  assert.deepEqual(missing(common, 'grafana/deployment.yaml'), []);
  // The newer `labels` field, and an overlay that lists the base's folder.
  const labels = kustomization('labels:\n- pairs: {app: grafana}\n  includeSelectors: true\n', '- ../base\n');
  const overlay = makeIndex({ 'overlay/kustomization.yaml': labels, 'base/kustomization.yaml': kustomization('', '- deployment.yaml\n'), 'base/deployment.yaml': BASE_DEPLOYMENT });
  assert.deepEqual(missing(overlay, 'base/deployment.yaml'), []);
  // Labels that do not reach selectors, or no kustomization at all: the selector is missing.
  const notSelectors = kustomization('labels:\n- pairs: {app: grafana}\n', '- deployment.yaml\n');
  const plain = makeIndex({ 'a/kustomization.yaml': notSelectors, 'a/deployment.yaml': BASE_DEPLOYMENT, 'b/deployment.yaml': BASE_DEPLOYMENT });
  assert.equal(missing(plain, 'a/deployment.yaml').length, 1);
  assert.equal(missing(plain, 'b/deployment.yaml').length, 1);
  // Other missing fields are still reported under commonLabels.
  const noContainers = BASE_DEPLOYMENT.replace(/ {6}containers:[\s\S]*$/, '      restartPolicy: Always\n');
  const partial = makeIndex({ 'g/kustomization.yaml': kustomization('commonLabels:\n  app: g\n', '- deployment.yaml\n'), 'g/deployment.yaml': noContainers });
  assert.equal(missing(partial, 'g/deployment.yaml').length, 1);
});

const SERVICE = (selector: string, name = 'svc') => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector:\n${selector}  ports:\n  - port: 80\n`;
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: lrp-pod\n  labels:\n    app: proxy\nspec:\n  containers:\n  - name: c\n    image: nginx\n';

test('service-selector-no-match: a Service redirected by a CiliumLocalRedirectPolicy needs no endpoints', () => {
  const lrp = 'apiVersion: cilium.io/v2\nkind: CiliumLocalRedirectPolicy\nmetadata:\n  name: lrp\nspec:\n  redirectFrontend:\n    serviceMatcher:\n      serviceName: my-service\n      namespace: default\n  redirectBackend:\n    localEndpointSelector:\n      matchLabels:\n        app: proxy\n    toPorts:\n    - port: "80"\n      protocol: TCP\n';
  const files = { 'lrp/pod.yaml': POD, 'lrp/svc.yaml': SERVICE('    app: MyApp\n', 'my-service') };
  assertSilent(makeIndex({ ...files, 'lrp/lrp.yaml': lrp }), 'service-selector-no-match');
  assert.equal(textsOf(makeIndex(files), 'lrp/svc.yaml', 'service-selector-no-match').length, 1);
  // A policy for another Service does not excuse this one.
  assert.equal(textsOf(makeIndex({ ...files, 'lrp/lrp.yaml': lrp.replace('my-service', 'other') }), 'lrp/svc.yaml', 'service-selector-no-match').length, 1);
});

test('service-selector-no-match: a selector in a label vocabulary no workload of the namespace uses targets pods defined elsewhere', () => {
  // kubernetes/examples' vllm hpa: the DCGM exporter pods come from a Helm chart; prometheus-adapter is labelled `app`.
  const adapter = POD.replace('name: lrp-pod', 'name: adapter').replace('app: proxy', 'app: prometheus-adapter');
  assertSilent(makeIndex({ 'm/adapter.yaml': adapter, 'm/svc.yaml': SERVICE('    app.kubernetes.io/name: gpu-dcgm-exporter\n') }), 'service-selector-no-match');
  // Same key, other value: judged.
  assert.deepEqual(textsOf(makeIndex({ 'm/adapter.yaml': adapter, 'm/svc.yaml': SERVICE('    app: gpu-dcgm-exporter\n') }), 'm/svc.yaml', 'service-selector-no-match'), ['app: gpu-dcgm-exporter']);
  // Another key with the workload's value (a mistyped key): judged, with the fix in the message.
  const keyTypo = textsOf(makeIndex({ 'm/adapter.yaml': adapter, 'm/svc.yaml': SERVICE('    name: prometheus-adapter\n') }), 'm/svc.yaml', 'service-selector-no-match');
  assert.deepEqual(keyTypo, ['name: prometheus-adapter']);
});

test('netpol-egress-blocks-dns: pods that may reach only the API server port resolve no names', () => {
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: controller\n  namespace: metallb-system\nspec:\n  selector:\n    matchLabels: {app: metallb}\n  template:\n    metadata:\n      labels: {app: metallb}\n    spec:\n      containers:\n      - name: c\n        image: metallb/controller\n';
  const policy = (ports: string) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: controller\n  namespace: metallb-system\nspec:\n  podSelector:\n    matchLabels: {app: metallb}\n  policyTypes: [Egress]\n  egress:\n  - ports:\n${ports}`;
  // MetalLB's controller: egress to TCP 6443 only.
  assertSilent(makeIndex({ 'm/deploy.yaml': deployment, 'm/policy.yaml': policy('    - protocol: TCP\n      port: 6443\n') }), 'netpol-egress-blocks-dns');
  // HTTPS anywhere is usually reached by name: still reported.
  assert.equal(textsOf(makeIndex({ 'm/deploy.yaml': deployment, 'm/policy.yaml': policy('    - protocol: TCP\n      port: 443\n') }), 'm/policy.yaml', 'netpol-egress-blocks-dns').length, 1);
  // The API server and something else: still reported.
  const both = policy('    - protocol: TCP\n      port: 6443\n    - protocol: TCP\n      port: 5432\n');
  assert.equal(textsOf(makeIndex({ 'm/deploy.yaml': deployment, 'm/policy.yaml': both }), 'm/policy.yaml', 'netpol-egress-blocks-dns').length, 1);
});
