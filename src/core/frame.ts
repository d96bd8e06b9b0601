/**
 * One MD snapshot, and a stream of them with bounded memory.
 */
import type { Cell } from './cell.js';
import type { Topology } from './topology.js';

export interface Frame {
  /** 0-based index of the frame in its source. */
  index: number;
  /** Simulation time in fs, if the source says so. */
  time_fs?: number;
  /** The frame's own periodic cell (variable-cell runs are common); null if non-periodic. */
  cell: Cell | null;
  /** Cartesian positions, Å, 3N (x0 y0 z0 x1 ...). */
  positions: Float64Array;
  /** Velocities, Å/fs, 3N. */
  velocities?: Float64Array;
  /** Forces, eV/Å, 3N. */
  forces?: Float64Array;
  /** Per-atom potential energies, eV, N. */
  energies?: Float64Array;
  /** Per-atom charges, e, N (when they vary per frame). */
  charges?: Float64Array;
  /** Periodic image flags (LAMMPS ix iy iz), 3N. */
  images?: Int32Array;
  /** Total potential energy of the frame, eV, if the source gives it. */
  energy_eV?: number;
  /** Any other per-atom columns by name (e.g. LAMMPS c_csym), N values each. */
  properties?: Record<string, Float64Array>;
}

/** What a source knows about itself beyond its frames. */
export interface SourceInfo {
  /** File path (or a description of the source). */
  source?: string;
  /** Format name: "extxyz", "xdatcar", "lammps-dump", "cp2k-xyz", "builtin-md", ... */
  format?: string;
  /** Interval between stored frames in fs, if known (from the file or the user). */
  timestep_fs?: number;
  /** Units the reader assumed when the file does not record them (e.g. "LAMMPS metal (Å, Å/ps, eV/Å, eV, e)"). */
  units?: string;
  /** True when positions are continuous in time (already unwrapped); false when wrapped into the cell. */
  unwrapped: boolean;
}

/**
 * A trajectory read frame by frame with bounded memory. Iterate once with `for await`.
 * `topology` is known before the first frame is yielded.
 */
export interface FrameStream extends AsyncIterable<Frame> {
  readonly topology: Topology;
  readonly info: SourceInfo;
}
