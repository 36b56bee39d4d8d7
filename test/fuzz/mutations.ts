// Mutations of manifest text, as plain data so a shrunk counterexample prints readably: what users
// and tools do to YAML by accident (delete, duplicate, re-indent and truncate lines, swap a value's
// type, paste tabs or odd Unicode, convert line ends, add a BOM, drop in random bytes).
// Places are fractions (0 ≤ at < 1) of the text or of its line count, so a mutation fits any text.

import fc from 'fast-check';

const SCALE = 1_000_000;

export type Mutation =
  | { op: 'delete-line'; at: number }
  | { op: 'duplicate-line'; at: number }
  | { op: 'reindent-line'; at: number; by: number }
  | { op: 'swap-lines'; at: number; other: number }
  | { op: 'truncate'; at: number }
  | { op: 'swap-scalar'; at: number; to: string }
  | { op: 'insert'; at: number; text: string }
  | { op: 'crlf' }
  | { op: 'lone-cr' }
  | { op: 'bom' };

/** Values of other YAML types (and of none): what a swapped or mistyped scalar becomes. */
export const SCALARS = [
  '1',
  '"1"',
  "'80'",
  '-1',
  '0',
  '65536',
  '99999999999999999999',
  '1e3',
  '0x1F',
  '0o17',
  '1_000',
  '.nan',
  '-.inf',
  'true',
  'yes',
  'off',
  'null',
  '~',
  '""',
  '[]',
  '{}',
  '[a, b]',
  '{a: 1}',
  '2001-12-14',
  'foo',
  'ns/name',
  '10.0.0.0/8',
  '::1/128',
  '*anchor',
  '&anchor x',
  '!!binary aGk=',
  '!!str 1',
  '|\n  text',
  '>-',
  'http://svc.ns.svc.cluster.local:80',
];

/** Unicode that trips up offset arithmetic: astral (two UTF-16 units), RTL, zero-width, lone surrogates, odd line breaks. */
export const UNICODE = [
  '𝔘',
  '😀',
  '👩‍👩‍👧',
  '\u{10FFFF}',
  '\u202E',
  '\u200F',
  'שלום',
  'مرحبا',
  '\u200B',
  '\u200D',
  '\uFEFF',
  '\uD800',
  '\uDC00',
  'e\u0301',
  '\u2028',
  '\u2029',
  '\u0085',
  'İ',
  'ﬁ',
  '\u00A0',
];

/** YAML punctuation that changes structure. */
const PUNCTUATION = [':', ': ', '- ', '-', '---\n', '...\n', '[', ']', '{', '}', '"', "'", '#', '&a ', '*a', '!!str ', '!tag ', '<<: *a\n', '|\n', '>-\n', '? ', ',', '%YAML 1.2\n', '\n', ' ', '\\'];

const at = fc.integer({ min: 0, max: SCALE - 1 });

/** Random bytes, read as a file reader would: Latin-1 (controls and NUL kept) or UTF-8 (invalid sequences become U+FFFD). */
const bytes = fc
  .tuple(fc.uint8Array({ minLength: 1, maxLength: 12 }), fc.boolean())
  .map(([b, utf8]) => Buffer.from(b).toString(utf8 ? 'utf8' : 'latin1'));

const insertion = fc.oneof(
  fc.constantFrom('\t', '\t\t', ' \t'),
  fc.constantFrom(...UNICODE),
  fc.constantFrom(...PUNCTUATION),
  // Any code points (fc.string's own shrinking costs more than the rest of a run).
  fc.array(fc.integer({ min: 0, max: 0x10ffff }), { minLength: 1, maxLength: 6 }).map((cps) => String.fromCodePoint(...cps)),
  bytes,
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete-line' as const), at }),
  fc.record({ op: fc.constant('duplicate-line' as const), at }),
  fc.record({ op: fc.constant('reindent-line' as const), at, by: fc.integer({ min: -6, max: 6 }) }),
  fc.record({ op: fc.constant('swap-lines' as const), at, other: at }),
  fc.record({ op: fc.constant('truncate' as const), at }),
  fc.record({ op: fc.constant('swap-scalar' as const), at, to: fc.constantFrom(...SCALARS) }),
  fc.record({ op: fc.constant('insert' as const), at, text: insertion }),
  fc.constant({ op: 'crlf' as const }),
  fc.constant({ op: 'lone-cr' as const }),
  fc.constant({ op: 'bom' as const }),
);

export const mutationsArb = fc.array(mutationArb, { minLength: 1, maxLength: 4 });

function place(fraction: number, count: number): number {
  return Math.min(count - 1, Math.floor((fraction / SCALE) * count));
}

/** Lines with their breaks, so joining them gives the text back. */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

function editLines(text: string, edit: (lines: string[]) => void): string {
  const lines = splitLines(text);
  if (lines.length === 0) return text;
  edit(lines);
  return lines.join('');
}

export function applyMutation(text: string, m: Mutation): string {
  switch (m.op) {
    case 'delete-line':
      return editLines(text, (lines) => void lines.splice(place(m.at, lines.length), 1));
    case 'duplicate-line':
      return editLines(text, (lines) => {
        const i = place(m.at, lines.length);
        const line = lines[i]!;
        lines.splice(i, 0, /[\r\n]$/.test(line) ? line : `${line}\n`);
      });
    case 'reindent-line':
      return editLines(text, (lines) => {
        const i = place(m.at, lines.length);
        const line = lines[i]!;
        lines[i] = m.by >= 0 ? ' '.repeat(m.by) + line : line.replace(new RegExp(`^ {0,${-m.by}}`), '');
      });
    case 'swap-lines':
      return editLines(text, (lines) => {
        const i = place(m.at, lines.length);
        const j = place(m.other, lines.length);
        const a = lines[i]!.replace(/[\r\n]+$/, '');
        const b = lines[j]!.replace(/[\r\n]+$/, '');
        lines[i] = b + lines[i]!.slice(a.length);
        lines[j] = a + lines[j]!.slice(b.length);
      });
    case 'truncate':
      return text.slice(0, Math.floor((m.at / SCALE) * text.length));
    case 'swap-scalar':
      return editLines(text, (lines) => {
        // The value of the chosen `key: value` or `- value` line, or the nearest one after it.
        const start = place(m.at, lines.length);
        for (let k = 0; k < lines.length; k++) {
          const i = (start + k) % lines.length;
          const match = /^(\s*(?:- )*(?:[^\s#:][^:#]*:\s+|-\s+))([^\s#][^\r\n#]*?)(\s*(?:#.*)?)(\r\n|\r|\n)?$/.exec(lines[i]!);
          if (!match) continue;
          lines[i] = `${match[1]}${m.to}${match[3] ?? ''}${match[4] ?? ''}`;
          return;
        }
      });
    case 'insert': {
      const p = Math.floor((m.at / SCALE) * (text.length + 1));
      return text.slice(0, p) + m.text + text.slice(p);
    }
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
    case 'lone-cr':
      return text.replace(/\r?\n/g, '\r');
    case 'bom':
      return text.startsWith('\uFEFF') ? text : `\uFEFF${text}`;
  }
}

export function applyMutations(text: string, ms: readonly Mutation[]): string {
  return ms.reduce(applyMutation, text);
}
