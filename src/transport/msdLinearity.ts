/**
 * Is the MSD linear over the fit window? (the premise of MSD = 6 D t, METHODS §1)
 *
 *   ratio = slope over the second half of the window / slope over the first half
 *
 * Diffusive motion gives ratio ≈ 1. Ions confined to cages or local orbits (e.g. Li in anion-ordered
 * Li6PS5Cl, Morgan 2021) give an MSD that bends over to a plateau: ratio < 1, and the "D" of a straight
 * line through it is a chord, not a diffusion coefficient. The ratio of a finite run scatters: its
 * expected error for N independent diffusive ions is taken from diffusiveFitUncertainties (each half-slope's
 * relative error, combined; a lower bound for real, correlated ions), and the MSD is called sub-diffusive
 * only when ratio < 0.8 and 1 − ratio exceeds three such errors (super-diffusive, e.g. an uncorrected drift,
 * when ratio > 1.25 likewise). On the Li6PS5Cl files of Morgan 2021 this reproduces their finding: the
 * anion-ordered cells (0 %, 100 % exchange) bend over (ratio 0.57, 0.64 ± 0.06), the disordered one (50 %)
 * does not (0.83 ± 0.08).
 */
import { fitDiffusionCoefficient, type FitWeighting } from './diffusionFit.js';
import { diffusiveFitUncertainties } from './diffusiveFitUncertainty.js';

export interface MsdLinearity {
  /** Slope over the second half of the window / slope over the first half (null if a half holds < 3 lags or slope ≤ 0). */
  ratio: number | null;
  /** Expected standard error of the ratio for independent diffusive ions. */
  ratio_stderr: number | null;
  /** 'diffusive' (consistent with a straight line), 'sub-diffusive' (bends over: caged or not yet diffusive), 'super-diffusive', or 'undetermined'. */
  regime: 'diffusive' | 'sub-diffusive' | 'super-diffusive' | 'undetermined';
  reason?: string;
}

/**
 * @param t_fs MSD lag times (fs), msd_A2 MSD (Å²) of `nIons` ions over a run of `nFrames` frames of `dt_fs`
 * @param window the fit window (fs)
 */
export function msdLinearity(
  t_fs: ArrayLike<number>,
  msd_A2: ArrayLike<number>,
  window: [number, number],
  nIons: number,
  nFrames: number,
  dt_fs: number,
  weighting: FitWeighting = 'none',
): MsdLinearity {
  const mid = 0.5 * (window[0] + window[1]);
  const halves: [number, number][] = [
    [window[0], mid],
    [mid, window[1]],
  ];
  if ((mid - window[0]) / dt_fs < 3)
    return {
      ratio: null,
      ratio_stderr: null,
      regime: 'undetermined',
      reason: 'the fit window is too short to compare its two halves (fewer than 3 lags each)',
    };
  const [a, b] = halves.map((w) => fitDiffusionCoefficient(t_fs, msd_A2, w, 3, weighting).D_cm2_s);
  if (!(a > 0))
    return { ratio: null, ratio_stderr: null, regime: 'undetermined', reason: 'the MSD does not grow over the first half of the fit window' };
  const ratio = b / a;
  const [ea, eb] = diffusiveFitUncertainties(nIons, nFrames, dt_fs, halves, { weighting }).map((u) => u.relative_stderr);
  const err = Math.abs(ratio) * Math.hypot(ea, eb);
  const halfText = `MSD slope over ${Math.round(mid)}–${Math.round(window[1])} fs is ${ratio.toFixed(2)} × that over ${Math.round(window[0])}–${Math.round(mid)} fs (± ${err.toFixed(2)} for diffusive ions)`;
  if (ratio < 0.8 && 1 - ratio > 3 * err) {
    return {
      ratio,
      ratio_stderr: err,
      regime: 'sub-diffusive',
      reason: `${halfText}: the MSD bends over (ions caged or not yet diffusive), so D is a chord, not a diffusion coefficient; fit later times of a longer run`,
    };
  }
  if (ratio > 1.25 && ratio - 1 > 3 * err) {
    return {
      ratio,
      ratio_stderr: err,
      regime: 'super-diffusive',
      reason: `${halfText}: the MSD curves upward (uncorrected drift or ballistic motion?); check --drift and the fit window`,
    };
  }
  return { ratio, ratio_stderr: err, regime: 'diffusive' };
}
