/**
 * DCD trajectory reader (CHARMM / NAMD / LAMMPS `dump dcd`): Fortran unformatted records, either
 * byte order (detected from the first record marker, which must be 84), 32-bit record markers.
 *
 * Header: "CORD" + 20 int32 (NSET frames, ISTART, NSAVC, …, NAMNF fixed atoms at [8], DELTA float32 at
 * [9], unit-cell flag at [10], 4D flag at [11], CHARMM version at [19]); title record; atom count.
 * Each frame: optional unit-cell record of 6 float64 in CHARMM order [A, cos γ, B, cos β, cos α, C]
 * (angles as cosines when all three lie in [−1, 1], as CHARMM, NAMD ≥ 2.5 and LAMMPS write them;
 * a negative entry or an "angle" above 180 means CHARMM c36's symmetric box matrix [XX, XY, YY, XZ, YZ, ZZ];
 * otherwise degrees; the same rules as MDAnalysis's DCDReader: angle = 90° − asin(x)), then X, Y, Z
 * records of float32 (Å), then a 4th-dimension record if flagged (skipped). Fixed-atom files
 * (NAMNF > 0) are refused. The cell is built a along x, b in the xy plane (Cell.fromParameters);
 * positions are kept as written (LAMMPS: absolute, not relative to the box origin, which DCD does
 * not record), in Å, or in the length unit of `lammpsUnits` when given (a LAMMPS DCD is written in
 * the run's units: real/metal Å, si m, …).
 *
 * Species: a DCD has none. From a LAMMPS data file (`topologyFile`; LAMMPS writes atoms sorted by id,
 * the data reader's order) or from `typeMap` as one symbol per atom-count group ("Li:20,S:24" is not
 * supported: give a data file) — here `typeMap` must list one element per atom. Times: DCD's DELTA
 * is in AKMA units for CHARMM/NAMD but in LAMMPS time units for LAMMPS, so frame times are not
 * guessed: time = (ISTART + k·NSAVC) × `mdTimestep_fs` when given.
 *
 * Source: a path or the bytes ({@link ByteInput}: an ArrayBuffer, Uint8Array or Blob), read by record
 * offsets (byteSource.ts): memory is one frame's records however large the file.
 */
import { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import type { Frame, SourceInfo } from '../core/frame.js';
import type { Topology } from '../core/topology.js';
import { topologyFromSymbols } from '../core/topology.js';
import { readLammpsData } from './lammpsData.js';
import { FormatReader, ReadOptions, SkippedFrame } from './readOptions.js';
import { normalizeSymbol } from './speciesSymbol.js';
import { lammpsUnitFactors } from './lammpsUnits.js';
import { type ByteInput, openRandomAccess, type RandomAccessSource, sourceName, viewOf } from './byteSource.js';
import { emitReadWarning } from './timestepWarning.js';

/** True if the bytes start like a DCD file (either byte order). */
export function isDcdMagic(b: Uint8Array): boolean {
  if (b.length < 8) return false;
  const dv = viewOf(b.subarray(0, 8));
  return (dv.getInt32(0, true) === 84 || dv.getInt32(0, false) === 84) && b[4] === 67 && b[5] === 79 && b[6] === 82 && b[7] === 68; // CORD
}

export class DcdReader implements FormatReader {
  topology!: Topology;
  info!: SourceInfo;
  private le = true;
  private n = 0;
  private nset = 0;
  private istart = 0;
  private nsavc = 1;
  private hasCell = false;
  private has4d = false;
  private frameBytes = 0;
  private dataStart = 0;
  private pos = 0;
  private size = 0;
  private sel: Int32Array | null = null;
  /** Length factor to Å: 1 unless a LAMMPS unit style is given (a LAMMPS DCD is in the run's length unit). */
  private L = 1;
  private readonly path: string;
  private constructor(
    private readonly src: RandomAccessSource,
    private readonly opts: ReadOptions,
  ) {
    this.path = src.name;
    this.size = src.size;
  }

  /** Open a DCD file by its path or from its bytes ({@link ByteInput}); the topology is known on return. */
  static async open(input: ByteInput, opts: ReadOptions): Promise<DcdReader> {
    let src: RandomAccessSource;
    try {
      src = await openRandomAccess(input, 'a DCD file');
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError(`cannot open the DCD file (${(e as Error).message})`, { file: sourceName(input) });
    }
    const x = new DcdReader(src, opts);
    try {
      await x.init();
    } catch (e) {
      await src.close();
      throw e;
    }
    return x;
  }

  /** The current frame's bytes, read in one piece (one read per frame, not one per record). */
  private block: { off: number; bytes: Uint8Array } | null = null;

  private async readAt(off: number, len: number): Promise<Uint8Array> {
    const b = this.block;
    if (b && off >= b.off && off + len <= b.off + b.bytes.length) return b.bytes.subarray(off - b.off, off - b.off + len);
    return this.src.read(off, len);
  }

  private i32(b: Uint8Array, o: number): number {
    return viewOf(b).getInt32(o, this.le);
  }

  private async record(off: number, what: string, expectLen?: number): Promise<{ body: DataView; next: number }> {
    const w = { file: this.path };
    const m = await this.readAt(off, 4);
    if (m.length < 4) throw new InputError(`truncated DCD: the file ends before the ${what} record (byte ${off})`, w);
    const len = this.i32(m, 0);
    if (len < 0 || len > this.size - off - 8 || (expectLen !== undefined && len !== expectLen)) {
      throw new InputError(
        `bad DCD ${what} record at byte ${off}: length ${len}${expectLen !== undefined ? `, expected ${expectLen}` : ''} (truncated or not a DCD file)`,
        w,
      );
    }
    const body = await this.readAt(off + 4, len + 4);
    if (body.length < len + 4 || this.i32(body, len) !== len)
      throw new InputError(`bad DCD ${what} record at byte ${off}: the closing length marker does not match`, w);
    return { body: viewOf(body.subarray(0, len)), next: off + len + 8 };
  }

  private async init(): Promise<void> {
    const w = { file: this.path };
    if (this.opts.lammpsUnits !== undefined) this.L = lammpsUnitFactors(this.opts.lammpsUnits, w).length_A;
    const head = await this.readAt(0, 8);
    if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b)
      throw new InputError('gzip-compressed DCD files are not read; decompress it first (gunzip)', w);
    if (!isDcdMagic(head)) throw new InputError('not a DCD file: expected a first record of 84 bytes starting "CORD"', w);
    this.le = viewOf(head).getInt32(0, true) === 84;
    const h = await this.record(0, 'header', 84);
    const ic = (k: number) => h.body.getInt32(4 + 4 * k, this.le);
    this.nset = ic(0);
    this.istart = ic(1);
    this.nsavc = ic(2) || 1;
    const namnf = ic(8);
    const charmm = ic(19) !== 0;
    this.hasCell = charmm && ic(10) !== 0;
    this.has4d = charmm && ic(11) !== 0;
    if (namnf > 0) throw new InputError(`DCD with ${namnf} fixed atoms (NAMNF > 0) is not read`, w);
    // Title: NTITLE and NTITLE × 80 characters. Like libdcd, trust NTITLE over the record markers (some
    // writers put a wrong length there, e.g. MDAnalysis's test.dcd: 164 for 3 titles).
    const tm = await this.readAt(h.next, 8);
    if (tm.length < 8 || (this.i32(tm, 0) - 4) % 80 !== 0)
      throw new InputError(`bad DCD title record at byte ${h.next}: length ${tm.length < 8 ? '?' : this.i32(tm, 0)}, expected 4 + 80 × NTITLE`, w);
    const ntitle = this.i32(tm, 4);
    if (ntitle < 0 || ntitle > 1000) throw new InputError(`bad DCD title record at byte ${h.next}: NTITLE ${ntitle}`, w);
    const na = await this.record(h.next + 12 + 80 * ntitle, 'atom count', 4);
    this.n = na.body.getInt32(0, this.le);
    if (!(this.n > 0)) throw new InputError(`DCD atom count ${this.n}; expected a positive number`, w);
    this.dataStart = na.next;
    this.pos = na.next;
    this.frameBytes = (this.hasCell ? 56 : 0) + 3 * (4 * this.n + 8) + (this.has4d ? 4 * this.n + 8 : 0);
    // topology
    if (this.opts.topologyFile) {
      const d = await readLammpsData(this.opts.topologyFile, { typeMap: this.opts.typeMap, lammpsUnits: this.opts.lammpsUnits });
      if (d.topology.species.length !== this.n)
        throw new InputError(
          `the DCD has ${this.n} atoms but the topology file ${sourceName(this.opts.topologyFile)} has ${d.topology.species.length}`,
          w,
        );
      this.topology = d.topology;
    } else if (this.opts.typeMap && Array.isArray(this.opts.typeMap) && this.opts.typeMap.length === this.n) {
      this.topology = topologyFromSymbols(this.opts.typeMap.map(normalizeSymbol), {}, w);
    } else {
      throw new InputError(
        `a DCD file has no species; give a LAMMPS data file as topology (--topology) or one element per atom (--types with ${this.n} entries)`,
        w,
      );
    }
    const nFrames = Math.floor((this.size - this.dataStart) / this.frameBytes);
    if (this.nset > 0 && nFrames < this.nset) {
      emitReadWarning(
        `${this.path}: the DCD header says ${this.nset} frames but the file holds ${nFrames} whole frames; reading those`,
        this.opts.onWarning,
      );
    }
    this.info = {
      source: this.path,
      format: 'dcd',
      unwrapped: false,
      timestep_fs: this.opts.timestep_fs ?? (this.opts.mdTimestep_fs !== undefined ? this.opts.mdTimestep_fs * this.nsavc : undefined),
    };
  }

  setSelection(idx: Int32Array | null): void {
    this.sel = idx;
  }

  async skipFrame(index: number): Promise<SkippedFrame | null> {
    if (this.pos + this.frameBytes > this.size) return null;
    this.pos += this.frameBytes;
    return { time_fs: this.time(index) };
  }

  private time(k: number): number | undefined {
    return this.opts.mdTimestep_fs !== undefined ? (this.istart + k * this.nsavc) * this.opts.mdTimestep_fs : undefined;
  }

  async readFrame(index: number): Promise<Frame | null> {
    if (this.pos >= this.size) return null;
    if (this.pos + this.frameBytes > this.size)
      throw new InputError(`truncated DCD: frame ${index} needs ${this.frameBytes} bytes, ${this.size - this.pos} remain`, {
        file: this.path,
        frame: index,
      });
    this.block = { off: this.pos, bytes: await this.src.read(this.pos, this.frameBytes) };
    try {
      return await this.parseFrame(index);
    } finally {
      this.block = null;
    }
  }

  private async parseFrame(index: number): Promise<Frame> {
    let off = this.pos;
    let cell: Cell | null = null;
    const w = { file: this.path, frame: index };
    if (this.hasCell) {
      const r = await this.record(off, 'unit cell', 48);
      const g = (k: number) => r.body.getFloat64(8 * k, this.le);
      const A = g(0),
        B = g(2),
        C = g(5);
      let gamma = g(1),
        beta = g(3),
        alpha = g(4);
      let a = A,
        b = B,
        c = C;
      if ([alpha, beta, gamma].every((x) => x >= -1 && x <= 1)) {
        const deg = (x: number) => 90 - (Math.asin(x) * 180) / Math.PI;
        alpha = deg(alpha);
        beta = deg(beta);
        gamma = deg(gamma);
      } else if ([A, B, C, alpha, beta, gamma].some((x) => x < 0) || [alpha, beta, gamma].some((x) => x > 180)) {
        // CHARMM ≥ c36: the symmetric box matrix [XX, XY, YY, XZ, YZ, ZZ] (MDAnalysis: e1 = H[0,1,3], e2 = H[1,2,4], e3 = H[3,4,5]).
        const H = [0, 1, 2, 3, 4, 5].map(g);
        const e = [
          [H[0], H[1], H[3]],
          [H[1], H[2], H[4]],
          [H[3], H[4], H[5]],
        ];
        const len = (v: number[]) => Math.hypot(v[0], v[1], v[2]);
        const ang = (u: number[], v: number[]) => (Math.acos((u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) / (len(u) * len(v))) * 180) / Math.PI;
        a = len(e[0]);
        b = len(e[1]);
        c = len(e[2]);
        alpha = ang(e[1], e[2]);
        beta = ang(e[0], e[2]);
        gamma = ang(e[0], e[1]);
      }
      if (!(a > 0 && b > 0 && c > 0)) throw new InputError(`DCD unit cell lengths ${a}, ${b}, ${c}; expected positive lengths (Å)`, w);
      cell = Cell.fromParameters(a * this.L, b * this.L, c * this.L, alpha, beta, gamma);
      off = r.next;
    }
    const n = this.n,
      sel = this.sel,
      m = sel ? sel.length : n;
    const pos = new Float64Array(3 * m);
    for (let c = 0; c < 3; c++) {
      const r = await this.record(off, `${'XYZ'[c]} coordinate`, 4 * n);
      const b = r.body,
        le = this.le;
      if (sel) for (let j = 0; j < m; j++) pos[3 * j + c] = b.getFloat32(4 * sel[j], le);
      else for (let i = 0; i < n; i++) pos[3 * i + c] = b.getFloat32(4 * i, le);
      off = r.next;
    }
    if (this.has4d) off = (await this.record(off, '4th dimension', 4 * n)).next;
    if (this.L !== 1) for (let i = 0; i < 3 * m; i++) pos[i] *= this.L;
    for (let i = 0; i < 3 * m; i++)
      if (!Number.isFinite(pos[i])) throw new InputError(`DCD coordinate ${pos[i]} of atom ${Math.floor(i / 3)}; expected finite numbers`, w);
    this.pos = off;
    const f: Frame = { index, cell, positions: pos };
    const t = this.time(index);
    if (t !== undefined) f.time_fs = t;
    return f;
  }

  bytesRead(): number {
    return this.pos;
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
