/**
 * The --json fields of results printed by more than one command (jsonFields of src/cli/command.ts):
 * `vdos` prints VDOS_FIELDS at the top level and `analyse --vdos` under `vdos`; likewise the van Hove
 * fields for `vanhove` and `analyse --vanhove`. One declaration, so the two schemas cannot drift apart.
 */
import type { FieldType } from './command.js';

/** The VDOS result (dynamics/vibrationalDensityOfStates.ts) as printed. */
export const VDOS_FIELDS: Record<string, FieldType> = {
  t_fs: 'number[]',
  vacf: 'number[]',
  vacf0: 'number',
  freq_THz: 'number[]',
  freq_meV: 'number[]',
  freq_cm1: 'number[]',
  pdos: 'number[]',
  band_centre_THz: 'number',
  band_centre_meV: 'number',
  band_centre_cm1: 'number',
  velocity_source: 'string',
  dt_fs: 'number',
  nyquist_THz: 'number',
  resolution_THz: 'number',
  window: 'string',
  mass_weighted: 'boolean',
  n_items: 'number',
  selection: 'string',
  kinetic_temperature_K: 'number?',
  temperature_K: 'number?',
  kinetic_to_run_temperature: 'number?',
  warning: 'string',
};

/** The van Hove result (dynamics/vanHoveCorrelation.ts) with its species, as printed. */
export const VANHOVE_FIELDS: Record<string, FieldType> = {
  species: 'string',
  r_A: 'number[]',
  t_fs: 'number[]',
  lag_frames: 'number[]',
  self: 'array',
  distinct: 'array?',
  density_A3: 'number',
  origins: 'number[]',
  n_atoms: 'number',
  dr_A: 'number',
  origin_stride: 'number',
};
