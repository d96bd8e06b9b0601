/**
 * A trajectory held in memory: flat frame-major typed arrays, each frame with its own cell.
 *
 * positions[f·3N + 3i + k] is coordinate k of atom i in frame f (Å). Optional arrays follow
 * the same layout (velocities Å/fs, forces eV/Å; per-atom energies eV with N per frame).
 */
import { Cell } from './cell.js';
import { InputError } from './errors.js';
import { frameInterval } from './frameInterval.js';
import type { Frame, SourceInfo } from './frame.js';
import type { Topology } from './topology.js';
import { indicesOf, subsetTopology } from './topology.js';

export interface TrajectoryData {
  topology: Topology;
  nFrames: number;
  positions: Float64Array;
  /** 9 numbers per frame (rows a, b, c), or null for non-periodic data. */
  cells: Float64Array | null;
  times_fs?: Float64Array;
  velocities?: Float64Array;
  forces?: Float64Array;
  energies?: Float64Array;
  images?: Int32Array;
  frameEnergies_eV?: Float64Array;
  info: SourceInfo;
}

export class Trajectory {
  readonly topology: Topology;
  readonly nAtoms: number;
  readonly nFrames: number;
  readonly positions: Float64Array;
  readonly cells: Float64Array | null;
  readonly times_fs?: Float64Array;
  readonly velocities?: Float64Array;
  readonly forces?: Float64Array;
  readonly energies?: Float64Array;
  readonly images?: Int32Array;
  readonly frameEnergies_eV?: Float64Array;
  readonly info: SourceInfo;
  private cellCache: (Cell | undefined)[] = [];

  constructor(d: TrajectoryData) {
    this.topology = d.topology;
    this.nAtoms = d.topology.species.length;
    this.nFrames = d.nFrames;
    const n3 = 3 * this.nAtoms * this.nFrames;
    const check = (name: string, arr: ArrayLike<number> | undefined | null, len: number) => {
      if (arr && arr.length !== len) {
        throw new InputError(`${name} has ${arr.length} values; expected ${len} (${this.nFrames} frames × ${this.nAtoms} atoms)`, {
          file: d.info.source,
        });
      }
    };
    check('positions', d.positions, n3);
    check('cells', d.cells, 9 * this.nFrames);
    check('times_fs', d.times_fs, this.nFrames);
    check('velocities', d.velocities, n3);
    check('forces', d.forces, n3);
    check('energies', d.energies, this.nAtoms * this.nFrames);
    check('images', d.images, n3);
    this.positions = d.positions;
    this.cells = d.cells;
    this.times_fs = d.times_fs;
    this.velocities = d.velocities;
    this.forces = d.forces;
    this.energies = d.energies;
    this.images = d.images;
    this.frameEnergies_eV = d.frameEnergies_eV;
    this.info = d.info;
  }

  /** Collect frames (all with the same atoms) into an in-memory trajectory. */
  static fromFrames(topology: Topology, frames: Frame[], info: SourceInfo): Trajectory {
    const n = topology.species.length,
      nf = frames.length;
    const positions = new Float64Array(nf * 3 * n);
    const allHaveCell = frames.every((f) => f.cell !== null);
    const cells = allHaveCell ? new Float64Array(nf * 9) : null;
    const has = (k: keyof Frame) => nf > 0 && frames.every((f) => f[k] !== undefined);
    const times = has('time_fs') ? new Float64Array(nf) : undefined;
    const vel = has('velocities') ? new Float64Array(nf * 3 * n) : undefined;
    const frc = has('forces') ? new Float64Array(nf * 3 * n) : undefined;
    const en = has('energies') ? new Float64Array(nf * n) : undefined;
    const img = has('images') ? new Int32Array(nf * 3 * n) : undefined;
    const fe = has('energy_eV') ? new Float64Array(nf) : undefined;
    frames.forEach((f, k) => {
      if (f.positions.length !== 3 * n) {
        throw new InputError(`has ${f.positions.length / 3} atoms; expected ${n}`, { file: info.source, frame: f.index });
      }
      positions.set(f.positions, k * 3 * n);
      if (cells) cells.set(f.cell!.matrix, 9 * k);
      if (times) times[k] = f.time_fs!;
      if (vel) vel.set(f.velocities!, k * 3 * n);
      if (frc) frc.set(f.forces!, k * 3 * n);
      if (en) en.set(f.energies!, k * n);
      if (img) img.set(f.images!, k * 3 * n);
      if (fe) fe[k] = f.energy_eV!;
    });
    return new Trajectory({
      topology,
      nFrames: nf,
      positions,
      cells,
      times_fs: times,
      velocities: vel,
      forces: frc,
      energies: en,
      images: img,
      frameEnergies_eV: fe,
      info,
    });
  }

  /** The cell of frame f (throws if the trajectory has no cell). */
  cell(f: number): Cell {
    this.checkFrame(f, 'cell');
    if (!this.cells) throw new InputError('trajectory has no periodic cell; give one (e.g. --cell or a .cell file)', { file: this.info.source });
    let c = this.cellCache[f];
    if (!c) {
      c = new Cell(this.cells.subarray(9 * f, 9 * f + 9), { file: this.info.source, frame: f });
      this.cellCache[f] = c;
    }
    return c;
  }

  /** Positions of frame f (a view, Å; 3 numbers per atom). Throws an InputError for f outside 0…nFrames−1. */
  framePositions(f: number): Float64Array {
    this.checkFrame(f, 'framePositions');
    return this.positions.subarray(f * 3 * this.nAtoms, (f + 1) * 3 * this.nAtoms);
  }

  /** Raise an InputError naming the method and the valid range unless f is a frame index of this trajectory. */
  private checkFrame(f: number, method: string): void {
    if (!(Number.isInteger(f) && f >= 0 && f < this.nFrames)) {
      throw new InputError(
        `${method}(${f}): frame index out of range; expected an integer 0 … ${this.nFrames - 1} (the trajectory has ${this.nFrames} frames)`,
      );
    }
  }

  /** Frame f as a Frame record (views into the arrays). Throws an InputError for f outside 0…nFrames−1. */
  frame(f: number): Frame {
    this.checkFrame(f, 'frame');
    const n = this.nAtoms,
      a = f * 3 * n,
      b = (f + 1) * 3 * n;
    return {
      index: f,
      time_fs: this.times_fs?.[f],
      cell: this.cells ? this.cell(f) : null,
      positions: this.positions.subarray(a, b),
      velocities: this.velocities?.subarray(a, b),
      forces: this.forces?.subarray(a, b),
      energies: this.energies?.subarray(f * n, (f + 1) * n),
      images: this.images?.subarray(a, b),
      energy_eV: this.frameEnergies_eV?.[f],
    };
  }

  /** Iterate frames (views) — lets in-memory trajectories feed stream analyses. */
  *frames(): IterableIterator<Frame> {
    for (let f = 0; f < this.nFrames; f++) yield this.frame(f);
  }

  /**
   * Interval between frames in fs by core/frameInterval.ts: the user's value if given, else the file's
   * times (evenly spaced to 1e-6 relative), else the source's time step. Throws if none is known.
   */
  frameInterval_fs(userDt_fs?: number): number {
    return frameInterval(this.nFrames >= 2 ? this.times_fs?.subarray(0, this.nFrames) : null, this.info, userDt_fs);
  }

  /** A trajectory of only the given atoms (copies the data). */
  selectAtoms(atoms: ArrayLike<number>): Trajectory {
    const idx = Int32Array.from(atoms as ArrayLike<number>);
    const n = this.nAtoms,
      m = idx.length,
      nf = this.nFrames;
    const pick3 = (src?: Float64Array) => {
      if (!src) return undefined;
      const out = new Float64Array(nf * 3 * m);
      for (let f = 0; f < nf; f++)
        for (let j = 0; j < m; j++) {
          const s = f * 3 * n + 3 * idx[j],
            d = f * 3 * m + 3 * j;
          out[d] = src[s];
          out[d + 1] = src[s + 1];
          out[d + 2] = src[s + 2];
        }
      return out;
    };
    let images: Int32Array | undefined;
    if (this.images) {
      images = new Int32Array(nf * 3 * m);
      for (let f = 0; f < nf; f++)
        for (let j = 0; j < m; j++) for (let k = 0; k < 3; k++) images[f * 3 * m + 3 * j + k] = this.images[f * 3 * n + 3 * idx[j] + k];
    }
    let energies: Float64Array | undefined;
    if (this.energies) {
      energies = new Float64Array(nf * m);
      for (let f = 0; f < nf; f++) for (let j = 0; j < m; j++) energies[f * m + j] = this.energies[f * n + idx[j]];
    }
    return new Trajectory({
      topology: subsetTopology(this.topology, idx),
      nFrames: nf,
      positions: pick3(this.positions)!,
      cells: this.cells,
      times_fs: this.times_fs,
      velocities: pick3(this.velocities),
      forces: pick3(this.forces),
      energies,
      images,
      frameEnergies_eV: this.frameEnergies_eV,
      info: this.info,
    });
  }

  /** Indices of the atoms of a species (InputError naming the available species if absent). */
  indicesOf(species: string | string[]): Int32Array {
    return indicesOf(this.topology, species, { file: this.info.source });
  }

  /** A trajectory of frames [start, end) with the given stride. */
  sliceFrames(start = 0, end = this.nFrames, stride = 1): Trajectory {
    const frames: Frame[] = [];
    for (let f = start; f < Math.min(end, this.nFrames); f += stride) frames.push(this.frame(f));
    const dt = this.times_fs ? undefined : this.info.timestep_fs !== undefined ? this.info.timestep_fs * stride : undefined;
    return Trajectory.fromFrames(this.topology, frames, { ...this.info, timestep_fs: dt ?? this.info.timestep_fs });
  }
}
