/**
 * Taper windows applied to a one-sided time correlation C(m), m = 0..M−1, before its Fourier
 * transform, so the truncation at the last lag does not ring (Gibbs sidelobes) in the spectrum.
 *
 * The window is the right half of a symmetric window spanning lags −M..M (value 1 at m = 0 and 0
 * at m = M), so the even extension of the windowed correlation is smooth:
 *   Hann:     w(m) = ½[1 + cos(π m / M)]
 *   Blackman: w(m) = 0.42 + 0.5 cos(π m / M) + 0.08 cos(2π m / M)
 *   none:     w(m) = 1 (rectangular; sharpest peaks, strongest ringing)
 * Hann trades a main lobe ≈ 2/(M·Δt) wide for sidelobes at −31 dB; Blackman is wider (≈ 3/(M·Δt))
 * with −58 dB sidelobes.
 */
import { InputError } from '../core/errors.js';

export type CorrelationWindow = 'hann' | 'blackman' | 'none';

/** The taper w(m), m = 0..M−1, for a one-sided correlation of M lags. */
export function correlationWindow(kind: CorrelationWindow, M: number): Float64Array {
  const w = new Float64Array(M);
  for (let m = 0; m < M; m++) {
    const x = (Math.PI * m) / M;
    if (kind === 'hann') w[m] = 0.5 * (1 + Math.cos(x));
    else if (kind === 'blackman') w[m] = 0.42 + 0.5 * Math.cos(x) + 0.08 * Math.cos(2 * x);
    else if (kind === 'none') w[m] = 1;
    else throw new InputError(`unknown window "${kind as string}"; expected hann, blackman or none`);
  }
  return w;
}
