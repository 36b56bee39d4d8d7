// Memory figures for bounds: a process' peak resident set (Linux /proc VmHWM) and this process'
// live heap after a full collection.

import { readFileSync } from 'node:fs';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

const MB = 1024 * 1024;

/** Peak resident memory of a process in MB (VmHWM); undefined where /proc is not available. */
export function peakRssMb(pid: number | 'self' = 'self'): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

let collect: (() => void) | undefined;

/** Live heap in MB after a full garbage collection. */
export function liveHeapMb(): number {
  if (!collect) {
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  collect();
  return process.memoryUsage().heapUsed / MB;
}
