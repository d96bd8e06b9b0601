/**
 * Byte-level line reader for trajectory files: reads a byte source in large chunks — a file by its
 * path (Node: gzip detected by its magic bytes 1f 8b and decompressed with zlib streams) or bytes
 * in memory ({@link BytesInput}; gzip through the web-standard DecompressionStream) — keeps the
 * bytes in one growable Uint8Array and hands out line boundaries, so parsers work on bytes without creating a JS string per
 * line. Memory is bounded by the largest block of lines a parser asks for at once (one frame).
 *
 * Usage: `await r.ensureLines(k)` makes up to k complete lines available (fewer only at end of
 * file); then `r.lineStart(j)` / `r.lineEnd(j)` give byte offsets into `r.buf` of the j-th pending
 * line (end excludes "\n" and a trailing "\r"); `r.consume(j)` drops j lines. Offsets stay valid
 * until the next `ensureLines` call.
 *
 * Fused parsers (a frame's atom lines parsed in one pass over the bytes, lines found as they go)
 * use `ensureBytes(k)`, `afterLine(j)`, `pendingEnd` and `consumeTo(offset, nLines)` instead; the
 * buffer always keeps one spare byte after the pending data, so such a parser may put a sentinel at
 * `buf[pendingEnd]` and scan without a bounds check per byte.
 */
import type { FileHandle } from 'node:fs/promises';
import { InputError } from '../core/errors.js';
import { formatBytes, requireMemory } from '../core/memoryBudget.js';
import { openForReading } from './fileAccess.js';
import { nodeFs, nodeFsPromises, nodeZlib } from './nodeModules.js';
import { type BlobLike, type ByteInput, type BytesInput, isBlobLike, memoryBytes } from './byteSource.js';

export type { BytesInput, ByteInput, BlobLike } from './byteSource.js';

const NL = 10;
const CR = 13;
const MIN_READ = 1 << 20;
/** The first read of a file (then doubling). */
const FIRST_READ = 1 << 16;

/** True if the first bytes are the gzip magic number. */
export function isGzipMagic(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

export class ByteLineReader {
  /** The bytes; pending data lives in buf[start, end). */
  buf: Uint8Array;
  private start = 0;
  private end = 0;
  private eof = false;
  /** Offsets (into buf) of the starts of the scanned complete lines, relative order; plus ends. */
  private starts = new Int32Array(1024);
  private ends = new Int32Array(1024);
  /** Number of lines scanned and not yet consumed. */
  private nScanned = 0;
  /** Index (into starts) of the first unconsumed scanned line. */
  private first = 0;
  /** Position after the last scanned newline. */
  private scanPos = 0;
  /** Bytes in [scanPos, searched) hold no newline (so a long line is searched once, not per chunk). */
  private searched = 0;
  /** 1-based line number of the first pending line. */
  lineNo = 1;
  /** Decompressed bytes consumed so far (for progress). */
  bytesConsumed = 0;
  /** Size of the file on disk (compressed size for gzip). */
  readonly fileSize: number;
  /** Bytes read from disk so far (compressed for gzip). */
  get diskBytesRead(): number {
    return this.source.diskBytes();
  }

  private constructor(
    readonly path: string,
    private readonly source: ChunkSource,
    fileSize: number,
    readonly gzip: boolean,
  ) {
    this.buf = allocBytes(4 * MIN_READ);
    this.fileSize = fileSize;
  }

  /**
   * Open a (possibly gzip-compressed) file. `what` names what the file should be, for the error
   * when it is missing or a directory (default "a trajectory file").
   */
  static async open(input: ByteInput, what = 'a trajectory file'): Promise<ByteLineReader> {
    if (typeof input !== 'string') {
      const b = input.bytes;
      if (!isBlobLike(b)) return ByteLineReader.fromBytes({ bytes: b, name: input.name });
      const head = new Uint8Array(await b.slice(0, 10).arrayBuffer());
      const gz = isGzipMagic(head);
      if (gz) {
        const why = gzipHeaderProblem(head, head.length);
        if (why) throw new InputError(why, { file: input.name });
      }
      const source = gz ? new MemoryGzipSource(blobStream(b), b.size) : new BlobSource(b);
      return new ByteLineReader(input.name, source, b.size, gz);
    }
    const path = input;
    const fh: FileHandle = await openForReading(path, what);
    const size = (await fh.stat()).size;
    const head = new Uint8Array(10);
    const { bytesRead } = await fh.read(head, 0, 10, 0);
    const gz = isGzipMagic(head);
    if (gz) {
      const why = gzipHeaderProblem(head, bytesRead);
      if (why) {
        await fh.close();
        throw new InputError(why, { file: path });
      }
    }
    let source: ChunkSource;
    if (gz) {
      await fh.close();
      source = new GzipSource(path);
    } else {
      source = new FileSource(fh);
    }
    return new ByteLineReader(path, source, size, gz);
  }

  /** Read bytes in memory (see {@link BytesInput}); gzip is decompressed with DecompressionStream. */
  static fromBytes(input: BytesInput & { bytes: Uint8Array | ArrayBuffer }): ByteLineReader {
    const bytes = memoryBytes(input.bytes);
    const gz = isGzipMagic(bytes);
    if (gz) {
      const why = gzipHeaderProblem(bytes, Math.min(10, bytes.length));
      if (why) throw new InputError(why, { file: input.name });
    }
    return new ByteLineReader(
      input.name,
      gz ? new MemoryGzipSource(new Blob([bytes]).stream(), bytes.length) : new MemorySource(bytes),
      bytes.length,
      gz,
    );
  }

  /** Whether this source can restart at any byte offset ({@link seek}): an uncompressed file or bytes. */
  get seekable(): boolean {
    return !this.gzip && this.source.seek !== undefined;
  }

  /**
   * Restart reading at byte `offset`, which must be the start of line `line` (1-based): pending lines
   * are dropped. For frame-range readers (src/io/frameRanges.ts); uncompressed sources only.
   */
  seek(offset: number, line: number): void {
    if (!this.seekable) throw new Error(`internal: ${this.path} cannot be read from an offset (gzip)`);
    this.source.seek!(offset);
    this.start = this.end = this.scanPos = this.searched = 0;
    this.first = this.nScanned = 0;
    this.eof = false;
    this.deferred = null;
    this.lineNo = line;
    this.bytesConsumed = offset;
  }

  /** Whether the pending data is empty and the file is exhausted. */
  async atEnd(): Promise<boolean> {
    return (await this.ensureLines(1)) === 0;
  }

  /**
   * Make up to k complete lines available; returns how many are (k unless the file ends first).
   * A final line without a newline counts as a line.
   */
  async ensureLines(k: number): Promise<number> {
    for (;;) {
      this.scan(k);
      if (this.nScanned >= k || this.eof) {
        if (this.nScanned < k && this.eof && this.scanPos < this.end) {
          this.pushLine(this.scanPos, this.end);
          this.scanPos = this.end;
        }
        return Math.min(this.nScanned, k);
      }
      await this.fill();
    }
  }

  private scan(k: number): void {
    const buf = this.buf;
    while (this.nScanned < k) {
      const nl = buf.indexOf(NL, Math.max(this.scanPos, this.searched));
      if (nl < 0 || nl >= this.end) {
        this.searched = this.end;
        return;
      }
      this.pushLine(this.scanPos, nl);
      this.scanPos = nl + 1;
    }
  }

  private pushLine(s: number, e: number): void {
    const j = this.first + this.nScanned;
    if (j >= this.starts.length) {
      if (this.first > 0) {
        this.starts.copyWithin(0, this.first, j);
        this.ends.copyWithin(0, this.first, j);
        this.first = 0;
      }
      if (this.nScanned >= this.starts.length) {
        const ns = new Int32Array(this.starts.length * 2);
        ns.set(this.starts);
        this.starts = ns;
        const ne = new Int32Array(this.ends.length * 2);
        ne.set(this.ends);
        this.ends = ne;
      }
    }
    const at = this.first + this.nScanned;
    if (e > s && this.buf[e - 1] === CR) e--;
    this.starts[at] = s;
    this.ends[at] = e;
    this.nScanned++;
  }

  /** Make at least k pending bytes available (fewer only at end of file); returns how many are. */
  async ensureBytes(k: number): Promise<number> {
    try {
      while (this.end - this.start < k && !this.eof && !this.deferred) await this.fill();
    } catch (e) {
      // A corrupt/truncated gzip stream met while reading ahead: raised when the lines are asked for
      // (so the error names the frame that is cut, not one read ahead of it).
      if (!(e instanceof GzipStreamError)) throw e;
      this.deferred = e;
    }
    return this.end - this.start;
  }

  /** A gzip error met by ensureBytes, thrown by the next fill. */
  private deferred: GzipStreamError | null = null;

  /** Start of the pending bytes (the next line). */
  get pendingStart(): number {
    return this.start;
  }

  /** End (exclusive) of the pending bytes; buf[pendingEnd] exists (spare byte for a sentinel). */
  get pendingEnd(): number {
    return this.end;
  }

  /** Whether the file has been read to its end (the pending bytes are all that is left). */
  get atEof(): boolean {
    return this.eof || this.deferred !== null;
  }

  /** Byte offset just after pending line j's newline (j must have been made available). */
  afterLine(j: number): number {
    return j + 1 < this.nScanned ? this.starts[this.first + j + 1] : this.scanPos;
  }

  /**
   * Drop the pending bytes before `offset`, which must be the start of a line (just after a newline)
   * and hold exactly `nLines` lines (for fused parsers that found the lines themselves).
   */
  consumeTo(offset: number, nLines: number): void {
    if (this.nScanned >= nLines) {
      this.consume(nLines);
      return;
    }
    this.bytesConsumed += offset - this.start;
    this.start = offset;
    this.first = 0;
    this.nScanned = 0;
    this.lineNo += nLines;
    if (this.scanPos < offset) this.scanPos = offset;
    if (this.searched < offset) this.searched = offset;
  }

  /** Byte offset of the start of pending line j (0 = next line). */
  lineStart(j: number): number {
    return this.starts[this.first + j];
  }
  /** Byte offset of the end (exclusive, before "\r\n") of pending line j. */
  lineEnd(j: number): number {
    return this.ends[this.first + j];
  }
  /** Pending line j as a string (for headers and error messages, not the hot path). */
  lineText(j: number): string {
    return latin1(this.buf, this.lineStart(j), this.lineEnd(j));
  }

  /** Drop the next j pending lines (they must have been made available). */
  consume(j: number): void {
    if (j > this.nScanned) throw new Error(`internal: consume(${j}) with ${this.nScanned} lines available`);
    if (j === 0) return;
    const next = j < this.nScanned ? this.starts[this.first + j] : this.scanPos;
    this.bytesConsumed += next - this.start;
    this.start = next;
    this.first += j;
    this.nScanned -= j;
    this.lineNo += j;
    if (this.nScanned === 0) this.first = 0;
  }

  private async fill(): Promise<void> {
    if (this.deferred) throw this.deferred;
    // Compact: move pending bytes to the front, shifting the scanned offsets.
    if (this.start > 0) {
      const shift = this.start;
      this.buf.copyWithin(0, shift, this.end);
      this.end -= shift;
      this.scanPos -= shift;
      this.searched = Math.max(0, this.searched - shift);
      for (let j = this.first; j < this.first + this.nScanned; j++) {
        this.starts[j] -= shift;
        this.ends[j] -= shift;
      }
      this.start = 0;
    }
    if (this.buf.length - this.end < MIN_READ) {
      // Pending bytes are one frame's lines at most; a block this large without the lines a parser
      // needs (e.g. one line of hundreds of MB) is refused before it outgrows the memory budget.
      requireMemory(
        2 * Math.max(this.buf.length * 2, this.end + MIN_READ),
        `line ${this.lineNo + this.nScanned} and the lines pending with it (${formatBytes(this.end)} without the end of the lines asked for; not a text trajectory?)`,
        { file: this.path, line: this.lineNo + this.nScanned },
      );
      const nb = allocBytes(Math.max(this.buf.length * 2, this.end + MIN_READ));
      nb.set(this.buf.subarray(0, this.end));
      this.buf = nb;
    }
    let n: number;
    try {
      n = await this.source.read(this.buf, this.end, this.buf.length - 1); // one spare byte (sentinel)
    } catch (e) {
      if (!(e instanceof GzipDataError)) throw e;
      // Name where the good data ends: the last complete line decompressed before the error.
      this.scan(Number.MAX_SAFE_INTEGER);
      throw new GzipStreamError(this.path, this.lineNo - 1 + this.nScanned, e.truncated, e.zlibMessage);
    }
    if (n === 0) this.eof = true;
    this.end += n;
  }

  /** A copy of up to n pending bytes (for sniffing). */
  peekBytes(n: number): Uint8Array {
    return this.buf.slice(this.start, Math.min(this.end, this.start + n));
  }

  /** The bytes [s, e) of `buf` as latin1 text (species labels, messages). */
  text(s: number, e: number): string {
    return latin1(this.buf, s, e);
  }

  async close(): Promise<void> {
    await this.source.close();
  }
}

/** Internal: zlib failed inside GzipSource (ByteLineReader turns it into a GzipStreamError). */
class GzipDataError extends Error {
  readonly truncated: boolean;
  readonly zlibMessage: string;
  constructor(e: unknown) {
    const msg = e instanceof Error ? e.message : String(e);
    super(msg);
    this.zlibMessage = msg;
    this.truncated = (e as NodeJS.ErrnoException)?.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(msg);
  }
}

/** Thousands separators for line numbers in messages ("4,512"). */
function grouped(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * A gzip file whose compressed stream ends early (truncated: the usual case of an interrupted
 * copy) or is corrupt. The message names the file and the last complete line decompressed;
 * readers that know frames re-describe it with {@link GzipStreamError.atFrame}.
 */
export class GzipStreamError extends InputError {
  constructor(
    readonly path: string,
    /** Last complete (newline-terminated) line before the error, 1-based; 0 if none. */
    readonly lastLine: number,
    /** True when the stream simply ends early (zlib "unexpected end of file"). */
    readonly truncated: boolean,
    readonly zlibMessage: string,
    where?: string,
  ) {
    super(
      GzipStreamError.text(truncated, where ?? (lastLine > 0 ? `after line ${grouped(lastLine)}` : 'before the first complete line'), zlibMessage),
      { file: path },
    );
  }

  private static text(truncated: boolean, where: string, zlibMessage: string): string {
    if (truncated) return `gzip stream ends early ${where}: file truncated? (zlib: ${zlibMessage})`;
    // The first member's header was checked on opening, so a header error comes after a complete member.
    if (/incorrect header check|unknown compression method|unknown header flags/i.test(zlibMessage)) {
      return `after a complete gzip member the file continues with bytes that are not a gzip member: junk appended, or a damaged concatenated member (zlib: ${zlibMessage}; data decompressed ${where.replace(/^after /, 'up to ')})`;
    }
    if (/incorrect data check|incorrect length check/i.test(zlibMessage))
      return `gzip member fails its integrity check (CRC/length) ${where}: corrupt data (zlib: ${zlibMessage})`;
    return `gzip data is corrupt ${where} (zlib: ${zlibMessage})`;
  }

  /**
   * The same error described by frames: `complete` frames (0 … complete−1) were read whole;
   * `label` optionally names the last one as the file does (e.g. XDATCAR "Direct configuration= 30").
   */
  atFrame(complete: number, label?: string): GzipStreamError {
    const line = this.lastLine > 0 ? `last complete line ${grouped(this.lastLine)}` : 'no complete line';
    const where =
      complete > 0
        ? `after frame ${complete - 1} (${complete} complete frame${complete === 1 ? '' : 's'}, counted from 0${label ? `; the file's "${label}"` : ''}; ${line})`
        : `before the end of the first frame (${line})`;
    return new GzipStreamError(this.path, this.lastLine, this.truncated, this.zlibMessage, where);
  }
}

/**
 * A byte buffer: Node's Buffer where there is one (its indexOf, the line scan, is memchr: about 3×
 * faster than Uint8Array's), else a plain Uint8Array (a browser). Either is used as a Uint8Array.
 */
function allocBytes(n: number): Uint8Array {
  const B = (globalThis as { Buffer?: { allocUnsafe(n: number): Uint8Array } }).Buffer;
  return B ? B.allocUnsafe(n) : new Uint8Array(n);
}

/** Bytes [s, e) of `b` as latin1 text (one character per byte). */
export function latin1(b: Uint8Array, s = 0, e = b.length): string {
  let t = '';
  for (let i = s; i < e; i += 8192) t += String.fromCharCode(...b.subarray(i, Math.min(e, i + 8192)));
  return t;
}

/** Gzip member header bytes 2–3 (method 8, no reserved flags) of a file's first `n` bytes; null when sound. */
function gzipHeaderProblem(head: Uint8Array, n: number): string | null {
  return n < 10
    ? 'gzip header is cut short (file truncated?)'
    : head[2] !== 8
      ? `gzip header names compression method ${head[2]}; expected 8 (deflate): corrupt header`
      : (head[3] & 0xe0) !== 0
        ? 'gzip header has reserved flag bits set: corrupt header'
        : null;
}

/** Where ByteLineReader's bytes come from: a file, a gzip stream, bytes in memory. */
interface ChunkSource {
  /** Read into buf[offset, limit); 0 at end of data. */
  read(buf: Uint8Array, offset: number, limit: number): Promise<number>;
  /** Bytes taken from the source as stored (compressed for gzip), for progress. */
  diskBytes(): number;
  /** Continue at byte `pos` of the source (uncompressed sources only). */
  seek?(pos: number): void;
  close(): Promise<void>;
}

/** Uncompressed bytes in memory. */
class MemorySource implements ChunkSource {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}
  async read(buf: Uint8Array, offset: number, limit: number): Promise<number> {
    const n = Math.min(limit - offset, this.bytes.length - this.pos);
    buf.set(this.bytes.subarray(this.pos, this.pos + n), offset);
    this.pos += n;
    return n;
  }
  diskBytes(): number {
    return this.pos;
  }
  seek(pos: number): void {
    this.pos = pos;
  }
  async close(): Promise<void> {
    /* nothing to release */
  }
}

/** A Blob read a slice at a time (uncompressed). */
class BlobSource implements ChunkSource {
  private pos = 0;
  constructor(private readonly blob: BlobLike) {}
  async read(buf: Uint8Array, offset: number, limit: number): Promise<number> {
    const n = Math.min(limit - offset, this.blob.size - this.pos, 1 << 24);
    if (n <= 0) return 0;
    buf.set(new Uint8Array(await this.blob.slice(this.pos, this.pos + n).arrayBuffer()), offset);
    this.pos += n;
    return n;
  }
  diskBytes(): number {
    return this.pos;
  }
  seek(pos: number): void {
    this.pos = pos;
  }
  async close(): Promise<void> {
    /* nothing to release */
  }
}

/** A Blob's bytes as a stream of 1 MiB slices (for DecompressionStream), read only as the stream is pulled. */
function blobStream(blob: BlobLike): ReadableStream<Uint8Array> {
  let pos = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (pos >= blob.size) {
        controller.close();
        return;
      }
      const end = Math.min(blob.size, pos + (1 << 20));
      controller.enqueue(new Uint8Array(await blob.slice(pos, end).arrayBuffer()));
      pos = end;
    },
  });
  return stream;
}

/** Gzip-compressed bytes (in memory or a Blob), decompressed with the web-standard DecompressionStream (browsers, Node ≥ 18). */
class MemoryGzipSource implements ChunkSource {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private pending: Uint8Array | null = null;
  private done = false;
  private readonly stored: number;
  /** `raw`: the compressed bytes; `stored`: their size. */
  constructor(raw: ReadableStream<Uint8Array>, stored: number) {
    this.stored = stored;
    this.reader = raw.pipeThrough(new DecompressionStream('gzip')).getReader();
  }
  async read(buf: Uint8Array, offset: number, limit: number): Promise<number> {
    if (!this.pending) {
      if (this.done) return 0;
      let r: { done: boolean; value?: Uint8Array };
      try {
        r = await this.reader.read();
      } catch (e) {
        throw new GzipDataError(e);
      }
      if (r.done || !r.value) {
        this.done = true;
        return 0;
      }
      this.pending = r.value;
    }
    const p: Uint8Array = this.pending;
    const n = Math.min(p.length, limit - offset);
    buf.set(p.subarray(0, n), offset);
    this.pending = n < p.length ? p.subarray(n) : null;
    return n;
  }
  diskBytes(): number {
    return this.done ? this.stored : 0;
  }
  async close(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }
}

/**
 * An uncompressed file. Reads start at 64 KiB after opening or a seek and double up to the buffer's room: a header
 * or a frame range read from the middle of a file (src/io/frameRanges.ts) does not read megabytes ahead of it.
 */
class FileSource implements ChunkSource {
  private pos = 0;
  private cap = FIRST_READ;
  constructor(private readonly fh: FileHandle) {}
  async read(buf: Uint8Array, offset: number, limit: number): Promise<number> {
    const { bytesRead } = await this.fh.read(buf, offset, Math.min(limit - offset, this.cap), this.pos);
    this.cap *= 2;
    this.pos += bytesRead;
    return bytesRead;
  }
  diskBytes(): number {
    return this.pos;
  }
  seek(pos: number): void {
    this.pos = pos;
    this.cap = FIRST_READ;
  }
  async close(): Promise<void> {
    await this.fh.close();
  }
}

class GzipSource implements ChunkSource {
  private readonly raw;
  private readonly it: AsyncIterator<Buffer>;
  private pending: Buffer | null = null;
  private done = false;
  constructor(readonly path: string) {
    this.raw = nodeFs().createReadStream(path, { highWaterMark: 1 << 20 });
    const gunzip = nodeZlib().createGunzip({ chunkSize: 1 << 20 });
    this.raw.on('error', (e) => gunzip.destroy(e));
    this.raw.pipe(gunzip);
    this.it = gunzip[Symbol.asyncIterator]();
  }
  async read(buf: Uint8Array, offset: number, limit: number): Promise<number> {
    if (!this.pending) {
      if (this.done) return 0;
      let r: IteratorResult<Buffer>;
      try {
        r = await this.it.next();
      } catch (e) {
        throw new GzipDataError(e);
      }
      if (r.done) {
        this.done = true;
        return 0;
      }
      this.pending = r.value;
    }
    const p = this.pending;
    const n = Math.min(p.length, limit - offset);
    buf.set(p.subarray(0, n), offset);
    this.pending = n < p.length ? p.subarray(n) : null;
    return n;
  }
  diskBytes(): number {
    return this.raw.bytesRead;
  }
  async close(): Promise<void> {
    this.raw.destroy();
    if (this.it.return) await this.it.return().catch(() => undefined);
  }
}

/** The first `n` decompressed bytes of a file (for format sniffing). */
export async function readHead(input: ByteInput, n = 65536): Promise<Uint8Array> {
  const r = await ByteLineReader.open(input);
  try {
    await r.ensureLines(64);
    return r.peekBytes(n);
  } finally {
    await r.close();
  }
}

/** File size in bytes (for progress); undefined if unknown. */
export async function fileSize(path: string): Promise<number | undefined> {
  try {
    return (await nodeFsPromises().stat(path)).size;
  } catch {
    return undefined;
  }
}
