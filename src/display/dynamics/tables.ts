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

/** Orientation states: centre, smoothed density, false-alarm probability, occupancy. */
export function orientationStateTable(r: AnionRotationResult): Columns {
  return {
    theta_deg: r.states.theta_deg,
    phi_deg: r.states.phi_deg,
    density_per_sr: r.states.density_per_sr,
    false_alarm_probability: r.states.false_alarm_probability,
    occupancy: r.states.occupancy,
  };
}
