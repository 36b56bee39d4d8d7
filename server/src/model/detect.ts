// Decides, before parsing, whether a file is something we must not read as a manifest.

export type SkipReason = 'binary' | 'helm-template' | 'too-large';

/** Binary content: a NUL byte, or mostly non-text characters, in the first 8 KB. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.includes('\u0000')) return true;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    // Control characters other than tab, LF, CR, plus U+FFFD from undecodable bytes.
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) odd++;
  }
  return sample.length > 0 && odd / sample.length > 0.1;
}

// Go-template actions as Helm and similar tools write them.
const HELM_OBJECT = /\{\{-?\s*[^}]*\.(Values|Release|Chart|Capabilities|Files|Template)\b/;
const ACTION_AT_LINE_START = /^[ \t]*\{\{-?\s*(if|else|end|range|with|define|include|template|toYaml|block|\/\*|-|\$)/m;
const UNQUOTED_ACTION_VALUE = /:[ \t]+\{\{[^}]*\}\}[ \t]*$/m;

/**
 * A Helm (Go) template is not YAML until rendered: we skip it rather than report noise.
 * Manifests that merely carry `{{ }}` inside quoted strings (alert templates in ConfigMaps) are still read.
 */
export function looksLikeTemplate(text: string): boolean {
  if (!text.includes('{{')) return false;
  return HELM_OBJECT.test(text) || ACTION_AT_LINE_START.test(text) || UNQUOTED_ACTION_VALUE.test(text);
}

/** A cheap textual test: could any document in this text be a Kubernetes resource? */
export function mentionsApiVersionAndKind(text: string): boolean {
  return /^[ \t-]*"?apiVersion"?[ \t]*:/m.test(text) && /^[ \t-]*"?kind"?[ \t]*:/m.test(text);
}
