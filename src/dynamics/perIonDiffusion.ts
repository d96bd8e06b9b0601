/**
 * Per-ion diffusion coefficients over uncorrelated segments, and per-ion activation energies across
 * temperatures (Wood 2021, Fig. 6c: a broad distribution of per-ion barriers = dynamical frustration).
 *
 * The unwrapped trajectory of each ion is cut into K consecutive segments of length τ (longer than the
 * velocity/jump correlation time, so segments are independent). Within a segment, D_i,k = ⟨|r(t+τ_fit)
 * − r(t)|²⟩_t / (6 τ_fit) with all origins in the segment and τ_fit = half the segment; the per-ion D_i is
 * the mean over segments, with its standard error across segments. Across temperatures, E_a,i comes from
 * the Arrhenius fit of ln D_i vs 1/(k_B T) for each ion (ions must keep their identity across runs; ions
 * with D_i ≤ 0 at some T are reported without an E_a).
 */
import { InputError } from '../core/errors.js';
import { linearFit } from '../core/stats.js';
import { A2_PER_FS_TO_CM2_PER_S, KB_EV_PER_K } from '../core/units.js';

export interface PerIonDiffusionResult {
  /** Per-ion D, cm²/s (mean over segments). */
  D_cm2_s: Float64Array;
  /** Standard error of each per-ion D over segments, cm²/s. */
  D_stderr_cm2_s: Float64Array;
  segments: number;
  segment_fs: number;
}

/**
 * @param unwrapped continuous positions of the ions, frame-major, 3 per ion per frame (Å)
 * @param nIons number of ions in `unwrapped`
 * @param dt_fs frame interval, fs
 * @param segments number of consecutive segments K (≥ 2)
 */
export function perIonDiffusion(unwrapped: Float64Array, nIons: number, dt_fs: number, segments = 4): PerIonDiffusionResult {
  const nFrames = unwrapped.length / (3 * nIons);
  if (!Number.isInteger(nFrames) || nIons < 1)
    throw new InputError(`positions hold ${unwrapped.length} values, not a whole number of frames of ${nIons} ions`);
  if (!(segments >= 2)) throw new InputError(`need at least 2 segments, got ${segments}`);
  const L = Math.floor(nFrames / segments);
  const lag = Math.floor(L / 2);
  if (lag < 1) throw new InputError(`${nFrames} frames are too few for ${segments} segments`);
  const D = new Float64Array(nIons),
    se = new Float64Array(nIons);
  for (let i = 0; i < nIons; i++) {
    const ds: number[] = [];
    for (let k = 0; k < segments; k++) {
      let s = 0,
        n = 0;
      for (let t = k * L; t + lag < (k + 1) * L; t++) {
        const a = 3 * (t * nIons + i),
          b = 3 * ((t + lag) * nIons + i);
        s += (unwrapped[b] - unwrapped[a]) ** 2 + (unwrapped[b + 1] - unwrapped[a + 1]) ** 2 + (unwrapped[b + 2] - unwrapped[a + 2]) ** 2;
        n++;
      }
      ds.push((s / n / (6 * lag * dt_fs)) * A2_PER_FS_TO_CM2_PER_S);
    }
    const m = ds.reduce((x, y) => x + y, 0) / segments;
    D[i] = m;
    se[i] = Math.sqrt(ds.reduce((x, y) => x + (y - m) ** 2, 0) / (segments - 1) / segments);
  }
  return { D_cm2_s: D, D_stderr_cm2_s: se, segments, segment_fs: L * dt_fs };
}

export interface PerIonActivationResult {
  /** Per-ion activation energy, eV (null where some D_i ≤ 0). */
  Ea_eV: (number | null)[];
  Ea_stderr_eV: (number | null)[];
  temperatures_K: number[];
}

/** Per-ion Arrhenius fits: D_i(T) given as one Float64Array per temperature (same ion order). */
export function perIonActivationEnergies(temperatures_K: number[], D_cm2_s: ArrayLike<number>[]): PerIonActivationResult {
  if (temperatures_K.length === 0) throw new InputError('per-ion activation energies need a temperature series; got an empty one');
  if (temperatures_K.length < 2) throw new InputError(`per-ion activation energies need at least 2 temperatures, got ${temperatures_K.length}`);
  if (D_cm2_s.length !== temperatures_K.length) throw new InputError(`${temperatures_K.length} temperatures but ${D_cm2_s.length} sets of D`);
  const n = D_cm2_s[0].length;
  if (D_cm2_s.some((d) => d.length !== n)) throw new InputError('every temperature must give D for the same ions (same count and order)');
  const x = temperatures_K.map((T) => 1 / (KB_EV_PER_K * T));
  const Ea: (number | null)[] = [],
    err: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    const ds = D_cm2_s.map((d) => d[i]);
    if (ds.some((v) => !(v > 0))) {
      Ea.push(null);
      err.push(null);
      continue;
    }
    const f = linearFit(x, ds.map(Math.log));
    Ea.push(-f.slope);
    err.push(temperatures_K.length > 2 ? f.slopeStderr : null);
  }
  return { Ea_eV: Ea, Ea_stderr_eV: err, temperatures_K: [...temperatures_K] };
}
