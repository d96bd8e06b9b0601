/**
 * Options shared by all trajectory readers, and the interface each format reader implements.
 */
import type { Cell } from '../core/cell.js';
import type { Frame, SourceInfo } from '../core/frame.js';
import type { Topology } from '../core/topology.js';
import type { ByteInput } from './byteSource.js';

/** Formats the readers understand. `poscar` is a single VASP structure (POSCAR/CONTCAR). */
export type TrajectoryFormat =
  | 'extxyz'
  | 'xdatcar'
  | 'poscar'
  | 'lammps-dump'
  | 'cp2k-xyz'
  | 'lammps-data'
  | 'dcd'
  | 'vasprun'
  | 'ase-traj'
  | 'h5md'
  | 'qe-cp'
  | 'outcar'
  | 'qe-pw';

/** The formats, for messages (the registry in formatRegistry.ts describes each). */
export const TRAJECTORY_FORMATS: TrajectoryFormat[] = [
  'extxyz',
  'xdatcar',
  'poscar',
  'lammps-dump',
  'cp2k-xyz',
  'lammps-data',
  'dcd',
  'vasprun',
  'ase-traj',
  'h5md',
  'qe-cp',
  'outcar',
  'qe-pw',
];

/**
 * Options of every trajectory reader (`readTrajectory`, `openTrajectory`, `scanTrajectory`):
 * - `format`: 'extxyz' | 'xdatcar' | 'poscar' | 'lammps-dump' | 'cp2k-xyz' | 'lammps-data' | 'dcd' (default: sniffed);
 * - `timestep_fs`: interval between stored frames, fs (files without times: XDATCAR, plain XYZ);
 * - `mdTimestep_fs`: LAMMPS MD step, fs (frame time = TIMESTEP × step);
 * - `typeMap`: LAMMPS type → element ({"1": "Li"} or ["Li", "S"]);
 * - `lammpsUnits`: unit style of a LAMMPS dump (default metal);
 * - `cell`: rows a, b, c in Å for formats without a cell; `cellFile`: CP2K .cell; `topologyFile`: LAMMPS data file;
 * - `atoms`: keep these species or 0-based indices; `frames`: {start, end, stride} in source frames;
 * - `onWarning(message)`, `onProgress({frames, bytes, totalBytes})`.
 */
export interface ReadOptions {
  /** Format; default: sniffed from content and file name (.gz is transparent). */
  format?: TrajectoryFormat;
  /** Interval between stored frames in fs, for files that carry no times (XDATCAR, plain XYZ). */
  timestep_fs?: number;
  /** LAMMPS MD time step in fs: frame time = TIMESTEP × mdTimestep_fs. */
  mdTimestep_fs?: number;
  /** LAMMPS type → element: {"1": "Li", ...} or ["Li", "S", ...] (entry 0 is type 1). */
  typeMap?: Record<string, string> | string[];
  /**
   * LAMMPS unit style of a dump (metal, real, si, cgs, electron, micro, nano; default metal): values are
   * converted to Å, Å/fs, eV/Å, eV, e. A dump does not record it.
   */
  lammpsUnits?: string;
  /** Cell (rows a, b, c, Å) for formats without one (plain XYZ, CP2K). */
  cell?: number[][] | Cell;
  /** LAMMPS data file giving species, masses and charges (sorted by id) for a DCD or LAMMPS dump: a path or `{bytes, name}`. */
  topologyFile?: ByteInput;
  /** Quantum ESPRESSO cp.x input file (species of a .pos trajectory): a path or `{bytes, name}`. */
  qeInput?: ByteInput;
  /** CP2K `.cell` file (per-step cell): a path or `{bytes, name}`. */
  cellFile?: ByteInput;
  /** Keep only these atoms: species symbol(s) or 0-based indices (in file order; LAMMPS: sorted by id). */
  atoms?: string | string[] | ArrayLike<number>;
  /** Frame range [start, end) with stride, in source frame indices. */
  frames?: { start?: number; end?: number; stride?: number };
  /**
   * Receives warnings (e.g. `timestep_fs` disagreeing with the file's own frame times); default:
   * one line on stderr.
   */
  onWarning?: (message: string) => void;
  /** Called after each frame read (bytes are decompressed bytes; totalBytes is the size on disk). */
  onProgress?: (p: { frames: number; bytes: number; totalBytes?: number }) => void;
}

/**
 * One format's reader. `open` reads the first header (topology known afterwards); `setSelection`
 * fixes which atoms to keep; `readFrame` / `skipFrame` advance by one frame and return null at the end.
 */
export interface FormatReader {
  /** Topology of all atoms in the file (file order; LAMMPS sorted by id). */
  readonly topology: Topology;
  readonly info: SourceInfo;
  /** Keep only atoms idx (in that order); null keeps all. */
  setSelection(idx: Int32Array | null): void;
  readFrame(index: number): Promise<Frame | null>;
  /** Skip one frame cheaply (headers are still read). Returns what the header says, or null at the end. */
  skipFrame(index: number): Promise<SkippedFrame | null>;
  /** Decompressed bytes consumed so far. */
  bytesRead(): number;
  /** Size on disk. */
  totalBytes(): number;
  /** Whether the file is gzip-compressed (its decompressed size is then unknown). */
  compressed(): boolean;
  /** How the file itself labels frame `index` (e.g. XDATCAR "Direct configuration= 30"), if it does and it was read. */
  frameLabel?(index: number): string | undefined;
  /** Line (1-based) of output atom `slot` in the last frame read, where the format has one line per atom. */
  lineOfAtom?(slot: number): number | undefined;
  /** File atom index of output atom `slot` (the selection maps slots to file atoms). */
  fileAtom?(slot: number): number;
  /** Line formats: the 1-based number of the next line to be read (after a frame: the line after its last). */
  nextLine?(): number;
  /**
   * Formats whose frames can be read from the middle of the file (extxyz, CP2K xyz, XDATCAR, LAMMPS dump):
   * continue at byte `offset`, the start of line `line`, where a frame (or blank lines before one) begins;
   * the file's header stays as read on opening. False when the source cannot seek (gzip).
   */
  seekFrameStart?(offset: number, line: number): boolean;
  close(): Promise<void>;
}

/** What a skipped frame's header says. */
export interface SkippedFrame {
  time_fs?: number;
}

/** Map from file atom index to output slot (-1 = dropped), for readers to fill selected atoms only. */
export function slotMap(nAtoms: number, idx: Int32Array | null): Int32Array | null {
  if (!idx) return null;
  const m = new Int32Array(nAtoms).fill(-1);
  for (let j = 0; j < idx.length; j++) m[idx[j]] = j;
  return m;
}
