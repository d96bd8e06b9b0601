/**
 * Frame-local analyses (RDF, sites, coordination, angles, DOAS) are accumulators: configure once,
 * feed frames, read a plain result. `analyseFrames` feeds ONE pass over a stream (or an in-memory
 * trajectory) to several analyses at once, so a file too large for memory is read only once.
 *
 * The contract (CONTRIBUTING.md): the constructor checks the options (no file is open yet);
 * `prepare(topology, firstFrame, context)` resolves what depends on the file (atom groups, site
 * networks, buffers) and is called ONCE by `analyseFrames` before the first `addFrame`; `addFrame`
 * accumulates (copying only what it keeps: the frame's arrays are reused by streaming readers);
 * `result()` returns a plain object. Analyses that keep a time history keep only the atoms they need.
 * Callers that feed frames by hand may skip `prepare`: the first `addFrame` then prepares with an
 * empty context.
 */
import type { Frame, FrameStream } from './frame.js';
import type { Topology } from './topology.js';
import { defaultProgress } from './progress.js';
import type { Trajectory } from './trajectory.js';

/** What an analysis may need to know about the source when it prepares. */
export interface FrameContext {
  /** The source (file path) for error messages. */
  source?: string;
  /** Interval between stored frames, fs, when the source states it. */
  timestep_fs?: number;
  /** Number of frames, when known before reading (in-memory trajectories), else null. */
  nFrames?: number | null;
}

export interface FrameAnalysis<R = unknown> {
  /** Set up from the topology and the first frame, before its `addFrame` (called once by `analyseFrames`). */
  prepare?(topology: Topology, firstFrame: Frame, context: FrameContext): void;
  /** Accumulate one frame (the frame's arrays are only valid during the call: copy what you keep). */
  addFrame(frame: Frame, topology: Topology): void;
  /** The result so far (callable any time; typically after the last frame). */
  result(): R;
}

export interface AnalyseOptions {
  /** Called after each frame with the number of frames done. Without it, a pass that runs over 2 s in a notebook shows the kernel's default progress. */
  onProgress?: (framesDone: number) => void;
  /** Stop early when this returns true (checked between frames). */
  shouldStop?: () => boolean;
}

/** Feed every frame of `source` once to each analysis, in order. Returns the number of frames fed. */
export async function analyseFrames(source: FrameStream | Trajectory, analyses: FrameAnalysis[], opts: AnalyseOptions = {}): Promise<number> {
  let n = 0;
  const topology = source.topology;
  const iterable: AsyncIterable<Frame> | Iterable<Frame> =
    'frames' in source && typeof (source as Trajectory).frames === 'function' ? (source as Trajectory).frames() : (source as FrameStream);
  const total = 'nFrames' in source && typeof (source as Trajectory).nFrames === 'number' ? (source as Trajectory).nFrames : null;
  const fallback = opts.onProgress
    ? null
    : defaultProgress(`analysing frames (${analyses.length} ${analyses.length === 1 ? 'analysis' : 'analyses'})`, total);
  const context: FrameContext = { source: source.info?.source, timestep_fs: source.info?.timestep_fs, nFrames: total };
  for await (const frame of iterable as AsyncIterable<Frame>) {
    if (n === 0) for (const a of analyses) a.prepare?.(topology, frame, context);
    for (const a of analyses) a.addFrame(frame, topology);
    n++;
    opts.onProgress?.(n);
    if (fallback && (n & 15) === 0) fallback.update(n, total, 'frames');
    if (opts.shouldStop?.()) break;
  }
  fallback?.done(`${n} frames`);
  return n;
}
