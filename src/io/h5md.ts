/**
 * H5MD reader (HDF5 molecular-dynamics files: LAMMPS `dump h5md`, MDAnalysis, ASE-based codes), via
 * the h5wasm HDF5 library (npm `h5wasm`, the HDF5 C library compiled to WebAssembly).
 *
 * Reads the first group under `/particles` (or `opts.h5mdGroup`-free: the only one): `position/value`
 * (T × N × 3), `box/edges` (a fixed [3] / [3 × 3] dataset or a time series `edges/value` of T × 3 /
 * T × 3 × 3; rows are the box vectors; `boundary` "none" on every axis → no cell), `velocity/value`,
 * `force/value` (or `forces`), `species/value` (N or T × N; atomic numbers unless `typeMap` maps the
 * species numbers: value v → typeMap[v − 1]; without a species dataset typeMap must list one element
 * per atom), and times from `position/time`. Units come from each
 * dataset's `unit` attribute (H5MD: "nm", "Angstrom", "ps", "nm ps-1", "kJ mol-1 nm-1", …) and are
 * converted to Å, fs, Å/fs, eV/Å; a unit the reader does not know is refused, not guessed. Frames are
 * read one at a time with hyperslab reads (memory: one frame). `momentum` is not read (its units
 * differ between writers). Not streaming from gzip (HDF5 has its own compression, which h5wasm reads
 * for gzip/deflate chunks).
 *
 * Source: a path (Node: h5wasm's Node build reads the file in place, a hyperslab at a time) or the
 * bytes ({@link ByteInput}: an ArrayBuffer, Uint8Array or Blob), which h5wasm's browser build opens
 * from its in-memory file system: the whole file is then in memory once (checked against the memory
 * budget). Neither build is imported statically: the Node build is looked up by a computed name, so a
 * browser bundle of the readers holds only the browser build (no Node built-ins).
 */
import { Cell } from '../core/cell.js';
import { elementTable } from '../core/elements.js';
import { InputError } from '../core/errors.js';
import { formatBytes, requireMemory } from '../core/memoryBudget.js';
import type { Frame, SourceInfo } from '../core/frame.js';
import type { Topology } from '../core/topology.js';
import { topologyFromSymbols } from '../core/topology.js';
import { FormatReader, ReadOptions, SkippedFrame } from './readOptions.js';
import { normalizeSymbol } from './speciesSymbol.js';
import { type ByteInput, isBlobLike, memoryBytes, sourceName } from './byteSource.js';
import { readErrorDetail } from './fileAccess.js';
import { nodeFs, nodeFsPromises } from './nodeModules.js';

/** True if the bytes start with the HDF5 signature. */
export function isHdf5Magic(b: Uint8Array): boolean {
  const sig = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
  return b.length >= 8 && sig.every((x, i) => b[i] === x);
}

const LENGTH_A: Record<string, number> = { angstrom: 1, a: 1, å: 1, nm: 10, pm: 0.01, m: 1e10, bohr: 0.529177210903 };
const TIME_FS: Record<string, number> = { fs: 1, ps: 1000, ns: 1e6, s: 1e15, as: 1e-3 };
const ENERGY_EV: Record<string, number> = {
  ev: 1,
  'kj mol-1': 1 / 96.48533212331,
  'kcal mol-1': 4.184 / 96.48533212331,
  'kj/mol': 1 / 96.48533212331,
  'kcal/mol': 4.184 / 96.48533212331,
};

/** Factor of a unit string to the code unit of `kind` (undefined if unknown). */
export function h5mdUnitFactor(unit: string | undefined, kind: 'length' | 'time' | 'velocity' | 'force'): number | undefined {
  const u = (unit ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  if (kind === 'length') return u === '' ? undefined : LENGTH_A[u];
  if (kind === 'time') return TIME_FS[u];
  if (kind === 'velocity') {
    const m = /^(\S+)(?: (\S+)-1|\/(\S+))$/.exec(u);
    if (!m) return undefined;
    const l = LENGTH_A[m[1]],
      t = TIME_FS[m[2] ?? m[3]];
    return l !== undefined && t !== undefined ? l / t : undefined;
  }
  // force: energy per length, "kJ mol-1 nm-1", "eV/Angstrom", "kcal mol-1 Angstrom-1"
  const m = /^(.+?)(?: (\S+)-1|\/(\S+))$/.exec(u);
  if (!m) return undefined;
  const e = ENERGY_EV[m[1]],
    l = LENGTH_A[m[2] ?? m[3]];
  return e !== undefined && l !== undefined ? e / l : undefined;
}

// h5wasm's types are loose; the few calls used here.
interface H5Dataset {
  type: 'Dataset';
  shape: number[];
  attrs: Record<string, { value: unknown }>;
  value: unknown;
  slice(r: number[][]): ArrayLike<number>;
}
interface H5Group {
  type: 'Group';
  keys(): string[];
  get(k: string): H5Dataset | H5Group | null;
  attrs: Record<string, { value: unknown }>;
}
interface H5File extends H5Group {
  close(): void;
}

/** h5wasm's in-memory file system (Emscripten FS), the calls used here. */
interface EmFS {
  writeFile(path: string, data: Uint8Array): void;
  unlink(path: string): void;
  createDevice(parent: string, name: string, input: null, output: (c: number) => void): void;
  close(stream: unknown): void;
  open(path: string, flags: string): { fd: number };
  streams: unknown[];
}

/** One build of h5wasm: its File class and how the HDF5 library's stderr is captured around a call. */
interface Hdf5Lib {
  File: new (p: string, mode: string) => H5File;
  /** Run `fn` with everything HDF5 writes to stderr passed to `keep` instead. */
  capture<T>(keep: (text: string) => void, fn: () => T): T;
  /** The in-memory file system (the browser build only). */
  FS?: EmFS;
}

/** HDF5 diagnostics kept per call (the reasons quoted come from the first of them). */
const DIAG_MAX_CHARS = 64 * 1024;

let nodeLib: Promise<Hdf5Lib> | null = null;
/** h5wasm's Node build (NODERAWFS: files opened by path, read in place). */
function hdf5ForPaths(): Promise<Hdf5Lib> {
  nodeLib ??= (async () => {
    // A computed specifier: bundlers leave it alone, so a browser bundle does not pull in the Node build.
    const spec = ['h5wasm', 'node'].join('/');
    const m = (await import(spec)) as { default: { ready: Promise<unknown>; File: Hdf5Lib['File'] } };
    await m.default.ready;
    return { File: m.default.File, capture: captureNodeStderr };
  })();
  return nodeLib;
}

let memLib: Promise<Hdf5Lib> | null = null;
/** Where the browser build's stderr device sends its bytes while a call is captured. */
let memSink: ((text: string) => void) | null = null;
/** h5wasm's browser build (in-memory file system; runs in Node too). */
function hdf5ForBytes(): Promise<Hdf5Lib> {
  memLib ??= (async () => {
    const m = (await import('h5wasm')) as unknown as { default: { ready: Promise<unknown>; File: Hdf5Lib['File'] }; FS: EmFS | null };
    await m.default.ready;
    const FS = m.FS!;
    // HDF5 writes its error stack to fd 2 (console.error by default): point fd 2 at a device that
    // hands the text to the capturing call, or drops it outside one.
    let line: number[] = [];
    FS.createDevice('/dev', 'superionic_stderr', null, (c: number) => {
      if (c === null || c === undefined) return;
      line.push(c);
      if (c === 10 || line.length >= 4096) {
        memSink?.(String.fromCharCode(...line));
        line = [];
      }
    });
    FS.close(FS.streams[2]);
    FS.open('/dev/superionic_stderr', 'w');
    const capture = <T>(keep: (text: string) => void, fn: () => T): T => {
      memSink = keep;
      try {
        return fn();
      } finally {
        if (line.length) keep(String.fromCharCode(...line));
        line = [];
        memSink = null;
      }
    };
    return { File: m.default.File, FS, capture };
  })();
  return memLib;
}

/**
 * The Node build writes HDF5's stderr with fs.writeSync(2, HEAP8, offset, length) (NODERAWFS): the
 * buffer is the whole wasm heap (often hundreds of MiB after a damaged file's allocations), so only
 * the written range is decoded (decoding the whole heap per line took 20–60 s on damaged files).
 */
function captureNodeStderr<T>(keep: (text: string) => void, fn: () => T): T {
  const fs = nodeFs();
  const write = process.stderr.write,
    writeSync = fs.writeSync;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    keep(
      typeof chunk === 'string' ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, Math.min(chunk.byteLength, DIAG_MAX_CHARS)).toString('utf8'),
    );
    return true;
  }) as typeof process.stderr.write;
  fs.writeSync = ((fd: number, data: string | NodeJS.ArrayBufferView, ...rest: unknown[]) => {
    if (fd !== 2) return (writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
    if (typeof data === 'string') {
      keep(data);
      return Buffer.byteLength(data);
    }
    const offset = (rest[0] as number | undefined) ?? 0,
      length = (rest[1] as number | undefined) ?? data.byteLength - offset;
    keep(Buffer.from(data.buffer, data.byteOffset + offset, Math.min(length, DIAG_MAX_CHARS)).toString('utf8'));
    return length;
  }) as typeof fs.writeSync;
  try {
    return fn();
  } finally {
    process.stderr.write = write;
    fs.writeSync = writeSync;
  }
}

/**
 * Run h5wasm calls with the HDF5 library's error stack (which the C library prints to stderr, dozens
 * of "HDF5-DIAG" lines) captured: any failure inside, or any error HDF5 reports, becomes one
 * InputError naming the file (and frame) with HDF5's own short reasons. The captured text is capped
 * (a damaged file can make HDF5 report thousands of errors).
 */
function quietHdf5<T>(lib: Hdf5Lib, where: { file: string; frame?: number }, fn: () => T, hdf5First = false): T {
  let diag = '';
  const keep = (text: string) => {
    if (diag.length < DIAG_MAX_CHARS) diag += text.slice(0, DIAG_MAX_CHARS - diag.length);
  };
  const fail = (why: string) => {
    const minor = [...new Set([...diag.matchAll(/minor: (.*)/g)].map((m) => m[1].trim()))].slice(-3).reverse();
    return new InputError(
      `HDF5 cannot read the file: ${why}${minor.length ? ` (${minor.join('; ')})` : ''}; expected an intact HDF5/H5MD file (damaged or truncated?)`,
      where,
    );
  };
  let out: T;
  try {
    out = lib.capture(keep, fn);
  } catch (e) {
    // Reading a frame, a check of ours failing on what HDF5 returned after reporting an error (NaN
    // values from a chunk it could not decode) is a consequence: HDF5's own reasons come first.
    if (e instanceof InputError && !(hdf5First && /Error detected in HDF5/.test(diag))) throw e;
    if (e instanceof InputError) throw fail('the HDF5 library reported an error');
    const msg = (e as Error)?.message ?? String(e);
    // h5wasm's words for a failed H5Oopen, and the wasm runtime's for HDF5's own abort() on a damaged header
    throw fail(
      /name not defined/.test(msg)
        ? 'an object it names cannot be opened'
        : /^Aborted\(/.test(msg)
          ? 'the HDF5 library gave up on a damaged structure'
          : msg,
    );
  }
  if (/Error detected in HDF5/.test(diag)) throw fail('the HDF5 library reported an error');
  return out;
}

/** Names of the files written to the browser build's in-memory file system (one per open reader). */
let memFileCount = 0;

/**
 * The element count of a dataset, after checking its declared shape is whole numbers (a damaged
 * dataspace can declare 2^64 elements) and, when `max` is given, at most `max` elements (the small
 * datasets read whole: times, fixed box, boundary, species).
 */
function datasetElements(ds: H5Dataset, what: string, where: { file: string }, max?: number): number {
  const shape = ds.shape ?? [];
  if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0))
    throw new InputError(`${what} declares the shape [${shape.join(', ')}]; expected whole-number dimensions (damaged dataspace?)`, where);
  const n = shape.reduce((a, b) => a * b, 1);
  if (max !== undefined && n > max)
    throw new InputError(`${what} declares ${n} values (shape [${shape.join(', ')}]); expected at most ${max} (damaged dataspace?)`, where);
  return n;
}

export class H5mdReader implements FormatReader {
  topology!: Topology;
  info!: SourceInfo;
  private f!: H5File;
  private pos!: H5Dataset;
  private vel: H5Dataset | null = null;
  private frc: H5Dataset | null = null;
  private edges: H5Dataset | null = null;
  private fixedCell: Cell | null = null;
  private times: ArrayLike<number> | null = null;
  private nFrames = 0;
  private n = 0;
  private k = 0;
  private size = 0;
  private fL = 1;
  private fV = 1;
  private fF = 1;
  private fT = 1;
  private fE = 1;
  private sel: Int32Array | null = null;
  private lib!: Hdf5Lib;
  /** The file's name in the in-memory file system, when opened from bytes. */
  private memName: string | null = null;
  private readonly path: string;
  private constructor(
    private readonly input: ByteInput,
    private readonly opts: ReadOptions,
  ) {
    this.path = sourceName(input);
  }

  /** Open an H5MD file by its path or from its bytes ({@link ByteInput}); the topology is known on return. */
  static async open(input: ByteInput, opts: ReadOptions): Promise<H5mdReader> {
    const x = new H5mdReader(input, opts);
    await x.init();
    return x;
  }

  private unit(ds: H5Dataset, kind: 'length' | 'time' | 'velocity' | 'force', what: string): number {
    const u = ds.attrs.unit?.value as string | undefined;
    const f = h5mdUnitFactor(u, kind);
    if (f === undefined)
      throw new InputError(
        `${what} has unit "${u ?? '(none)'}", which the reader does not know; expected e.g. ${kind === 'length' ? 'nm or Angstrom' : kind === 'time' ? 'ps or fs' : kind === 'velocity' ? 'nm ps-1' : 'kJ mol-1 nm-1 or eV/Angstrom'}`,
        { file: this.path },
      );
    return f;
  }

  private async init(): Promise<void> {
    const w = { file: this.path };
    const input = this.input;
    let name: string;
    if (typeof input === 'string') {
      try {
        this.size = (await nodeFsPromises().stat(input)).size;
      } catch (e) {
        throw new InputError(readErrorDetail(e, 'an H5MD file', input), w);
      }
      this.lib = await hdf5ForPaths();
      name = input;
    } else {
      // HDF5 reads at any offset: the bytes go whole into h5wasm's in-memory file system (one copy).
      const size = isBlobLike(input.bytes) ? input.bytes.size : memoryBytes(input.bytes).length;
      requireMemory(2 * size, `an H5MD file of ${formatBytes(size)} given as bytes (HDF5 opens it in memory)`, w);
      const bytes = isBlobLike(input.bytes) ? new Uint8Array(await input.bytes.slice(0, size).arrayBuffer()) : memoryBytes(input.bytes);
      this.size = size;
      this.lib = await hdf5ForBytes();
      name = `/superionic-${++memFileCount}.h5`;
      this.lib.FS!.writeFile(name, bytes);
      this.memName = name;
    }
    try {
      this.f = quietHdf5(this.lib, w, () => new this.lib.File(name, 'r'));
    } catch (e) {
      this.release();
      throw e;
    }
    try {
      quietHdf5(this.lib, w, () => this.inspect(w));
    } catch (e) {
      this.f.close();
      this.release();
      throw e;
    }
  }

  /** Drop the in-memory copy of a file opened from bytes. */
  private release(): void {
    if (this.memName) this.lib.FS!.unlink(this.memName);
    this.memName = null;
  }

  private inspect(w: { file: string }): void {
    {
      const parts = this.f.get('particles') as H5Group | null;
      if (!parts || parts.type !== 'Group') throw new InputError('not an H5MD file: no /particles group', w);
      const names = parts.keys();
      if (names.length !== 1) throw new InputError(`/particles has ${names.length} groups (${names.join(', ')}); expected one`, w);
      const g = parts.get(names[0]) as H5Group;
      const ds = (p: string) => {
        const x = g.get(p);
        return x && x.type === 'Dataset' ? x : null;
      };
      const pos = ds('position/value');
      if (!pos || pos.shape.length !== 3 || pos.shape[2] !== 3)
        throw new InputError(`/particles/${names[0]}/position/value missing or not T × N × 3`, w);
      datasetElements(pos, 'position/value', w);
      this.pos = pos;
      [this.nFrames, this.n] = pos.shape;
      // per frame: the raw slice and the converted copy of positions, velocities and forces
      requireMemory(6 * 3 * 8 * this.n, `one frame of ${this.n} atoms (position/value shape [${pos.shape.join(', ')}])`, w);
      this.fL = this.unit(pos, 'length', 'position');
      const t = ds('position/time');
      if (t && t.shape.length === 1) {
        datasetElements(t, 'position/time', w, this.nFrames);
        this.fT = this.unit(t, 'time', 'position/time');
        this.times = Array.from(t.value as ArrayLike<number | bigint>, Number); // int64 times arrive as BigInt
      }
      this.vel = ds('velocity/value');
      if (this.vel) this.fV = this.unit(this.vel, 'velocity', 'velocity');
      this.frc = ds('force/value') ?? ds('forces/value');
      if (this.frc) this.fF = this.unit(this.frc, 'force', 'force');
      const box = g.get('box') as H5Group | null;
      if (box) {
        const bds = box.get('boundary');
        if (bds && bds.type === 'Dataset') datasetElements(bds, 'box/boundary', w, 3);
        const boundary = bds && bds.type === 'Dataset' ? (bds.value as string[]) : undefined;
        const periodic = !boundary || boundary.some((b) => String(b).trim().toLowerCase() === 'periodic');
        const fixed = box.get('edges');
        if (periodic && fixed && fixed.type === 'Dataset') {
          datasetElements(fixed, 'box/edges', w, 9);
          const v = Array.from(fixed.value as ArrayLike<number>);
          this.fE = this.unit(fixed, 'length', 'box/edges');
          this.fixedCell = new Cell(v.length === 3 ? [v[0], 0, 0, 0, v[1], 0, 0, 0, v[2]].map((x) => x * this.fE) : v.map((x) => x * this.fE), w);
        } else if (periodic) {
          this.edges = ds('box/edges/value');
          if (this.edges) this.fE = this.unit(this.edges, 'length', 'box/edges/value');
        }
      }
      // species
      const sp = ds('species/value') ?? ds('species');
      const tm0 = this.opts.typeMap;
      if (!sp && Array.isArray(tm0) && tm0.length === this.n) {
        // no species in the file: one element per atom from --types
        this.topology = topologyFromSymbols(tm0.map(normalizeSymbol), {}, w);
        const dt0 = this.times && this.times.length > 1 ? (this.times[1] - this.times[0]) * this.fT : undefined;
        this.info = { source: this.path, format: 'h5md', timestep_fs: this.opts.timestep_fs ?? dt0, unwrapped: false };
        return;
      }
      if (sp) datasetElements(sp, 'species', w, sp.shape.length === 2 ? Number.MAX_SAFE_INTEGER : this.n);
      if (!sp)
        throw new InputError(
          `no species dataset; expected /particles/<group>/species with atomic numbers, or --types with one element per atom (${this.n})`,
          w,
        );
      const svals = Array.from((sp.shape.length === 2 ? sp.slice([[0, 1], []]) : sp.value) as ArrayLike<number | bigint>, Number);
      if (svals.length !== this.n) throw new InputError(`species has ${svals.length} entries; expected ${this.n}`, w);
      const byZ = new Map(elementTable().map((e) => [e.Z, e.symbol]));
      const tm = this.opts.typeMap;
      const syms = svals.map((v, i) => {
        const s = tm ? (Array.isArray(tm) ? tm[v - 1] : tm[String(v)]) : byZ.get(v);
        if (!s)
          throw new InputError(
            `atom ${i} has species ${v}, ${tm ? 'which the type map does not name' : 'not an atomic number in the element table'}; give --types`,
            w,
          );
        return normalizeSymbol(s);
      });
      this.topology = topologyFromSymbols(syms, {}, w);
      const dt = this.times && this.times.length > 1 ? (this.times[1] - this.times[0]) * this.fT : undefined;
      this.info = { source: this.path, format: 'h5md', timestep_fs: this.opts.timestep_fs ?? dt, unwrapped: false };
    }
  }

  setSelection(idx: Int32Array | null): void {
    this.sel = idx;
  }

  private block(ds: H5Dataset, k: number, f: number, what: string): Float64Array {
    if (ds.shape[0] < this.nFrames)
      throw new InputError(`${what} has ${ds.shape[0]} frames; positions have ${this.nFrames}`, { file: this.path, frame: k });
    const raw = ds.slice([[k, k + 1], [], []]) as ArrayLike<number | bigint>;
    const a = typeof raw[0] === 'bigint' ? Array.from(raw, Number) : (raw as ArrayLike<number>);
    const n = this.n,
      sel = this.sel;
    const out = new Float64Array(3 * (sel ? sel.length : n));
    if (sel)
      sel.forEach((i, j) => {
        for (let c = 0; c < 3; c++) out[3 * j + c] = a[3 * i + c] * f;
      });
    else for (let i = 0; i < 3 * n; i++) out[i] = a[i] * f;
    for (let i = 0; i < out.length; i++)
      if (!Number.isFinite(out[i])) throw new InputError(`${what} holds ${out[i]}; expected finite numbers`, { file: this.path, frame: k });
    return out;
  }

  async skipFrame(): Promise<SkippedFrame | null> {
    if (this.k >= this.nFrames) return null;
    const k = this.k++;
    return { time_fs: this.times ? this.times[k] * this.fT : undefined };
  }

  async readFrame(index: number): Promise<Frame | null> {
    if (this.k >= this.nFrames) return null;
    const k = this.k++;
    return quietHdf5(this.lib, { file: this.path, frame: index }, () => this.frameAt(index, k), true);
  }

  private frameAt(index: number, k: number): Frame {
    let cell = this.fixedCell;
    if (this.edges) {
      const e = Array.from(this.edges.shape.length === 3 ? this.edges.slice([[k, k + 1], [], []]) : this.edges.slice([[k, k + 1], []]));
      cell = new Cell(e.length === 3 ? [e[0], 0, 0, 0, e[1], 0, 0, 0, e[2]].map((x) => x * this.fE) : e.map((x) => x * this.fE), {
        file: this.path,
        frame: index,
      });
    }
    const f: Frame = { index, cell, positions: this.block(this.pos, k, this.fL, 'position') };
    if (this.times) f.time_fs = this.times[k] * this.fT;
    if (this.vel) f.velocities = this.block(this.vel, k, this.fV, 'velocity');
    if (this.frc) f.forces = this.block(this.frc, k, this.fF, 'force');
    return f;
  }

  bytesRead(): number {
    return Math.round((this.k / Math.max(1, this.nFrames)) * this.size);
  }
  totalBytes(): number {
    return this.size;
  }
  compressed(): boolean {
    return false;
  }
  async close(): Promise<void> {
    this.f.close();
    this.release();
  }
}
