/**
 * All-origins autocorrelation of per-item 3-vectors (velocities, orientations, angular velocities).
 *
 *   C(m) = Σ_i w_i Σ_{t=0}^{T−1−m} x_i(t)·x_i(t+m)  /  [ (T − m) · Σ_i w_i ]
 *
 * i.e. the weighted average over items and over every time origin of the dot product at lag m
 * (Kweon 2017 Fig. 6 for orientations; Li 2025 SI eq. 7 for velocities). Each component's sum over
 * origins is an FFT autocorrelation (Wiener–Khinchin, RealAutocorrelation in src/core/fft.ts), O(T log T) per item; the
 * direct double loop is the test oracle.
 */
import { RealAutocorrelation } from '../core/fft.js';
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
  // RealAutocorrelation (src/core/fft.ts) packs two real series √w_a·a, √w_b·b into one complex
  // FFT, so 3n series cost 3n/2 forward FFTs and one inverse.
  let wsum = 0;
  const parts: { i: number; k: number; s: number }[] = [];
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    if (!(wi >= 0) || !Number.isFinite(wi)) throw new InputError(`weight of item ${i} must be a finite number ≥ 0, got ${wi}`);
    wsum += wi;
    if (wi > 0) for (let k = 0; k < 3; k++) parts.push({ i, k, s: Math.sqrt(wi) });
  }
  if (!(wsum > 0)) throw new InputError('all item weights are zero');
  const ac = new RealAutocorrelation(T, maxLag);
  const power = ac.spectrum();
  const xa = new Float64Array(T),
    xb = new Float64Array(T);
  for (let p = 0; p < parts.length; p += 2) {
    const a = parts[p],
      b = parts[p + 1];
    for (let f = 0; f < T; f++) xa[f] = a.s * values[f * 3 * n + 3 * a.i + a.k];
    if (b) for (let f = 0; f < T; f++) xb[f] = b.s * values[f * 3 * n + 3 * b.i + b.k];
    ac.addPowerSpectra(xa, b ? xb : null, power);
  }
  const sums = new Float64Array(maxLag + 1);
  ac.sumsFromPower(power, null, sums);
  const out = new Float64Array(maxLag + 1);
  for (let m = 0; m <= maxLag; m++) out[m] = sums[m] / ((T - m) * wsum);
  return out;
}
