// Writes a deterministic synthetic workspace for the benchmark: namespaces, workloads with named
// ports, Services, Ingresses, NetworkPolicies and friends, in multi-document files.
// Usage: node bench/generate.mjs [outDir] — default bench/workspace (gitignored).

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the output changes, so run.mjs regenerates a stale workspace. */
export const GENERATOR_VERSION = 1;
export const SEED = 20240611;
export const NAMESPACES = 120;
export const APPS_PER_NAMESPACE = 25;

/** mulberry32: a tiny seeded PRNG, so every run writes the same bytes. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['cart', 'catalog', 'checkout', 'search', 'auth', 'profile', 'orders', 'billing', 'ledger', 'notify', 'email', 'pricing', 'stock', 'reviews', 'media', 'session', 'gateway', 'report', 'audit', 'export', 'import', 'sync', 'ranker', 'feed', 'quota'];
const TEAMS = ['storefront', 'platform', 'payments', 'data', 'growth', 'identity', 'ops', 'ml'];
const IMAGES = ['nginx:1.27', 'ghcr.io/example/service:2.3.1', 'registry.example.com/app/api:5.0.0', 'python:3.12-slim', 'node:20-alpine', 'eclipse-temurin:21-jre'];

export function generate(outDir) {
  const rand = prng(SEED);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const chance = (p) => rand() < p;
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

  rmSync(outDir, { recursive: true, force: true });
  const stats = { files: 0, resources: 0, bytes: 0 };
  const write = (rel, docs) => {
    const file = path.join(outDir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    const text = docs.join('---\n');
    writeFileSync(file, text);
    stats.files++;
    stats.resources += docs.length;
    stats.bytes += Buffer.byteLength(text);
  };
  const writeOther = (rel, text) => {
    const file = path.join(outDir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    stats.files++;
    stats.bytes += Buffer.byteLength(text);
  };

  // Every app is known up front so env vars and policies can point at other apps' Services.
  const namespaces = [];
  for (let n = 0; n < NAMESPACES; n++) {
    const ns = `team-${String(n).padStart(3, '0')}`;
    const apps = [];
    for (let a = 0; a < APPS_PER_NAMESPACE; a++) {
      const kindRoll = rand();
      const kind = kindRoll < 0.1 ? 'StatefulSet' : kindRoll < 0.13 ? 'DaemonSet' : kindRoll < 0.18 ? 'CronJob' : 'Deployment';
      apps.push({ ns, name: `${WORDS[a % WORDS.length]}-${a}`, kind, port: pick([8080, 8000, 3000, 9000, 5000]), grpc: chance(0.3) });
    }
    namespaces.push({ ns, team: pick(TEAMS), apps });
  }
  const allApps = namespaces.flatMap((n) => n.apps);

  for (const { ns, team, apps } of namespaces) {
    write(`${ns}/namespace.yaml`, [namespaceYaml(ns, team), defaultDenyYaml(ns), allowDnsYaml(ns)]);
    writeOther(`${ns}/kustomization.yaml`, kustomizationYaml(ns, apps));
    for (const app of apps) {
      const deps = [];
      for (let i = int(1, 4); i > 0; i--) deps.push(chance(0.8) ? pick(apps) : pick(allApps));
      const workloadDocs = [workloadYaml(app, deps, rand), serviceAccountYaml(app)];
      if (app.kind === 'Deployment' && chance(0.5)) workloadDocs.push(hpaYaml(app));
      write(`${ns}/${app.name}/workload.yaml`, workloadDocs);

      // About 1% of Services carry a selector typo, so diagnostics have real work to do.
      const serviceDocs = [serviceYaml(app, chance(0.01)), configMapYaml(app, deps, rand)];
      if (app.kind !== 'CronJob' && chance(0.3)) serviceDocs.push(ingressYaml(app));
      write(`${ns}/${app.name}/service.yaml`, serviceDocs);

      const callers = [];
      for (let i = int(1, 3); i > 0; i--) callers.push(pick(apps));
      write(`${ns}/${app.name}/policy.yaml`, [policyYaml(app, callers, deps), pdbYaml(app)]);
    }
  }
  // Cluster services the policies point at: kube-dns for DNS egress, Prometheus for metrics ingress.
  write('platform/kube-system.yaml', [namespaceYaml('kube-system', 'platform'), ...platformAppYaml('kube-system', 'coredns', 'k8s-app: kube-dns', 53, 'dns')]);
  write('platform/monitoring.yaml', [namespaceYaml('monitoring', 'platform'), ...platformAppYaml('monitoring', 'prometheus', 'app: prometheus', 9090, 'web')]);
  writeOther('.github/workflows/deploy.yaml', 'name: deploy\non: [push]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n');
  return stats;
}

/** A Deployment and its Service for a cluster add-on. */
function platformAppYaml(ns, name, label, port, portName) {
  const protocol = portName === 'dns' ? 'UDP' : 'TCP';
  return [
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  replicas: 2
  selector:
    matchLabels:
      ${label}
  template:
    metadata:
      labels:
        ${label}
    spec:
      containers:
        - name: ${name}
          image: ${name}:latest
          ports:
            - name: ${portName}
              containerPort: ${port}
              protocol: ${protocol}
`,
    `apiVersion: v1
kind: Service
metadata:
  name: ${name === 'coredns' ? 'kube-dns' : name}
  namespace: ${ns}
spec:
  selector:
    ${label}
  ports:
    - name: ${portName}
      port: ${port}
      targetPort: ${portName}
      protocol: ${protocol}
`,
  ];
}

function namespaceYaml(ns, team) {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${ns}
  labels:
    team: ${team}
    environment: production
`;
}

function defaultDenyYaml(ns) {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: ${ns}
spec:
  podSelector: {}
  policyTypes:
    - Ingress
    - Egress
`;
}

function allowDnsYaml(ns) {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-dns
  namespace: ${ns}
spec:
  podSelector: {}
  policyTypes:
    - Egress
  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: kube-system
          podSelector:
            matchLabels:
              k8s-app: kube-dns
      ports:
        - protocol: UDP
          port: 53
        - protocol: TCP
          port: 53
`;
}

function kustomizationYaml(ns, apps) {
  const lines = apps.flatMap((a) => [`  - ${a.name}/workload.yaml`, `  - ${a.name}/service.yaml`, `  - ${a.name}/policy.yaml`]);
  return `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: ${ns}\nresources:\n  - namespace.yaml\n${lines.join('\n')}\n`;
}

/** Indents every non-empty line of a block by n spaces. */
function indent(text, n) {
  const pad = ' '.repeat(n);
  return text.replace(/^(?=.)/gm, pad);
}

function envYaml(app, deps, rand) {
  const env = deps.map((d, i) => {
    const host = d.ns === app.ns && rand() < 0.5 ? d.name : `${d.name}.${d.ns}.svc.cluster.local`;
    return `- name: DEP_${i}_URL\n  value: http://${host}:80/api/v1\n`;
  });
  env.push('- name: LOG_LEVEL\n  value: info\n');
  env.push('- name: GOMAXPROCS\n  valueFrom:\n    resourceFieldRef:\n      resource: limits.cpu\n');
  return env.join('');
}

/** One container, written at indent 0 as a sequence item. */
function containerYaml(app, deps, rand) {
  const ports = [`- name: http\n  containerPort: ${app.port}\n  protocol: TCP\n`, '- name: metrics\n  containerPort: 9090\n  protocol: TCP\n'];
  if (app.grpc) ports.push('- name: grpc\n  containerPort: 50051\n  protocol: TCP\n');
  return `- name: ${app.name}
  image: ${IMAGES[app.name.length % IMAGES.length]}
  imagePullPolicy: IfNotPresent
  args: ["--listen=:${app.port}", "--metrics=:9090"]
  ports:
${indent(ports.join(''), 4)}  env:
${indent(envYaml(app, deps, rand), 4)}  envFrom:
    - configMapRef:
        name: ${app.name}-config
  readinessProbe:
    httpGet:
      path: /ready
      port: http
    periodSeconds: 10
  livenessProbe:
    httpGet:
      path: /healthz
      port: http
    initialDelaySeconds: 15
  resources:
    requests:
      cpu: 100m
      memory: 128Mi
    limits:
      cpu: "1"
      memory: 512Mi
  securityContext:
    runAsNonRoot: true
    allowPrivilegeEscalation: false
    readOnlyRootFilesystem: true
  volumeMounts:
    - name: tmp
      mountPath: /tmp
`;
}

/** A pod spec's fields, written at indent 0. */
function podSpecYaml(app, deps, rand) {
  return `serviceAccountName: ${app.name}
terminationGracePeriodSeconds: 30
containers:
${indent(containerYaml(app, deps, rand), 2)}volumes:
  - name: tmp
    emptyDir: {}
tolerations:
  - key: dedicated
    operator: Equal
    value: ${app.ns}
    effect: NoSchedule
affinity:
  podAntiAffinity:
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm:
          topologyKey: kubernetes.io/hostname
          labelSelector:
            matchExpressions:
              - key: app
                operator: In
                values: [${app.name}]
`;
}

function workloadYaml(app, deps, rand) {
  const meta = `metadata:
  name: ${app.name}
  namespace: ${app.ns}
  labels:
    app: ${app.name}
    app.kubernetes.io/part-of: ${app.ns}
  annotations:
    owner: ${app.ns}@example.com
    revision: "${1 + (app.name.length % 7)}"
`;
  const templateLabels = `app: ${app.name}\napp.kubernetes.io/part-of: ${app.ns}\n`;
  if (app.kind === 'CronJob') {
    return `apiVersion: batch/v1
kind: CronJob
${meta}spec:
  schedule: "${app.name.length % 60} * * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        metadata:
          labels:
${indent(templateLabels, 12)}        spec:
          restartPolicy: OnFailure
${indent(podSpecYaml(app, deps, rand), 10)}`;
  }
  const extra =
    app.kind === 'StatefulSet'
      ? `  serviceName: ${app.name}\n  replicas: 3\n`
      : app.kind === 'DaemonSet'
        ? ''
        : `  replicas: 2\n  strategy:\n    type: RollingUpdate\n    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}\n`;
  return `apiVersion: apps/v1
kind: ${app.kind}
${meta}spec:
${extra}  selector:
    matchLabels:
      app: ${app.name}
  template:
    metadata:
      labels:
${indent(templateLabels, 8)}      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "9090"
    spec:
${indent(podSpecYaml(app, deps, rand), 6)}`;
}

function serviceAccountYaml(app) {
  return `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${app.name}
  namespace: ${app.ns}
automountServiceAccountToken: false
`;
}

function hpaYaml(app) {
  return `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${app.name}
  namespace: ${app.ns}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${app.name}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
`;
}

function serviceYaml(app, typo) {
  const headless = app.kind === 'StatefulSet';
  const type = headless ? '  clusterIP: None\n' : app.name.endsWith('-3') ? '  type: NodePort\n' : '  type: ClusterIP\n';
  const ports = [`    - name: http
      port: 80
      targetPort: http
      protocol: TCP`, `    - name: metrics
      port: 9090
      targetPort: metrics`];
  if (app.grpc) ports.push(`    - name: grpc
      port: 50051
      targetPort: grpc`);
  return `apiVersion: v1
kind: Service
metadata:
  name: ${app.name}
  namespace: ${app.ns}
  labels:
    app: ${app.name}
spec:
${type}  selector:
    app: ${typo ? app.name.replace(/[aeiou]/, '') : app.name}
  ports:
${ports.join('\n')}
`;
}

function configMapYaml(app, deps, rand) {
  const lines = [];
  for (let i = 0; i < 40; i++) lines.push(`    feature.${WORDS[i % WORDS.length]}.${i}.enabled=${rand() < 0.5}`);
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${app.name}-config
  namespace: ${app.ns}
data:
  UPSTREAMS: "${deps.map((d) => `${d.name}.${d.ns}`).join(',')}"
  application.properties: |
${lines.join('\n')}
    cache.ttl.seconds=300
    http.client.timeout.ms=${2000 + Math.floor(rand() * 3000)}
`;
}

function ingressYaml(app) {
  const host = `${app.name}.${app.ns}.example.com`;
  return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${app.name}
  namespace: ${app.ns}
  annotations:
    nginx.ingress.kubernetes.io/proxy-body-size: 8m
spec:
  ingressClassName: nginx
  tls:
    - hosts:
        - ${host}
      secretName: ${app.name}-tls
  rules:
    - host: ${host}
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${app.name}
                port:
                  name: http
`;
}

function policyYaml(app, callers, deps) {
  const from = callers
    .map(
      (c) => `        - podSelector:
            matchLabels:
              app: ${c.name}`,
    )
    .join('\n');
  const to = deps
    .map(
      (d) => `    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: ${d.ns}
          podSelector:
            matchLabels:
              app: ${d.name}
      ports:
        - protocol: TCP
          port: http`,
    )
    .join('\n');
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${app.name}
  namespace: ${app.ns}
spec:
  podSelector:
    matchLabels:
      app: ${app.name}
  policyTypes:
    - Ingress
    - Egress
  ingress:
    - from:
${from}
      ports:
        - protocol: TCP
          port: http
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: monitoring
      ports:
        - protocol: TCP
          port: metrics
  egress:
${to}
`;
}

function pdbYaml(app) {
  return `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${app.name}
  namespace: ${app.ns}
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: ${app.name}
`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const out = path.resolve(process.argv[2] ?? path.join(here, 'workspace'));
  const started = Date.now();
  const stats = generate(out);
  writeFileSync(path.join(out, '.generated.json'), JSON.stringify({ version: GENERATOR_VERSION, seed: SEED, ...stats }, null, 2));
  console.log(`Wrote ${stats.files} files, ${stats.resources} resources, ${(stats.bytes / 1e6).toFixed(1)} MB to ${out} in ${Date.now() - started} ms.`);
}
