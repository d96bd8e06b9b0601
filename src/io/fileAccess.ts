/**
 * Opening files for reading and checking output paths before writing, with errors that name the
 * path and what was expected ("is a directory; expected a trajectory file", "cannot write …:
 * directory … does not exist") instead of Node's raw EISDIR/ENOENT errors. Every reader in src/io
 * opens its input through {@link openForReading} or {@link readErrorDetail}; writers call
 * {@link checkOutputPath} before doing any work.
 */
import { formatBytes, memoryBudgetBytes, requireMemory } from '../core/memoryBudget.js';
import type { FileHandle } from 'node:fs/promises';
import { InputError } from '../core/errors.js';
import { nodeFs, nodeFsPromises, nodePath, nodeZlib } from './nodeModules.js';

// Node's fs, zlib and path are looked up when a file is opened (nodeModules.ts), not imported.
const statSync = (p: string) => nodeFs().statSync(p);
const accessSync = (p: string, mode: number) => nodeFs().accessSync(p, mode);
const realpathSync = (p: string) => nodeFs().realpathSync(p);
const readFileSync = (p: string) => nodeFs().readFileSync(p);
const gunzipSync = (b: Uint8Array, o: { maxOutputLength: number }) => nodeZlib().gunzipSync(b, o);
const open = (p: string, flags: string) => nodeFsPromises().open(p, flags);
const isAbsolute = (p: string) => nodePath().isAbsolute(p);
const dirname = (p: string) => nodePath().dirname(p);
const resolve = (p: string) => nodePath().resolve(p);

/**
 * The reason a file could not be read, for an InputError detail (the path is given separately):
 * "file not found", "is a directory; expected a trajectory file", "permission denied", …
 */
export function readErrorDetail(e: unknown, what = 'a trajectory file', path?: string): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'file not found' + resolvedAgainst(path);
    case 'EISDIR':
      return `is a directory; expected ${what}`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied; cannot read ${what}`;
    case 'ENOTDIR':
      return `a component of the path is not a directory; expected ${what}`;
    default:
      return `cannot open file (${code ?? (e instanceof Error ? e.message : String(e))}); expected ${what}`;
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
  checkRegularFile(path, what);
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
  try {
    st = statSync(path);
  } catch {
    st = undefined;
  }
  if (st) {
    if (st.isDirectory()) throw fail(`is a directory; expected ${what}`);
    try {
      accessSync(path, nodeFs().constants.W_OK);
    } catch {
      throw fail('permission denied');
    }
    return;
  }
  const dir = dirname(resolve(path));
  let ds: ReturnType<typeof statSync> | undefined;
  try {
    ds = statSync(dir);
  } catch {
    ds = undefined;
  }
  if (!ds) throw fail(`directory ${dir} does not exist`);
  if (!ds.isDirectory()) throw fail(`${dir} is not a directory`);
  try {
    accessSync(dir, nodeFs().constants.W_OK);
  } catch {
    throw fail(`permission denied in directory ${dir}`);
  }
}

/**
 * Refuse anything but a regular file (or a directory, which {@link openForReading} names itself)
 * before opening it: opening a FIFO blocks until a writer appears, and a character device such as
 * /dev/zero (or a symlink to it) never ends. Missing files pass (open names them).
 */
export function checkRegularFile(path: string, what = 'a trajectory file'): void {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch {
    return;
  }
  if (st.isFile() || st.isDirectory()) return;
  const kind = st.isFIFO()
    ? 'a named pipe (FIFO); reading it would wait for a writer'
    : st.isCharacterDevice()
      ? 'a character device; it has no end'
      : st.isBlockDevice()
        ? 'a block device'
        : st.isSocket()
          ? 'a socket'
          : 'not a regular file';
  let target = '';
  try {
    const real = realpathSync(path);
    if (real !== path) target = ` (it resolves to ${real})`;
  } catch {
    /* keep the path */
  }
  throw new InputError(`is ${kind}${target}; expected ${what} (a regular file)`, { file: path });
}

/** Gzip member header bytes 2–3: method 8 (deflate), no reserved flags. */
function gzipHeaderProblem(b: Uint8Array): string | null {
  if (b.length < 10) return 'gzip header is cut short (file truncated?)';
  if (b[2] !== 8) return `gzip header names compression method ${b[2]}; expected 8 (deflate): corrupt header`;
  if ((b[3] & 0xe0) !== 0) return 'gzip header has reserved flag bits set: corrupt header';
  return null;
}

/**
 * Describe a zlib failure precisely: a truncated stream, a corrupt first header, data that fails
 * its CRC, or bytes after a complete member that are not a further gzip member (junk appended).
 */
export function describeGzipError(e: unknown, head?: Uint8Array): string {
  const msg = e instanceof Error ? e.message : String(e);
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ERR_BUFFER_TOO_LARGE' || /Cannot create a Buffer larger|buffer.*too large/i.test(msg)) {
    return `decompresses to more than the memory budget of ${formatBytes(memoryBudgetBytes())}; raise it with --memory-budget or SUPERIONIC_MEMORY_BUDGET`;
  }
  if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(msg)) return `gzip stream ends early: file truncated? (zlib: ${msg})`;
  const hp = head ? gzipHeaderProblem(head) : null;
  if (hp) return hp;
  if (/incorrect header check|unknown compression method|unknown header flags/i.test(msg)) {
    return `after a complete gzip member the file continues with bytes that are not a gzip member (junk appended, or a damaged concatenated member) (zlib: ${msg})`;
  }
  if (/incorrect data check|incorrect length check/i.test(msg))
    return `gzip member fails its integrity check (CRC/length): corrupt data (zlib: ${msg})`;
  return `gzip data is corrupt (zlib: ${msg})`;
}

/**
 * Read a whole (small) file, gunzipping it if it starts with the gzip magic: regular files only,
 * the file and its decompressed size bounded by the memory budget, and every zlib failure an
 * InputError naming the file. For CIF, CP2K .cell, Wannier centres, tables.
 */
export function readWholeFile(path: string, what: string, readFailurePrefix = ''): Buffer {
  checkRegularFile(path, what);
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    /* readFileSync names it */
  }
  requireMemory(size, `reading ${what} of ${formatBytes(size)}`, { file: path });
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new InputError(readFailurePrefix + readErrorDetail(e, what, path), { file: path });
  }
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = gunzipSync(buf, { maxOutputLength: Math.max(1, Math.min(memoryBudgetBytes(), 2 ** 31 - 1)) });
    } catch (e) {
      throw new InputError(describeGzipError(e, buf.subarray(0, 10)), { file: path });
    }
  }
  return buf;
}
