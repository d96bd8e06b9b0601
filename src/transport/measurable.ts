/**
 * Is a diffusion coefficient measurable? (METHODS §1, Li 2025)
 *
 * Li 2025 treats D below 1e-8 cm²/s as not measurable in runs of ~10 ns with ~1000 atoms
 * (D_MEASURABLE_THRESHOLD_CM2_S in src/core/units.ts). We also flag a D that is not significantly
 * above zero: D ≤ 2·σ_D, with σ_D the larger of the available uncertainties (OLS and block).
 */
import { D_MEASURABLE_THRESHOLD_CM2_S } from '../core/units.js';

export interface Measurability {
  measurable: boolean;
  /** Why not, when not measurable. */
  reason?: string;
}

/** Decide whether D (cm²/s) with its uncertainties (cm²/s; null entries ignored) is measurable. */
export function diffusionMeasurability(
  D_cm2_s: number, uncertainties_cm2_s: (number | null | undefined)[] = [], threshold_cm2_s = D_MEASURABLE_THRESHOLD_CM2_S,
): Measurability {
  if (!(D_cm2_s >= threshold_cm2_s)) {
    return { measurable: false, reason: `D = ${D_cm2_s.toExponential(3)} cm²/s is below the measurable threshold ${threshold_cm2_s.toExponential(0)} cm²/s (Li 2025)` };
  }
  const sigmas = uncertainties_cm2_s.filter((s): s is number => typeof s === 'number' && Number.isFinite(s));
  const sigma = sigmas.length ? Math.max(...sigmas) : 0;
  if (!(D_cm2_s > 2 * sigma)) {
    return { measurable: false, reason: `D = ${D_cm2_s.toExponential(3)} cm²/s is not significantly above zero (uncertainty ${sigma.toExponential(3)} cm²/s; need D > 2σ)` };
  }
  return { measurable: true };
}
