// Reads docs/real-world.md the way the corpus test compares against it: the table of remaining
// problems (file, line, rule, justification) and the sentence that states the counts.

export function keyOf(file: string, line: number, rule: string): string {
  return `${file}:${line} ${rule}`;
}

/** Rows of the table whose header starts `| File | Line | Rule |`, as keys. Paths are relative to the corpus. */
export function documentedProblems(markdown: string): string[] {
  const lines = markdown.split('\n');
  const header = lines.findIndex((l) => /^\|\s*File\s*\|\s*Line\s*\|\s*Rule\s*\|/.test(l));
  if (header < 0) throw new Error('docs/real-world.md: no "| File | Line | Rule |" table');
  const keys: string[] = [];
  for (const row of lines.slice(header + 2)) {
    if (!row.startsWith('|')) break;
    const cells = row.split('|').slice(1, -1).map((c) => c.trim());
    const [file, line, rule, why] = cells;
    if (!file || !line || !rule || !why) throw new Error(`docs/real-world.md: incomplete row: ${row}`);
    keys.push(keyOf(file.replace(/^`|`$/g, ''), Number(line), rule.replace(/^`|`$/g, '')));
  }
  return keys;
}

/** "**17** warnings and errors in **2,020** resources": the counts the document states. */
export function documentedRate(markdown: string): { problems: number; resources: number } {
  const m = /\*\*([\d,]+)\*\* warnings and errors in \*\*([\d,]+)\*\* resources/.exec(markdown);
  if (!m) throw new Error('docs/real-world.md: no "**N** warnings and errors in **M** resources" sentence');
  return { problems: Number(m[1]!.replace(/,/g, '')), resources: Number(m[2]!.replace(/,/g, '')) };
}
