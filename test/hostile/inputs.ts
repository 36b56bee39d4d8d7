// Hostile inputs, generated at test time (nothing large is committed): alias bombs, huge and
// many-document manifests, deep nesting, binary and invalid UTF-8 content.

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';

const HEAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hostile\ndata:\n';

/** The classic "billion laughs": nine levels of nine aliases each (9^9 strings once expanded). */
export function billionLaughs(): string {
  const lines = [HEAD.trimEnd(), '  lol0: &l0 "lol"'];
  for (let level = 1; level <= 9; level++) lines.push(`  lol${level}: &l${level} [${Array(9).fill(`*l${level - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

/** Quadratic amplification within yaml's alias count: one big mapping named 99 times. */
export function wideAliasFanOut(keys: number): string {
  const body = Array.from({ length: keys }, (_, i) => `    k${i}: value-${i}\n`).join('');
  return `${HEAD}  big: &big\n${body}  copies: [${Array(99).fill('*big').join(', ')}]\n`;
}

/** `count` anchors each named by one alias: yaml looks each alias up by a linear scan. */
export function manyAliases(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(`  a${i}: &x${i} v${i}`, `  b${i}: *x${i}`);
  return `${HEAD}${lines.join('\n')}\n`;
}

/** A file of `count` small ConfigMaps, one per `---` document. */
export function manyDocuments(count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\n`);
  return parts.join('---\n');
}

/** One ConfigMap of about `bytes` bytes (many keys): the shape of generated manifests. */
export async function writeBigManifest(path: string, bytes: number): Promise<number> {
  const handle = await fs.open(path, 'w');
  try {
    let written = 0;
    const head = `${HEAD.replace('hostile', 'big')}`;
    await handle.write(head);
    written += head.length;
    let i = 0;
    while (written < bytes) {
      const chunk: string[] = [];
      for (let k = 0; k < 10_000; k++, i++) chunk.push(`  key-${i}: ${'x'.repeat(40)}\n`);
      const text = chunk.join('');
      await handle.write(text);
      written += text.length;
    }
    return written;
  } finally {
    await handle.close();
  }
}

/** Collections nested `depth` deep, closed or not. */
export function deepFlow(depth: number, open: '[' | '{', closed: boolean): string {
  const inner = open === '[' ? '['.repeat(depth) + (closed ? ']'.repeat(depth) : '') : '{a: '.repeat(depth) + (closed ? `1${'}'.repeat(depth)}` : '');
  return `${HEAD}  nested: ${inner}\n`;
}

/** A block sequence nested `depth` deep on one line (`- - - … x`). */
export function deepBlockSequence(depth: number): string {
  return `${HEAD.replace('data:\n', 'data:\n  nested:\n')}    ${'- '.repeat(depth)}x\n`;
}

/** Random bytes with NULs: what an image or archive renamed to .yaml holds. */
export function binaryBytes(size: number): Buffer {
  const bytes = randomBytes(size);
  for (let i = 0; i < size; i += 97) bytes[i] = 0;
  return bytes;
}

/** A manifest (with a duplicate key) whose comment and one value hold invalid UTF-8 sequences. */
export function invalidUtf8Manifest(): Buffer {
  return Buffer.concat([
    Buffer.from('# caf'),
    Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
    Buffer.from('\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken-bytes\ndata:\n  text: "'),
    Buffer.from([0xe2, 0x82, 0x28, 0xf0, 0x90, 0x28, 0xbc]),
    Buffer.from('"\n  mode: a\n  mode: b\n'),
  ]);
}

/** Mostly invalid UTF-8 (no NULs): unreadable as text. */
export function invalidUtf8Noise(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = i % 3 === 0 ? 0x41 : 0x80 + (i % 64);
  return bytes;
}
