/**
 * Effective cation size in a Born–Mayer force field: move the repulsive wall of every pair term of
 * species M outward by Δ per M in the pair (Δ for M–X, 2Δ for M–M), i.e. V′(r) = V(r − kΔ) with k the
 * number of M in the pair. For the Born–Mayer term A e^(−r/ρ) this is exact with A′ = A e^(kΔ/ρ)
 * (Pauling/Shannon ionic radii enter pair repulsions this way: the contact distance r_M + r_X grows
 * by Δ). Used for the cation-size series of Kweon 2017 Fig. 6 (Li, Na, K, Rb, Cs closo-borates) on the
 * polyanion-rotor model: a knob on size only (charges and masses unchanged). Terms of another form
 * (H r^−η, P r^−4, W r^−6) cannot be shifted within the same functional form and are refused.
 */
import { InputError } from '../core/errors.js';
import type { ForceFieldSpec } from './forceField.js';

/**
 * A copy of `spec` whose pair terms involving `species` are shifted outward by `delta_A` per cation in
 * the pair (negative Δ shrinks the cation). Throws InputError when a term of M has a non-Born–Mayer part.
 */
export function shiftCationRadius(spec: ForceFieldSpec, species: string, delta_A: number): ForceFieldSpec {
  if (!Number.isFinite(delta_A)) throw new InputError(`cation radius shift must be a finite number of Å, got ${delta_A}`);
  if (!spec.pairs.some((p) => p.a === species || p.b === species))
    throw new InputError(`the force field "${spec.name}" has no pair term of ${species} to shift`);
  const pairs = spec.pairs.map((p) => {
    const k = (p.a === species ? 1 : 0) + (p.b === species ? 1 : 0);
    if (k === 0 || delta_A === 0) return { ...p };
    if (p.H || p.P || p.W)
      throw new InputError(`pair ${p.a}–${p.b} has r^−n terms (H, P or W): only a Born–Mayer term A e^(−r/ρ) can be shifted exactly`);
    if (!(p.A !== undefined && p.rho !== undefined && p.rho > 0)) return { ...p };
    return { ...p, A: p.A * Math.exp((k * delta_A) / p.rho) };
  });
  const name = `${spec.name}, ${species} radius ${delta_A >= 0 ? '+' : ''}${delta_A} Å`;
  return { ...spec, name, pairs };
}
