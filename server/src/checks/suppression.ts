// Inline suppression comments: `# kube-netlens-disable-next-line <id> [<id>…]` and, per file,
// `# kube-netlens-disable <id> [<id>…]` (no id: every rule).

export interface Suppressions {
  isSuppressed(rule: string, line: number): boolean;
}

const COMMENT = /#\s*kube-netlens-disable(-next-line)?(?:[ \t]+([\w\-, \t]+))?\s*$/;

export function suppressedRules(text: string): Suppressions {
  const fileWide = new Set<string>();
  let fileAll = false;
  const byLine = new Map<number, Set<string> | 'all'>();
  if (!text.includes('kube-netlens-disable')) return { isSuppressed: () => false };
  const lines = text.split(/\r?\n|\r/);
  lines.forEach((lineText, line) => {
    const m = COMMENT.exec(lineText);
    if (!m) return;
    const ids = (m[2] ?? '').split(/[\s,]+/).filter(Boolean);
    if (m[1]) {
      // Applies to the next line that is not blank or a comment.
      let target = line + 1;
      while (target < lines.length && /^\s*(#.*)?$/.test(lines[target]!)) target++;
      byLine.set(target, ids.length ? new Set(ids) : 'all');
    } else if (ids.length === 0) {
      fileAll = true;
    } else {
      ids.forEach((id) => fileWide.add(id));
    }
  });
  return {
    isSuppressed(rule, line) {
      if (fileAll || fileWide.has(rule)) return true;
      const here = byLine.get(line);
      return here === 'all' || (here !== undefined && here.has(rule));
    },
  };
}
