/**
 * Frame-local analyses of one file on several cores (issue 19; the analyses: splitAnalyses.ts — RDF,
 * coordination, angles, site occupancy): N worker threads each open the file
 * and read every N-th frame (worker k: frames k, k+N, …; the others are skipped, which only finds
 * their lines), compute each frame's share (`frameContribution`, e.g. the RDF's pair histogram) and
 * post it; the main thread adds the shares in frame order (`addContribution`). Every floating-point
 * operation is the one-thread pass's, in the same order, so the result is bit for bit the same for any
 * number of threads.
 *
 * Where it stops scaling (per frame, one core): a worker spends t_parse/N + t_skip·(N−1)/N + t_compute/N,
 * with t_skip the cost of stepping over a frame's lines (≈ 10–20 % of t_parse); the main thread adds
 * one share per frame (≈ bins additions). For the RDF t_compute ≫ t_parse (a 416-atom argyrodite frame:
 * ~ms of pair search vs ~0.1 ms of parsing), so the speed-up is ≈ N until N·t_skip approaches
 * t_compute. Each worker decompresses a .gz file itself (gzip costs are paid N times).
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Cell } from '../core/cell.js';
import { compiledModulePath } from '../core/compiledModule.js';
import { InputError } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import type { FrameContext } from '../core/frameAnalysis.js';
import { openTrajectory } from '../io/openTrajectory.js';
import type { ReadOptions } from '../io/readOptions.js';
import { makeSplitAnalysis, portableSpec, type SplitAnalysisSpec, type SplitFrameAnalysis } from './splitAnalyses.js';

/**
 * Files smaller than this (bytes of text; a .gz counts 4× its size) are read on one thread by default:
 * each worker first loads the readers and analyses (≈ 0.25–0.45 CPU-s measured, bench/README "threads"),
 * more than the whole one-thread job on a file of a few MB (Li6PS5Cl, 416 atoms × 140 frames: 0.17 CPU-s).
 */
export const THREADS_MIN_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Default thread count: every core Node reports (os.availableParallelism), except for a file below
 * {@link THREADS_MIN_FILE_BYTES} (or one that cannot be stat'ed, e.g. bytes in memory), which gets 1.
 */
export function defaultThreads(file?: string): number {
  if (file !== undefined) {
    let bytes = 0;
    try {
      bytes = statSync(file).size * (/\.gz$/i.test(file) ? 4 : 1);
    } catch {
      return 1;
    }
    if (bytes < THREADS_MIN_FILE_BYTES) return 1;
  }
  return Math.max(1, availableParallelism());
}

/** Reader options that can cross to a worker (functions dropped, a Cell as its matrix rows). */
function portableReadOptions(o: ReadOptions): ReadOptions {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'function' || v === undefined) continue;
    out[k] = v instanceof Cell ? [Array.from(v.matrix.subarray(0, 3)), Array.from(v.matrix.subarray(3, 6)), Array.from(v.matrix.subarray(6, 9))] : v;
  }
  return out as ReadOptions;
}

/** The module a worker thread loads: `file` (a module of this folder), compiled (under vitest, src/… → dist/…). */
export function workerModule(file: string = __filename): string {
  return compiledModulePath(file);
}

/** The source a worker thread evaluates: call `entry` of the module named in its workerData. */
export function workerSource(entry: string): string {
  return `require(require('node:worker_threads').workerData.module).${entry}();`;
}

interface WorkerJob {
  module: string;
  file: string;
  read: ReadOptions;
  specs: SplitAnalysisSpec[];
  k: number;
  N: number;
}

/**
 * Run split analyses over `file` with `threads` worker threads (1: in this thread); returns the
 * analyses (call `result()`) and the number of frames. Reader errors and analysis errors come back as
 * the InputError the one-thread pass raises (same message).
 */
export async function analyseFileParallel<A extends SplitFrameAnalysis>(
  file: string,
  read: ReadOptions,
  specs: SplitAnalysisSpec[],
  threads: number,
  onProgress?: (frames: number) => void,
): Promise<{ analyses: A[]; nFrames: number }> {
  const analyses = specs.map(makeSplitAnalysis) as unknown as A[];
  const N = Math.max(1, Math.floor(threads));
  // The first frame of the selection prepares the main thread's analyses (as in the one-thread pass).
  const first = await openTrajectory(file, { ...read, frames: { ...read.frames, end: (read.frames?.start ?? 0) + 1 } });
  let firstFrame: Frame | null = null;
  for await (const f of first) {
    firstFrame = f;
    break;
  }
  if (!firstFrame) throw new InputError('no frames were read', { file });
  const ctx: FrameContext = { source: file, timestep_fs: first.info.timestep_fs, nFrames: null };
  for (const a of analyses) a.prepare?.(first.topology, firstFrame, ctx);
  if (N === 1) {
    let n = 0;
    for await (const f of await openTrajectory(file, read)) {
      for (const a of analyses) a.addContribution(a.frameContribution(f, first.topology));
      onProgress?.(++n);
    }
    return { analyses, nFrames: n };
  }
  const pending = new Map<number, Float64Array[]>(); // by the worker's frame count j·N + k
  let next = 0,
    done = 0,
    finished = 0;
  const total: number[] = new Array(N).fill(-1);
  const warned = new Set<string>();
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (e: unknown) => {
        if (!failed) {
          failed = true;
          reject(e);
        }
      };
      const drain = () => {
        for (let c = pending.get(next); c; c = pending.get(next)) {
          pending.delete(next);
          try {
            analyses.forEach((a, i) => a.addContribution(c![i]));
          } catch (e) {
            fail(e);
            return;
          }
          next++;
          done++;
          onProgress?.(done);
        }
      };
      for (let k = 0; k < N; k++) {
        const job: WorkerJob = { module: workerModule(), file, read: portableReadOptions(read), specs: specs.map(portableSpec), k, N };
        const w = new Worker(workerSource('frameWorkerMain'), { eval: true, workerData: job });
        workers.push(w);
        w.on('message', (m: { j?: number; parts?: Float64Array[]; end?: number; warning?: string; error?: { message: string; input: boolean } }) => {
          if (m.parts !== undefined) {
            pending.set(m.j! * N + k, m.parts);
            drain();
          } else if (m.warning !== undefined) {
            if (!warned.has(m.warning)) {
              warned.add(m.warning);
              if (read.onWarning) read.onWarning(m.warning);
              else process.stderr.write(`warning: ${m.warning}\n`);
            }
          } else if (m.error) fail(m.error.input ? new InputError(m.error.message) : new Error(m.error.message));
          else if (m.end !== undefined) {
            total[k] = m.end;
            if (++finished === N) {
              drain();
              const n = total.reduce((s, t) => s + t, 0);
              if (done !== n) fail(new Error(`internal: ${done} of ${n} frame shares added`));
              else resolve();
            }
          }
        });
        w.on('error', fail);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { analyses, nFrames: done };
}

/** The worker thread's side (loaded by workerSource('frameWorkerMain')). */
export async function frameWorkerMain(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const job = workerData as WorkerJob;
  const port = parentPort!;
  try {
    const read: ReadOptions = { ...job.read, onWarning: (w) => port.postMessage({ warning: w }) };
    const analyses = job.specs.map(makeSplitAnalysis);
    const start = read.frames?.start ?? 0,
      stride = read.frames?.stride ?? 1;
    const first = await openTrajectory(job.file, { ...read, frames: { ...read.frames, end: start + 1 } });
    let firstFrame: Frame | null = null;
    for await (const f of first) {
      firstFrame = f;
      break;
    }
    const ctx: FrameContext = { source: job.file, timestep_fs: first.info.timestep_fs, nFrames: null };
    for (const a of analyses) a.prepare?.(first.topology, firstFrame!, ctx);
    const stream = await openTrajectory(job.file, {
      ...read,
      frames: { start: start + job.k * stride, end: read.frames?.end, stride: stride * job.N },
    });
    let j = 0;
    for await (const f of stream) {
      const parts = analyses.map((a) => a.frameContribution(f, stream.topology));
      port.postMessage(
        { j, parts },
        parts.map((p) => p.buffer),
      );
      j++;
    }
    port.postMessage({ end: j });
  } catch (e) {
    port.postMessage({ error: { message: e instanceof Error ? e.message : String(e), input: e instanceof InputError } });
  }
}
