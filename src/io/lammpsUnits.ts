/**
 * LAMMPS unit styles (LAMMPS manual, `units` command) and their factors to the code units
 * (Å, Å/fs, eV/Å, eV, e). A dump does not say which style wrote it; readers take it as an option
 * (`lammpsUnits`, CLI `--lammps-units`), default `metal` (Å, ps, eV: velocities Å/ps, so × 1e-3).
 * `lj` (reduced units) has no conversion and is refused.
 *
 * Constants: CODATA 2018 (e = 1.602176634e-19 C, N_A = 6.02214076e23, Bohr 0.529177210903 Å,
 * Hartree 27.211386245988 eV, atomic time unit 2.4188843265857e-2 fs), kcal = 4184 J.
 */
import { InputError, InputErrorLocation } from '../core/errors.js';

export type LammpsUnits = 'metal' | 'real' | 'si' | 'cgs' | 'electron' | 'micro' | 'nano';

export const LAMMPS_UNIT_STYLES: LammpsUnits[] = ['metal', 'real', 'si', 'cgs', 'electron', 'micro', 'nano'];

/** The style assumed when none is given. */
export const DEFAULT_LAMMPS_UNITS: LammpsUnits = 'metal';

/** Multiply a dump's values by these to get Å, Å/fs, eV/Å, eV, e. */
export interface LammpsUnitFactors {
  length_A: number;
  velocity_A_fs: number;
  force_eV_A: number;
  energy_eV: number;
  charge_e: number;
  /** The style's own units, for messages. */
  label: string;
}

const EV_J = 1.602176634e-19;
const KCAL_MOL_EV = 4184 / 6.02214076e23 / EV_J;
const BOHR_A = 0.529177210903,
  HARTREE_EV = 27.211386245988,
  ATU_FS = 2.4188843265857e-2;

const FACTORS: Record<LammpsUnits, LammpsUnitFactors> = {
  metal: { length_A: 1, velocity_A_fs: 1e-3, force_eV_A: 1, energy_eV: 1, charge_e: 1, label: 'Å, Å/ps, eV/Å, eV, e' },
  real: { length_A: 1, velocity_A_fs: 1, force_eV_A: KCAL_MOL_EV, energy_eV: KCAL_MOL_EV, charge_e: 1, label: 'Å, Å/fs, kcal/mol/Å, kcal/mol, e' },
  si: { length_A: 1e10, velocity_A_fs: 1e-5, force_eV_A: 1e-10 / EV_J, energy_eV: 1 / EV_J, charge_e: 1 / EV_J, label: 'm, m/s, N, J, C' },
  cgs: {
    length_A: 1e8,
    velocity_A_fs: 1e-7,
    force_eV_A: (1e-5 * 1e-10) / EV_J,
    energy_eV: 1e-7 / EV_J,
    charge_e: 1 / 2997924580 / EV_J,
    label: 'cm, cm/s, dyne, erg, statcoulomb',
  },
  electron: {
    length_A: BOHR_A,
    velocity_A_fs: BOHR_A / ATU_FS,
    force_eV_A: HARTREE_EV / BOHR_A,
    energy_eV: HARTREE_EV,
    charge_e: 1,
    label: 'Bohr, Bohr/a.u. time, Hartree/Bohr, Hartree, e',
  },
  micro: {
    length_A: 1e4,
    velocity_A_fs: 1e-5,
    force_eV_A: (1e-9 * 1e-10) / EV_J,
    energy_eV: 1e-15 / EV_J,
    charge_e: 1e-12 / EV_J,
    label: 'µm, µm/µs, pg·µm/µs², pg·µm²/µs², pC',
  },
  nano: {
    length_A: 10,
    velocity_A_fs: 1e-5,
    force_eV_A: (1e-12 * 1e-10) / EV_J,
    energy_eV: 1e-21 / EV_J,
    charge_e: 1,
    label: 'nm, nm/ns, ag·nm/ns², ag·nm²/ns², e',
  },
};

/** Factors of a unit style (InputError for `lj` or an unknown name). */
export function lammpsUnitFactors(units: string, where: InputErrorLocation = {}): LammpsUnitFactors {
  if (units === 'lj') throw new InputError('LAMMPS lj (reduced) units cannot be converted to Å/fs/eV; re-dump the run in metal or real units', where);
  const f = FACTORS[units as LammpsUnits];
  if (!f) throw new InputError(`LAMMPS unit style "${units}"; expected one of ${LAMMPS_UNIT_STYLES.join(', ')}`, where);
  return f;
}
