// What `superionic md` used to compute itself, now library functions a notebook calls identically:
// the model systems with their force fields and run defaults, the anions a constraint acts on, and the
// LAMMPS thermo columns and degrees of freedom of an MD run (checked against LAMMPS's own thermo output).
import { describe, expect, test } from 'vitest';
import { KB_EV_PER_K } from '../../src/core/units';
import { InputError } from '../../src/core/errors';
import {
  atomsInMolecules,
  buildModelSystem,
  lammpsDegreesOfFreedom,
  mdRunDefaults,
  moleculesWithFormula,
  parseLammpsThermo,
  runLammps,
  THERMOSTAT_NAMES,
  thermoLogFromLammps,
} from '../../src/simulate';

describe('model systems', () => {
  test('agi and rotor with their force fields; defaults per system; unknown names refused', () => {
    const agi = buildModelSystem('agi', { supercell: 1, seed: 2 });
    // bcc I (2 per cell) and 2 Ag per cell
    expect(agi.system.topology.species.length).toBe(4);
    expect(agi.forceField.coulomb.method).toBe('dsf');
    const rotor = buildModelSystem('rotor', { supercell: 1, coulomb: 'ewald' });
    expect(rotor.forceField.coulomb.method).toBe('ewald');
    expect(mdRunDefaults('agi')).toEqual({ supercell: 4, dt_fs: 5 });
    expect(mdRunDefaults('rotor')).toEqual({ supercell: 2, dt_fs: 1 });
    expect(mdRunDefaults('li3ycl6')).toEqual({ supercell: 1, dt_fs: 1 });
    expect(() => buildModelSystem('nacl')).toThrow(InputError);
    expect(THERMOSTAT_NAMES).toEqual({ nh: 'nose-hoover', langevin: 'langevin', none: 'none' });
  });

  test('moleculesWithFormula: SO4 in any element order, "all", none of a formula', () => {
    const { system } = buildModelSystem('rotor', { supercell: 1 });
    const nS = system.topology.species.filter((s) => system.topology.symbols[s] === 'S').length;
    expect(nS).toBeGreaterThan(0);
    const so4 = moleculesWithFormula(system, 'SO4');
    expect(so4.length).toBe(nS); // one SO4 per S
    expect(moleculesWithFormula(system, 'O4S')).toEqual(so4);
    expect(moleculesWithFormula(system, 'all')).toEqual(so4);
    expect(atomsInMolecules(system, so4)).toBe(5 * nS);
    expect(() => moleculesWithFormula(system, 'PS4')).toThrow(/no molecule has the composition PS4/);
    const agi = buildModelSystem('agi', { supercell: 1 }).system;
    expect(() => moleculesWithFormula(agi, 'all')).toThrow(/no molecules/);
  });
});

describe('LAMMPS thermo of an MD run', () => {
  test('columns mapped with units (ps → fs); a table of another thermo_style is refused naming the columns', () => {
    const log = `Step Time Temp PotEng KinEng Econserve Press\n0 0 500 -10 1 -9 100\n10 0.01 510 -10.5 1.2 -9.3 120\nLoop time of 0.1`;
    const t = thermoLogFromLammps(parseLammpsThermo(log));
    expect(t).toEqual({
      t_fs: [0, 10],
      T_K: [500, 510],
      potential_eV: [-10, -10.5],
      kinetic_eV: [1, 1.2],
      conserved_eV: [-9, -9.3],
      pressure_bar: [100, 120],
    });
    expect(() => thermoLogFromLammps(parseLammpsThermo('Step PotEng KinEng TotEng Press\n0 1 2 3 4\n'))).toThrow(
      /lacks the column\(s\) Time, Temp, Econserve; expected Time Temp PotEng KinEng Econserve Press, got Step PotEng KinEng TotEng Press/,
    );
  });

  test('RTVC rotor in real LAMMPS: T_K = 2 KE / (N_f k_B) with N_f = lammpsDegreesOfFreedom (3 × mobile − 3) on every line', async () => {
    const { system, forceField } = buildModelSystem('rotor', { supercell: 1, seed: 3 });
    const frozen = moleculesWithFormula(system, 'all'); // LAMMPS's RTVC freezes every molecule
    const n = system.topology.species.length;
    const r = await runLammps(
      system,
      forceField,
      { kind: 'md', steps: 40, dt_fs: 1, temperature_K: 500, seed: 3, every: 10 },
      { constraint: { mode: 'RTVC' } },
    );
    const t = thermoLogFromLammps(r.thermo);
    const dof = lammpsDegreesOfFreedom(n, atomsInMolecules(system, frozen));
    expect(dof).toBe(3 * (n - atomsInMolecules(system, frozen)) - 3);
    expect(t.t_fs).toEqual([0, 10, 20, 30, 40]);
    for (let k = 0; k < t.T_K.length; k++) expect(t.T_K[k]).toBeCloseTo((2 * t.kinetic_eV[k]) / (dof * KB_EV_PER_K), 2); // thermo prints ~6 digits
  }, 60_000);
});
