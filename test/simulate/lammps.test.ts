import { describe, expect, test } from 'vitest';
import { Random } from '../../src/core/random';
import { buildAlphaAgI } from '../../src/simulate/alphaAgI';
import { buildPolyanionRotor } from '../../src/simulate/polyanionRotor';
import { agiForceField, rotorForceField } from '../../src/simulate/forceField';
import { evaluateForces } from '../../src/simulate/forceComputer';
import { runLammps } from '../../src/simulate/lammps';
import { runMolecularDynamics } from '../../src/simulate/molecularDynamics';
import type { MDSystem } from '../../src/simulate/mdSystem';
import type { Trajectory } from '../../src/core/trajectory';
import { meanSquaredDisplacement } from '../../src/transport/meanSquaredDisplacement';
import { linearFit } from '../../src/core/stats';

function rattle(s: MDSystem, amp: number, seed: number): MDSystem {
  const r = new Random(seed), x = s.positions.slice();
  for (let k = 0; k < x.length; k++) x[k] += amp * (2 * r.uniform() - 1);
  return { ...s, positions: x };
}

function compare(a: { energy_eV: number; forces: Float64Array; energies: Float64Array }, t: Trajectory) {
  const f = t.forces!, e = t.energies!;
  let num = 0, den = 0, maxPe = 0;
  for (let k = 0; k < f.length; k++) { num += (f[k] - a.forces[k]) ** 2; den += a.forces[k] ** 2; }
  for (let i = 0; i < e.length; i++) maxPe = Math.max(maxPe, Math.abs(e[i] - a.energies[i]));
  return { relE: Math.abs(t.frameEnergies_eV![0] - a.energy_eV) / Math.abs(a.energy_eV), relF: Math.sqrt(num / den), maxPe };
}

describe('built-in engine vs real LAMMPS (serial /usr/bin/lmp)', () => {
  test('AgI, DSF: energies, per-atom energies and forces agree', async () => {
    // Same formulas; the only difference is LAMMPS's linear interpolation in r² of the 40000-point pair tables,
    // ~1e-7 relative. Stated tolerances: total energy 1e-6 relative, per-atom energies 1e-5 eV, forces 1e-5 relative RMS.
    const s = rattle(buildAlphaAgI({ supercell: 3, seed: 4 }), 0.3, 2);
    const ff = agiForceField();
    const ours = evaluateForces(s, ff);
    const lmp = await runLammps(s, ff, { kind: 'energy' });
    const c = compare(ours, lmp.trajectory);
    console.log(`AgI DSF vs LAMMPS: ΔE/E ${c.relE.toExponential(2)}, rel RMS ΔF ${c.relF.toExponential(2)}, max Δe_i ${c.maxPe.toExponential(2)} eV`);
    expect(c.relE).toBeLessThan(1e-6);
    expect(c.relF).toBeLessThan(1e-5);
    expect(c.maxPe).toBeLessThan(1e-5);
  });

  test('AgI, Ewald (LAMMPS kspace_style ewald 1e-8): energies and forces agree', async () => {
    // Both are Ewald sums converged to ~1e-8 relative; LAMMPS uses the A&S erfc (1e-7) in coul/long. Tolerances 1e-5.
    const s = rattle(buildAlphaAgI({ supercell: 3, seed: 4 }), 0.3, 2);
    const ff = agiForceField({ coulomb: 'ewald' });
    const ours = evaluateForces(s, ff);
    const lmp = await runLammps(s, ff, { kind: 'energy' }, { kspace: 'ewald', kspaceAccuracy: 1e-8 });
    const c = compare(ours, lmp.trajectory);
    console.log(`AgI Ewald vs LAMMPS: ΔE/E ${c.relE.toExponential(2)}, rel RMS ΔF ${c.relF.toExponential(2)}, max Δe_i ${c.maxPe.toExponential(2)} eV`);
    expect(c.relE).toBeLessThan(1e-5);
    expect(c.relF).toBeLessThan(1e-4);
  });

  test('polyanion rotor (Buckingham + DSF + bonds + angles): energies and forces agree', async () => {
    const s = rattle(buildPolyanionRotor({ supercell: 1, randomTilt_rad: 0.3, seed: 3 }), 0.05, 5);
    const ff = rotorForceField();
    const ours = evaluateForces(s, ff);
    const lmp = await runLammps(s, ff, { kind: 'energy' });
    const c = compare(ours, lmp.trajectory);
    console.log(`rotor vs LAMMPS: ΔE/E ${c.relE.toExponential(2)}, rel RMS ΔF ${c.relF.toExponential(2)}, max Δe_i ${c.maxPe.toExponential(2)} eV`);
    expect(c.relE).toBeLessThan(1e-6);
    expect(c.relF).toBeLessThan(1e-5);
    expect(c.maxPe).toBeLessThan(1e-5);
  });
});
