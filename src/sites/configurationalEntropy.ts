/**
 * Configurational entropy of cations on interstitial sites (Kweon 2017, eq. 1):
 *
 *   S̃ = −k_B Σ_i (N_i / n) [P2_i ln P2_i + (1 − P2_i) ln(1 − P2_i)],   0·ln 0 = 0,
 *
 * with N_i the number of sites of type i, n the number of cations and P2_i = n_i/N_i the mean
 * occupancy of one site of type i. It is the Shannon entropy below with f_i = N_i/n.
 * Returned in units of k_B per cation.
 */
import { InputError } from '../core/errors.js';
import { shannonEntropy } from './shannonEntropy.js';

/**
 * S̃ per cation in k_B (Kweon 2017 eq. 1).
 * @param P2 mean occupancy of one site of each type, each in [0, 1]
 * @param N  number of sites of each type
 * @param n  number of cations (n > 0)
 */
export function configurationalEntropy(P2: ArrayLike<number>, N: ArrayLike<number>, n: number): number {
  if (!(n > 0) || !Number.isFinite(n)) throw new InputError(`configurational entropy needs a positive number of cations, got ${n}`);
  if (P2.length !== N.length) throw new InputError(`P2 has ${P2.length} site types but N has ${N.length}`);
  const f = Array.from(N, (Ni, i) => {
    if (!(Ni >= 0) || !Number.isFinite(Ni)) throw new InputError(`number of sites of type ${i} must be ≥ 0, got ${Ni}`);
    return Ni / n;
  });
  return shannonEntropy(P2, f);
}
