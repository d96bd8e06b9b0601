/**
 * Shannon entropy of mutually exclusive states (one particle or rotor is in exactly one of them),
 * written in the form of Wood 2021 eq. 3.1 and computed by src/sites/shannonEntropy.ts.
 *
 * Eq. 3.1, S = −k_B Σ_i f_i [P_i ln P_i + (1 − P_i) ln(1 − P_i)], counts each class as an
 * independent occupied/empty variable. For states that exclude each other (the orientations of one
 * rotor) that over-counts: two states at ½ each would give 2 ln 2, not ln 2. Asking the exclusive
 * question as a chain of binary ones — "is it in state i, given that it is in none of states 1..i−1?" —
 * makes eq. 3.1 exact (the chain rule of entropy):
 *
 *   f_i = 1 − Σ_{j<i} p_j   (probability that question i is asked),
 *   P_i = p_i / f_i          (conditional occupancy; 0 when f_i = 0),
 *
 * and then S/k_B = −Σ_i f_i [P_i ln P_i + (1 − P_i) ln(1 − P_i)] = −Σ_i p_i ln p_i exactly:
 * 0 for one certain state, ln n for n equally populated states.
 */
import { InputError } from '../core/errors.js';
import { shannonEntropy } from './shannonEntropy.js';

/**
 * Entropy per particle (k_B) of the occupancy `p` of mutually exclusive states (Σ p = 1 within 1e-9),
 * by Wood 2021 eq. 3.1 in its chain form (see the file header).
 */
export function exclusiveStateEntropy(p: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    if (!(p[i] >= 0 && p[i] <= 1)) throw new InputError(`state probability ${i} must lie in [0, 1], got ${p[i]}`);
    sum += p[i];
  }
  if (p.length === 0 || Math.abs(sum - 1) > 1e-9) throw new InputError(`state probabilities must sum to 1, got ${sum} over ${p.length} states`);
  const f: number[] = [],
    P: number[] = [];
  let remaining = 1;
  for (let i = 0; i < p.length; i++) {
    const fi = Math.max(0, remaining);
    f.push(fi);
    P.push(fi > 0 ? Math.min(1, p[i] / fi) : 0);
    remaining -= p[i];
  }
  return shannonEntropy(P, f);
}
