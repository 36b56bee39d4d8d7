// A typed view of an Ingress manifest (networking.k8s.io/v1 and the older v1beta1 shape):
// class, TLS entries, rules' paths and their Service backends, each with its JSON path.

import type { JsonPath, Resource } from './types';
import { asArray, asNumber, asRecord, asString } from './values';

export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

export interface IngressBackendView {
  serviceName?: string;
  serviceNamePath: JsonPath;
  /** Port number or name; undefined when missing. */
  port?: number | string;
  portPath: JsonPath;
  /** Path of the backend object. */
  path: JsonPath;
}

export interface IngressPathView {
  /** The rule's host; '' when the rule has none (all hosts). */
  host: string;
  rulePath: JsonPath;
  /** The HTTP path; '' when omitted. */
  path: string;
  pathType?: string;
  /** Path of the paths[] entry. */
  entryPath: JsonPath;
  backend?: IngressBackendView;
}

export interface IngressTlsHostView {
  host: string;
  path: JsonPath;
}

export interface IngressTlsView {
  hosts: IngressTlsHostView[];
  secretName?: string;
  /** Path of the tls[] entry. */
  path: JsonPath;
}

export interface IngressView {
  resource: Resource;
  specPath: JsonPath;
  className?: string;
  classAnnotation?: string;
  tls: IngressTlsView[];
  /** Whether spec.tls is written at all (even empty). */
  hasTlsField: boolean;
  paths: IngressPathView[];
  defaultBackend?: IngressBackendView;
}

export function ingressView(resource: Resource): IngressView {
  const specPath: JsonPath = [...resource.basePath, 'spec'];
  const spec = asRecord(resource.value['spec']) ?? {};
  const className = asString(spec['ingressClassName']);
  const classAnnotation = resource.annotations[INGRESS_CLASS_ANNOTATION];

  const tls = asArray(spec['tls']).flatMap((raw, i): IngressTlsView[] => {
    const entry = asRecord(raw);
    if (!entry) return [];
    const path = [...specPath, 'tls', i];
    const hosts = asArray(entry['hosts']).flatMap((h, j) => (typeof h === 'string' ? [{ host: h, path: [...path, 'hosts', j] }] : []));
    const secretName = asString(entry['secretName']);
    return [{ hosts, ...(secretName !== undefined ? { secretName } : {}), path }];
  });

  const paths: IngressPathView[] = [];
  asArray(spec['rules']).forEach((raw, i) => {
    const rule = asRecord(raw);
    if (!rule) return;
    const rulePath = [...specPath, 'rules', i];
    const host = asString(rule['host']) ?? '';
    const http = asRecord(rule['http']);
    asArray(http?.['paths']).forEach((rawPath, j) => {
      const entry = asRecord(rawPath);
      if (!entry) return;
      const entryPath = [...rulePath, 'http', 'paths', j];
      const backend = backendView(entry['backend'], [...entryPath, 'backend']);
      const pathType = asString(entry['pathType']);
      paths.push({
        host,
        rulePath,
        path: asString(entry['path']) ?? '',
        ...(pathType !== undefined ? { pathType } : {}),
        entryPath,
        ...(backend ? { backend } : {}),
      });
    });
  });

  const defaultBackend =
    backendView(spec['defaultBackend'], [...specPath, 'defaultBackend']) ?? backendView(spec['backend'], [...specPath, 'backend']);
  return {
    resource,
    specPath,
    ...(className !== undefined ? { className } : {}),
    ...(classAnnotation !== undefined ? { classAnnotation } : {}),
    tls,
    hasTlsField: spec['tls'] !== undefined && spec['tls'] !== null,
    paths,
    ...(defaultBackend ? { defaultBackend } : {}),
  };
}

/** A Service backend in either API shape; undefined for resource backends and non-objects. */
function backendView(raw: unknown, path: JsonPath): IngressBackendView | undefined {
  const backend = asRecord(raw);
  if (!backend) return undefined;
  const service = asRecord(backend['service']);
  if (service) {
    const port = asRecord(service['port']);
    const number = asNumber(port?.['number']);
    const name = asString(port?.['name']);
    const portPath = [...path, 'service', 'port', number !== undefined ? 'number' : 'name'];
    const serviceName = asString(service['name']);
    return {
      ...(serviceName !== undefined ? { serviceName } : {}),
      serviceNamePath: [...path, 'service', 'name'],
      ...(number !== undefined ? { port: number } : name !== undefined ? { port: name } : {}),
      portPath: number === undefined && name === undefined ? [...path, 'service', 'port'] : portPath,
      path,
    };
  }
  if (backend['serviceName'] !== undefined) {
    const rawPort = backend['servicePort'];
    const port = typeof rawPort === 'number' ? rawPort : typeof rawPort === 'string' ? (/^\d+$/.test(rawPort) ? Number(rawPort) : rawPort) : undefined;
    const serviceName = asString(backend['serviceName']);
    return {
      ...(serviceName !== undefined ? { serviceName } : {}),
      serviceNamePath: [...path, 'serviceName'],
      ...(port !== undefined ? { port } : {}),
      portPath: [...path, 'servicePort'],
      path,
    };
  }
  return undefined;
}

/** Does a host pattern (`*.example.com` covers exactly one extra label) cover a concrete host? */
export function hostCovers(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === h) return true;
  if (p.startsWith('*.')) {
    const suffix = p.slice(1);
    if (!h.endsWith(suffix)) return false;
    const head = h.slice(0, h.length - suffix.length);
    return head.length > 0 && !head.includes('.');
  }
  return false;
}
