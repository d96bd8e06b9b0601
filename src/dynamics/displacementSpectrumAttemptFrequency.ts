/**
 * Attempt frequency and vibration amplitude from the distance each ion has moved from its start, GEMDAT's
 * estimators (N. J. J. de Klerk, E. van der Maas, M. Wagemaker, ACS Appl. Energy Mater. 1, 3230 (2018);
 * GEMDAT 1.8 `TrajectoryMetrics.attempt_frequency` and `vibration_amplitude`), written from their definitions.
 *
 * For each ion i, with frames Δt apart (frame-to-frame steps taken by the minimum image, then summed):
 *   d_i(t) = |r_i(t) − r_i(0)|                              distance from the start, Å
 *   v_i(0) = 0,  v_i(t) = d_i(t) − d_i(t−1)                the "speed" series, Å per frame
 * Periodogram of v_i (mean removed, no window, N frames), one-sided:
 *   P_i(f_k) = c_k |Σ_t (v_i(t) − v̄_i) e^{−2πikt/N}|²,  f_k = k/(NΔt),  k = 0 … ⌊N/2⌋,
 *   c_k = 2, except c_0 = 1 and c_{N/2} = 1 for even N,
 * and the ion's mean frequency ν_i = Σ_k f_k P_i(f_k) / Σ_k P_i(f_k). Then
 *   ν₀ = mean_i ν_i,   σ(ν₀) = population standard deviation of ν_i.
 * Vibration amplitude: each v_i is cut into runs between sign changes (sign compared with the next element,
 * the last with the first; the first and last cut points dropped, as GEMDAT does), each run summed (the distance
 * gained or lost in one swing); the amplitude is the population standard deviation of all runs of all ions.
 *
 * Caveat (ours): ν_i is bounded by the Nyquist frequency f_N = 1/(2Δt), and a white spectrum gives f_N/2. With
 * frames 100 fs apart (f_N = 5 THz) the Li vibrations (≈ 5–10 THz) are not resolved, and ν₀ ≈ 2.8–2.9 THz mostly
 * reflects the sampling: `caution` says so when ν₀ > 0.4 f_N.
 */
import { InputError } from '../core/errors.js';
import { fft, nextPow2 } from '../core/fft.js';
import type { Frame } from '../core/frame.js';
import type { FrameAnalysis } from '../core/frameAnalysis.js';
import { indicesOf, type Topology } from '../core/topology.js';

export interface DisplacementSpectrumOptions {
  /** Species whose ions are analysed, e.g. "Li". */
  species: string | string[];
  /** Interval between frames, fs. */
  dt_fs: number;
  /** Source name for error messages. */
  source?: string;
}

export interface DisplacementSpectrumResult {
  species: string[];
  ions: number;
  frames: number;
  dt_fs: number;
  /** Mean over ions of the mean frequency of the speed periodogram, THz; its population standard deviation. */
  attempt_frequency_THz: number;
  attempt_frequency_std_THz: number;
  /** Per-ion mean frequencies, THz. */
  per_ion_THz: Float64Array;
  /** Nyquist frequency 1/(2Δt), THz. */
  nyquist_THz: number;
  /** Population standard deviation of the swing distances, Å (GEMDAT's vibration amplitude). */
  vibration_amplitude_A: number;
  /** Set when ν₀ > 0.4 f_N: the frames are too far apart for the spectrum to resolve the vibration. */
  caution: string | null;
}

/**
 * |X_k|² of the DFT X_k = Σ_t x_t e^{−2πikt/N} for k = 0 … ⌊N/2⌋, any N (radix-2 FFT when N is a power of two,
 * else Bluestein's chirp-z: X_k = w̄_k Σ_t (x_t w̄_t) w_{k−t}, w_m = e^{iπm²/N}, as one zero-padded convolution).
 */
export function dftPowerHalf(x: ArrayLike<number>): Float64Array {
  const n = x.length,
    h = Math.floor(n / 2);
  const out = new Float64Array(h + 1);
  if (n === 0) return out;
  if ((n & (n - 1)) === 0) {
    const re = Float64Array.from(x),
      im = new Float64Array(n);
    fft(re, im);
    for (let k = 0; k <= h; k++) out[k] = re[k] * re[k] + im[k] * im[k];
    return out;
  }
  const m = nextPow2(2 * n - 1);
  // Chirp w_t = e^{iπt²/N}; t² mod 2N keeps the angle exact for long series.
  const wr = new Float64Array(n),
    wi = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const a = (Math.PI * ((t * t) % (2 * n))) / n;
    wr[t] = Math.cos(a);
    wi[t] = Math.sin(a);
  }
  const ar = new Float64Array(m),
    ai = new Float64Array(m),
    br = new Float64Array(m),
    bi = new Float64Array(m);
  for (let t = 0; t < n; t++) {
    ar[t] = x[t] * wr[t]; // x_t · conj(w_t)
    ai[t] = -x[t] * wi[t];
  }
  br[0] = wr[0];
  bi[0] = wi[0];
  for (let t = 1; t < n; t++) {
    br[t] = br[m - t] = wr[t];
    bi[t] = bi[m - t] = wi[t];
  }
  fft(ar, ai);
  fft(br, bi);
  for (let k = 0; k < m; k++) {
    const r = ar[k] * br[k] - ai[k] * bi[k];
    ai[k] = ar[k] * bi[k] + ai[k] * br[k];
    ar[k] = r;
  }
  fft(ar, ai, true);
  // |X_k| = |conj(w_k) · conv_k| = |conv_k|.
  for (let k = 0; k <= h; k++) out[k] = ar[k] * ar[k] + ai[k] * ai[k];
  return out;
}

/**
 * Mean frequency of the one-sided periodogram of `x` (mean removed, no window), in units of the sampling
 * frequency fs = 1/Δt: Σ f_k P(f_k) / Σ P(f_k) with f_k = k/N (see the file header). null for a constant series.
 */
export function periodogramMeanFrequency(x: ArrayLike<number>): number | null {
  const n = x.length;
  if (n < 2) return null;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += x[t];
  mean /= n;
  const p = dftPowerHalf(Float64Array.from(x, (v) => v - mean));
  let num = 0,
    den = 0;
  for (let k = 0; k < p.length; k++) {
    const c = k === 0 || (n % 2 === 0 && k === n / 2) ? 1 : 2;
    num += (c * p[k] * k) / n;
    den += c * p[k];
  }
  return den > 0 ? num / den : null;
}

/** Sums of the runs of `v` between sign changes, GEMDAT's cut (see the file header), appended to `out`. */
export function swingDistances(v: ArrayLike<number>, out: number[] = []): number[] {
  const n = v.length;
  if (n === 0) return out;
  const cuts: number[] = [];
  for (let i = 0; i < n; i++) if (Math.sign(v[i]) !== Math.sign(v[(i + 1) % n])) cuts.push(i);
  let start = 0;
  for (let j = 1; j < cuts.length - 1; j++) {
    const end = cuts[j] + 1;
    let s = 0;
    for (let t = start; t < end; t++) s += v[t];
    out.push(s);
    start = end;
  }
  let s = 0;
  for (let t = start; t < n; t++) s += v[t];
  out.push(s);
  return out;
}

/** Streaming accumulator of each ion's distance from its start (see the file header); O(ions × frames) memory. */
export class DisplacementSpectrumAttemptFrequency implements FrameAnalysis<DisplacementSpectrumResult> {
  private atoms: Int32Array | null = null;
  private prev: Float64Array | null = null;
  private disp: Float64Array | null = null;
  private readonly dist: number[][] = [];
  private readonly tmp = [0, 0, 0];

  constructor(private readonly opts: DisplacementSpectrumOptions) {
    if (!(opts.dt_fs > 0) || !Number.isFinite(opts.dt_fs))
      throw new InputError(`frame interval must be a time > 0 fs, got ${opts.dt_fs}`, { file: opts.source });
  }

  prepare(topology: Topology, firstFrame: Frame): Int32Array {
    const atoms = indicesOf(topology, this.opts.species, { file: this.opts.source, frame: firstFrame.index });
    this.prev = new Float64Array(3 * atoms.length);
    this.disp = new Float64Array(3 * atoms.length);
    for (let j = 0; j < atoms.length; j++) for (let c = 0; c < 3; c++) this.prev[3 * j + c] = firstFrame.positions[3 * atoms[j] + c];
    for (let j = 0; j < atoms.length; j++) this.dist.push([]);
    return (this.atoms = atoms);
  }

  addFrame(frame: Frame, topology: Topology): void {
    const first = this.atoms === null;
    const atoms = this.atoms ?? this.prepare(topology, frame);
    if (!frame.cell)
      throw new InputError('the attempt frequency from displacements needs a periodic cell', { file: this.opts.source, frame: frame.index });
    const prev = this.prev!,
      disp = this.disp!,
      p = frame.positions,
      t = this.tmp;
    for (let j = 0; j < atoms.length; j++) {
      const a = 3 * atoms[j];
      if (!first) {
        frame.cell.minimumImage(p[a] - prev[3 * j], p[a + 1] - prev[3 * j + 1], p[a + 2] - prev[3 * j + 2], t);
        disp[3 * j] += t[0];
        disp[3 * j + 1] += t[1];
        disp[3 * j + 2] += t[2];
        prev[3 * j] = p[a];
        prev[3 * j + 1] = p[a + 1];
        prev[3 * j + 2] = p[a + 2];
      }
      this.dist[j].push(Math.hypot(disp[3 * j], disp[3 * j + 1], disp[3 * j + 2]));
    }
  }

  result(): DisplacementSpectrumResult {
    const nFrames = this.dist[0]?.length ?? 0;
    if (!this.atoms || nFrames < 2)
      throw new InputError('the attempt frequency from displacements needs at least 2 frames', { file: this.opts.source });
    const fs_THz = 1000 / this.opts.dt_fs;
    const per = new Float64Array(this.atoms.length);
    const swings: number[] = [];
    for (let j = 0; j < per.length; j++) {
      const d = this.dist[j];
      const v = Float64Array.from(d, (x, t) => (t === 0 ? 0 : x - d[t - 1]));
      per[j] = (periodogramMeanFrequency(v) ?? 0) * fs_THz;
      swingDistances(v, swings);
    }
    const mean = per.reduce((s, x) => s + x, 0) / per.length;
    const std = Math.sqrt(per.reduce((s, x) => s + (x - mean) ** 2, 0) / per.length);
    const sm = swings.reduce((s, x) => s + x, 0) / swings.length;
    const amp = Math.sqrt(swings.reduce((s, x) => s + (x - sm) ** 2, 0) / swings.length);
    const nyq = fs_THz / 2;
    return {
      species: Array.isArray(this.opts.species) ? this.opts.species : [this.opts.species],
      ions: per.length,
      frames: nFrames,
      dt_fs: this.opts.dt_fs,
      attempt_frequency_THz: mean,
      attempt_frequency_std_THz: std,
      per_ion_THz: per,
      nyquist_THz: nyq,
      vibration_amplitude_A: amp,
      caution:
        mean > 0.4 * nyq
          ? `ν₀ = ${mean.toFixed(2)} THz is ${((100 * mean) / nyq).toFixed(0)} % of the Nyquist frequency ${nyq.toFixed(2)} THz (white noise gives 50 %): frames ${this.opts.dt_fs} fs apart do not resolve the vibration`
          : null,
    };
  }
}
