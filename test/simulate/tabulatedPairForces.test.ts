import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { Random } from '../../src/core/random';
import { topologyFromSymbols } from '../../src/core/topology';
import { COULOMB_EV_A } from '../../src/core/units';
import { energyConservation } from '../../src/simulate/energyConservation';
import { erfcTimesExpFast } from '../../src/simulate/erfc';
import { dsfConstants } from '../../src/simulate/pairForces';
import { buildAlphaAgI } from '../../src/simulate/alphaAgI';
import { agiForceField, rotorForceField, shortRangeForce } from '../../src/simulate/forceField';
import { evaluateForces, ForceComputer } from '../../src/simulate/forceComputer';
import { runMolecularDynamics } from '../../src/simulate/molecularDynamics';
import { buildPolyanionRotor } from '../../src/simulate/polyanionRotor';

describe('pair table (the default where allowed): short range + DSF folded into one cubic table per type pair', () => {
  const r = new Random(9);
  const base = buildAlphaAgI({ supercell: 3, seed: 4 });
  const x = base.positions.slice();
  for (let k = 0; k < x.length; k++) x[k] += 0.3 * (2 * r.uniform() - 1);
  const sys = { ...base, positions: x };
  const ff = agiForceField();
  const x0Len = base.positions.length;

  it('energy (1e-8 relative), per-atom energies (2e-7 eV), forces (5e-7 relative RMS) and virial (1e-6) equal the analytic loop', () => {
    const a = evaluateForces(sys, ff, { pairTable: false }),
      t = evaluateForces(sys, ff, { pairTable: true });
    let num = 0,
      den = 0,
      maxPe = 0;
    for (let k = 0; k < a.forces.length; k++) {
      num += (a.forces[k] - t.forces[k]) ** 2;
      den += a.forces[k] ** 2;
    }
    for (let i = 0; i < a.energies.length; i++) maxPe = Math.max(maxPe, Math.abs(a.energies[i] - t.energies[i]));
    // Measured (2,000 nodes, cubic Hermite in r²): energy 3.4e-9, forces 1.1e-7 relative RMS (close pairs of the ±0.3 Å
    // rattle, where F curves most), per-atom energies 3.6e-8 eV, virial 1.8e-7 (the former linear 20,000-point table: 4e-5 on forces).
    expect(Math.abs(t.energy_eV - a.energy_eV) / Math.abs(a.energy_eV)).toBeLessThan(1e-8);
    expect(Math.abs(t.terms.shortRange_eV - a.terms.shortRange_eV)).toBeLessThan(1e-8 * Math.abs(a.energy_eV));
    expect(Math.sqrt(num / den)).toBeLessThan(5e-7);
    expect(maxPe).toBeLessThan(2e-7);
    expect(Math.abs(t.terms.virial_eV - a.terms.virial_eV)).toBeLessThan(1e-6 * Math.abs(a.terms.virial_eV));
  });

  it('a 40-step NVE run stays on the analytic trajectory (|Δx| < 1e-7 Å; measured 1.1e-8)', async () => {
    const task = { steps: 40, dt_fs: 2, temperature_K: 600, thermostat: 'none' as const, seed: 3, every: 40 };
    const a = await runMolecularDynamics({ system: base, forceField: ff, ...task, pairTable: false });
    const t = await runMolecularDynamics({ system: base, forceField: ff, ...task, pairTable: true });
    let d = 0;
    for (let k = 0; k < a.final.positions.length; k++) d = Math.max(d, Math.abs(a.final.positions[k] - t.final.positions[k]));
    expect(d).toBeLessThan(1e-7);
  });

  it('the force of one pair equals the analytic form at 1,000 distances per type pair in 2–12 Å (1e-6 of max(|F|, 1 eV/Å)), on both sides of the short-range cutoff', () => {
    // Two atoms in a big box: the pair force from the table against shortRangeForce + the DSF Coulomb force.
    const spec = agiForceField();
    const { fShift } = dsfConstants(0.1, 12);
    const q = { Ag: 0.5815, I: -0.5815 } as Record<string, number>;
    const rr = new Random(5);
    let worst = 0;
    for (const [a, b] of [
      ['Ag', 'Ag'],
      ['Ag', 'I'],
      ['I', 'I'],
    ]) {
      const term = spec.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a))!;
      const rs = [9.999999, 10.000001, 11.9999];
      for (let k = 0; k < 1000; k++) rs.push(2 + 9.99 * rr.uniform());
      const sys2 = { topology: topologyFromSymbols([a, b]), cell: Cell.orthorhombic(40, 40, 40), positions: new Float64Array(6) };
      const fc = new ForceComputer(sys2, spec, { pairTable: true, skin_A: 0 });
      const f = new Float64Array(6),
        pe = new Float64Array(2);
      for (const r of rs) {
        const x = Float64Array.from([5, 5, 5, 5 + r, 5, 5]);
        fc.compute(x, f, pe, false, false);
        const al = 0.1,
          qq = COULOMB_EV_A * q[a] * q[b];
        const fC =
          r < 12
            ? qq *
              (erfcTimesExpFast(al * r, Math.exp(-al * al * r * r)) / (r * r) +
                (((2 * al) / Math.sqrt(Math.PI)) * Math.exp(-al * al * r * r)) / r +
                fShift)
            : 0;
        const want = (r < 10 ? shortRangeForce(term, r) : 0) + fC;
        worst = Math.max(worst, Math.abs(f[3] - want) / Math.max(Math.abs(want), 1));
      }
    }
    expect(worst).toBeLessThan(1e-6); // measured 1.3e-7 (Ag–I near its force zero at 2.46 Å)
  });

  it('NVE at the default 5 fs step conserves energy as well as the analytic loop (α-AgI 250 atoms, 600 steps)', async () => {
    const s5 = buildAlphaAgI({ supercell: 4, seed: 2 });
    const task = { steps: 600, dt_fs: 5, temperature_K: 600, thermostat: 'none' as const, seed: 3, every: 600, thermoEvery: 10 };
    const a = await runMolecularDynamics({ system: s5, forceField: ff, ...task, pairTable: false });
    const t = await runMolecularDynamics({ system: s5, forceField: ff, ...task, pairTable: true });
    const n = s5.positions.length / 3;
    const ea = energyConservation(a.thermo, n, 5),
      et = energyConservation(t.thermo, n, 5);
    expect(et.acceptable).toBe(true);
    expect(Math.abs(et.drift_meV_atom_ps!)).toBeLessThan(0.01); // both ≈ 1e-4 (measured); the flag limit is 1
    expect(et.fluctuation_ratio!).toBeLessThan(1.2 * ea.fluctuation_ratio! + 1e-4);
  });

  it('skipped-energy steps: the thermo log and frames carry energies of their own step', async () => {
    const task = { steps: 28, dt_fs: 5, temperature_K: 600, seed: 3, every: 14, thermoEvery: 7, pairTable: true };
    const run = await runMolecularDynamics({ system: base, forceField: ff, ...task });
    const traj = run.trajectory!;
    for (let fr = 0; fr < traj.nFrames; fr++) {
      const x = traj.positions.slice(fr * x0Len, (fr + 1) * x0Len);
      const e = evaluateForces({ ...base, positions: x }, ff, { pairTable: true }).energy_eV;
      expect(Math.abs(traj.frameEnergies_eV![fr] - e)).toBeLessThan(1e-9 * Math.abs(e));
      const k = run.thermo.t_fs.indexOf(traj.times_fs![fr]);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(Math.abs(run.thermo.potential_eV[k] - e)).toBeLessThan(1e-9 * Math.abs(e));
    }
  });

  it('is the default for systems without molecules and with DSF or no Coulomb; the analytic loop otherwise or with pairTable: false', () => {
    expect(new ForceComputer(sys, ff).tabulated).toBe(true);
    expect(new ForceComputer(sys, ff, { pairTable: false }).tabulated).toBe(false);
    expect(new ForceComputer(sys, agiForceField({ coulomb: 'ewald' })).tabulated).toBe(false);
    expect(new ForceComputer(buildPolyanionRotor({ supercell: 2, seed: 1 } as never), rotorForceField()).tabulated).toBe(false);
    // The default is the table itself: same forces as pairTable: true, bit for bit.
    const d = evaluateForces(sys, ff),
      t = evaluateForces(sys, ff, { pairTable: true });
    expect(Array.from(d.forces)).toEqual(Array.from(t.forces));
  });

  it('refuses systems with molecules and Ewald Coulomb (clear errors)', () => {
    const rot = buildPolyanionRotor({ supercell: 2, seed: 1 } as never);
    expect(() => evaluateForces(rot, rotorForceField(), { pairTable: true })).toThrow(/without molecules/);
    expect(() => evaluateForces(sys, agiForceField({ coulomb: 'ewald' }), { pairTable: true })).toThrow(/DSF Coulomb \(or none\)/);
  });
});
