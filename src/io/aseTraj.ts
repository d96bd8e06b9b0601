/**
 * ASE trajectory (`.traj`, ULM binary format version 3; ase/io/ulm.py and ase/io/trajectory.py).
 *
 * Layout: "- of Ulm", a 16-byte tag ("ASE-Trajectory"), int64 version, item count and the offset of
 * the int64 item-offset table; each item (one frame) is an int64 length plus JSON, in which an array
 * `name` appears as `"name.": {"ndarray": [shape, dtype, offset]}` pointing at raw little-endian data,
 * and a child object (the calculator) as `"calculator.": {...}`. Frame 0 holds the header: `numbers`
 * (atomic numbers), `pbc`, optional `masses` and `constraints`; a later frame with its own `numbers`
 * must have the same ones. Per frame: `positions` (Å), `cell` (rows, Å; all zero or pbc all false →
 * no cell), optional `momenta` (→ velocities p/m × ASE fs, m from `masses` or the standard masses),
 * and from the calculator `energy` (eV), `forces` (eV/Å) and per-atom `energies` (eV). Constraints
 * are ignored with a note. Big-endian files (written on big-endian machines) are refused. Frames are
 * read one at a time (random access by the offset table), so memory is one frame. Source: a path or
 * the bytes ({@link ByteInput}: an ArrayBuffer, Uint8Array or Blob; byteSource.ts).
 */
import { Cell } from '../core/cell.js';
import { elementTable } from '../core/elements.js';
import { InputError } from '../core/errors.js';
import type { Frame, SourceInfo } from '../core/frame.js';
import type { Topology } from '../core/topology.js';
import { topologyFromSymbols } from '../core/topology.js';
import { ASE_FS } from './extxyz.js';
import { FormatReader, ReadOptions, SkippedFrame } from './readOptions.js';
import { emitReadWarning } from './timestepWarning.js';
import { type ByteInput, openRandomAccess, type RandomAccessSource, sourceName, viewOf } from './byteSource.js';
import { latin1 } from './byteLineReader.js';

const MAGIC = '- of Ulm';

/** True if the bytes start like an ULM (ASE .traj) file. */
export function isUlmMagic(b: Uint8Array): boolean {
  return b.length >= 8 && latin1(b, 0, 8) === MAGIC;
}

interface NdRef {
  ndarray: [number[], string, number];
}
type Item = Record<string, unknown>;

/** Bytes per element and the little-endian reader of each numpy dtype. */
const DTYPES: Record<string, [number, (b: DataView, o: number) => number]> = {
  float64: [8, (b, o) => b.getFloat64(o, true)],
  float32: [4, (b, o) => b.getFloat32(o, true)],
  int64: [8, (b, o) => Number(b.getBigInt64(o, true))],
  int32: [4, (b, o) => b.getInt32(o, true)],
  int8: [1, (b, o) => b.getInt8(o)],
  uint8: [1, (b, o) => b.getUint8(o)],
  bool: [1, (b, o) => b.getUint8(o)],
};

const UTF8 = new TextDecoder('utf-8');

export class AseTrajReader implements FormatReader {
  topology!: Topology;
  info!: SourceInfo;
  private offsets: number[] = [];
  private size = 0;
  private numbers: number[] = [];
  private masses: Float64Array | null = null;
  private pbc: boolean[] = [true, true, true];
  private sel: Int32Array | null = null;
  private done = 0;
  private readonly path: string;
  private constructor(
    private readonly src: RandomAccessSource,
    private readonly opts: ReadOptions,
  ) {
    this.path = src.name;
    this.size = src.size;
  }

  /** Open an ASE trajectory by its path or from its bytes ({@link ByteInput}); the topology is known on return. */
  static async open(input: ByteInput, opts: ReadOptions): Promise<AseTrajReader> {
    let src: RandomAccessSource;
    try {
      src = await openRandomAccess(input, 'an ASE trajectory');
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError(`cannot open the ASE trajectory (${(e as Error).message})`, { file: sourceName(input) });
    }
    const x = new AseTrajReader(src, opts);
    try {
      await x.init();
    } catch (e) {
      await src.close();
      throw e;
    }
    return x;
  }

  private async bytes(off: number, len: number, what: string, frame?: number): Promise<Uint8Array> {
    if (!(off >= 0 && len >= 0 && off + len <= this.size))
      throw new InputError(`truncated ASE trajectory: ${what} (${len} bytes at byte ${off}) lies beyond the end of the file (${this.size} bytes)`, {
        file: this.path,
        frame,
      });
    const b = await this.src.read(off, len);
    if (b.length < len)
      throw new InputError(`truncated ASE trajectory: ${what} (${len} bytes at byte ${off}): only ${b.length} bytes could be read`, {
        file: this.path,
        frame,
      });
    return b;
  }

  private async init(): Promise<void> {
    const w = { file: this.path };
    const h = await this.bytes(0, Math.min(48, this.size), 'the header');
    if (h.length >= 2 && h[0] === 0x1f && h[1] === 0x8b)
      throw new InputError('gzip-compressed ASE trajectories are not read; decompress it first', w);
    if (!isUlmMagic(h)) throw new InputError('not an ASE trajectory: expected the ULM magic "- of Ulm"', w);
    if (h.length < 48) throw new InputError('truncated ASE trajectory header', w);
    const tag = latin1(h, 8, 24).trim();
    const hv = viewOf(h);
    if (tag !== 'ASE-Trajectory') throw new InputError(`ULM file with tag "${tag}"; expected "ASE-Trajectory"`, w);
    const version = Number(hv.getBigInt64(24, true)),
      nitems = Number(hv.getBigInt64(32, true)),
      pos0 = Number(hv.getBigInt64(40, true));
    if (version !== 3 && version !== 2 && version !== 1) throw new InputError(`ULM version ${version}; expected 1–3`, w);
    if (!(nitems >= 0 && nitems * 8 + pos0 <= this.size))
      throw new InputError(
        `ASE trajectory header says ${nitems} frames with their table at byte ${pos0}, beyond the file's ${this.size} bytes (truncated?)`,
        w,
      );
    const tab = viewOf(await this.bytes(pos0, 8 * nitems, 'the frame table'));
    for (let k = 0; k < nitems; k++) this.offsets.push(Number(tab.getBigInt64(8 * k, true)));
    if (nitems === 0) throw new InputError('the ASE trajectory has no frames', w);
    const first = await this.item(0);
    if (first._little_endian === false)
      throw new InputError('big-endian ASE trajectory; read it with ASE and write it again on a little-endian machine', w);
    const nums = first['numbers.'] as NdRef | undefined;
    if (!nums) throw new InputError('frame 0 has no atomic numbers (numbers); expected an ASE trajectory header', { ...w, frame: 0 });
    this.numbers = await this.array(nums, 'numbers', 0);
    const bySymbol = new Map(elementTable().map((e) => [e.Z, e.symbol]));
    const symbols = this.numbers.map((z, i) => {
      const s = bySymbol.get(z);
      if (s === undefined) throw new InputError(`atom ${i} has atomic number ${z}, which is not in the element table`, { ...w, frame: 0 });
      return s;
    });
    this.topology = topologyFromSymbols(symbols, {}, w);
    if (first['masses.']) this.masses = Float64Array.from(await this.array(first['masses.'] as NdRef, 'masses', 0));
    if (Array.isArray(first.pbc)) this.pbc = first.pbc as boolean[];
    if (first.constraints && first.constraints !== '[]')
      emitReadWarning(`${this.path}: the trajectory's constraints (${String(first.constraints).slice(0, 60)}) are ignored`, this.opts.onWarning);
    this.info = { source: this.path, format: 'ase-traj', timestep_fs: this.opts.timestep_fs, unwrapped: false };
  }

  private async item(k: number): Promise<Item> {
    const off = this.offsets[k];
    const n = Number(viewOf(await this.bytes(off, 8, `frame ${k}'s length`, k)).getBigInt64(0, true));
    const text = UTF8.decode(await this.bytes(off + 8, n, `frame ${k}'s JSON`, k));
    try {
      // Python's json writes NaN / Infinity, which JSON.parse does not take.
      return JSON.parse(text.replace(/\bNaN\b/g, 'null').replace(/-?\bInfinity\b/g, 'null')) as Item;
    } catch (e) {
      throw new InputError(`frame ${k}'s data is not valid JSON (${(e as Error).message}); the file is damaged`, { file: this.path, frame: k });
    }
  }

  private async array(ref: NdRef | undefined, what: string, frame: number): Promise<number[]> {
    const nd = (ref as { ndarray?: unknown } | undefined)?.ndarray;
    const valid =
      Array.isArray(nd) &&
      nd.length === 3 &&
      Array.isArray(nd[0]) &&
      (nd[0] as unknown[]).every((x) => Number.isInteger(x) && (x as number) >= 0) &&
      typeof nd[1] === 'string' &&
      Number.isInteger(nd[2]) &&
      (nd[2] as number) >= 0;
    if (!valid)
      throw new InputError(`${what}: missing or malformed array reference (expected {"ndarray": [shape, dtype, offset]}); the file is damaged`, {
        file: this.path,
        frame,
      });
    const [shape, dtype, offset] = (ref as NdRef).ndarray;
    const d = DTYPES[dtype];
    if (!d) throw new InputError(`${what} has dtype ${dtype}; expected a numeric type`, { file: this.path, frame });
    const count = shape.reduce((a, b) => a * b, 1);
    const b = viewOf(await this.bytes(offset, count * d[0], what, frame));
    const out = new Array<number>(count);
    for (let i = 0; i < count; i++) out[i] = d[1](b, i * d[0]);
    return out;
  }

  setSelection(idx: Int32Array | null): void {
    this.sel = idx;
  }

  private pick(a: number[], w: number): Float64Array {
    const n = this.numbers.length;
    if (a.length !== w * n) throw new InputError(`an array has ${a.length} values; expected ${w * n}`, { file: this.path });
    if (!this.sel) return Float64Array.from(a);
    const out = new Float64Array(w * this.sel.length);
    this.sel.forEach((i, j) => {
      for (let c = 0; c < w; c++) out[w * j + c] = a[w * i + c];
    });
    return out;
  }

  async skipFrame(index: number): Promise<SkippedFrame | null> {
    if (this.done >= this.offsets.length) return null;
    this.done++;
    void index;
    return {};
  }

  async readFrame(index: number): Promise<Frame | null> {
    if (this.done >= this.offsets.length) return null;
    const k = this.done++;
    const it = await this.item(k);
    const w = { file: this.path, frame: index };
    if (it['numbers.']) {
      const nums = await this.array(it['numbers.'] as NdRef, 'numbers', k);
      if (nums.length !== this.numbers.length || nums.some((z, i) => z !== this.numbers[i]))
        throw new InputError('the atoms (atomic numbers) change from frame 0; expected the same atoms in every frame', w);
    }
    if (!it['positions.']) throw new InputError('frame has no positions', w);
    const pos = this.pick(await this.array(it['positions.'] as NdRef, 'positions', k), 3);
    let cell: Cell | null = null;
    const c = it.cell as number[][] | undefined;
    if (c && this.pbc.some(Boolean) && c.flat().some((x) => x !== 0)) cell = new Cell(c, w);
    const f: Frame = { index, cell, positions: pos };
    if (it['momenta.']) {
      const p = await this.array(it['momenta.'] as NdRef, 'momenta', k);
      const m = it['masses.'] ? await this.array(it['masses.'] as NdRef, 'masses', k) : (this.masses ?? this.topology.masses);
      const v = p.map((x, j) => (x / m[Math.floor(j / 3)]) * ASE_FS);
      f.velocities = this.pick(v, 3);
    }
    const calc = it['calculator.'] as Item | undefined;
    if (calc) {
      if (typeof calc.energy === 'number') f.energy_eV = calc.energy;
      if (calc['forces.']) f.forces = this.pick(await this.array(calc['forces.'] as NdRef, 'forces', k), 3);
      if (calc['energies.']) f.energies = this.pick(await this.array(calc['energies.'] as NdRef, 'energies', k), 1);
    }
    return f;
  }

  bytesRead(): number {
    return this.done >= this.offsets.length ? this.size : (this.offsets[this.done] ?? this.size);
  }
  totalBytes(): number {
    return this.size;
  }
  compressed(): boolean {
    return false;
  }
  async close(): Promise<void> {
    await this.src.close();
  }
}
