/**
 * Statistical error of an MSD-fitted diffusion coefficient for diffusive (Brownian) motion,
 * by seeded simulation (a parametric bootstrap under the random-walk model).
 *
 * The all-origins MSD of a run of length T at lag τ scatters by a relative variance of about
 * 4τ / (3·d·T) per independent series (the ergodicity-breaking parameter of Brownian motion,
 * He, Burov, Metzler & Barkai, PRL 101, 058101 (2008)), and neighbouring lags are strongly
 * correlated, so the OLS error of the slope is far too small. For a single series (the summed
 * displacement behind D_σ) this scatter is what limits the result, and it does not depend on D:
 * we simulate `samples` 3-D random walks of one series with the run's frame count, compute the MSD and
 * fit exactly as the analysis does (same window, same weighting), and return the relative standard
 * deviation of the fitted D; the MSD of n independent series is their mean and the fit is linear in
 * it, so their error is that over √n. The absolute error is this times the measured D. For the tracer
 * D* it is a lower bound (real ions are not independent walkers); for D_σ it is the leading error.
 * Assumes diffusive statistics at the fitted lags (correlated or sub-diffusive motion can differ).
 */
import { Random } from '../core/random.js';
import { std, mean } from '../core/stats.js';
import { fitDiffusionCoefficient, type FitWeighting } from './diffusionFit.js';
import { meanSquaredDisplacement } from './meanSquaredDisplacement.js';

/** Longest random walk simulated (longer runs are simulated at this length with the window scaled). */
export const MAX_SIMULATED_FRAMES = 1024;

export interface DiffusiveFitUncertainty {
  /** Relative standard error of D (σ_D / D) for Brownian series of this length and fit window. */
  relative_stderr: number;
  /** Random walks simulated. */
  samples: number;
  /** Seed of the simulation. */
  seed: number;
}

/**
 * Relative standard error of D fitted to the all-origins MSD of `nSeries` independent Brownian
 * 3-D series of `nFrames` frames (Δt `dt_fs`) over `window` (fs): that of one series over √nSeries.
 * @param nSeries number of independent series averaged in the MSD (1 for the charge MSD)
 * @param opts.samples random walks to simulate (default 200 up to 1,000 frames, then fewer, at least 40, so that
 *   the cost stays near 2·10⁵ simulated frames, ≈ 0.2 s; the returned value is good to ≈ 5–11 %)
 * @param opts.seed seed of the random walks (default 1)
 */
export function diffusiveFitUncertainty(
  nSeries: number,
  nFrames: number,
  dt_fs: number,
  window: [number, number],
  opts: { samples?: number; seed?: number; weighting?: FitWeighting } = {},
): DiffusiveFitUncertainty {
  return diffusiveFitUncertainties(nSeries, nFrames, dt_fs, [window], opts)[0];
}

/**
 * {@link diffusiveFitUncertainty} for several fit windows of the same run, fitting each window on the same
 * simulated walks (one simulation per simulated run length instead of one per window; each result is the
 * one the single-window call gives).
 */
export function diffusiveFitUncertainties(
  nSeries: number,
  nFrames: number,
  dt_fs: number,
  windows: [number, number][],
  opts: { samples?: number; seed?: number; weighting?: FitWeighting } = {},
): DiffusiveFitUncertainty[] {
  if (!(nSeries >= 1) || !(nFrames >= 4)) throw new RangeError(`need ≥ 1 series of ≥ 4 frames, got ${nSeries} × ${nFrames}`);
  // Long runs: the relative error depends on the window as a fraction of the run (Brownian scaling), not on
  // the number of frames once there are many, so simulate at most MAX_SIMULATED_FRAMES frames with the window
  // scaled by the same factor (kept if the scaled window would hold fewer than 20 lags).
  const scale = nFrames > MAX_SIMULATED_FRAMES ? (MAX_SIMULATED_FRAMES - 1) / (nFrames - 1) : 1;
  const plans = windows.map((window) => {
    const scaled: [number, number] = [window[0] * scale, window[1] * scale];
    const coarse = scale < 1 && (scaled[1] - scaled[0]) / dt_fs >= 20;
    return coarse ? { frames: MAX_SIMULATED_FRAMES, window: scaled } : { frames: nFrames, window };
  });
  const seed = opts.seed ?? 1;
  const out: DiffusiveFitUncertainty[] = new Array(windows.length);
  for (const frames of new Set(plans.map((p) => p.frames))) {
    const idx = plans.flatMap((p, i) => (p.frames === frames ? [i] : []));
    const samples = Math.max(10, Math.floor(opts.samples ?? Math.min(200, Math.max(40, 2e5 / frames))));
    const rng = new Random(seed);
    const step = new Float64Array(3);
    const walk = new Float64Array(3 * frames);
    const Ds: number[][] = idx.map(() => []);
    // Unit step variance per component: D = 1/(2Δt) Å²/fs per component; only the ratio matters.
    for (let s = 0; s < samples; s++) {
      for (let f = 1; f < frames; f++) {
        rng.fillNormal(step);
        for (let k = 0; k < 3; k++) walk[3 * f + k] = walk[3 * (f - 1) + k] + step[k];
      }
      const msd = meanSquaredDisplacement(walk, 1, frames, dt_fs);
      idx.forEach((i, j) => Ds[j].push(fitDiffusionCoefficient(msd.t_fs, msd.msd_A2, plans[i].window, 3, opts.weighting).D_cm2_s));
    }
    idx.forEach((i, j) => {
      out[i] = { relative_stderr: std(Ds[j]) / mean(Ds[j]) / Math.sqrt(nSeries), samples, seed };
    });
  }
  return out;
}
