import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const FIXTURES = path.resolve(__dirname, '../fixtures/io');
export const DATA = path.resolve(__dirname, '../../data');
export const fixture = (name: string) => path.join(FIXTURES, name);

let dir: string | undefined;
/** Write a temporary file (gzip if the name ends in .gz) and return its path. */
export function tmpFile(name: string, content: string | Buffer): string {
  dir ??= mkdtempSync(path.join(tmpdir(), 'superionic-io-'));
  const p = path.join(dir, name);
  writeFileSync(p, name.endsWith('.gz') ? gzipSync(content) : content);
  return p;
}
