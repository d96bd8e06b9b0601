/**
 * Streams trajectory frames from a header-less Float32 file over HTTP Range requests.
 *
 * Frames are grouped into chunks of about `chunkBytes`; each chunk is one Range request and is
 * cached as a Float32Array, so `frame(f)` returns a zero-copy view. Chunks are loaded on demand
 * (the one holding the requested frame first) and then streamed forward in the background while
 * the cache stays under `cacheBytes`; the least recently used chunks far from the current frame
 * are evicted. A file of 2,000 atoms × 2,000 frames (48 MB) therefore shows its first frame after
 * one ~4 MB request and is fully cached shortly after; a larger one streams a window.
 */

import { redactUrls } from './frameFile';

export interface FrameSourceOptions {
  /** Target bytes per Range request (default 4 MiB). */
  chunkBytes?: number;
  /** Cache budget in bytes (default 384 MiB). */
  cacheBytes?: number;
  /** Concurrent requests (default 2). */
  concurrency?: number;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Called after every chunk arrives. */
  onProgress?: (p: { cachedFrames: number; nFrames: number }) => void;
}

/** The frame file could not be read as the bundle promised; the message names the file. */
export class FrameFileError extends Error {
  constructor(message: string) {
    super(redactUrls(message)); // never show the download URL's _xsrf token
    this.name = 'FrameFileError';
  }
}

interface Chunk {
  data: Float32Array | null;
  pending: Promise<Float32Array> | null;
  lastUsed: number;
}

export class FrameSource {
  readonly framesPerChunk: number;
  readonly nChunks: number;
  private readonly chunks: Chunk[];
  private readonly cacheChunks: number;
  private readonly fetchFn: typeof fetch;
  private readonly concurrency: number;
  private readonly abort = new AbortController();
  private inFlight = 0;
  private clock = 0;
  private focus = 0;
  private streaming = false;
  private disposed = false;
  private checkedSize = false;

  constructor(
    readonly url: string,
    readonly nAtoms: number,
    readonly nFrames: number,
    private readonly opts: FrameSourceOptions = {},
  ) {
    const fb = nAtoms * 12;
    this.framesPerChunk = Math.max(1, Math.min(nFrames, Math.floor((opts.chunkBytes ?? 4 << 20) / fb)));
    this.nChunks = Math.ceil(nFrames / this.framesPerChunk);
    this.chunks = Array.from({ length: this.nChunks }, () => ({ data: null, pending: null, lastUsed: 0 }));
    const chunkBytes = this.framesPerChunk * fb;
    this.cacheChunks = Math.max(2, Math.floor((opts.cacheBytes ?? 384 << 20) / chunkBytes));
    this.fetchFn = opts.fetch ?? ((input, init) => fetch(input, init));
    this.concurrency = opts.concurrency ?? 2;
  }

  /** Positions (3·nAtoms floats, Å) of frame f if cached, else null. Never allocates. */
  frame(f: number): Float32Array | null {
    const c = this.chunks[Math.floor(f / this.framesPerChunk)];
    if (!c?.data) return null;
    c.lastUsed = ++this.clock;
    const off = (f % this.framesPerChunk) * this.nAtoms * 3;
    return c.data.subarray(off, off + this.nAtoms * 3);
  }

  /** Resolve with frame f, loading its chunk if needed, and keep streaming from there. */
  async load(f: number): Promise<Float32Array> {
    if (!(f >= 0 && f < this.nFrames)) throw new RangeError(`frame ${f} outside 0..${this.nFrames - 1}`);
    this.focus = f;
    const ci = Math.floor(f / this.framesPerChunk);
    await this.loadChunk(ci);
    this.stream();
    return this.frame(f)!;
  }

  /** Number of frames currently cached. */
  cachedFrames(): number {
    let n = 0;
    for (let i = 0; i < this.nChunks; i++) if (this.chunks[i].data) n += this.chunkLength(i);
    return n;
  }

  isCached(f: number): boolean {
    return this.chunks[Math.floor(f / this.framesPerChunk)]?.data != null;
  }

  dispose(): void {
    this.disposed = true;
    this.abort.abort();
    for (const c of this.chunks) c.data = null;
  }

  private chunkLength(ci: number): number {
    return Math.min(this.framesPerChunk, this.nFrames - ci * this.framesPerChunk);
  }

  private loadChunk(ci: number): Promise<Float32Array> {
    const c = this.chunks[ci];
    c.lastUsed = ++this.clock;
    if (c.data) return Promise.resolve(c.data);
    if (c.pending) return c.pending;
    c.pending = this.fetchChunk(ci).then(
      (data) => {
        c.pending = null;
        if (this.disposed) return data;
        c.data = data;
        this.evict();
        this.opts.onProgress?.({ cachedFrames: this.cachedFrames(), nFrames: this.nFrames });
        return data;
      },
      (err) => {
        c.pending = null;
        throw err;
      },
    );
    return c.pending;
  }

  private async fetchChunk(ci: number): Promise<Float32Array> {
    const fb = this.nAtoms * 12;
    const start = ci * this.framesPerChunk * fb;
    const length = this.chunkLength(ci) * fb;
    const expectedTotal = this.nAtoms * this.nFrames * 12;
    this.inFlight++;
    try {
      const res = await this.fetchFn(this.url, {
        headers: { Range: `bytes=${start}-${start + length - 1}` },
        signal: this.abort.signal,
        credentials: 'same-origin',
      });
      if (res.status !== 206 && res.status !== 200) {
        throw new FrameFileError(`frame file ${this.url}: HTTP ${res.status} ${res.statusText}`.trim());
      }
      if (!this.checkedSize) {
        const total = res.status === 206 ? Number((res.headers.get('Content-Range') ?? '').split('/')[1]) : NaN;
        if (Number.isFinite(total) && total !== expectedTotal) {
          throw new FrameFileError(
            `frame file ${this.url} has ${total} bytes, expected ${expectedTotal} ` +
              `(${this.nFrames} frames × ${this.nAtoms} atoms × 3 × 4-byte floats)`,
          );
        }
        this.checkedSize = true;
      }
      let buf = await res.arrayBuffer();
      if (res.status === 200) {
        // The server ignored the Range header and sent the whole file: keep our slice.
        if (buf.byteLength !== expectedTotal) {
          throw new FrameFileError(`frame file ${this.url} has ${buf.byteLength} bytes, expected ${expectedTotal}`);
        }
        buf = buf.slice(start, start + length);
      }
      if (buf.byteLength !== length) {
        throw new FrameFileError(`frame file ${this.url}: asked for ${length} bytes at ${start}, got ${buf.byteLength}`);
      }
      return littleEndianFloats(buf);
    } finally {
      this.inFlight--;
    }
  }

  /** Keep up to `concurrency` requests going, forward from the focus frame, within the budget. */
  private stream(): void {
    if (this.streaming || this.disposed) return;
    this.streaming = true;
    const next = (): number => {
      const first = Math.floor(this.focus / this.framesPerChunk);
      let loaded = 0;
      for (let k = 0; k < this.nChunks; k++) {
        const ci = (first + k) % this.nChunks;
        const c = this.chunks[ci];
        if (c.data) loaded++;
        else if (!c.pending) return loaded < this.cacheChunks - 1 ? ci : -1;
        else loaded++;
        if (loaded >= this.cacheChunks - 1) return -1;
      }
      return -1;
    };
    const pump = (): void => {
      if (this.disposed) return;
      while (this.inFlight < this.concurrency) {
        const ci = next();
        if (ci < 0) break;
        this.loadChunk(ci).then(pump, () => undefined);
      }
      if (this.inFlight === 0) this.streaming = false;
    };
    pump();
  }

  private evict(): void {
    let cached = this.chunks.filter((c) => c.data).length;
    if (cached <= this.cacheChunks) return;
    const focusChunk = Math.floor(this.focus / this.framesPerChunk);
    // Evict chunks *behind* the focus (in playback order) first, least recently used first.
    const order = this.chunks
      .map((c, i) => ({ c, i, ahead: (i - focusChunk + this.nChunks) % this.nChunks }))
      .filter((x) => x.c.data && x.i !== focusChunk)
      .sort((x, y) => y.ahead - x.ahead || x.c.lastUsed - y.c.lastUsed);
    for (const x of order) {
      if (cached <= this.cacheChunks) break;
      x.c.data = null;
      cached--;
    }
  }
}

/** View a little-endian Float32 buffer as a Float32Array (byte-swapping copy on big-endian hosts). */
function littleEndianFloats(buf: ArrayBuffer): Float32Array {
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  if (little) return new Float32Array(buf);
  const dv = new DataView(buf);
  const out = new Float32Array(buf.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = dv.getFloat32(4 * i, true);
  return out;
}
