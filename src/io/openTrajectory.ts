/**
 * Open a trajectory file of any supported format as a bounded-memory frame stream, or read it
 * into memory. The atom selection (`atoms`) is applied while parsing, so only the selected atoms'
 * numbers are ever stored: a 5 GB file can be analysed for one species in the memory its
 * positions need.
 */
import { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import type { Frame, FrameStream, SourceInfo } from '../core/frame.js';
import { indicesOf, subsetTopology, Topology } from '../core/topology.js';
import { Trajectory } from '../core/trajectory.js';
import { GzipStreamError } from './byteLineReader.js';
import { type ByteInput, sourceName } from './byteSource.js';
import { FormatReader, ReadOptions, TrajectoryFormat } from './readOptions.js';
import { sniffFormat } from './sniffFormat.js';
import { checkCellPlausible, checkFrameInterval, firstImplausibleAtom, implausibleCoordinateError } from './plausibleInput.js';
import { emitReadWarning, timestepDisagreement } from './timestepWarning.js';
import { FORMAT_OPTION_NAMES, FORMAT_REGISTRY, FormatOption, formatSpec } from './formatRegistry.js';

/** Open the reader of a format on a path or on the bytes ({@link ByteInput}); topology known on return. */
export async function openReader(format: TrajectoryFormat, input: ByteInput, opts: ReadOptions): Promise<FormatReader> {
  return formatSpec(format, sourceName(input)).open(input, opts);
}

/** Check the reader options that do not depend on the file's content (time steps in range, frame selection). */
export function checkOptions(path: string, opts: ReadOptions): void {
  const pos = (x: number | undefined, name: string) => {
    if (x !== undefined) checkFrameInterval(x, name, { file: path });
  };
  pos(opts.timestep_fs, 'timestep_fs');
  pos(opts.mdTimestep_fs, 'mdTimestep_fs');
  const fr = opts.frames;
  if (fr) {
    for (const k of ['start', 'end', 'stride'] as const) {
      const v = fr[k];
      if (v !== undefined && !(Number.isInteger(v) && v >= (k === 'stride' ? 1 : 0))) {
        throw new InputError(`frames.${k} must be a ${k === 'stride' ? 'positive' : 'non-negative'} integer, got ${v}`, { file: path });
      }
    }
  }
}

/** Resolve the `atoms` option to indices (file order for species; as given for indices). */
export function resolveAtomSelection(top: Topology, atoms: ReadOptions['atoms'], file?: string): Int32Array | null {
  if (atoms === undefined) return null;
  if (typeof atoms === 'string' || (Array.isArray(atoms) && atoms.every((a) => typeof a === 'string'))) {
    return indicesOf(top, atoms as string | string[], { file });
  }
  const idx = Int32Array.from(atoms as ArrayLike<number>);
  const n = top.species.length,
    seen = new Uint8Array(n);
  const src = atoms as ArrayLike<number>;
  for (let j = 0; j < idx.length; j++) {
    if (!Number.isInteger(src[j]) || src[j] < 0 || src[j] >= n)
      throw new InputError(`atom index ${src[j]} is out of range; expected an integer in [0, ${n})`, { file });
    if (seen[idx[j]]) throw new InputError(`atom index ${idx[j]} is selected twice`, { file });
    seen[idx[j]] = 1;
  }
  return idx;
}

/**
 * Watches fractional coordinates: when their span along any cell vector exceeds one cell, the
 * positions cannot be wrapped, so the source holds unwrapped (continuous) positions.
 */
class WrapDetector {
  private lo = new Float64Array([Infinity, Infinity, Infinity]);
  private hi = new Float64Array([-Infinity, -Infinity, -Infinity]);
  unwrapped = false;
  update(cell: Cell | null, pos: Float64Array): boolean {
    if (this.unwrapped || !cell) return this.unwrapped;
    const v = cell.inverse;
    let lo0 = this.lo[0],
      lo1 = this.lo[1],
      lo2 = this.lo[2],
      hi0 = this.hi[0],
      hi1 = this.hi[1],
      hi2 = this.hi[2];
    for (let i = 0; i < pos.length; i += 3) {
      const x = pos[i],
        y = pos[i + 1],
        z = pos[i + 2];
      const a = x * v[0] + y * v[3] + z * v[6],
        b = x * v[1] + y * v[4] + z * v[7],
        c = x * v[2] + y * v[5] + z * v[8];
      if (a < lo0) lo0 = a;
      if (a > hi0) hi0 = a;
      if (b < lo1) lo1 = b;
      if (b > hi1) hi1 = b;
      if (c < lo2) lo2 = c;
      if (c > hi2) hi2 = c;
    }
    this.lo[0] = lo0;
    this.lo[1] = lo1;
    this.lo[2] = lo2;
    this.hi[0] = hi0;
    this.hi[1] = hi1;
    this.hi[2] = hi2;
    const tol = 1 + 1e-6;
    if (hi0 - lo0 > tol || hi1 - lo1 > tol || hi2 - lo2 > tol) this.unwrapped = true;
    return this.unwrapped;
  }
}

/** Options that only some formats read are an error on another (they would be silently ignored). */
export function checkOptionsApply(path: string, format: TrajectoryFormat, opts: ReadOptions): void {
  const spec = formatSpec(format, path);
  for (const key of Object.keys(FORMAT_OPTION_NAMES) as FormatOption[]) {
    if (opts[key] !== undefined && !spec.options.includes(key)) {
      const formats = FORMAT_REGISTRY.filter((f) => f.options.includes(key)).map((f) => f.name);
      throw new InputError(
        `${FORMAT_OPTION_NAMES[key]} applies to ${formats.join(' / ')} files only; this file is read as ${format}, which would ignore it`,
        { file: path },
      );
    }
  }
}

/** Largest volume ratio between consecutive stored frames accepted as one run (NPT cells move by a few % at most). */
export const CELL_JUMP = 1.25;

/**
 * Open a trajectory as a stream of frames (bounded memory; iterate once). The topology (of the
 * selected atoms) is known on return. `info.unwrapped` for extxyz/CP2K becomes true as soon as a
 * frame shows positions spanning more than one cell (they cannot be wrapped).
 * @param input a path (Node), or the bytes with a file name, `{bytes, name}` (an ArrayBuffer,
 *   Uint8Array or Blob; the name stands for the file in messages and its extension helps the format
 *   sniff): every format of the registry reads either.
 */
export async function openTrajectory(input: ByteInput, opts: ReadOptions = {}): Promise<FrameStream> {
  return (await openStream(input, opts, null))!;
}

/**
 * Where a frame-range reader starts (src/io/frameRanges.ts): byte `offset`, the start of line `line`,
 * begins frame `frame` (frame 0: where the opened reader stands); frames before `keepFrom` are skipped (read for context only). `trace` receives,
 * after each frame read or skipped, its index and the line numbers where it started and where the next begins.
 */
export interface FrameRangeStart {
  offset: number;
  line: number;
  frame: number;
  keepFrom: number;
  trace: { frame: number; startLine: number; nextLine: number };
}

/**
 * {@link openTrajectory} from the middle of a file: the reader opens as usual (header, topology), then
 * continues at `at` with global frame numbering (selection, messages). Null when the format or source cannot
 * seek (gzip, binary formats).
 */
export async function openTrajectoryAt(input: ByteInput, opts: ReadOptions, at: FrameRangeStart): Promise<FrameStream | null> {
  return openStream(input, opts, at);
}

async function openStream(input: ByteInput, opts: ReadOptions, at: FrameRangeStart | null): Promise<FrameStream | null> {
  const path = sourceName(input);
  checkOptions(path, opts);
  const format = opts.format ?? (await sniffFormat(input));
  checkOptionsApply(path, format, opts);
  const reader = await openReader(format, input, opts);
  let idx: Int32Array | null;
  try {
    idx = resolveAtomSelection(reader.topology, opts.atoms, path);
  } catch (e) {
    await reader.close();
    throw e;
  }
  reader.setSelection(idx);
  // Frame 0 starts where the opened reader stands (after a header); another frame at its offset.
  if (at && at.frame > 0 && !(reader.seekFrameStart?.(at.offset, at.line) ?? false)) {
    await reader.close();
    return null;
  }
  const topology = idx ? subsetTopology(reader.topology, idx) : reader.topology;
  const start = opts.frames?.start ?? 0,
    end = opts.frames?.end ?? Infinity,
    stride = opts.frames?.stride ?? 1;
  const info: SourceInfo = { ...reader.info };
  if (info.timestep_fs !== undefined) info.timestep_fs *= stride;
  const detect = (format === 'extxyz' || format === 'cp2k-xyz') && !info.unwrapped ? new WrapDetector() : null;
  let used = false,
    readSoFar = 0;
  const onProgress = opts.onProgress;
  // After the first kept frame: estimated number of kept frames (uncompressed files only), so
  // readTrajectory can allocate once instead of collecting chunks (halves its peak memory).
  const estimate = (): number | undefined => {
    if (reader.compressed() || readSoFar === 0) return undefined;
    const perFrame = reader.bytesRead() / readSoFar;
    const nFile = Math.ceil((reader.totalBytes() / perFrame) * 1.01) + 1;
    return Math.max(1, Math.ceil((Math.min(nFile, end) - start) / stride));
  };
  async function* frames(): AsyncGenerator<Frame> {
    if (used) throw new Error(`the trajectory stream of ${path} can be iterated only once; open it again`);
    used = true;
    let kept = 0,
      f = 0;
    let lastCell: Cell | null = null;
    const nFileAtoms = reader.topology.species.length;
    let checkDt = opts.timestep_fs !== undefined,
      firstTime: number | undefined,
      prevVolume: number | undefined,
      cellJumpSaid = false;
    try {
      const trace = at?.trace,
        keepFrom = Math.max(start, at?.keepFrom ?? 0);
      for (f = at?.frame ?? 0; f < end; f++) {
        const startLine = trace ? reader.nextLine!() : 0;
        if (f < keepFrom || (f - start) % stride !== 0) {
          if (!(await reader.skipFrame(f))) break;
          if (trace) Object.assign(trace, { frame: f, startLine, nextLine: reader.nextLine!() });
          continue;
        }
        const fr = await reader.readFrame(f);
        if (!fr) break;
        if (trace) Object.assign(trace, { frame: f, startLine, nextLine: reader.nextLine!() });
        readSoFar = f + 1;
        const bad = firstImplausibleAtom(fr.positions);
        if (bad >= 0) {
          const atom = reader.fileAtom ? reader.fileAtom(bad) : bad;
          throw implausibleCoordinateError(fr.positions, bad, atom, { file: path, frame: f, line: reader.lineOfAtom?.(bad) });
        }
        if (fr.cell && fr.cell !== lastCell) {
          checkCellPlausible(fr.cell, nFileAtoms, { file: path, frame: f });
          lastCell = fr.cell;
        }
        if (checkDt) {
          // The user's interval overrides the file's times: say so once if they disagree.
          if (fr.time_fs === undefined) checkDt = false;
          else if (firstTime === undefined) firstTime = fr.time_fs;
          else {
            checkDt = false;
            const m = timestepDisagreement(path, opts.timestep_fs!, firstTime, fr.time_fs, stride);
            if (m) emitReadWarning(m, opts.onWarning);
          }
        }
        if (detect && detect.update(fr.cell, fr.positions)) info.unwrapped = true;
        if (fr.cell) {
          // Between stored frames of one MD run the cell changes by far less than this; a jump is most likely a
          // corrupted frame (or two runs concatenated) that would silently skew densities, RDFs and unwrapping:
          // warn (files with deliberately different cells, e.g. test structures, remain readable).
          const v = fr.cell.volume;
          if (!cellJumpSaid && prevVolume !== undefined && (v > CELL_JUMP * prevVolume || v * CELL_JUMP < prevVolume)) {
            cellJumpSaid = true; // once per file: a variable-cell file made on purpose says it once, not every frame
            emitReadWarning(
              `${path}, frame ${f}: cell volume jumps from ${prevVolume.toPrecision(5)} to ${v.toPrecision(5)} Å³ since the previous frame (more than ×${CELL_JUMP}); a corrupted frame, or two runs in one file? Densities, RDFs and unwrapping across it are not meaningful`,
              opts.onWarning,
            );
          }
          prevVolume = v;
        }
        kept++;
        if (onProgress) onProgress({ frames: kept, bytes: reader.bytesRead(), totalBytes: reader.totalBytes() });
        yield fr;
      }
    } catch (e) {
      // A truncated gzip file: say which frames were read whole (frames 0 … f−1).
      if (e instanceof GzipStreamError) throw e.atFrame(f, f > 0 ? reader.frameLabel?.(f - 1) : undefined);
      throw e;
    } finally {
      await reader.close();
    }
  }
  const stream: FrameStream = { topology, info, [Symbol.asyncIterator]: () => frames() };
  estimators.set(stream, estimate);
  return stream;
}

const estimators = new WeakMap<FrameStream, () => number | undefined>();

/**
 * Growable flat Float64/Int32 storage for frame data, kept in fixed-size chunks so that growing
 * never copies: the peak memory of `result()` is twice the data, not three times as with doubling.
 */
class Grow<T extends Float64Array | Int32Array> {
  private chunks: T[] = [];
  private cur: T;
  private used = 0;
  length = 0;
  private chunk = 4096;
  /** `maxChunk`: elements per chunk once grown (chunks start small and double up to it). */
  constructor(
    private readonly make: (n: number) => T,
    private readonly maxChunk: number,
  ) {
    this.cur = make(this.chunk);
  }
  private next(): void {
    this.chunks.push(this.cur);
    this.chunk = Math.min(this.chunk * 2, this.maxChunk);
    this.cur = this.make(this.chunk);
    this.used = 0;
  }
  push(src: ArrayLike<number>): void {
    let off = 0;
    while (off < src.length) {
      if (this.used === this.cur.length) this.next();
      const k = Math.min(src.length - off, this.cur.length - this.used);
      if (off === 0 && k === src.length) this.cur.set(src, this.used);
      else this.cur.set(Array.prototype.slice.call(src, off, off + k) as number[], this.used);
      this.used += k;
      off += k;
      this.length += k;
    }
  }
  /** Make room for `total` elements in one piece (only before the first chunk fills). */
  reserve(total: number): void {
    if (this.chunks.length > 0 || total <= this.cur.length) return;
    const big = this.make(total);
    big.set(this.cur.subarray(0, this.used));
    this.cur = big;
  }
  pushOne(v: number): void {
    if (this.used === this.cur.length) this.next();
    this.cur[this.used++] = v;
    this.length++;
  }
  result(): T {
    if (this.chunks.length === 0) {
      // one piece: hand it over without copying unless much of it is unused
      if (this.used === this.cur.length) return this.cur;
      if (this.used >= 0.9 * this.cur.length) return this.cur.subarray(0, this.used) as T;
      return this.cur.slice(0, this.used) as T;
    }
    const out = this.make(this.length);
    let o = 0;
    for (let j = 0; j < this.chunks.length; j++) {
      out.set(this.chunks[j], o);
      o += this.chunks[j].length;
      (this.chunks as (T | null)[])[j] = null;
    }
    out.set(this.cur.subarray(0, this.used), o);
    this.chunks = [];
    return out;
  }
}

/**
 * Read a trajectory into memory (only the selected atoms' data is stored): extended XYZ, VASP
 * XDATCAR/POSCAR, LAMMPS dump/data, CP2K pos-xyz, DCD; gzip is sniffed. For files too large for
 * memory use {@link openTrajectory} (a stream of frames, bounded memory).
 *
 * Options ({@link ReadOptions}): `format` (default sniffed), `timestep_fs` (frame interval for files
 * without times, fs), `mdTimestep_fs` (LAMMPS step, fs), `typeMap` (LAMMPS type → element),
 * `lammpsUnits` (default metal), `cell` (rows a, b, c in Å, for files without one), `cellFile`
 * (CP2K .cell), `topologyFile` (LAMMPS data for DCD/dump), `atoms` (species or indices to keep),
 * `frames` ({start, end, stride}), `onWarning`, `onProgress`.
 *
 * A relative `path` is resolved against the working directory (in a notebook: the notebook's folder).
 * Bad input (missing file, wrong format, a truncated frame, an empty frame selection) is an
 * InputError naming the file, the frame or line and what was expected.
 * @param input the trajectory file (`.gz` or not), or its bytes with a name: `{bytes, name}`.
 * @param opts reader options (see {@link ReadOptions}).
 * @returns the Trajectory: `positions` (Å, frame-major, unwrapped when the file allows),
 *   `cells` (9 per frame, Å), `times_fs`, `topology`, optional `velocities` (Å/fs), `forces` (eV/Å),
 *   `energies` (per atom, eV); `info` says where it came from.
 * @example const t = await si.readTrajectory("../data/Li10GeP2S12_600K_AIMD.extxyz.gz");
 */
export async function readTrajectory(input: ByteInput, opts: ReadOptions = {}): Promise<Trajectory> {
  const path = sourceName(input);
  const stream = await openTrajectory(input, opts);
  const f64 = (k: number) => new Float64Array(k);
  const i32 = (k: number) => new Int32Array(k);
  const CH = 1 << 20; // 8 MB chunks
  const pos = new Grow(f64, CH);
  let cells: Grow<Float64Array> | null = new Grow(f64, 9 * 4096);
  let times: Grow<Float64Array> | null = null,
    vel: Grow<Float64Array> | null = null,
    frc: Grow<Float64Array> | null = null;
  let ene: Grow<Float64Array> | null = null,
    img: Grow<Int32Array> | null = null,
    fe: Grow<Float64Array> | null = null;
  let nf = 0;
  for await (const fr of stream) {
    if (nf === 0) {
      if (fr.time_fs !== undefined) times = new Grow(f64, 4096);
      if (fr.velocities) vel = new Grow(f64, CH);
      if (fr.forces) frc = new Grow(f64, CH);
      if (fr.energies) ene = new Grow(f64, CH);
      if (fr.images) img = new Grow(i32, CH);
      if (fr.energy_eV !== undefined) fe = new Grow(f64, 4096);
      const est = estimators.get(stream)?.();
      if (est !== undefined) {
        const m = fr.positions.length / 3;
        for (const g of [pos, vel, frc, img]) g?.reserve(3 * m * est);
        ene?.reserve(m * est);
      }
    }
    pos.push(fr.positions);
    if (cells) {
      if (fr.cell) cells.push(fr.cell.matrix);
      else cells = null;
    }
    // An optional quantity missing from any frame is dropped for the whole trajectory.
    if (times) {
      if (fr.time_fs !== undefined) times.pushOne(fr.time_fs);
      else times = null;
    }
    if (vel) {
      if (fr.velocities) vel.push(fr.velocities);
      else vel = null;
    }
    if (frc) {
      if (fr.forces) frc.push(fr.forces);
      else frc = null;
    }
    if (ene) {
      if (fr.energies) ene.push(fr.energies);
      else ene = null;
    }
    if (img) {
      if (fr.images) img.push(fr.images);
      else img = null;
    }
    if (fe) {
      if (fr.energy_eV !== undefined) fe.pushOne(fr.energy_eV);
      else fe = null;
    }
    nf++;
  }
  if (nf === 0) {
    const fr = opts.frames;
    throw new InputError(
      fr
        ? `no frames in the requested range (start ${fr.start ?? 0}, end ${fr.end ?? 'end'}, stride ${fr.stride ?? 1})`
        : 'no frames found; expected at least one',
      { file: path },
    );
  }
  return new Trajectory({
    topology: stream.topology,
    nFrames: nf,
    positions: pos.result(),
    cells: cells ? cells.result() : null,
    times_fs: times?.result(),
    velocities: vel?.result(),
    forces: frc?.result(),
    energies: ene?.result(),
    images: img?.result(),
    frameEnergies_eV: fe?.result(),
    info: { ...stream.info },
  });
}
