/**
 * Block (segment) estimate of the uncertainty of D (METHODS §1).
 *
 * Choice: split the run into K consecutive, non-overlapping segments of equal length, compute the
 * all-origins MSD of each segment on its own, fit D on each with the same fit start t_min and an end
 * min(t_max, 80 % of the segment length), and report the standard error of the mean of the K values,
 * std(D_k)/√K. Segments are (nearly) independent when they are much longer than the velocity
 * correlation time, so this captures the correlation between MSD lags that the OLS error ignores.
 * K starts at the requested number (default 5) and is lowered until every segment's window holds at
 * least 3 MSD points; below K = 2 the estimate is undefined (null with a reason).
 * Caveat (reported as `block_fit_window_fs`): when a segment is shorter than the whole-run window,
 * the segments are fitted over shorter lags; if the MSD is not yet linear there (sub-diffusive
 * start, as in the Li10GeP2S12 test trajectory) their mean and scatter describe that shorter-lag
 * regime. `diffusionFromSeries` then leaves the block error out of the measurable test.
 * With `collective: true` each segment's MSD is the charge (summed-displacement) MSD of
 * chargeDiffusion.ts, so the same estimate gives the uncertainty of D_σ.
 */
import { std, mean } from '../core/stats.js';
import { fitDiffusionCoefficient, type FitWeighting } from './diffusionFit.js';
import { meanSquaredDisplacement } from './meanSquaredDisplacement.js';
import { chargeMeanSquaredDisplacement } from './chargeDiffusion.js';

export interface BlockDiffusionEstimate {
  /** Standard error of the mean of the per-segment D, cm²/s (null when undefined). */
  D_block_stderr_cm2_s: number | null;
  /** Mean of the per-segment D, cm²/s. */
  D_block_mean_cm2_s: number | null;
  /** D of each segment, cm²/s. */
  D_blocks_cm2_s: number[];
  /** Number of segments K used. */
  nBlocks: number;
  /** Fit window used inside each segment, fs. */
  block_fit_window_fs: [number, number] | null;
  /** Why the estimate is undefined, when it is. */
  reason?: string;
}

/**
 * D per independent segment and the standard error of their mean.
 * @param positions continuous (drift-corrected) positions of the ions, frame-major, nIons per frame
 * @param window the fit window of the whole-run fit, fs
 * @param opts.collective fit the charge MSD of each segment (D_σ) instead of the tracer MSD (D*)
 */
export function blockDiffusionEstimate(
  positions: Float64Array,
  nIons: number,
  nFrames: number,
  dt_fs: number,
  window: [number, number],
  opts: { blocks?: number; dimensions?: number; weighting?: FitWeighting; collective?: boolean } = {},
): BlockDiffusionEstimate {
  const wanted = Math.max(2, Math.floor(opts.blocks ?? 5));
  for (let K = wanted; K >= 2; K--) {
    const L = Math.floor(nFrames / K);
    if (L < 4) continue;
    const end = Math.min(window[1], 0.8 * (L - 1) * dt_fs);
    const start = window[0];
    const nPts = Math.floor(end / dt_fs + 1e-9) - Math.ceil(start / dt_fs - 1e-9) + 1;
    if (!(end > start) || nPts < 3) continue;
    const Ds: number[] = [];
    for (let b = 0; b < K; b++) {
      const seg = positions.subarray(b * L * 3 * nIons, (b + 1) * L * 3 * nIons);
      const msd = opts.collective ? chargeMeanSquaredDisplacement(seg, nIons, L, dt_fs) : meanSquaredDisplacement(seg, nIons, L, dt_fs);
      Ds.push(fitDiffusionCoefficient(msd.t_fs, msd.msd_A2, [start, end], opts.dimensions ?? 3, opts.weighting).D_cm2_s);
    }
    return {
      D_block_stderr_cm2_s: std(Ds) / Math.sqrt(K),
      D_block_mean_cm2_s: mean(Ds),
      D_blocks_cm2_s: Ds,
      nBlocks: K,
      block_fit_window_fs: [start, end],
    };
  }
  return {
    D_block_stderr_cm2_s: null,
    D_block_mean_cm2_s: null,
    D_blocks_cm2_s: [],
    nBlocks: 0,
    block_fit_window_fs: null,
    reason: `the run (${nFrames} frames) is too short to fit the window starting at ${window[0]} fs inside 2 or more segments`,
  };
}
