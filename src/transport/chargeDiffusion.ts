/**
 * Charge (collective) MSD and the Haven ratio (METHODS §1).
 *
 *   MSD_σ(t) = (1/N) ⟨ |Σ_i [r_i(t0+t) − r_i(t0)]|² ⟩_t0      (N mobile ions of one species)
 *   D_σ = slope(MSD_σ)/6,      H_R = D* / D_σ
 *
 * The summed displacement is one 3-D series, so MSD_σ comes from the same all-origins FFT MSD
 * with a single "ion" at Σ_i r_i(t), divided by N. It is much noisier than the tracer MSD (one
 * series instead of N): its fit error is correspondingly large.
 */
import { meanSquaredDisplacement, type MeanSquaredDisplacement } from './meanSquaredDisplacement.js';

/** MSD of the summed displacement of the ions divided by their number (Å²), all time origins. */
export function chargeMeanSquaredDisplacement(
  positions: ArrayLike<number>, nIons: number, nFrames: number, dt_fs: number,
): MeanSquaredDisplacement {
  const sum = new Float64Array(3 * nFrames);
  for (let f = 0; f < nFrames; f++) {
    let x = 0, y = 0, z = 0;
    for (let i = 0, p = f * 3 * nIons; i < nIons; i++, p += 3) { x += positions[p]; y += positions[p + 1]; z += positions[p + 2]; }
    sum[3 * f] = x; sum[3 * f + 1] = y; sum[3 * f + 2] = z;
  }
  const res = meanSquaredDisplacement(sum, 1, nFrames, dt_fs);
  const inv = 1 / nIons;
  for (const arr of [res.msd_A2, ...res.components_A2]) for (let m = 0; m < nFrames; m++) arr[m] *= inv;
  res.nIons = nIons;
  return res;
}

export interface HavenRatio {
  /** H_R = D* / D_σ, or null when undefined. */
  haven_ratio: number | null;
  reason?: string;
}

/** Haven ratio H_R = D* / D_σ; null with a reason when D_σ ≤ 0 (the collective MSD did not grow). */
export function havenRatio(Dtracer_cm2_s: number, Dsigma_cm2_s: number): HavenRatio {
  if (!(Dsigma_cm2_s > 0)) {
    return { haven_ratio: null, reason: `D_σ = ${Dsigma_cm2_s.toExponential(3)} cm²/s is not positive: the charge MSD did not grow over the fit window` };
  }
  return { haven_ratio: Dtracer_cm2_s / Dsigma_cm2_s };
}
