/**
 * All-origins autocorrelation of per-item 3-vectors (velocities, orientations, angular velocities).
 *
 *   C(m) = Σ_i w_i Σ_{t=0}^{T−1−m} x_i(t)·x_i(t+m)  /  [ (T − m) · Σ_i w_i ]
 *
 * i.e. the weighted average over items and over every time origin of the dot product at lag m
 * (Kweon 2017 Fig. 6 for orientations; Li 2025 SI eq. 7 for velocities). Each component's sum over
 * origins is an FFT autocorrelation (Wiener–Khinchin, src/core/fft.ts), O(T log T) per item; the
 * direct double loop is the test oracle.
 */
import { fft, nextPow2 } from '../core/fft.js';
import { InputError } from '../core/errors.js';

/** Per-item 3-vector time series, frame-major: x[f·3n + 3i + k]. */
export interface VectorSeries {
  /** Values, length nFrames · 3 · nItems. */
  values: Float64Array;
  nFrames: number;
  nItems: number;
}

export interface VectorAutocorrelationOptions {
  /** Weight per item (e.g. masses for a mass-weighted VACF); default 1 for every item. */
  weights?: ArrayLike<number>;
  /** Largest lag (frames) to return, inclusive; default nFrames − 1. */
  maxLag?: number;
}

/**
 * All-origins, item-averaged autocorrelation C(m), m = 0..maxLag (units: those of x², unnormalised).
 * Throws an InputError for empty input or mismatched weights.
 */
export function vectorAutocorrelation(series: VectorSeries, opts: VectorAutocorrelationOptions = {}): Float64Array {
  const { values, nFrames: T, nItems: n } = series;
  if (T < 2 || n < 1) throw new InputError(`a time correlation needs at least 2 frames and 1 item; got ${T} frames, ${n} items`);
  if (values.length !== T * 3 * n) throw new InputError(`series has ${values.length} values; expected ${T} frames × ${n} items × 3`);
  const w = opts.weights;
  if (w && w.length !== n) throw new InputError(`${w.length} weights given for ${n} items`);
  const maxLag = Math.min(opts.maxLag ?? T - 1, T - 1);
  if (!(maxLag >= 0)) throw new InputError(`maximum lag must be ≥ 0 frames, got ${opts.maxLag}`);
  // Σ_i w_i Σ_t x_i(t)x_i(t+m) = IFFT(Σ_i w_i |X_i(k)|²)(m): sum the power spectra, invert once.
  // Two real series a, b go through one complex FFT Z = FFT(√wa·a + i·√wb·b), whose power splits as
  // wa|A_k|² + wb|B_k|² = (|Z_k|² + |Z_{N−k}|²)/2, so 3n series cost 3n/2 forward FFTs and one inverse.
  const N = nextPow2(2 * T);
  const re = new Float64Array(N), im = new Float64Array(N), power = new Float64Array(N);
  let wsum = 0;
  const parts: { i: number; k: number; s: number }[] = [];
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    if (!(wi >= 0) || !Number.isFinite(wi)) throw new InputError(`weight of item ${i} must be a finite number ≥ 0, got ${wi}`);
    wsum += wi;
    if (wi > 0) for (let k = 0; k < 3; k++) parts.push({ i, k, s: Math.sqrt(wi) });
  }
  if (!(wsum > 0)) throw new InputError('all item weights are zero');
  for (let p = 0; p < parts.length; p += 2) {
    re.fill(0); im.fill(0);
    const a = parts[p], b = parts[p + 1];
    for (let f = 0; f < T; f++) re[f] = a.s * values[f * 3 * n + 3 * a.i + a.k];
    if (b) for (let f = 0; f < T; f++) im[f] = b.s * values[f * 3 * n + 3 * b.i + b.k];
    fft(re, im);
    for (let k = 0; k < N; k++) {
      const j = (N - k) & (N - 1);
      power[k] += 0.5 * (re[k] * re[k] + im[k] * im[k] + re[j] * re[j] + im[j] * im[j]);
    }
  }
  im.fill(0);
  fft(power, im, true);
  const sums = power;
  const out = new Float64Array(maxLag + 1);
  for (let m = 0; m <= maxLag; m++) out[m] = sums[m] / ((T - m) * wsum);
  return out;
}
