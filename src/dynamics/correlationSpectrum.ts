/**
 * One-sided power spectrum of a real, even time correlation (Wiener–Khinchin):
 *
 *   S(f) = 2 Δt [ w(0)C(0) + 2 Σ_{m=1}^{M−1} w(m) C(m) cos(2π f m Δt) ] · 1e-3 /THz,   f ≥ 0,
 *
 * the cosine transform of the windowed correlation, computed by one FFT of its even extension
 * (zero-padded to a power of two ≥ `pad`·2M for a fine frequency grid). Frequencies in THz
 * (1/fs = 1000 THz). With C(0) = 1 (a normalised correlation) and no window, ∫₀^{f_N} S df = 1
 * up to discretisation, so S is a density of states per THz.
 */
import { fft, nextPow2 } from '../core/fft.js';
import { InputError } from '../core/errors.js';
import { CorrelationWindow, correlationWindow } from './correlationWindow.js';

export interface CorrelationSpectrum {
  /** Frequencies, THz, from 0 to the Nyquist frequency 1/(2Δt). */
  freq_THz: Float64Array;
  /** One-sided spectrum per THz: ∫₀^{f_N} spectrum d(f/THz) = C(0) (unwindowed, fine sampling). */
  spectrum: Float64Array;
  /** Nyquist frequency 1/(2Δt), THz. */
  nyquist_THz: number;
  /** Width of the spectral resolution ≈ 1/(M Δt), THz (before the window's widening). */
  resolution_THz: number;
  window: CorrelationWindow;
}

/**
 * Spectrum of a one-sided correlation `corr` sampled every `dt_fs`.
 * @param pad zero-padding factor (≥ 1) for a finer frequency grid (interpolation only).
 */
export function correlationSpectrum(corr: ArrayLike<number>, dt_fs: number, window: CorrelationWindow = 'hann', pad = 4): CorrelationSpectrum {
  const M = corr.length;
  if (M < 2) throw new InputError(`a spectrum needs a correlation of at least 2 lags, got ${M}`);
  if (!(dt_fs > 0) || !Number.isFinite(dt_fs)) throw new InputError(`time step must be a positive number of fs, got ${dt_fs}`);
  const w = correlationWindow(window, M);
  const n = nextPow2(Math.max(2, Math.ceil(pad)) * M);
  const re = new Float64Array(n),
    im = new Float64Array(n);
  re[0] = w[0] * corr[0];
  for (let m = 1; m < M; m++) {
    const v = w[m] * corr[m];
    if (!Number.isFinite(v)) throw new InputError(`correlation value at lag ${m} is not finite (${corr[m]})`);
    re[m] = v;
    re[n - m] = v;
  }
  fft(re, im);
  const nf = n / 2 + 1;
  const freq = new Float64Array(nf),
    spec = new Float64Array(nf);
  // f_k = k / (n Δt) in 1/fs, ×1000 → THz. Two-sided S(f) = Δt·Re X_k in C·fs; one-sided and per THz
  // (1 THz = 1e-3 fs⁻¹): 2·Δt·Re X_k·1e-3, so that ∫ S d(f/THz) = C(0).
  for (let k = 0; k < nf; k++) {
    freq[k] = (1000 * k) / (n * dt_fs);
    spec[k] = 2 * dt_fs * re[k] * 1e-3;
  }
  return { freq_THz: freq, spectrum: spec, nyquist_THz: 500 / dt_fs, resolution_THz: 1000 / (M * dt_fs), window };
}
