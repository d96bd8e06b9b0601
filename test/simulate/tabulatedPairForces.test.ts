import { describe, expect, it } from 'vitest';
import { Random } from '../../src/core/random';
import { buildAlphaAgI } from '../../src/simulate/alphaAgI';
import { agiForceField, rotorForceField } from '../../src/simulate/forceField';
import { evaluateForces } from '../../src/simulate/forceComputer';
import { runMolecularDynamics } from '../../src/simulate/molecularDynamics';
import { buildPolyanionRotor } from '../../src/simulate/polyanionRotor';

describe('pair table (opt-in): short range + DSF folded into one table per type pair', () => {
  const r = new Random(9);
  const base = buildAlphaAgI({ supercell: 3, seed: 4 });
  const x = base.positions.slice();
  for (let k = 0; k < x.length; k++) x[k] += 0.3 * (2 * r.uniform() - 1);
  const sys = { ...base, positions: x };
  const ff = agiForceField();

  it('energy (1e-6 relative), per-atom energies (1e-4 eV), forces (1e-4 relative RMS) and virial (2e-4) equal the analytic loop', () => {
    const a = evaluateForces(sys, ff), t = evaluateForces(sys, ff, { pairTable: true });
    let num = 0, den = 0, maxPe = 0;
    for (let k = 0; k < a.forces.length; k++) { num += (a.forces[k] - t.forces[k]) ** 2; den += a.forces[k] ** 2; }
    for (let i = 0; i < a.energies.length; i++) maxPe = Math.max(maxPe, Math.abs(a.energies[i] - t.energies[i]));
    expect(Math.abs(t.energy_eV - a.energy_eV) / Math.abs(a.energy_eV)).toBeLessThan(1e-6);
    expect(Math.abs(t.terms.shortRange_eV - a.terms.shortRange_eV)).toBeLessThan(1e-6 * Math.abs(a.energy_eV));
    expect(Math.sqrt(num / den)).toBeLessThan(1e-4); // measured 3.8e-5: close pairs of the ±0.3 Å rattle, where F curves most
    expect(maxPe).toBeLessThan(1e-4); // per-atom energies ≈ −3.7 eV: 3e-5 relative (linear interpolation in r², rattled close pairs)
    expect(Math.abs(t.terms.virial_eV - a.terms.virial_eV)).toBeLessThan(2e-4 * Math.abs(a.terms.virial_eV)); // measured 6.6e-5
  });

  it('a 40-step NVE run stays on the analytic trajectory (|Δx| < 1e-5 Å)', async () => {
    const task = { steps: 40, dt_fs: 2, temperature_K: 600, thermostat: 'none' as const, seed: 3, every: 40 };
    const a = await runMolecularDynamics({ system: base, forceField: ff, ...task });
    const t = await runMolecularDynamics({ system: base, forceField: ff, ...task, pairTable: true });
    let d = 0;
    for (let k = 0; k < a.final.positions.length; k++) d = Math.max(d, Math.abs(a.final.positions[k] - t.final.positions[k]));
    expect(d).toBeLessThan(1e-5);
  });

  it('refuses systems with molecules and Ewald Coulomb (clear errors)', () => {
    const rot = buildPolyanionRotor({ supercell: 2, seed: 1 } as never);
    expect(() => evaluateForces(rot, rotorForceField(), { pairTable: true })).toThrow(/without molecules/);
    expect(() => evaluateForces(sys, agiForceField({ coulomb: 'ewald' }), { pairTable: true })).toThrow(/DSF Coulomb \(or none\)/);
  });
});
