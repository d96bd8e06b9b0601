/**
 * Frame-local analyses of one file on several cores (issue 19; the analyses: splitAnalyses.ts — RDF,
 * coordination, angles, site occupancy). Each worker thread computes frames' shares (`frameContribution`,
 * e.g. the RDF's pair histogram) and posts them; the main thread adds the shares in frame order
 * (`addContribution`). Every floating-point operation is the one-thread pass's, in the same order, so the
 * result is bit for bit the same for any number of threads.
 *
 * Frame ranges (uncompressed extxyz / XYZ, CP2K xyz, XDATCAR, LAMMPS dump): the main thread counts the
 * file's lines to find frame boundaries ≈ size/(16·N) bytes apart (src/io/frameRanges.ts, ≈ 1 GB/s) and hands
 * the ranges out to idle workers in file order (at most 4·N ahead of the additions: bounded memory); a
 * worker opens the file at its range's first frame and parses only that range. It first skips the frame
 * before its range (the reader's context: XDATCAR numbering, cell), and reads the first frame of the next
 * range as its last step, checking that it starts on the line the layout predicted: every range start is
 * thus proven by its predecessor, errors are reported for the first bad frame in file order (the InputError
 * of the one-thread pass), and a file whose frames are not uniform falls back to interleaving.
 *
 * Interleaved (gzip, other formats): worker k reads every N-th frame (frames k, k+N, …) and skips the
 * others, which only finds their lines, and each worker decompresses a .gz itself (gzip paid N times).
 *
 * Cost model (one core's times t_parse, t_compute; bench/README.md "threads"): ranges T(N) ≈ t_start +
 * t_count + (t_parse + t_compute)/N, with t_count ≈ 5 % of t_parse on the main thread, overlapped with the
 * workers; interleaved T(N) ≈ t_start + t_parse·(1/N + s·(N−1)/N) + t_compute/N with s ≈ 0.1–0.2 the cost of
 * stepping over a frame relative to parsing it.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Cell } from '../core/cell.js';
import { compiledModulePath } from '../core/compiledModule.js';
import { InputError } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import type { FrameContext } from '../core/frameAnalysis.js';
import type { Topology } from '../core/topology.js';
import { type FrameBoundary, frameBoundaries, frameLayout } from '../io/frameRanges.js';
import { type FrameRangeStart, openTrajectory, openTrajectoryAt } from '../io/openTrajectory.js';
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
  /** Interleaved: this worker reads frames k, k+N, … (ranges: unused). */
  k: number;
  N: number;
}

/** An error as it crosses the thread boundary (an InputError keeps its location). */
interface PortableError {
  message: string;
  input?: { detail: string; file?: string; frame?: number; line?: number };
}

function portableError(e: unknown): PortableError {
  if (e instanceof InputError) return { message: e.message, input: { detail: e.detail, file: e.file, frame: e.frame, line: e.line } };
  return { message: e instanceof Error ? e.message : String(e) };
}

/** The error a worker posted, as the one-thread pass would have thrown it. */
function fromPortable(e: PortableError): Error {
  return e.input ? new InputError(e.input.detail, { file: e.input.file, frame: e.input.frame, line: e.input.line }) : new Error(e.message);
}

/** The split analyses prepared on the first frame of the selection, as the one-thread pass prepares them. */
async function preparedAnalyses<A extends SplitFrameAnalysis>(
  file: string,
  read: ReadOptions,
  specs: SplitAnalysisSpec[],
): Promise<{ analyses: A[]; topology: Topology }> {
  const analyses = specs.map(makeSplitAnalysis) as unknown as A[];
  const first = await openTrajectory(file, { ...read, frames: { ...read.frames, end: (read.frames?.start ?? 0) + 1 } });
  let firstFrame: Frame | null = null;
  for await (const f of first) {
    firstFrame = f;
    break;
  }
  if (!firstFrame) throw new InputError('no frames were read', { file });
  const ctx: FrameContext = { source: file, timestep_fs: first.info.timestep_fs, nFrames: null };
  for (const a of analyses) a.prepare?.(first.topology, firstFrame, ctx);
  return { analyses, topology: first.topology };
}

/** Ranges handed out ahead of the additions, per worker (bounds the shares held by the main thread). */
const RANGES_AHEAD_PER_WORKER = 4;
/** Least bytes per range (opening a reader at a range costs ≈ 1–4 ms: keep it below a few % of the range). */
const MIN_RANGE_BYTES = 4 << 20;
/** Frames whose shares a range worker posts in one message. */
const SHARES_PER_MESSAGE = 16;
/** Ranges per worker over the file (load balance: a worker idles at most one range at the end). */
const RANGES_PER_WORKER = 16;

/** How {@link analyseFileParallel} splits the file (for benchmarks and tests; the default suits users). */
export interface ParallelReadOptions {
  /** 'auto' (default): frame ranges where the file allows, else interleaved; 'interleaved': always interleave. */
  split?: 'auto' | 'interleaved';
  /** Bytes per frame range (default: the file over 16 ranges per worker, at least 4 MiB). */
  rangeBytes?: number;
}

/** What {@link analyseFileParallel} returns: the analyses (call `result()`), the frames read and how they were split. */
export interface ParallelAnalysis<A> {
  analyses: A[];
  nFrames: number;
  split: 'one thread' | 'ranges' | 'interleaved';
}

/**
 * Run split analyses over `file` with `threads` worker threads (1: in this thread); returns the
 * analyses (call `result()`) and the number of frames. Reader errors and analysis errors come back as
 * the InputError the one-thread pass raises (same message, file, frame and line).
 */
export async function analyseFileParallel<A extends SplitFrameAnalysis>(
  file: string,
  read: ReadOptions,
  specs: SplitAnalysisSpec[],
  threads: number,
  onProgress?: (frames: number) => void,
  how: ParallelReadOptions = {},
): Promise<ParallelAnalysis<A>> {
  const N = Math.max(1, Math.floor(threads));
  if (N === 1) {
    const { analyses, topology } = await preparedAnalyses<A>(file, read, specs);
    let n = 0;
    for await (const f of await openTrajectory(file, read)) {
      for (const a of analyses) a.addContribution(a.frameContribution(f, topology));
      n++;
      onProgress?.(n);
    }
    return { analyses, nFrames: n, split: 'one thread' };
  }
  const ranged = how.split !== 'interleaved' ? await analyseFrameRanges<A>(file, read, specs, N, how.rangeBytes, onProgress) : null;
  return ranged ?? { ...(await analyseInterleaved<A>(file, read, specs, N, onProgress)), split: 'interleaved' };
}

/** Workers loading `entry` with `job`; warnings they post are said once each (through read.onWarning or stderr). */
function startWorkers(entry: string, jobs: WorkerJob[], read: ReadOptions): { workers: Worker[]; warn: (w: string) => void } {
  const warned = new Set<string>();
  const warn = (w: string) => {
    if (warned.has(w)) return;
    warned.add(w);
    if (read.onWarning) read.onWarning(w);
    else process.stderr.write(`warning: ${w}\n`);
  };
  return { workers: jobs.map((job) => new Worker(workerSource(entry), { eval: true, workerData: job })), warn };
}

function jobsFor(file: string, read: ReadOptions, specs: SplitAnalysisSpec[], N: number): WorkerJob[] {
  return Array.from({ length: N }, (_, k) => ({
    module: workerModule(),
    file,
    read: portableReadOptions(read),
    specs: specs.map(portableSpec),
    k,
    N,
  }));
}

/** One contiguous range of frames: kept frames [keepFrom, end) read from `start` (null: the file's start). */
interface FrameRange {
  start: FrameBoundary | null;
  /** The next range's start (its first frame is this range's last), or null for the last range. */
  next: FrameBoundary | null;
  /** Whether `next` is final (the line count got past it, or reached the end of the file). */
  sealed: boolean;
  parts: (Float64Array[] | null)[];
  done: boolean;
  trace?: FrameRangeStart['trace'];
  error?: PortableError;
}

/**
 * Frame ranges over workers (see the header); null when the file has no frame layout (gzip, another format,
 * few frames) or its frames turn out not to follow it: the caller then interleaves.
 */
async function analyseFrameRanges<A extends SplitFrameAnalysis>(
  file: string,
  read: ReadOptions,
  specs: SplitAnalysisSpec[],
  N: number,
  rangeBytes: number | undefined,
  onProgress?: (frames: number) => void,
): Promise<ParallelAnalysis<A> | null> {
  const layout = await frameLayout(file, read);
  if (!layout) return null;
  read = { ...read, format: layout.format }; // the workers' readers need not sniff it per range
  const { analyses } = await preparedAnalyses<A>(file, read, specs);
  const userEnd = read.frames?.end ?? Infinity;
  const chunk = rangeBytes ?? Math.max(MIN_RANGE_BYTES, Math.ceil(layout.fileBytes / (RANGES_PER_WORKER * N)));
  const { workers, warn } = startWorkers('rangeWorkerMain', jobsFor(file, read, specs, N), read);
  const ranges: FrameRange[] = [{ start: null, next: null, sealed: false, parts: [], done: false }];
  const idle: number[] = [];
  let dispatched = 0,
    cur = 0,
    ci = 0,
    added = 0,
    settled = false;
  try {
    return await new Promise<ParallelAnalysis<A> | null>((resolve, reject) => {
      const finish = (r: ParallelAnalysis<A> | null, e?: unknown) => {
        if (settled) return;
        settled = true;
        if (e !== undefined) reject(e);
        else resolve(r);
      };
      const pump = () => {
        while (idle.length > 0 && dispatched < ranges.length && dispatched < cur + RANGES_AHEAD_PER_WORKER * N) {
          const r = ranges[dispatched];
          if (!r.sealed) return;
          const end = r.next ? Math.min(userEnd, r.next.frame + 1) : userEnd;
          workers[idle.pop()!].postMessage({
            j: dispatched,
            start: r.start,
            keepFrom: r.start ? r.start.frame + 1 : 0,
            end: Number.isFinite(end) ? end : undefined,
          });
          dispatched++;
        }
      };
      const drain = () => {
        while (!settled && cur < ranges.length) {
          const r = ranges[cur];
          for (; ci < r.parts.length; ci++) {
            const c = r.parts[ci]!;
            r.parts[ci] = null;
            try {
              analyses.forEach((a, i) => a.addContribution(c[i]));
            } catch (e) {
              return finish(null, e);
            }
            added++;
            onProgress?.(added);
          }
          if (r.error) return finish(null, fromPortable(r.error));
          if (!r.done) return;
          if (r.next) {
            // The next range starts where this one's reader found its last frame: else the layout is wrong.
            const t = r.trace!;
            if (!(t.frame === r.next.frame && t.startLine === r.next.line)) return finish(null);
          } else return finish({ analyses, nFrames: added, split: 'ranges' });
          cur++;
          ci = 0;
          pump();
        }
      };
      workers.forEach((w, k) => {
        idle.push(k);
        w.on(
          'message',
          (m: { j: number; batch?: Float64Array[][]; done?: boolean; trace?: FrameRange['trace']; warning?: string; error?: PortableError }) => {
            if (settled) return;
            if (m.warning !== undefined) return warn(m.warning);
            const r = ranges[m.j];
            if (m.batch) r.parts.push(...m.batch);
            else {
              if (m.error) r.error = m.error;
              else {
                r.done = true;
                r.trace = m.trace;
              }
              idle.push(k);
              pump();
            }
            if (m.j === cur) drain();
          },
        );
        w.on('error', (e) => finish(null, e));
      });
      pump();
      // Count lines for the boundaries while the workers start and read the first ranges.
      (async () => {
        for await (const b of frameBoundaries(file, layout, chunk)) {
          if (settled) return;
          if (b.frame + 1 >= userEnd) break;
          const last = ranges[ranges.length - 1];
          last.next = b;
          last.sealed = true;
          ranges.push({ start: b, next: null, sealed: false, parts: [], done: false });
          pump();
        }
        ranges[ranges.length - 1].sealed = true;
        pump();
      })().catch((e) => finish(null, e));
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The worker thread's side of frame ranges (loaded by workerSource('rangeWorkerMain')): a range at a time. */
export async function rangeWorkerMain(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const job = workerData as WorkerJob;
  const port = parentPort!;
  const read: ReadOptions = { ...job.read, onWarning: (w) => port.postMessage({ warning: w }) };
  let prepared: Promise<{ analyses: SplitFrameAnalysis[]; topology: Topology }> | null = null;
  let queue = Promise.resolve();
  port.on('message', (m: { j: number; start: FrameBoundary | null; keepFrom: number; end?: number }) => {
    queue = queue.then(async () => {
      try {
        prepared ??= preparedAnalyses(job.file, read, job.specs);
        const { analyses } = await prepared;
        const frames = { start: read.frames?.start, stride: read.frames?.stride, end: m.end };
        const trace = { frame: -1, startLine: 0, nextLine: 0 };
        const at: FrameRangeStart = m.start
          ? { offset: m.start.offset, line: m.start.line, frame: m.start.frame, keepFrom: m.keepFrom, trace }
          : { offset: 0, line: 1, frame: 0, keepFrom: 0, trace };
        const stream = await openTrajectoryAt(job.file, { ...read, frames }, at);
        if (!stream) throw new Error(`internal: ${job.file} cannot be read from an offset`);
        // Shares go out a batch of frames per message (fewer messages; the main thread adds them as they come).
        let batch: Float64Array[][] = [];
        const post = () => {
          port.postMessage(
            { j: m.j, batch },
            batch.flatMap((parts) => parts.map((p) => p.buffer)),
          );
          batch = [];
        };
        for await (const f of stream) {
          batch.push(analyses.map((a) => a.frameContribution(f, stream.topology)));
          if (batch.length === SHARES_PER_MESSAGE) post();
        }
        if (batch.length > 0) post();
        port.postMessage({ j: m.j, done: true, trace });
      } catch (e) {
        port.postMessage({ j: m.j, error: portableError(e) });
      }
    });
  });
}

/** Interleaved workers (gzip and formats without a frame layout): worker k reads frames k, k+N, …. */
async function analyseInterleaved<A extends SplitFrameAnalysis>(
  file: string,
  read: ReadOptions,
  specs: SplitAnalysisSpec[],
  N: number,
  onProgress?: (frames: number) => void,
): Promise<{ analyses: A[]; nFrames: number }> {
  const { analyses } = await preparedAnalyses<A>(file, read, specs);
  const pending = new Map<number, Float64Array[]>(); // by the worker's frame count j·N + k
  let next = 0,
    done = 0,
    finished = 0;
  const total: number[] = new Array(N).fill(-1);
  const { workers, warn } = startWorkers('frameWorkerMain', jobsFor(file, read, specs, N), read);
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
      workers.forEach((w, k) => {
        w.on('message', (m: { j?: number; parts?: Float64Array[]; end?: number; warning?: string; error?: PortableError }) => {
          if (m.parts !== undefined) {
            pending.set(m.j! * N + k, m.parts);
            drain();
          } else if (m.warning !== undefined) warn(m.warning);
          else if (m.error) fail(fromPortable(m.error));
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
      });
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { analyses, nFrames: done };
}

/** The worker thread's side of interleaving (loaded by workerSource('frameWorkerMain')). */
export async function frameWorkerMain(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const job = workerData as WorkerJob;
  const port = parentPort!;
  try {
    const read: ReadOptions = { ...job.read, onWarning: (w) => port.postMessage({ warning: w }) };
    const { analyses } = await preparedAnalyses(job.file, read, job.specs);
    const start = read.frames?.start ?? 0,
      stride = read.frames?.stride ?? 1;
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
    port.postMessage({ error: portableError(e) });
  }
}
