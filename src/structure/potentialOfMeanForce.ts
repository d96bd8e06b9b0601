/**
 * Free energy along a distance: F(r) = −k_B T ln g(r) (potential of mean force; Li 2025 uses it for
 * the cation–anion-COM distance). Where g = 0 the free energy is undefined: null, not +∞.
 */
import { InputError } from '../core/errors.js';
import { KB_EV_PER_K } from '../core/units.js';

/** F(r) in eV for each bin of g (null where g ≤ 0). */
export function freeEnergyFromRdf(g: ArrayLike<number>, temperature_K: number): (number | null)[] {
  if (!(temperature_K > 0) || !Number.isFinite(temperature_K)) {
    throw new InputError(`temperature must be a positive number of K for F(r) = −k_B T ln g(r), got ${temperature_K}`);
  }
  const kT = KB_EV_PER_K * temperature_K;
  return Array.from(g, (x) => (x > 0 ? -kT * Math.log(x) : null));
}
