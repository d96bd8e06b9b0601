/**
 * The built-in model systems of `superionic md` and `si.buildModelSystem` (METHODS §6), each with the
 * force field it was parametrised for:
 * - `agi`: α-AgI rigid-ion model (Vashishta & Rahman, Phys. Rev. Lett. 40, 1337 (1978); bcc I, a = 5.07 Å,
 *   2 Ag per cell on random tetrahedral sites, seeded), src/simulate/alphaAgI.ts;
 * - `rotor`: Li2SO4-type cubic salt with bonded SO4 anions (polyanion-rotor model), src/simulate/polyanionRotor.ts.
 * Their run defaults (supercell, time step) are the ones the models are tested with: α-AgI conserves energy at
 * 5 fs; the S–O stretch of the rotor needs ≤ 1 fs. The papers' materials (src/simulate/paperMaterials.ts) are
 * run with an ML potential instead and default to one conventional cell and 1 fs.
 */
import { InputError } from '../core/errors.js';
import { buildAlphaAgI } from './alphaAgI.js';
import { agiForceField, rotorForceField, type CoulombMethod, type ForceFieldSpec } from './forceField.js';
import type { MDSystem } from './mdSystem.js';
import type { ThermostatKind } from './molecularDynamics.js';
import { buildPolyanionRotor } from './polyanionRotor.js';

/** Names of the built-in model systems. */
export const MODEL_SYSTEMS = ['agi', 'rotor'] as const;
export type ModelSystemName = (typeof MODEL_SYSTEMS)[number];

/** Options of a model system: supercell repeats, seed of its random choices, Coulomb method of its force field. */
export interface ModelSystemOptions {
  supercell?: number;
  seed?: number;
  coulomb?: CoulombMethod;
}

/**
 * A built-in model system and its force field.
 * @throws InputError for a name that is not one of {@link MODEL_SYSTEMS}.
 */
export function buildModelSystem(name: string, opts: ModelSystemOptions = {}): { system: MDSystem; forceField: ForceFieldSpec } {
  const supercell = opts.supercell ?? mdRunDefaults(name).supercell;
  const coulomb = opts.coulomb ?? 'dsf';
  if (name === 'agi') return { system: buildAlphaAgI({ supercell, seed: opts.seed }), forceField: agiForceField({ coulomb }) };
  if (name === 'rotor') return { system: buildPolyanionRotor({ supercell, seed: opts.seed }), forceField: rotorForceField(undefined, { coulomb }) };
  throw new InputError(`model system "${name}": expected ${MODEL_SYSTEMS.join(' or ')}`);
}

/** Default supercell (repeats of the conventional cell) and time step (fs) of an MD run of `system`. */
export function mdRunDefaults(system: string): { supercell: number; dt_fs: number } {
  if (system === 'agi') return { supercell: 4, dt_fs: 5 };
  if (system === 'rotor') return { supercell: 2, dt_fs: 1 };
  return { supercell: 1, dt_fs: 1 }; // a paper material with an ML potential
}

/** Thermostats by their short names (`--thermostat nh|langevin|none`; none = NVE). */
export const THERMOSTAT_NAMES: Readonly<Record<string, ThermostatKind>> = { nh: 'nose-hoover', langevin: 'langevin', none: 'none' };
