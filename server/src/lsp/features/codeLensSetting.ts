// `kube-netlens.codeLens.enabled`, read per file when lenses are asked for (so a change applies at
// the next request), from workspace/configuration or, for clients without it, the initialization options.

import type { ClientCapabilities, Connection } from 'vscode-languageserver/node';
import { SETTINGS_SECTION } from '../protocol';

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Reads `codeLens.enabled` nested or dotted; true unless explicitly false. */
export function codeLensFlag(section: unknown): boolean {
  const s = record(section);
  if (!s) return true;
  const value = 'codeLens.enabled' in s ? s['codeLens.enabled'] : record(s['codeLens'])?.['enabled'];
  return value !== false;
}

export async function codeLensEnabled(connection: Connection, caps: ClientCapabilities, initializationOptions: unknown, scopeUri: string): Promise<boolean> {
  if (!caps.workspace?.configuration) return codeLensFlag(initializationOptions);
  try {
    return codeLensFlag(await connection.workspace.getConfiguration({ scopeUri, section: SETTINGS_SECTION }));
  } catch {
    return true;
  }
}
