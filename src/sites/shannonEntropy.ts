/**
 * Shannon entropy of a discretised occupancy (Wood 2021, eq. 3.1):
 *
 *   S = −k_B Σ_i f_i [P_i ln P_i + (1 − P_i) ln(1 − P_i)],   0·ln 0 = 0,
 *
 * where P_i is the probability that a state (site, orientation bin, ...) of class i is occupied and
 * f_i the weight of class i (e.g. states of class i per particle). Returned in units of k_B.
 */
import { InputError } from '../core/errors.js';

/** x ln x with 0·ln 0 = 0. */
function xlnx(x: number): number {
  return x > 0 ? x * Math.log(x) : 0;
}

/**
 * Shannon entropy in k_B (Wood 2021 eq. 3.1).
 * @param P occupation probability of each class, each in [0, 1]
 * @param f weight of each class (≥ 0)
 */
export function shannonEntropy(P: ArrayLike<number>, f: ArrayLike<number>): number {
  if (P.length !== f.length) throw new InputError(`P has ${P.length} classes but f has ${f.length}`);
  let s = 0;
  for (let i = 0; i < P.length; i++) {
    const p = P[i],
      w = f[i];
    if (!(p >= 0 && p <= 1)) throw new InputError(`occupation probability of class ${i} must lie in [0, 1], got ${p}`);
    if (!(w >= 0) || !Number.isFinite(w)) throw new InputError(`weight of class ${i} must be a finite number ≥ 0, got ${w}`);
    s -= w * (xlnx(p) + xlnx(1 - p));
  }
  return s;
}
