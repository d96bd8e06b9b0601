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
import { ExtxyzReader } from './extxyz.js';
import { FormatReader, ReadOptions, TRAJECTORY_FORMATS, TrajectoryFormat } from './readOptions.js';
import { sniffFormat } from './sniffFormat.js';
import { XdatcarReader } from './xdatcar.js';
import { LammpsDumpReader } from './lammpsDump.js';
import { Cp2kXyzReader } from './cp2kXyz.js';

/** Open the reader of a format (topology known on return). */
export async function openReader(format: TrajectoryFormat, path: string, opts: ReadOptions): Promise<FormatReader> {
  switch (format) {
    case 'extxyz': return ExtxyzReader.open(path, opts);
    case 'xdatcar': return XdatcarReader.open(path, opts, false);
    case 'poscar': return XdatcarReader.open(path, opts, true);
    case 'lammps-dump': return LammpsDumpReader.open(path, opts);
    case 'cp2k-xyz': return Cp2kXyzReader.open(path, opts);
    default:
      throw new InputError(`unsupported format "${String(format)}"; expected one of ${TRAJECTORY_FORMATS.join(', ')}`, { file: path });
  }
}

function checkOptions(path: string, opts: ReadOptions): void {
  const pos = (x: number | undefined, name: string) => {
    if (x !== undefined && !(Number.isFinite(x) && x > 0)) throw new InputError(`${name} must be a positive number of fs, got ${x}`, { file: path });
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
  const n = top.species.length, seen = new Uint8Array(n);
  const src = atoms as ArrayLike<number>;
  for (let j = 0; j < idx.length; j++) {
    if (!Number.isInteger(src[j]) || src[j] < 0 || src[j] >= n) throw new InputError(`atom index ${src[j]} is out of range; expected an integer in [0, ${n})`, { file });
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
  private lo = [Infinity, Infinity, Infinity];
  private hi = [-Infinity, -Infinity, -Infinity];
  private frac = new Float64Array(0);
  unwrapped = false;
  update(cell: Cell | null, pos: Float64Array): boolean {
    if (this.unwrapped || !cell) return this.unwrapped;
    if (this.frac.length !== pos.length) this.frac = new Float64Array(pos.length);
    const f = cell.toFractional(pos, this.frac);
    const lo = this.lo, hi = this.hi;
    for (let i = 0; i < f.length; i += 3) {
      for (let k = 0; k < 3; k++) {
        const v = f[i + k];
        if (v < lo[k]) lo[k] = v;
        if (v > hi[k]) hi[k] = v;
      }
    }
    for (let k = 0; k < 3; k++) if (hi[k] - lo[k] > 1 + 1e-6) this.unwrapped = true;
    return this.unwrapped;
  }
}

/**
 * Open a trajectory as a stream of frames (bounded memory; iterate once). The topology (of the
 * selected atoms) is known on return. `info.unwrapped` for extxyz/CP2K becomes true as soon as a
 * frame shows positions spanning more than one cell (they cannot be wrapped).
 */
export async function openTrajectory(path: string, opts: ReadOptions = {}): Promise<FrameStream> {
  checkOptions(path, opts);
  const format = opts.format ?? (await sniffFormat(path));
  const reader = await openReader(format, path, opts);
  let idx: Int32Array | null;
  try {
    idx = resolveAtomSelection(reader.topology, opts.atoms, path);
  } catch (e) {
    await reader.close();
    throw e;
  }
  reader.setSelection(idx);
  const topology = idx ? subsetTopology(reader.topology, idx) : reader.topology;
  const start = opts.frames?.start ?? 0, end = opts.frames?.end ?? Infinity, stride = opts.frames?.stride ?? 1;
  const info: SourceInfo = { ...reader.info };
  if (info.timestep_fs !== undefined) info.timestep_fs *= stride;
  const detect = (format === 'extxyz' || format === 'cp2k-xyz') && !info.unwrapped ? new WrapDetector() : null;
  let used = false;
  const onProgress = opts.onProgress;
  async function* frames(): AsyncGenerator<Frame> {
    if (used) throw new Error(`the trajectory stream of ${path} can be iterated only once; open it again`);
    used = true;
    let kept = 0;
    try {
      for (let f = 0; f < end; f++) {
        if (f < start || (f - start) % stride !== 0) {
          if (!(await reader.skipFrame(f))) break;
          continue;
        }
        const fr = await reader.readFrame(f);
        if (!fr) break;
        if (detect && detect.update(fr.cell, fr.positions)) info.unwrapped = true;
        kept++;
        if (onProgress) onProgress({ frames: kept, bytes: reader.bytesRead(), totalBytes: reader.totalBytes() });
        yield fr;
      }
    } finally {
      await reader.close();
    }
  }
  return { topology, info, [Symbol.asyncIterator]: () => frames() };
}

/** Growable flat Float64/Int32 storage for frame data. */
class Grow<T extends Float64Array | Int32Array> {
  private data: T;
  length = 0;
  constructor(private readonly make: (n: number) => T, initial: number) { this.data = make(Math.max(initial, 16)); }
  push(src: ArrayLike<number>): void {
    if (this.length + src.length > this.data.length) {
      const nd = this.make(Math.max(this.data.length * 2, this.length + src.length));
      nd.set(this.data.subarray(0, this.length));
      this.data = nd;
    }
    this.data.set(src, this.length);
    this.length += src.length;
  }
  pushOne(v: number): void { this.push([v]); }
  result(): T {
    return (this.data.length === this.length ? this.data : this.data.slice(0, this.length)) as T;
  }
}

/**
 * Read a trajectory into memory (only the selected atoms' data is stored). Throws an InputError
 * if the selection of frames is empty.
 */
export async function readTrajectory(path: string, opts: ReadOptions = {}): Promise<Trajectory> {
  const stream = await openTrajectory(path, opts);
  const n = stream.topology.species.length;
  const f64 = (k: number) => new Float64Array(k);
  const i32 = (k: number) => new Int32Array(k);
  const pos = new Grow(f64, 3 * n * 64);
  let cells: Grow<Float64Array> | null = new Grow(f64, 9 * 64);
  let times: Grow<Float64Array> | null = null, vel: Grow<Float64Array> | null = null, frc: Grow<Float64Array> | null = null;
  let ene: Grow<Float64Array> | null = null, img: Grow<Int32Array> | null = null, fe: Grow<Float64Array> | null = null;
  let nf = 0;
  for await (const fr of stream) {
    if (nf === 0) {
      if (fr.time_fs !== undefined) times = new Grow(f64, 64);
      if (fr.velocities) vel = new Grow(f64, 3 * n * 64);
      if (fr.forces) frc = new Grow(f64, 3 * n * 64);
      if (fr.energies) ene = new Grow(f64, n * 64);
      if (fr.images) img = new Grow(i32, 3 * n * 64);
      if (fr.energy_eV !== undefined) fe = new Grow(f64, 64);
    }
    pos.push(fr.positions);
    if (cells) { if (fr.cell) cells.push(fr.cell.matrix); else cells = null; }
    // An optional quantity missing from any frame is dropped for the whole trajectory.
    if (times) { if (fr.time_fs !== undefined) times.pushOne(fr.time_fs); else times = null; }
    if (vel) { if (fr.velocities) vel.push(fr.velocities); else vel = null; }
    if (frc) { if (fr.forces) frc.push(fr.forces); else frc = null; }
    if (ene) { if (fr.energies) ene.push(fr.energies); else ene = null; }
    if (img) { if (fr.images) img.push(fr.images); else img = null; }
    if (fe) { if (fr.energy_eV !== undefined) fe.pushOne(fr.energy_eV); else fe = null; }
    nf++;
  }
  if (nf === 0) {
    const fr = opts.frames;
    throw new InputError(fr ? `no frames in the requested range (start ${fr.start ?? 0}, end ${fr.end ?? 'end'}, stride ${fr.stride ?? 1})` : 'no frames found; expected at least one', { file: path });
  }
  return new Trajectory({
    topology: stream.topology, nFrames: nf, positions: pos.result(), cells: cells ? cells.result() : null,
    times_fs: times?.result(), velocities: vel?.result(), forces: frc?.result(), energies: ene?.result(),
    images: img?.result(), frameEnergies_eV: fe?.result(), info: { ...stream.info },
  });
}
