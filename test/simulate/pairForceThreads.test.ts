// Two-core pair forces (src/simulate/pairForceThreads.ts; workers load dist/, built by `npm test`): the sum over
// pairs regrouped by row blocks equals the one-thread sum to round-off, and a run with T threads repeats bit for bit.
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/core/random';
import { buildAlphaAgI } from '../../src/simulate/alphaAgI';
import { agiForceField, rotorForceField } from '../../src/simulate/forceField';
import { evaluateForces, ForceComputer } from '../../src/simulate/forceComputer';
import { runMolecularDynamics } from '../../src/simulate/molecularDynamics';
import { buildPolyanionRotor } from '../../src/simulate/polyanionRotor';

describe('pair forces on 2 and 3 threads equal one thread', () => {
  const base = buildAlphaAgI({ supercell: 4, seed: 2 });
  const r = new Random(11);
  const x = base.positions.slice();
  for (let k = 0; k < x.length; k++) x[k] += 0.2 * (2 * r.uniform() - 1);
  const sys = { ...base, positions: x };
  const ff = agiForceField();

  it('forces (1e-13 relative RMS), energies, per-atom energies and virial (1e-12 relative) for 2 and 3 threads', () => {
    const one = evaluateForces(sys, ff);
    for (const threads of [2, 3]) {
      const many = evaluateForces(sys, ff, { threads });
      let num = 0,
        den = 0,
        pe = 0;
      for (let k = 0; k < one.forces.length; k++) {
        num += (one.forces[k] - many.forces[k]) ** 2;
        den += one.forces[k] ** 2;
      }
      for (let i = 0; i < one.energies.length; i++) pe = Math.max(pe, Math.abs(one.energies[i] - many.energies[i]));
      expect(Math.sqrt(num / den)).toBeLessThan(1e-13);
      expect(pe).toBeLessThan(1e-12);
      expect(Math.abs(many.energy_eV - one.energy_eV)).toBeLessThan(1e-12 * Math.abs(one.energy_eV));
      expect(Math.abs(many.terms.virial_eV - one.terms.virial_eV)).toBeLessThan(1e-12 * Math.abs(one.terms.virial_eV));
    }
  });

  it('a 60-step NVT run through list rebuilds: 2 threads within 1e-9 Å of one thread, and bit-identical run to run', async () => {
    const task = { steps: 60, dt_fs: 5, temperature_K: 900, seed: 3, every: 30, thermoEvery: 10, skin_A: 0.3 };
    const one = await runMolecularDynamics({ system: base, forceField: ff, ...task });
    const twoA = await runMolecularDynamics({ system: base, forceField: ff, ...task, threads: 2 });
    const twoB = await runMolecularDynamics({ system: base, forceField: ff, ...task, threads: 2 });
    let d = 0;
    for (let k = 0; k < one.final.positions.length; k++) d = Math.max(d, Math.abs(one.final.positions[k] - twoA.final.positions[k]));
    expect(d).toBeLessThan(1e-9);
    expect(Array.from(twoA.final.positions)).toEqual(Array.from(twoB.final.positions));
    expect(twoA.thermo.potential_eV).toEqual(twoB.thermo.potential_eV);
    for (let k = 0; k < one.thermo.potential_eV.length; k++)
      expect(Math.abs(twoA.thermo.potential_eV[k] - one.thermo.potential_eV[k])).toBeLessThan(1e-9 * Math.abs(one.thermo.potential_eV[k]));
  });

  it('needs the pair table: molecules or pairTable false with threads > 1 are clear errors; threads must be a whole number ≥ 1', () => {
    const rot = buildPolyanionRotor({ supercell: 2, seed: 1 } as never);
    expect(() => new ForceComputer(rot, rotorForceField(), { threads: 2 })).toThrow(/threads > 1 needs the pair-table path.*molecules/);
    expect(() => new ForceComputer(sys, ff, { threads: 2, pairTable: false })).toThrow(/pairTable: false/);
    expect(() => new ForceComputer(sys, ff, { threads: 0 })).toThrow(/threads must be an integer/);
    expect(() => new ForceComputer(sys, ff, { threads: 1.5 })).toThrow(/threads must be an integer/);
  });
});
