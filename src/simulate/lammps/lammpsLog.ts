/**
 * Parse LAMMPS thermo output (log or screen): every block that starts with a header line beginning "Step"
 * and ends at "Loop time"; returns the columns of all blocks concatenated, and LAMMPS's first ERROR line.
 * `thermoLogFromLammps` maps the columns of an MD run (`thermo_style custom step time temp pe ke econserve
 * press`, metal units: time in ps, energies in eV, pressure in bar) to the engine's ThermoLog, and
 * `lammpsDegreesOfFreedom` gives the N_f of LAMMPS's default temperature compute, 3 N − 3 over the atoms
 * it integrates (the mobile ones when anions are frozen).
 */
import { InputError } from '../../core/errors.js';
import type { ThermoLog } from '../thermoLog.js';

export interface LammpsThermoTable {
  columns: string[];
  rows: number[][];
}

export function parseLammpsThermo(text: string): LammpsThermoTable {
  const lines = text.split(/\r?\n/);
  let columns: string[] = [];
  const rows: number[][] = [];
  let inBlock = false;
  for (const line of lines) {
    const t = line.trim();
    if (/^Step\s/.test(t)) {
      columns = t.split(/\s+/);
      inBlock = true;
      continue;
    }
    if (!inBlock) continue;
    if (t.startsWith('Loop time') || t.startsWith('WARNING') || t === '') {
      if (t.startsWith('Loop time')) inBlock = false;
      continue;
    }
    const parts = t.split(/\s+/);
    if (parts.length !== columns.length) continue;
    const vals = parts.map(Number);
    if (vals.every(Number.isFinite)) rows.push(vals);
  }
  return { columns, rows };
}

/** The first "ERROR..." line of LAMMPS output (with the following line if it continues the message), or null. */
export function lammpsErrorLine(text: string): string | null {
  const m = /^(ERROR[^\n]*)/m.exec(text);
  return m ? m[1].trim() : null;
}

/** The thermo columns of an MD run (lammpsInput.ts) and the ThermoLog field each becomes. */
const MD_THERMO_COLUMNS = {
  t_fs: 'Time',
  T_K: 'Temp',
  potential_eV: 'PotEng',
  kinetic_eV: 'KinEng',
  conserved_eV: 'Econserve',
  pressure_bar: 'Press',
};

/**
 * The ThermoLog of a LAMMPS MD run (metal units): Time (ps) → t_fs = 1000 × Time; Temp → T_K; PotEng,
 * KinEng, Econserve → potential_eV, kinetic_eV, conserved_eV; Press → pressure_bar.
 * @throws InputError naming the missing columns when the table lacks one (a log of another thermo_style).
 */
export function thermoLogFromLammps(table: LammpsThermoTable): ThermoLog {
  const missing = Object.values(MD_THERMO_COLUMNS).filter((c) => !table.columns.includes(c));
  if (missing.length)
    throw new InputError(
      `LAMMPS thermo output lacks the column(s) ${missing.join(', ')}; expected ${Object.values(MD_THERMO_COLUMNS).join(' ')}, got ${table.columns.join(' ') || 'no thermo table'}`,
    );
  const col = (name: string) => {
    const k = table.columns.indexOf(name);
    return table.rows.map((row) => row[k]);
  };
  return {
    t_fs: col(MD_THERMO_COLUMNS.t_fs).map((t) => t * 1000),
    T_K: col(MD_THERMO_COLUMNS.T_K),
    potential_eV: col(MD_THERMO_COLUMNS.potential_eV),
    kinetic_eV: col(MD_THERMO_COLUMNS.kinetic_eV),
    conserved_eV: col(MD_THERMO_COLUMNS.conserved_eV),
    pressure_bar: col(MD_THERMO_COLUMNS.pressure_bar),
  };
}

/**
 * Degrees of freedom of LAMMPS's default temperature compute in an MD run of `nAtoms` atoms of which
 * `frozenAtoms` are not integrated (RTVC-frozen anions): N_f = 3 (N − N_frozen) − 3 (the centre-of-mass
 * momentum of the integrated group is fixed).
 */
export function lammpsDegreesOfFreedom(nAtoms: number, frozenAtoms = 0): number {
  return 3 * (nAtoms - frozenAtoms) - 3;
}
