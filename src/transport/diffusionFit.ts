/**
 * Diffusion coefficient from the slope of the MSD (Einstein relation, METHODS §1):
 *
 *   MSD(t) ≈ 2·d·D·t + c   over a fit window [t_min, t_max]   (d = 3 dimensions: D = slope/6)
 *
 * The window must exclude the ballistic start and the noisy tail (few origins). The standard error
 * is the ordinary-least-squares error of the slope; MSD points at neighbouring lags are strongly
 * correlated, so this error is an underestimate: see `blockDiffusion.ts` for an estimate from
 * independent segments of the run.
 */
import { InputError } from '../core/errors.js';
import { linearFit } from '../core/stats.js';
import { A2_PER_FS_TO_CM2_PER_S } from '../core/units.js';

export interface DiffusionFit {
  /** Diffusion coefficient, cm²/s. */
  D_cm2_s: number;
  /** OLS standard error of D (from the slope), cm²/s. */
  D_stderr_cm2_s: number;
  /** Fitted slope of MSD(t), Å²/fs, and intercept, Å². */
  slope_A2_fs: number;
  intercept_A2: number;
  /** The fit window actually used, fs (inclusive). */
  fit_window_fs: [number, number];
  /** Number of MSD points in the window. */
  nPoints: number;
  /** Dimensionality d in MSD = 2dDt. */
  dimensions: number;
  weighting: FitWeighting;
}

/** Least-squares weights of the MSD points: equal ('none', default) or 1/t ('inverse-lag'). */
export type FitWeighting = 'none' | 'inverse-lag';

/** Default fit window: 10 % to 80 % of the run's length (excludes the ballistic start and the noisy tail). */
export function defaultFitWindow(nFrames: number, dt_fs: number): [number, number] {
  const span = (nFrames - 1) * dt_fs;
  return [0.1 * span, 0.8 * span];
}

/**
 * Fit D from MSD(t) over [t_min, t_max] (fs). Throws an InputError when the window holds fewer
 * than 3 MSD points or lies outside the run.
 */
export function fitDiffusionCoefficient(
  t_fs: ArrayLike<number>,
  msd_A2: ArrayLike<number>,
  window: [number, number],
  dimensions = 3,
  weighting: FitWeighting = 'none',
): DiffusionFit {
  const [t0, t1] = window;
  if (!(t1 > t0) || !(t0 >= 0)) throw new InputError(`fit window must be START:END fs with 0 ≤ START < END, got ${t0}:${t1}`);
  const T = t_fs.length;
  const span = t_fs[T - 1];
  const eps = 1e-9 * Math.max(1, Math.abs(span));
  const xs: number[] = [],
    ys: number[] = [];
  for (let m = 0; m < T; m++) {
    if (t_fs[m] >= t0 - eps && t_fs[m] <= t1 + eps) {
      xs.push(t_fs[m]);
      ys.push(msd_A2[m]);
    }
  }
  if (xs.length < 3) {
    throw new InputError(
      `fit window ${t0}–${t1} fs holds ${xs.length} MSD points; need at least 3 (the run spans 0–${span} fs in steps of ${T > 1 ? t_fs[1] - t_fs[0] : 0} fs)`,
    );
  }
  // 'inverse-lag': weights 1/t (σ ∝ √t, the variance of a random-walk MSD grows with t), as
  // pymatgen-analysis-diffusion's default; the error scale still comes from the residuals.
  const fit =
    weighting === 'inverse-lag'
      ? linearFit(
          xs,
          ys,
          xs.map((t) => Math.sqrt(Math.max(t, eps))),
        )
      : linearFit(xs, ys);
  const toD = A2_PER_FS_TO_CM2_PER_S / (2 * dimensions);
  return {
    D_cm2_s: fit.slope * toD,
    D_stderr_cm2_s: fit.slopeStderr * toD,
    slope_A2_fs: fit.slope,
    intercept_A2: fit.intercept,
    fit_window_fs: [xs[0], xs[xs.length - 1]],
    nPoints: xs.length,
    dimensions,
    weighting,
  };
}
