/**
 * Opening files for reading and checking output paths before writing, with errors that name the
 * path and what was expected ("is a directory; expected a trajectory file", "cannot write …:
 * directory … does not exist") instead of Node's raw EISDIR/ENOENT errors. Every reader in src/io
 * opens its input through {@link openForReading} or {@link readErrorDetail}; writers call
 * {@link checkOutputPath} before doing any work.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { InputError } from '../core/errors.js';

/**
 * The reason a file could not be read, for an InputError detail (the path is given separately):
 * "file not found", "is a directory; expected a trajectory file", "permission denied", …
 */
export function readErrorDetail(e: unknown, what = 'a trajectory file', path?: string): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT': return 'file not found' + resolvedAgainst(path);
    case 'EISDIR': return `is a directory; expected ${what}`;
    case 'EACCES': case 'EPERM': return `permission denied; cannot read ${what}`;
    case 'ENOTDIR': return `a component of the path is not a directory; expected ${what}`;
    default: return `cannot open file (${code ?? (e instanceof Error ? e.message : String(e))}); expected ${what}`;
  }
}

/**
 * For a relative path, " (relative to <folder>)": the folder it was resolved against (the working
 * directory: a notebook's own folder, or where the command was run). Empty for absolute paths.
 */
export function resolvedAgainst(path?: string): string {
  return path && !isAbsolute(path) ? ` (relative path, resolved against ${process.cwd()})` : '';
}

/**
 * Open a regular file for reading. Raises an InputError naming the path when it does not exist,
 * is a directory (which `open` accepts on Linux; the first read would then fail with EISDIR), or
 * cannot be read. `what` says what was expected, e.g. "a trajectory file".
 */
export async function openForReading(path: string, what = 'a trajectory file'): Promise<FileHandle> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw new InputError(readErrorDetail(e, what, path), { file: path });
  }
  let isDir = false;
  try {
    isDir = (await fh.stat()).isDirectory();
  } catch (e) {
    await fh.close();
    throw new InputError(readErrorDetail(e, what, path), { file: path });
  }
  if (isDir) {
    await fh.close();
    throw new InputError(`is a directory; expected ${what}`, { file: path });
  }
  return fh;
}

/**
 * Check, without creating anything, that a file can be written at `path`: it is not a directory,
 * its directory exists (and is a directory), and both are writable. Call it before a long
 * computation whose result goes to `path`. Raises an InputError naming the path otherwise.
 */
export function checkOutputPath(path: string, what = 'an output file'): void {
  if (!path) throw new InputError(`empty output path; expected ${what}`);
  const fail = (why: string) => new InputError(`cannot write ${path}: ${why}`);
  let st: ReturnType<typeof statSync> | undefined;
  try { st = statSync(path); } catch { st = undefined; }
  if (st) {
    if (st.isDirectory()) throw fail(`is a directory; expected ${what}`);
    try { accessSync(path, constants.W_OK); } catch { throw fail('permission denied'); }
    return;
  }
  const dir = dirname(resolve(path));
  let ds: ReturnType<typeof statSync> | undefined;
  try { ds = statSync(dir); } catch { ds = undefined; }
  if (!ds) throw fail(`directory ${dir} does not exist`);
  if (!ds.isDirectory()) throw fail(`${dir} is not a directory`);
  try { accessSync(dir, constants.W_OK); } catch { throw fail(`permission denied in directory ${dir}`); }
}
