// A deterministic synthetic workspace for measuring the panel: 300 workloads in 15 namespaces and
// 100 NetworkPolicies (a default deny per namespace, per-app ingress allowances by tier and team,
// and egress isolation with DNS for some apps). Also the "one keystroke" edit of it.

export const BENCH_NAMESPACES = 15;
export const BENCH_APPS_PER_NAMESPACE = 20;
export const BENCH_POLICIES = 100;

const TIERS = ['web', 'api', 'db'] as const;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function tierOf(app: number): (typeof TIERS)[number] {
  return TIERS[app % TIERS.length]!;
}

function deployment(ns: string, app: number): string {
  const tier = tierOf(app);
  const port = tier === 'db' ? 5432 : 8080;
  const portName = tier === 'db' ? 'pg' : 'http';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${pad(app)}
  namespace: ${ns}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: ${ns}-app-${pad(app)}
  template:
    metadata:
      labels:
        app: ${ns}-app-${pad(app)}
        tier: ${tier}
    spec:
      containers:
        - name: main
          image: registry.example.com/${ns}/app-${pad(app)}:1.0.0
          ports:
            - name: ${portName}
              containerPort: ${port}
`;
}

function namespace(ns: string, team: number): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${ns}
  labels:
    team: team-${team}
`;
}

function defaultDeny(ns: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: ${ns}
spec:
  podSelector: {}
  policyTypes:
    - Ingress
`;
}

/** An allowance for one app: web apps from anywhere on http, api from the web tier, db from api pods of the team's namespaces. */
function allowance(ns: string, app: number, team: number, egress: boolean): string {
  const tier = tierOf(app);
  const from =
    tier === 'web'
      ? `        - ipBlock:
            cidr: 0.0.0.0/0
            except:
              - 10.0.0.0/8`
      : tier === 'api'
        ? `        - podSelector:
            matchLabels:
              tier: web`
        : `        - namespaceSelector:
            matchLabels:
              team: team-${team}
          podSelector:
            matchExpressions:
              - key: tier
                operator: In
                values: [api]`;
  const port = tier === 'db' ? 5432 : 'http';
  const egressPart = egress
    ? `  policyTypes: [Ingress, Egress]
  egress:
    - to:
        - podSelector:
            matchLabels:
              tier: db
      ports:
        - port: 5432
    - ports:
        - port: 53
          protocol: UDP
        - port: 53
          protocol: TCP
`
    : '';
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-app-${pad(app)}
  namespace: ${ns}
spec:
  podSelector:
    matchLabels:
      app: ${ns}-app-${pad(app)}
${egressPart}  ingress:
    - from:
${from}
      ports:
        - port: ${port}
`;
}

/** File name → YAML: one file per namespace with its Namespace, workloads and policies. */
export function benchFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const allowancesPerNamespace = Math.floor((BENCH_POLICIES - BENCH_NAMESPACES) / BENCH_NAMESPACES);
  let extra = BENCH_POLICIES - BENCH_NAMESPACES - allowancesPerNamespace * BENCH_NAMESPACES;
  for (let n = 0; n < BENCH_NAMESPACES; n++) {
    const ns = `ns-${pad(n)}`;
    const team = n % 5;
    const docs = [namespace(ns, team)];
    for (let a = 0; a < BENCH_APPS_PER_NAMESPACE; a++) docs.push(deployment(ns, a));
    docs.push(defaultDeny(ns));
    const count = allowancesPerNamespace + (extra > 0 ? 1 : 0);
    if (extra > 0) extra--;
    for (let a = 0; a < count; a++) docs.push(allowance(ns, a, team, a % 4 === 0));
    files[`${ns}.yaml`] = docs.join('---\n');
  }
  return files;
}

/** The same workspace with one keystroke's difference: an api allowance opens 8081 instead of http. */
export function benchEdit(files: Record<string, string>): Record<string, string> {
  const name = 'ns-03.yaml';
  const text = files[name]!;
  const marker = 'name: allow-app-01\n';
  const at = text.indexOf(marker);
  const portAt = text.indexOf('- port: http', at);
  return { ...files, [name]: `${text.slice(0, portAt)}- port: 8081${text.slice(portAt + '- port: http'.length)}` };
}
