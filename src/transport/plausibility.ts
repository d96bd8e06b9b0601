/**
 * A sanity bound on a tracer diffusion coefficient. Ions in a solid, even the fastest superionic
 * conductors near melting, diffuse at D ≲ 1e-4 cm²/s; liquids at room temperature at ~1e-5 (water
 * self-diffusion 2.3e-5 cm²/s); hot gases far above that. A D* above {@link IMPLAUSIBLE_D_CM2_S}
 * from an MD trajectory of a solid almost always means a wrong frame interval (e.g. --dt in ps or
 * the MD time step given as fs·1e-3), not physics — so the result is flagged, never silently printed.
 */

/** D above this (cm²/s) is above anything physical for ions in a solid or a liquid. */
export const IMPLAUSIBLE_D_CM2_S = 1e-2;

export interface DiffusionPlausibility {
  /** False when D exceeds {@link IMPLAUSIBLE_D_CM2_S}, is not positive, or the MSD does not grow. */
  plausible: boolean;
  /** Why not (null when plausible). */
  reason: string | null;
}

/**
 * Whether a diffusion coefficient D (cm²/s) is physically plausible for ions in a solid: finite,
 * positive (a D ≤ 0 is a slope of an MSD that does not grow: no diffusion was measured) and below
 * {@link IMPLAUSIBLE_D_CM2_S}. With the MSD (`msd_A2`, and the fit window's lags `fitWindow` as
 * indices into it), also that the MSD is non-negative and grows over the fit window (the mean of
 * its last quarter above the mean of its first quarter): an MSD that shrinks back (two runs in one
 * file, a reset) describes no diffusion, whatever its fitted slope.
 */
export function diffusionPlausibility(D_cm2_s: number, msd_A2?: ArrayLike<number>, fitWindow?: [number, number]): DiffusionPlausibility {
  const shown = Number.isFinite(D_cm2_s) ? D_cm2_s.toPrecision(3) : String(D_cm2_s);
  if (Number.isFinite(D_cm2_s) && D_cm2_s <= 0) {
    return {
      plausible: false,
      reason: `D = ${shown} cm²/s is not positive: the MSD does not grow over the fit window, so no diffusion was measured (a caged species, or a corrupted/concatenated trajectory)`,
    };
  }
  if (msd_A2 && msd_A2.length > 0) {
    for (let k = 0; k < msd_A2.length; k++) {
      if (!(msd_A2[k] >= 0)) return { plausible: false, reason: `the MSD at lag ${k} is ${msd_A2[k]} Å²; an MSD must be a non-negative number` };
    }
    const [a, b] = fitWindow ?? [0, msd_A2.length - 1];
    const lo = Math.max(0, Math.min(a, b)),
      hi = Math.min(msd_A2.length - 1, Math.max(a, b));
    const q = Math.max(1, Math.floor((hi - lo + 1) / 4));
    let first = 0,
      last = 0;
    for (let k = 0; k < q; k++) {
      first += msd_A2[lo + k];
      last += msd_A2[hi - k];
    }
    if (hi > lo && !(last > first)) {
      return {
        plausible: false,
        reason: `the MSD does not grow over the fit window (mean ${(last / q).toPrecision(3)} Å² over its last quarter vs ${(first / q).toPrecision(3)} Å² over its first); no diffusion was measured`,
      };
    }
  }
  if (Number.isFinite(D_cm2_s) && D_cm2_s <= IMPLAUSIBLE_D_CM2_S) return { plausible: true, reason: null };
  return {
    plausible: false,
    reason: `D = ${shown} cm²/s is above anything physical for ions in a solid (> ${IMPLAUSIBLE_D_CM2_S} cm²/s; liquid water is 2.3e-5); check the frame interval (--dt)`,
  };
}
