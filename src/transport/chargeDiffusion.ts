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
export function chargeMeanSquaredDisplacement(positions: ArrayLike<number>, nIons: number, nFrames: number, dt_fs: number): MeanSquaredDisplacement {
  const sum = new Float64Array(3 * nFrames);
  for (let f = 0; f < nFrames; f++) {
    let x = 0,
      y = 0,
      z = 0;
    for (let i = 0, p = f * 3 * nIons; i < nIons; i++, p += 3) {
      x += positions[p];
      y += positions[p + 1];
      z += positions[p + 2];
    }
    sum[3 * f] = x;
    sum[3 * f + 1] = y;
    sum[3 * f + 2] = z;
  }
  const res = meanSquaredDisplacement(sum, 1, nFrames, dt_fs);
  const inv = 1 / nIons;
  for (const arr of [res.msd_A2, ...res.components_A2]) for (let m = 0; m < nFrames; m++) arr[m] *= inv;
  res.nIons = nIons;
  return res;
}

export interface HavenRatio {
  /** H_R = D* / D_σ, or null when undefined (D_σ not positive, or not significantly above zero). */
  haven_ratio: number | null;
  /** Standard error of H_R by first-order propagation of the errors of D* and D_σ (null when not given). */
  haven_stderr: number | null;
  /** D* / D_σ as computed, also when it is not meaningful (then haven_ratio is null): for inspection only. */
  haven_estimate: number | null;
  reason?: string;
}

/**
 * Haven ratio H_R = D* / D_σ with its standard error
 *   σ_H / H = √((σ_D* / D*)² + (σ_σ / D_σ)²)
 * (first order; D* and D_σ come from the same ions, so this ignores their covariance).
 * The collective D_σ rests on one summed series instead of N, so on short runs it is often no
 * more than noise: when σ_σ is given and D_σ ≤ 2σ_σ (the significance rule of measurable.ts)
 * H_R is null with a reason, and the raw ratio is kept only in `haven_estimate`.
 * @param Dtracer_cm2_s D* (cm²/s)
 * @param Dsigma_cm2_s D_σ (cm²/s)
 * @param tracerStderr_cm2_s standard error of D* (cm²/s), optional
 * @param sigmaStderr_cm2_s standard error of D_σ (cm²/s), optional
 */
export function havenRatio(
  Dtracer_cm2_s: number,
  Dsigma_cm2_s: number,
  tracerStderr_cm2_s?: number | null,
  sigmaStderr_cm2_s?: number | null,
): HavenRatio {
  if (!(Dsigma_cm2_s > 0)) {
    return {
      haven_ratio: null,
      haven_stderr: null,
      haven_estimate: null,
      reason: `D_σ = ${Dsigma_cm2_s.toExponential(3)} cm²/s is not positive: the charge MSD did not grow over the fit window`,
    };
  }
  const H = Dtracer_cm2_s / Dsigma_cm2_s;
  if (!(Dtracer_cm2_s > 0)) {
    return {
      haven_ratio: null,
      haven_stderr: null,
      haven_estimate: H,
      reason: `D* = ${Dtracer_cm2_s.toExponential(3)} cm²/s is not positive: no Haven ratio`,
    };
  }
  const hasErr = typeof sigmaStderr_cm2_s === 'number' && Number.isFinite(sigmaStderr_cm2_s);
  if (hasErr && !(Dsigma_cm2_s > 2 * sigmaStderr_cm2_s!)) {
    return {
      haven_ratio: null,
      haven_stderr: null,
      haven_estimate: H,
      reason:
        `D_σ = ${Dsigma_cm2_s.toExponential(3)} ± ${sigmaStderr_cm2_s!.toExponential(1)} cm²/s is not significantly above zero (need D_σ > 2σ): ` +
        `the charge MSD of this run is too noisy for a Haven ratio (raw D* / D_σ = ${H.toPrecision(2)}); the error of one series grows with the fit window's share of the run, so fit a window short compared with the run (e.g. its first 10–20 %), or run longer`,
    };
  }
  const tErr = typeof tracerStderr_cm2_s === 'number' && Number.isFinite(tracerStderr_cm2_s) ? tracerStderr_cm2_s : 0;
  const stderr = hasErr ? Math.abs(H) * Math.hypot(tErr / Dtracer_cm2_s, sigmaStderr_cm2_s! / Dsigma_cm2_s) : null;
  return { haven_ratio: H, haven_stderr: stderr, haven_estimate: H };
}
