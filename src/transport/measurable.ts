/**
 * Is a diffusion coefficient measurable? (METHODS §1, Li 2025)
 *
 * Li 2025 treats D below 1e-8 cm²/s as not measurable in runs of ~10 ns with ~1000 atoms
 * (D_MEASURABLE_THRESHOLD_CM2_S in src/core/units.ts). We also flag a D that is not significantly
 * above zero: D ≤ 2·σ_D, with σ_D the larger of the available uncertainties (OLS and block).
 */
import { CM2_PER_S_TO_A2_PER_FS, D_MEASURABLE_THRESHOLD_CM2_S } from '../core/units.js';

/** Run length (fs) behind Li 2025's 1e-8 cm²/s threshold: ~10 ns. */
export const MEASURABLE_THRESHOLD_RUN_FS = 1e7;

export interface Measurability {
  measurable: boolean;
  /** Why not, when not measurable. */
  reason?: string;
}

/** The largest of the available uncertainties (null and non-finite entries ignored; 0 when none). */
export function largestUncertainty(uncertainties: (number | null | undefined)[]): number {
  let sigma = 0;
  for (const s of uncertainties) if (typeof s === 'number' && Number.isFinite(s) && s > sigma) sigma = s;
  return sigma;
}

/** Decide whether D (cm²/s) with its uncertainties (cm²/s; null entries ignored) is measurable. */
export function diffusionMeasurability(
  D_cm2_s: number,
  uncertainties_cm2_s: (number | null | undefined)[] = [],
  threshold_cm2_s = D_MEASURABLE_THRESHOLD_CM2_S,
): Measurability {
  if (!(D_cm2_s >= threshold_cm2_s)) {
    return {
      measurable: false,
      reason: `D = ${D_cm2_s.toExponential(3)} cm²/s is below the measurable threshold ${threshold_cm2_s.toExponential(0)} cm²/s (Li 2025)`,
    };
  }
  const sigma = largestUncertainty(uncertainties_cm2_s);
  if (!(D_cm2_s > 2 * sigma)) {
    return {
      measurable: false,
      reason: `D = ${D_cm2_s.toExponential(3)} cm²/s is not significantly above zero (uncertainty ${sigma.toExponential(3)} cm²/s; need D > 2σ)`,
    };
  }
  return { measurable: true };
}

export interface RunResolution {
  /** Smallest D (cm²/s) this run length resolves: the MSD 6·D·t over the run equals the one Li 2025's threshold gives over 10 ns (6 Å²). */
  D_min_cm2_s: number;
  /** Run length used, fs. */
  run_fs: number;
  /** D ≥ D_min. */
  resolved: boolean;
  /** Why not, when not resolved. */
  reason?: string;
}

/**
 * The threshold of Li 2025 scaled to the length of the run. Their 1e-8 cm²/s over ~10 ns is an MSD of
 * 6·D·t = 6 Å² (about one hop per ion); a run of length t resolves D ≥ 1e-8 cm²/s · (10 ns / t), and never
 * less than 1e-8 cm²/s. Advisory: a D below it rests on less than about one hop per ion on average, so it
 * is dominated by vibration and a few hops even when its statistical error looks small.
 */
export function runResolution(D_cm2_s: number, run_fs: number, threshold_cm2_s = D_MEASURABLE_THRESHOLD_CM2_S): RunResolution {
  if (!(run_fs > 0)) throw new RangeError(`run length must be > 0 fs, got ${run_fs}`);
  const D_min = threshold_cm2_s * Math.max(1, MEASURABLE_THRESHOLD_RUN_FS / run_fs);
  if (D_cm2_s >= D_min) return { D_min_cm2_s: D_min, run_fs, resolved: true };
  const msd = 6 * D_cm2_s * CM2_PER_S_TO_A2_PER_FS * run_fs;
  return {
    D_min_cm2_s: D_min,
    run_fs,
    resolved: false,
    reason:
      `D = ${D_cm2_s.toExponential(3)} cm²/s is below what a ${(run_fs / 1000).toPrecision(3)} ps run resolves (${D_min.toExponential(1)} cm²/s: ` +
      `6·D·t = ${msd.toPrecision(2)} Å² over the run, less than the 6 Å² behind Li 2025's 1e-8 cm²/s over 10 ns); run longer before trusting it`,
  };
}
