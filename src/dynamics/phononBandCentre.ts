/**
 * Phonon band centre (Li 2025 SI eq. 8): ω_av = ∫ ω PDOS(ω) dω / ∫ PDOS(ω) dω,
 * by the trapezoid rule over the frequencies given (0 to the Nyquist frequency of the sampling).
 */
import { InputError } from '../core/errors.js';

/** Band centre in the units of `freq`; null (with reason) when the spectrum has no net weight. */
export function phononBandCentre(freq: ArrayLike<number>, pdos: ArrayLike<number>): { centre: number | null; reason?: string } {
  const n = freq.length;
  if (n < 2 || pdos.length !== n) throw new InputError(`band centre needs ≥ 2 frequencies and one PDOS value each; got ${n} and ${pdos.length}`);
  let num = 0,
    den = 0;
  for (let k = 1; k < n; k++) {
    const h = freq[k] - freq[k - 1];
    num += 0.5 * h * (freq[k] * pdos[k] + freq[k - 1] * pdos[k - 1]);
    den += 0.5 * h * (pdos[k] + pdos[k - 1]);
  }
  if (!(Math.abs(den) > 0) || !Number.isFinite(num / den)) return { centre: null, reason: 'the PDOS integrates to zero' };
  return { centre: num / den };
}
