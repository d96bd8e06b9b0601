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
  /** False when D exceeds {@link IMPLAUSIBLE_D_CM2_S}. */
  plausible: boolean;
  /** Why not (null when plausible). */
  reason: string | null;
}

/** Whether a diffusion coefficient D (cm²/s) is physically plausible for ions in a solid. */
export function diffusionPlausibility(D_cm2_s: number): DiffusionPlausibility {
  if (Number.isFinite(D_cm2_s) && D_cm2_s <= IMPLAUSIBLE_D_CM2_S) return { plausible: true, reason: null };
  const shown = Number.isFinite(D_cm2_s) ? D_cm2_s.toPrecision(3) : String(D_cm2_s);
  return {
    plausible: false,
    reason: `D = ${shown} cm²/s is above anything physical for ions in a solid (> ${IMPLAUSIBLE_D_CM2_S} cm²/s; liquid water is 2.3e-5); check the frame interval (--dt)`,
  };
}
