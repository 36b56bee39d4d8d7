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
 * Manifests that merely carry `{{ }}` inside quoted strings (alert templates in ConfigMaps) or inside
 * block scalars (an Istio injection template, a collector config in a ConfigMap) are still read:
 * there the braces are data, and the file is valid YAML that Kubernetes accepts as it stands.
 */
export function looksLikeTemplate(text: string): boolean {
  if (!text.includes('{{')) return false;
  const structure = withoutBlockScalarBodies(text);
  if (!structure.includes('{{')) return false;
  return HELM_OBJECT.test(structure) || ACTION_AT_LINE_START.test(structure) || UNQUOTED_ACTION_VALUE.test(structure);
}

// A block scalar header ends its line: `key: |`, `- >-`, `key: |2 # comment`.
const BLOCK_SCALAR_HEADER = /(?:^[ \t]*|:[ \t]+|(?:^|[ \t])-[ \t]+)[|>][-+1-9]{0,2}[ \t]*(?:#.*)?$/;

/**
 * The text with the content lines of block scalars blanked: a line by line approximation of YAML's
 * rule (content is every following line indented more than the scalar's parent node, blank lines
 * included). The parent is the key on the header's line, or the `-` of a list entry that is the scalar.
 */
function withoutBlockScalarBodies(text: string): string {
  const lines = text.split('\n');
  let parentColumn = -1;
  for (let i = 0; i < lines.length; i++) {
    const content = lines[i]!.replace(/\r$/, '');
    const indent = content.length - content.trimStart().length;
    if (parentColumn >= 0) {
      if (content.trim() === '' || indent > parentColumn) {
        lines[i] = '';
        continue;
      }
      parentColumn = -1;
    }
    if (BLOCK_SCALAR_HEADER.test(content)) parentColumn = blockParentColumn(content);
  }
  return lines.join('\n');
}

function blockParentColumn(header: string): number {
  const lead = /^[ \t]*(?:-[ \t]+)*/.exec(header)![0];
  if (/^[|>]/.test(header.slice(lead.length))) return Math.max(0, lead.trimEnd().length - 1);
  return lead.length;
}

/** A cheap textual test: could any document in this text be a Kubernetes resource? */
export function mentionsApiVersionAndKind(text: string): boolean {
  return /^[ \t-]*"?apiVersion"?[ \t]*:/m.test(text) && /^[ \t-]*"?kind"?[ \t]*:/m.test(text);
}
