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
import { RealAutocorrelation } from '../core/fft.js';
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
  const t_fs = new Float64Array(T),
    nOrigins = new Float64Array(T);
  for (let m = 0; m < T; m++) {
    t_fs[m] = m * dt_fs;
    nOrigins[m] = T - m;
  }
  return {
    t_fs,
    nOrigins,
    nIons,
    nFrames: T,
    dt_fs,
    msd_A2: new Float64Array(T),
    components_A2: [new Float64Array(T), new Float64Array(T), new Float64Array(T)],
    perIon_A2: perIon ? new Float64Array(nIons * T) : undefined,
  };
}

/**
 * Ions per atom block, the unit of work of the MSD: each block's sums start from zero and the blocks are
 * added in ion order, so the threaded MSD (src/analyse/atomBlockParallel.ts, blocks over worker threads)
 * gives bit for bit the one-thread result.
 */
export const MSD_ION_BLOCK = 16;

/** One atom block's share of the MSD sums (from zero): S1 and the pooled power per component, per-ion MSD. */
export interface MsdBlockPartial {
  /** Σ_i S1_ik(m) over the block's ions, component-major (3 × T). */
  s1: Float64Array;
  /** Σ_i |X_ik|² over the block's ions, component-major (3 × (n/2 + 1)). */
  power: Float64Array;
  /** Per-ion MSD of the block's ions (ion-major, nb × T), Å², when asked. */
  perIon?: Float64Array;
}

/**
 * The share of one block of nb ions (`series`: their 3·nb centred series, series-major, from
 * {@link centredSeriesBlock}): two series per complex FFT (RealAutocorrelation).
 */
export function msdBlockPartial(
  series: Float64Array,
  nb: number,
  T: number,
  perIon: boolean,
  ac: RealAutocorrelation = new RealAutocorrelation(T),
): MsdBlockPartial {
  const h = ac.half;
  const s1 = new Float64Array(3 * T),
    power = new Float64Array(3 * h);
  const out: MsdBlockPartial = { s1, power, perIon: perIon ? new Float64Array(nb * T) : undefined };
  // Per ion (only when asked): the two ions of a pair, power summed over components.
  const pa = perIon ? ac.spectrum() : null,
    pb = perIon ? ac.spectrum() : null;
  const s1a = perIon ? new Float64Array(T) : null,
    s1b = perIon ? new Float64Array(T) : null;
  const s2a = perIon ? new Float64Array(T) : null,
    s2b = perIon ? new Float64Array(T) : null;
  const x = (i: number, k: number) => series.subarray((3 * i + k) * T, (3 * i + k + 1) * T);
  for (let i = 0; i < nb; i += 2) {
    const pair = i + 1 < nb;
    if (perIon) {
      pa!.fill(0);
      pb!.fill(0);
      s1a!.fill(0);
      s1b!.fill(0);
    }
    for (let k = 0; k < 3; k++) {
      const xa = x(i, k),
        xb = pair ? x(i + 1, k) : null;
      const s1k = s1.subarray(k * T, (k + 1) * T);
      addRunningSquareSums(xa, s1k, s1a);
      if (xb) addRunningSquareSums(xb, s1k, s1b);
      ac.addPowerSpectra(xa, xb, power.subarray(k * h, (k + 1) * h), pa, pair ? pb : null);
    }
    if (perIon) {
      ac.sumsFromPower(pa!, pair ? pb! : null, s2a!, pair ? s2b! : null);
      msdFromSums(s1a!, s2a!, out.perIon!.subarray(i * T, (i + 1) * T));
      if (pair) msdFromSums(s1b!, s2b!, out.perIon!.subarray((i + 1) * T, (i + 2) * T));
    }
  }
  return out;
}

/**
 * The MSD sums over all ions, fed block shares in ion order ({@link msdBlockPartial}, block k holding
 * ions k·MSD_ION_BLOCK …), then inverted once per component.
 */
export class MsdBlockSum {
  private readonly ac: RealAutocorrelation;
  private readonly s1: Float64Array;
  private readonly power: Float64Array;
  private readonly res: MeanSquaredDisplacement;
  private nextIon = 0;
  constructor(
    readonly nIons: number,
    readonly nFrames: number,
    dt_fs: number,
    perIon: boolean,
  ) {
    this.ac = new RealAutocorrelation(nFrames);
    this.s1 = new Float64Array(3 * nFrames);
    this.power = new Float64Array(3 * this.ac.half);
    this.res = emptyResult(nIons, nFrames, dt_fs, perIon);
  }

  /** Add the share of ions i0 … i0 + nb − 1 (blocks in order). */
  add(i0: number, part: MsdBlockPartial): void {
    if (i0 !== this.nextIon) throw new Error(`internal: MSD block of ion ${i0} added out of order (expected ${this.nextIon})`);
    const { s1, power } = this;
    for (let q = 0; q < s1.length; q++) s1[q] += part.s1[q];
    for (let q = 0; q < power.length; q++) power[q] += part.power[q];
    const T = this.nFrames;
    if (this.res.perIon_A2 && part.perIon) this.res.perIon_A2.set(part.perIon, i0 * T);
    this.nextIon = Math.min(this.nIons, i0 + MSD_ION_BLOCK);
  }

  /** The MSD of every ion added. */
  result(): MeanSquaredDisplacement {
    if (this.nextIon !== this.nIons) throw new Error(`internal: MSD has ${this.nextIon} of ${this.nIons} ions`);
    const T = this.nFrames,
      h = this.ac.half,
      res = this.res;
    const s2x = new Float64Array(T),
      s2y = new Float64Array(T),
      s2z = new Float64Array(T);
    const pw = (k: number) => this.power.subarray(k * h, (k + 1) * h),
      s1 = (k: number) => this.s1.subarray(k * T, (k + 1) * T);
    this.ac.sumsFromPower(pw(0), pw(1), s2x, s2y);
    this.ac.sumsFromPower(pw(2), null, s2z);
    msdFromSums(s1(0), s2x, res.components_A2[0]);
    msdFromSums(s1(1), s2y, res.components_A2[1]);
    msdFromSums(s1(2), s2z, res.components_A2[2]);
    finish(res);
    return res;
  }
}

/** Check the MSD input (ions, frames, array length, frame interval); throws InputError. */
export function checkMsdInput(positions: ArrayLike<number>, nIons: number, nFrames: number, dt_fs: number): void {
  checkInput(positions, nIons, nFrames, dt_fs);
}

/**
 * MSD over all time origins by FFT.
 *
 * The species (and component) average needs only Σ_i S2_i, whose transform is Σ_i |X_i(k)|²:
 * power spectra are pooled per component and inverted once (RealAutocorrelation in
 * src/core/fft.ts packs two real series per complex FFT), so 3n series cost 3n/2 forward FFTs
 * plus two inverse ones. Per-ion curves (opts.perIon) add one inverse FFT per two ions. The ions
 * are taken MSD_ION_BLOCK at a time (one pass over the frames per block: frame-major data read one
 * series at a time would miss the cache on every frame), each block summed from zero.
 * @param positions continuous (unwrapped) positions, frame-major: positions[f·3n + 3i + k], Å
 * @param nIons number of ions n in each frame of `positions`
 * @param nFrames number of frames T
 * @param dt_fs interval between frames, fs
 */
export function meanSquaredDisplacement(
  positions: ArrayLike<number>,
  nIons: number,
  nFrames: number,
  dt_fs: number,
  opts: MsdOptions = {},
): MeanSquaredDisplacement {
  checkInput(positions, nIons, nFrames, dt_fs);
  const T = nFrames;
  const sum = new MsdBlockSum(nIons, T, dt_fs, !!opts.perIon);
  const ac = new RealAutocorrelation(T);
  const buf = new Float64Array(3 * Math.min(MSD_ION_BLOCK, nIons) * T);
  for (let i0 = 0; i0 < nIons; i0 += MSD_ION_BLOCK) {
    const nb = Math.min(MSD_ION_BLOCK, nIons - i0);
    centredSeriesBlock(positions, 3 * nIons, 3 * i0, 3 * nb, T, buf);
    sum.add(i0, msdBlockPartial(buf, nb, T, !!opts.perIon, ac));
  }
  return sum.result();
}

/**
 * Series offset..offset+count−1 of frame-major data (row stride `stride`), each centred on its
 * mean, into out[j·T .. (j+1)·T) (series-major).
 */
export function centredSeriesBlock(src: ArrayLike<number>, stride: number, offset: number, count: number, T: number, out: Float64Array): void {
  for (let f = 0, p = offset; f < T; f++, p += stride) {
    for (let j = 0, q = f; j < count; j++, q += T) out[q] = src[p + j];
  }
  for (let j = 0; j < count; j++) {
    const o = j * T;
    let mu = 0;
    for (let f = 0; f < T; f++) mu += out[o + f];
    mu /= T;
    for (let f = 0; f < T; f++) out[o + f] -= mu;
  }
}

/** Add S1(m) = Σ_{t=0}^{T−1−m} [x(t)² + x(t+m)²] into `a` (and `b` when given). */
function addRunningSquareSums(x: ArrayLike<number>, a: Float64Array, b: Float64Array | null): void {
  const T = x.length;
  let s1 = 0;
  for (let t = 0; t < T; t++) s1 += 2 * x[t] * x[t];
  for (let m = 0; m < T; m++) {
    if (m > 0) s1 -= x[m - 1] * x[m - 1] + x[T - m] * x[T - m];
    a[m] += s1;
    if (b) b[m] += s1;
  }
}

/** out(m) = [S1(m) − 2·S2(m)]/(T − m), clamped at 0 (rounding can leave −1e-17 at m = 0). */
function msdFromSums(s1: Float64Array, s2: ArrayLike<number>, out: Float64Array): void {
  const T = out.length;
  for (let m = 0; m < T; m++) {
    const v = (s1[m] - 2 * s2[m]) / (T - m);
    out[m] = v > 0 ? v : 0;
  }
}

/**
 * MSD of one centred series from its autocorrelation sums: out(m) = [S1(m) − 2·S2(m)]/(T − m),
 * m = 0..T−1 (`out` length ≥ T = x.length). Exported for the other whole-history analyses that batch their own FFTs.
 */
export function msdOfSeries(x: ArrayLike<number>, s2: ArrayLike<number>, out: Float64Array): Float64Array {
  const s1 = new Float64Array(x.length);
  addRunningSquareSums(x, s1, null);
  msdFromSums(s1, s2, out.subarray(0, x.length));
  return out;
}

/**
 * The direct all-origins windowed sum, O(n·T²): the test oracle for {@link meanSquaredDisplacement}.
 */
export function meanSquaredDisplacementDirect(
  positions: ArrayLike<number>,
  nIons: number,
  nFrames: number,
  dt_fs: number,
  opts: MsdOptions = {},
): MeanSquaredDisplacement {
  checkInput(positions, nIons, nFrames, dt_fs);
  const T = nFrames,
    n3 = 3 * nIons;
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
  const T = res.nFrames,
    inv = 1 / res.nIons;
  for (let k = 0; k < 3; k++) {
    const c = res.components_A2[k];
    for (let m = 0; m < T; m++) {
      c[m] *= inv;
      res.msd_A2[m] += c[m];
    }
  }
}
