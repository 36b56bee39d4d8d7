// Names as Kubernetes validates them, cluster DNS names of Services, and host references in strings.

export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';

/** Why a string is not an IANA_SVC_NAME (container, target and policy port names); undefined when valid. */
export function ianaSvcNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > 15) return 'is longer than 15 characters';
  if (!/^[-a-z0-9]+$/.test(name)) return 'may contain only lowercase letters, digits and "-"';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter';
  if (name.includes('--')) return 'must not contain "--"';
  if (name.startsWith('-') || name.endsWith('-')) return 'must not begin or end with "-"';
  return undefined;
}

/** Why a string is not a DNS-1123 label (Service port names, Service names); undefined when valid. */
export function dnsLabelProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > 63) return 'is longer than 63 characters';
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) {
    return 'must consist of lowercase letters, digits and "-", and start and end with a letter or digit';
  }
  return undefined;
}

/** Why a string is not a DNS-1123 subdomain; undefined when valid. */
export function dnsSubdomainProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > 253) return 'is longer than 253 characters';
  for (const label of name.split('.')) {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(label)) {
      return 'must be lowercase labels of letters, digits and "-" separated by dots, each starting and ending with a letter or digit';
    }
  }
  return undefined;
}

/**
 * The cluster domain a CoreDNS Corefile serves Services under: the first zone of its
 * `kubernetes` plugin that is not a reverse zone. Undefined when there is none.
 */
export function clusterDomainFromCorefile(corefile: string): string | undefined {
  for (const line of corefile.split(/\r?\n|\r/)) {
    const m = /^\s*kubernetes\s+([^{#]*)/.exec(line);
    if (!m) continue;
    for (const zone of m[1]!.trim().split(/\s+/)) {
      const z = zone.replace(/\.$/, '').toLowerCase();
      if (z && !z.endsWith('in-addr.arpa') && !z.endsWith('ip6.arpa') && /^[a-z0-9.-]+$/.test(z)) return z;
    }
  }
  return undefined;
}

/** How a host names a Service. */
export type ServiceNameForm = 'fqdn' | 'svc' | 'namespaced' | 'bare';

export interface ServiceHostReference {
  service: string;
  /** The namespace written in the name; undefined for a bare name. */
  namespace?: string;
  form: ServiceNameForm;
  /** A StatefulSet pod's host name, when the name addresses one pod of a headless Service. */
  podHostname?: string;
}

/**
 * Reads a host as a Service DNS name: `svc.ns.svc.<domain>`, `svc.ns.svc`, `svc.ns`, a bare `svc`,
 * and a StatefulSet pod's `pod.svc.ns.svc[.<domain>]` (naming its headless Service).
 * Anything else (external names, IPs) gives undefined. `svc.ns` is only a candidate: the caller
 * must check that `ns` is a namespace it knows, since `example.com` has the same shape.
 */
export function parseServiceHost(host: string, clusterDomain: string): ServiceHostReference | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(h)) return undefined;
  let labels = h.split('.');
  if (labels.some((l) => l.length === 0)) return undefined;
  const domainSuffix = `.svc.${clusterDomain.toLowerCase()}`;
  let form: ServiceNameForm;
  if (h.endsWith(domainSuffix)) {
    labels = h.slice(0, -domainSuffix.length).split('.');
    form = 'fqdn';
  } else if (labels[labels.length - 1] === 'svc') {
    labels = labels.slice(0, -1);
    form = 'svc';
  } else if (labels.length === 2) {
    form = 'namespaced';
  } else if (labels.length === 1) {
    return /^\d+$/.test(h) ? undefined : { service: h, form: 'bare' };
  } else {
    return undefined;
  }
  // `svc.ns` or a StatefulSet pod's `pod.svc.ns`.
  if (labels.length === 2) return { service: labels[0]!, namespace: labels[1]!, form };
  if (labels.length === 3) return { service: labels[1]!, namespace: labels[2]!, form, podHostname: labels[0]! };
  return undefined;
}

export interface HostMention {
  host: string;
  /** Explicit port, or a scheme's well-known port when the URL gives none. */
  port?: number;
  portExplicit: boolean;
  scheme?: string;
  /** Offset of the host inside the scanned string. */
  hostOffset: number;
}

const SCHEME_PORTS: Readonly<Record<string, number>> = {
  http: 80,
  https: 443,
  ws: 80,
  wss: 443,
  redis: 6379,
  rediss: 6379,
  postgres: 5432,
  postgresql: 5432,
  mysql: 3306,
  mongodb: 27017,
  amqp: 5672,
  amqps: 5671,
  nats: 4222,
  ftp: 21,
  ldap: 389,
  ldaps: 636,
};

const URL_RE = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#\s]*@)?([^:/?#\s[\]]+)(?::(\d{1,5}))?(?=$|[/?#])/i;
const HOST_PORT_RE = /^([a-z0-9][-a-z0-9.]*):(\d{1,5})$/i;
const HOST_RE = /^[a-z0-9][-a-z0-9.]*$/i;

/**
 * Hosts mentioned in a string value: URLs and `host:port` anywhere in a comma or space separated
 * list, and a plain host name when `plainHostAllowed` (the variable's name says it holds a host).
 */
export function hostMentions(value: string, plainHostAllowed: boolean): HostMention[] {
  const out: HostMention[] = [];
  const tokenRe = /[^\s,;]+/g;
  let m: RegExpExecArray | null;
  while ((m = tokenRe.exec(value)) !== null) {
    const token = m[0];
    const start = m.index;
    const url = URL_RE.exec(token);
    if (url) {
      const scheme = url[1]!.toLowerCase();
      const host = url[2]!;
      const explicit = url[3] !== undefined;
      const port = explicit ? Number(url[3]) : SCHEME_PORTS[scheme.split('+')[0]!];
      const hostOffset = start + token.indexOf(host, scheme.length + 3);
      out.push({ host, ...(port !== undefined ? { port } : {}), portExplicit: explicit, scheme, hostOffset });
      continue;
    }
    const hp = HOST_PORT_RE.exec(token);
    if (hp) {
      out.push({ host: hp[1]!, port: Number(hp[2]), portExplicit: true, hostOffset: start });
      continue;
    }
    if (plainHostAllowed && HOST_RE.test(token) && token === value.trim()) {
      out.push({ host: token, portExplicit: false, hostOffset: start });
    }
  }
  return out;
}

/** Environment variable names that conventionally hold a host name. */
export function envNameHoldsHost(name: string): boolean {
  return /(^|_)(HOST|HOSTNAME|ADDR|ADDRESS|SERVER|ENDPOINT)$/i.test(name);
}
