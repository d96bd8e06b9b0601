/**
 * The time history a correlation analysis needs, collected from ONE streamed pass: the selected atoms'
 * positions (and, when asked, their velocities or per-atom energies), each frame's cell and time — in
 * typed arrays, never whole frames — returned as an in-memory {@link Trajectory} of those atoms only.
 * Van Hove functions, the VACF/VDOS, anion rotation and the DOAS run their pure functions over it, so a
 * file far larger than memory is analysed while only (frames × selected atoms) numbers are held.
 *
 * What is kept grows chunk by chunk and is checked against the memory budget (core/memoryBudget.ts)
 * before each chunk: the collected arrays, and their one-piece copy made by `result()`, must fit; past
 * it an InputError names the budget and how to raise it (--memory-budget, SUPERIONIC_MEMORY_BUDGET).
 * The result equals `readTrajectory(file, {atoms})` of the same atoms (same numbers, same optional
 * quantities: one missing from any frame is dropped for the whole run), so results are bit-identical
 * to reading the file whole.
 */
import { InputError } from './errors.js';
import type { Frame, FrameStream, SourceInfo } from './frame.js';
import { analyseFrames, type AnalyseOptions, type FrameAnalysis, type FrameContext } from './frameAnalysis.js';
import { formatBytes, requireMemory } from './memoryBudget.js';
import type { Topology } from './topology.js';
import { indicesOf, subsetTopology } from './topology.js';
import { Trajectory } from './trajectory.js';

/** What to keep of each frame. */
export interface SubTrajectoryOptions {
  /** Atoms to keep: species symbol(s) or atom indices of the source; default every atom of the source. */
  atoms?: string | string[] | ArrayLike<number>;
  /** Keep the velocities when every frame has them (default false). */
  velocities?: boolean;
  /** Keep the per-atom energies when every frame has them (default false). */
  energies?: boolean;
  /** The analysis the history is for, named in the memory-budget message (e.g. "van Hove functions"). */
  purpose?: string;
  /** The source's description; a function is asked when `result()` is built (a stream's info may change while it is read). */
  info?: SourceInfo | (() => SourceInfo);
}

/** Frames per chunk: growing never copies what was collected; `result()` copies once. */
const CHUNK_FRAMES = 256;

/** A growing typed array in fixed chunks of `perFrame × CHUNK_FRAMES` numbers. */
class FrameChunks {
  chunks: Float64Array[] = [];
  constructor(readonly perFrame: number) {}
  slot(f: number): Float64Array {
    const c = f % CHUNK_FRAMES;
    if (c === 0) this.chunks.push(new Float64Array(CHUNK_FRAMES * this.perFrame));
    return this.chunks[this.chunks.length - 1].subarray(c * this.perFrame, (c + 1) * this.perFrame);
  }
  joined(nFrames: number): Float64Array {
    const out = new Float64Array(nFrames * this.perFrame),
      per = CHUNK_FRAMES * this.perFrame;
    this.chunks.forEach((ch, j) => out.set(ch.subarray(0, Math.min(per, out.length - j * per)), j * per));
    return out;
  }
}

/** Collect the selected atoms' history frame by frame (a `FrameAnalysis`; see the file header). */
export class SubTrajectoryCollector implements FrameAnalysis<Trajectory> {
  /** The selection and the arrays, set up by `prepare` on the first frame. */
  private state: {
    atoms: Int32Array | null;
    topology: Topology;
    nSource: number;
    positions: FrameChunks;
    velocities: FrameChunks | null;
    energies: FrameChunks | null;
    cells: FrameChunks | null;
    times: FrameChunks | null;
    bytesPerFrame: number;
    source?: string;
  } | null = null;
  private nf = 0;

  constructor(private readonly opts: SubTrajectoryOptions = {}) {}

  /** Resolve the atoms and decide which optional quantities the frames carry. */
  prepare(topology: Topology, firstFrame: Frame, context: FrameContext = {}): NonNullable<SubTrajectoryCollector['state']> {
    const where = { file: context.source ?? this.infoNow()?.source, frame: firstFrame.index };
    const sel = this.opts.atoms;
    let atoms: Int32Array | null = null;
    if (typeof sel === 'string' || (Array.isArray(sel) && typeof sel[0] === 'string')) atoms = indicesOf(topology, sel as string | string[], where);
    else if (sel !== undefined) {
      atoms = Int32Array.from(sel as ArrayLike<number>);
      for (const i of atoms)
        if (!(Number.isInteger(i) && i >= 0 && i < topology.species.length))
          throw new InputError(`atom index ${i} out of range (0..${topology.species.length - 1})`, where);
    }
    const n = atoms ? atoms.length : topology.species.length;
    if (n === 0) throw new InputError('no atoms selected', where);
    const velocities = this.opts.velocities && firstFrame.velocities ? new FrameChunks(3 * n) : null;
    const energies = this.opts.energies && firstFrame.energies ? new FrameChunks(n) : null;
    const cells = firstFrame.cell ? new FrameChunks(9) : null;
    const times = firstFrame.time_fs !== undefined ? new FrameChunks(1) : null;
    const bytesPerFrame = 8 * (3 * n + (velocities ? 3 * n : 0) + (energies ? n : 0) + (cells ? 9 : 0) + (times ? 1 : 0));
    return (this.state = {
      atoms,
      topology: atoms ? subsetTopology(topology, atoms) : topology,
      nSource: topology.species.length,
      positions: new FrameChunks(3 * n),
      velocities,
      energies,
      cells,
      times,
      bytesPerFrame,
      source: where.file,
    });
  }

  addFrame(frame: Frame, topology: Topology): void {
    const s = this.state ?? this.prepare(topology, frame);
    const where = { file: s.source, frame: frame.index };
    if (frame.positions.length !== 3 * s.nSource) throw new InputError(`frame has ${frame.positions.length / 3} atoms; expected ${s.nSource}`, where);
    if (this.nf % CHUNK_FRAMES === 0) {
      // the chunks so far, the next one, and the one-piece copy result() makes
      const bytes = 2 * (this.nf + CHUNK_FRAMES) * s.bytesPerFrame;
      const n = s.atoms ? s.atoms.length : s.nSource;
      requireMemory(
        bytes,
        `keeping ${n} atoms' ${s.velocities ? 'positions and velocities' : 'positions'} for ${this.opts.purpose ?? 'the analysis'} over ${this.nf + CHUNK_FRAMES} frames (${formatBytes(s.bytesPerFrame)} per frame, × 2 for the final copy)`,
        where,
      );
    }
    const f = this.nf;
    copySelected(frame.positions, s.atoms, 3, s.positions.slot(f));
    // An optional quantity missing from any frame is dropped for the whole run (as readTrajectory does).
    if (s.velocities) {
      if (frame.velocities) copySelected(frame.velocities, s.atoms, 3, s.velocities.slot(f));
      else s.velocities = null;
    }
    if (s.energies) {
      if (frame.energies) copySelected(frame.energies, s.atoms, 1, s.energies.slot(f));
      else s.energies = null;
    }
    if (s.cells) {
      if (frame.cell) s.cells.slot(f).set(frame.cell.matrix);
      else s.cells = null;
    }
    if (s.times) {
      if (frame.time_fs !== undefined) s.times.slot(f)[0] = frame.time_fs;
      else s.times = null;
    }
    this.nf++;
  }

  /** Frames collected so far. */
  get nFrames(): number {
    return this.nf;
  }

  /** The collected history as a Trajectory of the selected atoms (one copy of the chunks). */
  result(): Trajectory {
    const s = this.state;
    const info: SourceInfo = this.infoNow() ?? { source: s?.source, unwrapped: false };
    if (!s || this.nf === 0) throw new InputError('no frames found; expected at least one', { file: info.source });
    const nf = this.nf;
    return new Trajectory({
      topology: s.topology,
      nFrames: nf,
      positions: s.positions.joined(nf),
      cells: s.cells ? s.cells.joined(nf) : null,
      times_fs: s.times?.joined(nf),
      velocities: s.velocities?.joined(nf),
      energies: s.energies?.joined(nf),
      info: { ...info },
    });
  }

  private infoNow(): SourceInfo | undefined {
    const i = this.opts.info;
    return typeof i === 'function' ? i() : i;
  }
}

/** Copy the selected atoms' `width` numbers each from `src` into `out` (all atoms when `atoms` is null). */
function copySelected(src: ArrayLike<number>, atoms: Int32Array | null, width: number, out: Float64Array): void {
  if (!atoms) {
    out.set(src);
    return;
  }
  for (let k = 0, o = 0; k < atoms.length; k++) {
    const p = width * atoms[k];
    for (let c = 0; c < width; c++) out[o++] = src[p + c];
  }
}

/**
 * Stream `source` once and return the selected atoms' history (see the file header). Open the file with
 * `openTrajectory(path, { atoms })` so that only the selected atoms' lines are parsed; an in-memory
 * Trajectory works as well.
 */
export async function collectSubTrajectory(
  source: FrameStream | Trajectory,
  opts: Omit<SubTrajectoryOptions, 'info'> = {},
  analyse: AnalyseOptions = {},
): Promise<Trajectory> {
  const c = new SubTrajectoryCollector({ ...opts, info: () => source.info });
  await analyseFrames(source, [c], analyse);
  return c.result();
}
