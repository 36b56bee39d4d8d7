// The panel's HTML shell: a strict Content-Security-Policy, the bundled stylesheet, and the bundled
// script carrying the nonce. The extension host and the browser tests both call this.

export interface PanelHtmlOptions {
  /** The webview's resource origin (`webview.cspSource`). */
  cspSource: string;
  /** Fresh per page from a CSPRNG; only scripts carrying it run. */
  nonce: string;
  scriptUri: string;
  styleUri: string;
  title?: string;
}

function escapeAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Nonces are base64 or hex: anything else would let the value break out of the policy. */
const NONCE = /^[A-Za-z0-9+/=_-]{16,}$/;

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function panelHtml(o: PanelHtmlOptions): string {
  if (!NONCE.test(o.nonce)) throw new Error('panelHtml: the nonce must be at least 16 base64 characters');
  // A source list never holds ';' (it would start a new directive) or line breaks.
  if (/[;\r\n"]/.test(o.cspSource)) throw new Error('panelHtml: unexpected characters in cspSource');
  const csp = contentSecurityPolicy(o.cspSource, o.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(o.styleUri)}">
<title>${escapeAttribute(o.title ?? 'Reachability')}</title>
</head>
<body>
<div id="app" class="app" aria-busy="true"><p class="loading">Loading the reachability of your manifests…</p></div>
<script nonce="${escapeAttribute(o.nonce)}" src="${escapeAttribute(o.scriptUri)}"></script>
</body>
</html>
`;
}
