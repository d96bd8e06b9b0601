/**
 * The MSD by atom blocks over worker threads (issue 19). MSD(m) = 1/(T−m)·[S1(m) − 2·S2(m)] summed over
 * ions (src/transport/meanSquaredDisplacement.ts, the FFT decomposition of Calandrini et al., nMoldyn):
 * the ions are cut into blocks of MSD_ION_BLOCK; the main thread centres each block's series and sends
 * it to a worker, which returns the block's sums from zero (S1 and the pooled power spectra per
 * component, per-ion curves when asked); the main thread adds them in ion order and inverts once. The
 * one-thread MSD makes the same block sums in the same order, so the result is bit for bit the same
 * for any number of threads.
 *
 * In a diffusion analysis the main thread meanwhile computes the segment (block) estimates and the
 * charge MSD (diffusionSideParts), which are ≈ 40 % of the tracer MSD's work: with N workers the
 * compute takes ≈ max(t_msd/N, t_side) instead of t_msd + t_side. Parsing the file stays on one thread
 * (see bench/README.md "Threads" for the model of where it stops scaling).
 */
import { Worker } from 'node:worker_threads';
import { RealAutocorrelation } from '../core/fft.js';
import {
  centredSeriesBlock,
  checkMsdInput,
  meanSquaredDisplacement,
  MSD_ION_BLOCK,
  MsdBlockSum,
  msdBlockPartial,
  type MeanSquaredDisplacement,
  type MsdBlockPartial,
} from '../transport/meanSquaredDisplacement.js';
import {
  diffusionFromSeries,
  diffusionInput,
  diffusionSideParts,
  type DiffusionOptions,
  type DiffusionResult,
} from '../transport/diffusionAnalysis.js';
import type { TransportSeries } from '../transport/transportSeries.js';
import { workerModule, workerSource } from './frameParallel.js';

interface MsdWorkerJob {
  module: string;
  T: number;
  perIon: boolean;
}

/** A running threaded MSD: `done` resolves to the MSD once every block is back. */
interface MsdRun {
  done: Promise<MeanSquaredDisplacement>;
}

/** Post every block of `positions` to `threads` workers now (the caller may compute meanwhile). */
function startMsd(positions: ArrayLike<number>, nIons: number, nFrames: number, dt_fs: number, perIon: boolean, threads: number): MsdRun {
  const T = nFrames,
    nBlocks = Math.ceil(nIons / MSD_ION_BLOCK);
  const N = Math.max(1, Math.min(Math.floor(threads), nBlocks));
  const sum = new MsdBlockSum(nIons, T, dt_fs, perIon);
  const workers: Worker[] = [];
  const job: MsdWorkerJob = { module: workerModule(__filename), T, perIon };
  for (let k = 0; k < N; k++) workers.push(new Worker(workerSource('msdBlockWorkerMain'), { eval: true, workerData: job }));
  for (let b = 0; b < nBlocks; b++) {
    const i0 = b * MSD_ION_BLOCK,
      nb = Math.min(MSD_ION_BLOCK, nIons - i0);
    const series = new Float64Array(3 * nb * T);
    centredSeriesBlock(positions, 3 * nIons, 3 * i0, 3 * nb, T, series);
    workers[b % N].postMessage({ b, nb, series }, [series.buffer]);
  }
  const done = new Promise<MeanSquaredDisplacement>((resolve, reject) => {
    const pending = new Map<number, MsdBlockPartial>();
    let next = 0,
      failed = false;
    const fail = (e: unknown) => {
      if (!failed) {
        failed = true;
        reject(e);
      }
    };
    for (const w of workers) {
      w.on('message', (m: { b: number; part?: MsdBlockPartial; error?: string }) => {
        if (m.error !== undefined) return fail(new Error(m.error));
        pending.set(m.b, m.part!);
        for (let p = pending.get(next); p; p = pending.get(next)) {
          pending.delete(next);
          sum.add(next * MSD_ION_BLOCK, p);
          next++;
        }
        if (next === nBlocks) {
          try {
            resolve(sum.result());
          } catch (e) {
            fail(e);
          }
        }
      });
      w.on('error', fail);
    }
  });
  const stop = () => Promise.all(workers.map((w) => w.terminate()));
  return {
    done: done.then(
      async (r) => {
        await stop();
        return r;
      },
      async (e) => {
        await stop();
        throw e;
      },
    ),
  };
}

/**
 * {@link meanSquaredDisplacement} with the ion blocks over `threads` worker threads (bit for bit the same result).
 * @param positions continuous positions, frame-major (f·3n + 3i + k), Å
 */
export async function meanSquaredDisplacementThreaded(
  positions: ArrayLike<number>,
  nIons: number,
  nFrames: number,
  dt_fs: number,
  opts: { perIon?: boolean; threads: number },
): Promise<MeanSquaredDisplacement> {
  checkMsdInput(positions, nIons, nFrames, dt_fs);
  if (opts.threads <= 1 || nIons <= MSD_ION_BLOCK) return meanSquaredDisplacement(positions, nIons, nFrames, dt_fs, opts);
  return startMsd(positions, nIons, nFrames, dt_fs, !!opts.perIon, opts.threads).done;
}

/**
 * {@link diffusionFromSeries} with the tracer MSD's ion blocks over `threads` worker threads while this
 * thread computes the segment estimates and the charge MSD; bit for bit the one-thread result.
 */
export async function diffusionFromSeriesThreaded(series: TransportSeries, opts: DiffusionOptions, threads: number): Promise<DiffusionResult> {
  if (threads <= 1 || series.nIons <= MSD_ION_BLOCK) return diffusionFromSeries(series, opts);
  const input = diffusionInput(series, opts);
  const { nIons, nFrames } = series;
  checkMsdInput(input.positions, nIons, nFrames, input.dt_fs);
  const run = startMsd(input.positions, nIons, nFrames, input.dt_fs, !!opts.perIon, threads);
  let side: ReturnType<typeof diffusionSideParts>;
  try {
    side = diffusionSideParts(input, nIons, nFrames, opts);
  } catch (e) {
    await run.done.catch(() => undefined);
    throw e;
  }
  const msd = await run.done;
  return diffusionFromSeries(series, opts, { input, parts: { msd, ...side } });
}

/** The worker thread's side (loaded by workerSource('msdBlockWorkerMain')): block series in, block sums out. */
export function msdBlockWorkerMain(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const job = workerData as MsdWorkerJob;
  const ac = new RealAutocorrelation(job.T);
  parentPort!.on('message', (m: { b: number; nb: number; series: Float64Array }) => {
    try {
      const part = msdBlockPartial(m.series, m.nb, job.T, job.perIon, ac);
      const transfer = [part.s1.buffer, part.power.buffer, ...(part.perIon ? [part.perIon.buffer] : [])];
      parentPort!.postMessage({ b: m.b, part }, transfer);
    } catch (e) {
      parentPort!.postMessage({ b: m.b, error: e instanceof Error ? e.message : String(e) });
    }
  });
}
