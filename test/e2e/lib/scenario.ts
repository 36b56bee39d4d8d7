// What the end-to-end tests do on examples/, in one place for the VS Code, UI and Neovim layers.
// The expectations follow examples/README.md (its table of intended mistakes); positions are found
// by pattern in the file text, so editing an example moves them with it.

export interface Spot {
  /** Path relative to examples/. */
  file: string;
  /** The position is the start of capture group 1 (or of the whole match). */
  at: RegExp;
}

export const SCENARIO = {
  /** Rule findings that must arrive for files nobody opened. */
  closedFileDiagnostics: [
    { file: 'payments/gateway/service.yaml', rule: 'service-selector-no-match' },
    { file: 'shop/frontend/ingress.yaml', rule: 'ingress-backend-port-missing' },
    { file: 'payments/settlement/ledger.yaml', rule: 'service-target-port-missing' },
  ],
  /** Not Kubernetes manifests: they must get no diagnostics at all. */
  quietFiles: ['docker-compose.yml', 'shop/kustomization.yaml'],
  /** Hover on the `app` key of the api Service's selector lists the api Deployment. */
  hover: {
    file: 'shop/api/service.yaml',
    at: /selector:\s*\n\s*(app): api/,
    mustInclude: ['Service selector', 'Deployment', 'api'],
  } satisfies Spot & { mustInclude: string[] },
  /** Go to definition on the Ingress backend's Service name lands on that Service. */
  definition: {
    file: 'shop/frontend/ingress.yaml',
    at: /service:\s*\n\s*name: (frontend)/,
    target: 'shop/frontend/service.yaml',
    name: 'frontend',
  } satisfies Spot & { target: string; name: string },
  /** The misspelled selector and its quick fix. */
  quickFix: {
    file: 'payments/gateway/service.yaml',
    at: /app: (pyments)/,
    rule: 'service-selector-no-match',
    titleIncludes: 'app: payments',
  } satisfies Spot & { rule: string; titleIncludes: string },
  /** The reachability panel: a cell's explanation names the policy that decides it. */
  reachability: {
    command: 'kube-netlens.showReachability',
    viewType: 'kube-netlens.reachability',
    // frontend → api: isolated by the shop default deny, let through by the frontend and api policies.
    cell: {
      from: 'shop/Deployment/frontend',
      to: 'shop/Deployment/api',
      explanationIncludes: ['shop/default-deny', 'frontend.yaml', 'api.yaml'],
    },
  },
} as const;

/** Zero-based line and character of a spot's pattern in `text`; throws when the pattern is gone. */
export function positionIn(text: string, spot: Spot): { line: number; character: number } {
  const m = spot.at.exec(text);
  if (!m) throw new Error(`pattern ${spot.at} not found in examples/${spot.file}: update test/e2e/lib/scenario.ts`);
  const offset = m.index + (m[1] !== undefined ? m[0].indexOf(m[1]) : 0);
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** A diagnostic code as VS Code and LSP carry it: a string, a number or `{ value, target }`. */
export function codeOf(code: unknown): string | undefined {
  if (typeof code === 'string' || typeof code === 'number') return String(code);
  if (code && typeof code === 'object' && 'value' in code) return String((code as { value: unknown }).value);
  return undefined;
}
