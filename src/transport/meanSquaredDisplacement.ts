/**
 * Mean squared displacement over all time origins (METHODS §1), by FFT.
 *
 *   MSD(m) = 1/(T−m) · Σ_{t=0}^{T−1−m} |r(t+m) − r(t)|²
 *          = 1/(T−m) · [ S1(m) − 2·S2(m) ]            (per ion and Cartesian component)
 *   S1(m)  = Σ_{t=0}^{T−1−m} [ x(t)² + x(t+m)² ]       (running sums, O(T))
 *   S2(m)  = Σ_{t=0}^{T−1−m} x(t)·x(t+m)                (FFT autocorrelation, O(T log T))
 *
 * This is the standard decomposition (Calandrini et al., nMoldyn; used by MDAnalysis' EinsteinMSD
 * with fft=True). `meanSquaredDisplacementDirect` is the O(T²) windowed sum kept as the test oracle.
 * Positions must be continuous in time (unwrapped); each series is centred on its mean first,
 * which leaves the MSD unchanged and keeps the S1 − 2·S2 cancellation accurate.
 */
import { autocorrelationSums, nextPow2 } from '../core/fft.js';
import { InputError } from '../core/errors.js';

/** MSD of a set of ions: averaged over ions, per Cartesian component, and optionally per ion. */
export interface MeanSquaredDisplacement {
  /** Lag times, fs (m · dt for m = 0..T−1). */
  t_fs: Float64Array;
  /** MSD averaged over the ions, Å² (sum of the three components). */
  msd_A2: Float64Array;
  /** Per-component MSD averaged over the ions, Å²: [x, y, z]. */
  components_A2: [Float64Array, Float64Array, Float64Array];
  /** Per-ion MSD (ion-major, nIons × T), Å², when requested. */
  perIon_A2?: Float64Array;
  /** Number of time origins averaged at each lag (T − m). */
  nOrigins: Float64Array;
  nIons: number;
  nFrames: number;
  dt_fs: number;
}

export interface MsdOptions {
  /** Also return the per-ion MSD (nIons × T values). */
  perIon?: boolean;
}

function checkInput(positions: ArrayLike<number>, nIons: number, nFrames: number, dt_fs: number): void {
  if (!(nIons >= 1) || !(nFrames >= 2)) throw new InputError(`MSD needs at least 1 ion and 2 frames (got ${nIons} ions, ${nFrames} frames)`);
  if (positions.length !== 3 * nIons * nFrames) {
    throw new InputError(`MSD positions have ${positions.length} values; expected ${3 * nIons * nFrames} (${nFrames} frames × ${nIons} ions × 3)`);
  }
  if (!(dt_fs > 0) || !Number.isFinite(dt_fs)) throw new InputError(`MSD frame interval must be a positive number of fs, got ${dt_fs}`);
}

function emptyResult(nIons: number, T: number, dt_fs: number, perIon: boolean): MeanSquaredDisplacement {
  const t_fs = new Float64Array(T), nOrigins = new Float64Array(T);
  for (let m = 0; m < T; m++) { t_fs[m] = m * dt_fs; nOrigins[m] = T - m; }
  return {
    t_fs, nOrigins, nIons, nFrames: T, dt_fs,
    msd_A2: new Float64Array(T),
    components_A2: [new Float64Array(T), new Float64Array(T), new Float64Array(T)],
    perIon_A2: perIon ? new Float64Array(nIons * T) : undefined,
  };
}

/**
 * MSD over all time origins by FFT.
 * @param positions continuous (unwrapped) positions, frame-major: positions[f·3n + 3i + k], Å
 * @param nIons number of ions n in each frame of `positions`
 * @param nFrames number of frames T
 * @param dt_fs interval between frames, fs
 */
export function meanSquaredDisplacement(
  positions: ArrayLike<number>, nIons: number, nFrames: number, dt_fs: number, opts: MsdOptions = {},
): MeanSquaredDisplacement {
  checkInput(positions, nIons, nFrames, dt_fs);
  const T = nFrames, n3 = 3 * nIons;
  const res = emptyResult(nIons, T, dt_fs, !!opts.perIon);
  const x = new Float64Array(T), s2 = new Float64Array(T), one = new Float64Array(T);
  const nfft = nextPow2(2 * T);
  const work = { re: new Float64Array(nfft), im: new Float64Array(nfft) };
  for (let i = 0; i < nIons; i++) {
    for (let k = 0; k < 3; k++) {
      // Extract the series and centre it on its mean.
      let mu = 0;
      for (let f = 0, p = 3 * i + k; f < T; f++, p += n3) { x[f] = positions[p]; mu += x[f]; }
      mu /= T;
      for (let f = 0; f < T; f++) x[f] -= mu;
      autocorrelationSums(x, s2, false, work);
      msdOfSeries(x, s2, one);
      const comp = res.components_A2[k];
      for (let m = 0; m < T; m++) comp[m] += one[m];
      if (res.perIon_A2) {
        const o = i * T;
        for (let m = 0; m < T; m++) res.perIon_A2[o + m] += one[m];
      }
    }
  }
  finish(res);
  return res;
}

/**
 * MSD of one centred series from its autocorrelation sums: out(m) = [S1(m) − 2·S2(m)]/(T − m).
 * Exported for the other whole-history analyses that batch their own FFTs.
 */
export function msdOfSeries(x: ArrayLike<number>, s2: ArrayLike<number>, out: Float64Array): Float64Array {
  const T = x.length;
  let s1 = 0;
  for (let t = 0; t < T; t++) s1 += 2 * x[t] * x[t];
  for (let m = 0; m < T; m++) {
    if (m > 0) s1 -= x[m - 1] * x[m - 1] + x[T - m] * x[T - m];
    const v = (s1 - 2 * s2[m]) / (T - m);
    out[m] = v > 0 ? v : 0; // rounding can leave −1e-17 at m = 0
  }
  return out;
}

/**
 * The direct all-origins windowed sum, O(n·T²): the test oracle for {@link meanSquaredDisplacement}.
 */
export function meanSquaredDisplacementDirect(
  positions: ArrayLike<number>, nIons: number, nFrames: number, dt_fs: number, opts: MsdOptions = {},
): MeanSquaredDisplacement {
  checkInput(positions, nIons, nFrames, dt_fs);
  const T = nFrames, n3 = 3 * nIons;
  const res = emptyResult(nIons, T, dt_fs, !!opts.perIon);
  for (let i = 0; i < nIons; i++) {
    for (let k = 0; k < 3; k++) {
      const comp = res.components_A2[k];
      for (let m = 1; m < T; m++) {
        let s = 0;
        for (let t = 0; t + m < T; t++) {
          const d = positions[(t + m) * n3 + 3 * i + k] - positions[t * n3 + 3 * i + k];
          s += d * d;
        }
        comp[m] += s / (T - m);
        if (res.perIon_A2) res.perIon_A2[i * T + m] += s / (T - m);
      }
    }
  }
  finish(res);
  return res;
}

/** Turn component sums over ions into averages and add the total. */
function finish(res: MeanSquaredDisplacement): void {
  const T = res.nFrames, inv = 1 / res.nIons;
  for (let k = 0; k < 3; k++) {
    const c = res.components_A2[k];
    for (let m = 0; m < T; m++) { c[m] *= inv; res.msd_A2[m] += c[m]; }
  }
}
