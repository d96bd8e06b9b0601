/**
 * Energy conservation of an MD run: the check that the time step is short enough.
 *
 *   drift  = slope of a least-squares line through the conserved quantity H(t), per atom (meV/atom/ps)
 *   ratio  = std(H) / std(KE)   (Allen & Tildesley, Computer Simulation of Liquids, §3.2: the conserved
 *            quantity should fluctuate far less than the kinetic energy it exchanges with the potential)
 *
 * Velocity Verlet conserves a shadow energy: with a good time step H fluctuates little and does not drift;
 * both grow as Δt² and signal a step too long for the fastest motion (for bonded anions the X–Y stretch).
 * A run is flagged when |drift| > 1 meV/atom/ps or ratio > 0.05 (both settable). H includes the
 * thermostat's energy (Nosé–Hoover) or the heat it exchanged (Langevin), so the check holds in NVT too.
 */
import { linearFit, std } from '../core/stats.js';
import type { ThermoLog } from './thermoLog.js';

export interface EnergyConservation {
  /** Slope of the conserved quantity, meV per atom per ps (null with fewer than 3 logged points). */
  drift_meV_atom_ps: number | null;
  /** std of the conserved quantity over std of the kinetic energy (null with fewer than 3 logged points). */
  fluctuation_ratio: number | null;
  /** Both within their limits. */
  acceptable: boolean;
  /** Why not, when not. */
  reason?: string;
}

/**
 * @param log the run's thermo log (t_fs, kinetic_eV, conserved_eV), at least every few steps
 * @param nAtoms atoms in the system
 * @param dt_fs the time step, for the advice in the reason
 * @param limits largest acceptable |drift| (meV/atom/ps, default 1) and fluctuation ratio (default 0.05)
 */
export function energyConservation(
  log: ThermoLog,
  nAtoms: number,
  dt_fs: number,
  limits: { drift_meV_atom_ps?: number; fluctuationRatio?: number } = {},
): EnergyConservation {
  if (log.t_fs.length < 3)
    return { drift_meV_atom_ps: null, fluctuation_ratio: null, acceptable: true, reason: 'fewer than 3 logged steps: no energy-conservation check' };
  const maxDrift = limits.drift_meV_atom_ps ?? 1,
    maxRatio = limits.fluctuationRatio ?? 0.05;
  const drift = (linearFit(log.t_fs, log.conserved_eV).slope * 1e3 /* eV → meV */ * 1e3) /* per fs → per ps */ / nAtoms;
  const sKE = std(log.kinetic_eV);
  const ratio = sKE > 0 ? std(log.conserved_eV) / sKE : 0;
  const problems: string[] = [];
  if (Math.abs(drift) > maxDrift) problems.push(`the conserved quantity drifts by ${drift.toPrecision(2)} meV/atom/ps (limit ${maxDrift})`);
  if (ratio > maxRatio) problems.push(`it fluctuates ${ratio.toPrecision(2)} × as much as the kinetic energy (limit ${maxRatio})`);
  if (!problems.length) return { drift_meV_atom_ps: drift, fluctuation_ratio: ratio, acceptable: true };
  return {
    drift_meV_atom_ps: drift,
    fluctuation_ratio: ratio,
    acceptable: false,
    reason: `${problems.join('; ')}: the time step ${dt_fs} fs is too long for the fastest motion; halve it`,
  };
}
