/**
 * Kinetic energy (re-exported from core), total-momentum removal and seeded Maxwell–Boltzmann velocities.
 * KE = ½ Σ m v² (amu Å²/fs² → eV); T = 2 KE / (N_f k_B). Maxwell–Boltzmann: each component ~ N(0, k_B T / m).
 */
import { Random } from '../core/random.js';
import { AMU_A2_PER_FS2_IN_EV, KB_EV_PER_K } from '../core/units.js';

// Moved to core (analyses use it too); re-exported here so `si.kineticEnergy` and this module's importers are unchanged.
export { kineticEnergy } from '../core/kineticEnergy.js';

/** Remove the total momentum of the atoms with mask 0 in `exclude` (all atoms if no mask). */
export function removeTotalMomentum(v: Float64Array, masses: Float64Array, exclude?: Uint8Array): void {
  let px = 0,
    py = 0,
    pz = 0,
    mt = 0;
  const n = masses.length;
  for (let i = 0; i < n; i++) {
    if (exclude && exclude[i]) continue;
    const m = masses[i];
    px += m * v[3 * i];
    py += m * v[3 * i + 1];
    pz += m * v[3 * i + 2];
    mt += m;
  }
  if (mt === 0) return;
  px /= mt;
  py /= mt;
  pz /= mt;
  for (let i = 0; i < n; i++) {
    if (exclude && exclude[i]) continue;
    v[3 * i] -= px;
    v[3 * i + 1] -= py;
    v[3 * i + 2] -= pz;
  }
}

/** Maxwell–Boltzmann velocities (Å/fs) at T for every atom (frozen atoms, mask 1, get zero). */
export function maxwellBoltzmannVelocities(
  masses: Float64Array,
  temperature_K: number,
  seed: number,
  frozen?: Uint8Array,
  out = new Float64Array(3 * masses.length),
): Float64Array {
  const rng = new Random(seed);
  const kT = KB_EV_PER_K * temperature_K;
  for (let i = 0; i < masses.length; i++) {
    const sd = frozen && frozen[i] ? 0 : Math.sqrt(kT / (masses[i] * AMU_A2_PER_FS2_IN_EV));
    out[3 * i] = sd * rng.normal();
    out[3 * i + 1] = sd * rng.normal();
    out[3 * i + 2] = sd * rng.normal();
  }
  return out;
}
