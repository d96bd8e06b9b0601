/**
 * Byte sources for the readers: a path (Node; the file is opened through fileAccess.ts) or the bytes
 * themselves ({@link BytesInput}: an ArrayBuffer, a Uint8Array or a Blob such as a browser `File`),
 * and random access over either ({@link RandomAccessSource}) for the binary formats (DCD, ASE .traj)
 * that read records by their offsets. Over a path, each read is one positioned read of the file
 * handle, so memory stays one record however large the file; over a Blob, each read is one
 * `slice(…).arrayBuffer()`. No Node import: Node's modules are looked up when a path is opened
 * (nodeModules.ts), so the readers bundle for a browser unchanged.
 */
import type { FileHandle } from 'node:fs/promises';
import { InputError } from '../core/errors.js';
import { formatBytes, memoryBudgetBytes, requireMemory } from '../core/memoryBudget.js';
import { openForReading, readWholeFile } from './fileAccess.js';

/** A Blob or File (browser, Node ≥ 18): its size, and a slice's bytes read asynchronously. */
export interface BlobLike {
  readonly size: number;
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/**
 * A trajectory's bytes given directly instead of a path: an ArrayBuffer or Uint8Array (a fetch body,
 * a Blob's `arrayBuffer()`) or a Blob itself (read a slice at a time), gzip-compressed or not (text
 * formats). `name` stands for the file in messages and for the format sniff (its extension).
 */
export interface BytesInput {
  bytes: Uint8Array | ArrayBuffer | BlobLike;
  name: string;
}

/** A path (Node) or the bytes themselves: what every reader reads from. */
export type ByteInput = string | BytesInput;

/** The name that stands for a source in messages: the path, or the name given with the bytes. */
export function sourceName(input: ByteInput): string {
  return typeof input === 'string' ? input : input.name;
}

/** True for an ArrayBuffer, from this realm or another (a worker's, a vm context's). */
function isArrayBuffer(b: unknown): b is ArrayBuffer {
  return b instanceof ArrayBuffer || Object.prototype.toString.call(b) === '[object ArrayBuffer]';
}

/** True for a Blob-like source (size and slice), as opposed to bytes already in memory (any realm's). */
export function isBlobLike(b: BytesInput['bytes']): b is BlobLike {
  return !ArrayBuffer.isView(b) && !isArrayBuffer(b) && typeof (b as BlobLike).slice === 'function' && typeof (b as BlobLike).size === 'number';
}

/** The bytes of an in-memory input as a Uint8Array (a view, no copy). */
export function memoryBytes(b: Uint8Array | ArrayBuffer): Uint8Array {
  if (b instanceof Uint8Array) return b;
  return ArrayBuffer.isView(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(b);
}

/** The size of a source's bytes as given (compressed size for gzip). */
export function bytesSize(b: BytesInput['bytes']): number {
  return isBlobLike(b) ? b.size : b.byteLength;
}

/** Random access to a source's bytes (binary readers: DCD, ASE .traj). */
export interface RandomAccessSource {
  /** The path, or the name given with the bytes (for messages). */
  readonly name: string;
  /** Size in bytes. */
  readonly size: number;
  /**
   * Bytes [offset, offset + length), fewer at the end of the source. The result may be a view of the
   * source's own memory: read it, do not keep or modify it.
   */
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Open random access to a path (a Node file handle) or to bytes / a Blob in memory. */
export async function openRandomAccess(input: ByteInput, what = 'a trajectory file'): Promise<RandomAccessSource> {
  if (typeof input === 'string') {
    const fh = await openForReading(input, what);
    let size: number;
    try {
      size = (await fh.stat()).size;
    } catch (e) {
      await fh.close();
      throw new InputError(`cannot read the file's size (${(e as Error).message})`, { file: input });
    }
    return new FileRandomAccess(input, fh, size);
  }
  const b = input.bytes;
  if (isBlobLike(b)) return new BlobRandomAccess(input.name, b);
  return new MemoryRandomAccess(input.name, memoryBytes(b));
}

class FileRandomAccess implements RandomAccessSource {
  constructor(
    readonly name: string,
    private readonly fh: FileHandle,
    readonly size: number,
  ) {}
  async read(offset: number, length: number): Promise<Uint8Array> {
    const n = Math.max(0, Math.min(length, this.size - offset));
    const out = new Uint8Array(n);
    let got = 0;
    while (got < n) {
      const { bytesRead } = await this.fh.read(out, got, n - got, offset + got);
      if (bytesRead === 0) break; // the file shrank while open
      got += bytesRead;
    }
    return got === n ? out : out.subarray(0, got);
  }
  async close(): Promise<void> {
    await this.fh.close();
  }
}

class MemoryRandomAccess implements RandomAccessSource {
  readonly size: number;
  constructor(
    readonly name: string,
    private readonly bytes: Uint8Array,
  ) {
    this.size = bytes.length;
  }
  async read(offset: number, length: number): Promise<Uint8Array> {
    const s = Math.max(0, Math.min(offset, this.size));
    return this.bytes.subarray(s, Math.min(this.size, s + Math.max(0, length)));
  }
  async close(): Promise<void> {
    /* nothing to release */
  }
}

class BlobRandomAccess implements RandomAccessSource {
  readonly size: number;
  constructor(
    readonly name: string,
    private readonly blob: BlobLike,
  ) {
    this.size = blob.size;
  }
  async read(offset: number, length: number): Promise<Uint8Array> {
    const s = Math.max(0, Math.min(offset, this.size));
    return new Uint8Array(await this.blob.slice(s, Math.min(this.size, s + Math.max(0, length))).arrayBuffer());
  }
  async close(): Promise<void> {
    /* nothing to release */
  }
}

/**
 * The whole (small) content of a path or of bytes / a Blob, gunzipped if it starts with the gzip
 * magic (web-standard DecompressionStream for bytes): the size and the decompressed size checked
 * against the memory budget. For the companions of a trajectory: CP2K .cell, a cp.x input.
 */
export async function readWholeInput(input: ByteInput, what: string): Promise<Uint8Array> {
  if (typeof input === 'string') return readWholeFile(input, what);
  const where = { file: input.name };
  const b = input.bytes;
  let bytes: Uint8Array;
  if (isBlobLike(b)) {
    requireMemory(b.size, `reading ${what} of ${formatBytes(b.size)}`, where);
    bytes = new Uint8Array(await b.slice(0, b.size).arrayBuffer());
  } else bytes = memoryBytes(b);
  if (!(bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b)) return bytes;
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const limit = memoryBudgetBytes();
  for (;;) {
    let r: { done: boolean; value?: Uint8Array };
    try {
      r = await reader.read();
    } catch (e) {
      throw new InputError(`gzip data is corrupt or cut short (${(e as Error).message}); expected ${what}`, where);
    }
    if (r.done || !r.value) break;
    total += r.value.length;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new InputError(`decompresses to more than the memory budget of ${formatBytes(limit)}; expected ${what}`, where);
    }
    chunks.push(r.value);
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** A DataView over a Uint8Array's bytes. */
export function viewOf(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}
