/**
 * Kinetic temperature of a set of atoms from their velocities (equipartition):
 *
 *   T_kin = ⟨Σ_i m_i |v_i|²⟩_frames / (3 N k_B)
 *
 * with m in amu and v in Å/fs (1 amu Å²/fs² = 103.6427 eV), N atoms, 3 degrees of freedom each, no
 * constraint or drift removed (for a subset of a large system, such as one species, the drift of the
 * whole cell is negligible against thermal speeds). A VDOS check: velocities whose T_kin is far from the
 * run's temperature were taken with a wrong time stamp or in wrong units (a time step 10× too long
 * gives T_kin 100× too low), and then every frequency is scaled by the same wrong factor.
 */
import { InputError } from '../core/errors.js';
import { KB_EV_PER_K } from '../core/units.js';
import { kineticEnergy } from '../core/kineticEnergy.js';

/**
 * Mean kinetic temperature (K) over frames.
 * @param velocities frame-major, nFrames × nAtoms × 3, Å/fs
 * @param masses     per atom, amu (length nAtoms)
 */
export function kineticTemperature(velocities: Float64Array, masses: ArrayLike<number>, nFrames: number): number {
  const n = masses.length;
  if (n === 0 || nFrames < 1) throw new InputError(`kinetic temperature needs ≥ 1 atom and ≥ 1 frame, got ${n} atoms, ${nFrames} frames`);
  if (velocities.length !== 3 * n * nFrames)
    throw new InputError(`velocities hold ${velocities.length} numbers, expected 3 × ${n} atoms × ${nFrames} frames`);
  const m = Float64Array.from(masses);
  for (let i = 0; i < n; i++) if (!(m[i] > 0)) throw new InputError(`atom ${i} has mass ${m[i]} amu; expected > 0`);
  let ke = 0;
  for (let f = 0; f < nFrames; f++) ke += kineticEnergy(velocities.subarray(3 * n * f, 3 * n * (f + 1)), m);
  ke /= nFrames;
  return (2 * ke) / (3 * n * KB_EV_PER_K);
}
