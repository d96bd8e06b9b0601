/**
 * Table views (columns for toDataFrame/toCSV) of the dynamics results.
 */
import type { Columns } from '../table.js';
import type { VdosResult } from '../../dynamics/vibrationalDensityOfStates.js';
import type { AnionRotationResult } from '../../dynamics/anionRotation.js';

/** freq in THz, meV, cm⁻¹ and PDOS. */
export function vdosTable(r: VdosResult): Columns {
  return { freq_THz: r.freq_THz, freq_meV: r.freq_meV, freq_cm1: r.freq_cm1, pdos_per_THz: r.pdos };
}

/** One row per rotor: reorientation events and rate. */
export function reorientationTable(r: AnionRotationResult): Columns {
  return {
    rotor: r.rotor_atoms.map((_, q) => q),
    atoms: r.rotor_atoms.map((a) => a.join(' ')),
    events: r.reorientation.frames.map((f) => f.length),
    rate_per_ns: r.reorientation.rate_per_ns,
  };
}

/** Orientation states: centre and occupancy. */
export function orientationStateTable(r: AnionRotationResult): Columns {
  return { theta_deg: r.states.theta_deg, phi_deg: r.states.phi_deg, occupancy: r.states.occupancy };
}
