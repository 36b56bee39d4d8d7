// Container ports of pod templates, matched by name AND protocol as Kubernetes resolves named ports.
// Only app containers serve a Service's or policy's named ports; init containers do not.

import type { PodTemplate, Protocol } from '../model/types';

/** Container port names the templates declare for a protocol (in declaration order). */
export function declaredPortNames(templates: readonly PodTemplate[], protocol: Protocol): string[] {
  const out: string[] = [];
  for (const t of templates) for (const c of t.containers) if (!c.init) for (const p of c.ports) if (p.name && p.protocol === protocol && !out.includes(p.name)) out.push(p.name);
  return out;
}

export function declaresPort(template: PodTemplate, name: string, protocol: Protocol): boolean {
  return template.containers.some((c) => !c.init && c.ports.some((p) => p.name === name && p.protocol === protocol));
}
