/**
 * Kinetic energy of a set of atoms (classical):
 *
 *   KE = ½ Σ_i m_i |v_i|²     (m in amu, v in Å/fs; 1 amu Å²/fs² = 103.6427 eV)
 *
 * Used by the MD engine (thermostats, energy conservation) and by analyses of recorded velocities
 * (kinetic temperature, T = 2 KE / (N_f k_B)); it lives in core so analyses need not import the engine.
 */
import { AMU_A2_PER_FS2_IN_EV } from './units.js';

/**
 * Kinetic energy in eV.
 * @param v      velocities, atom-major (x, y, z per atom), Å/fs
 * @param masses per atom, amu (its length is the number of atoms)
 */
export function kineticEnergy(v: Float64Array, masses: Float64Array): number {
  let s = 0;
  for (let i = 0, n = masses.length; i < n; i++) {
    s += masses[i] * (v[3 * i] * v[3 * i] + v[3 * i + 1] * v[3 * i + 1] + v[3 * i + 2] * v[3 * i + 2]);
  }
  return 0.5 * s * AMU_A2_PER_FS2_IN_EV;
}
