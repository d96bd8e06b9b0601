import { KB_EV_PER_K } from '../../src/core/units';
import { describe, expect, test } from 'vitest';
import { Random } from '../../src/core/random';
import { buildAlphaAgI } from '../../src/simulate/alphaAgI';
import { buildPolyanionRotor } from '../../src/simulate/polyanionRotor';
import { agiForceField, rotorForceField } from '../../src/simulate/forceField';
import { evaluateForces } from '../../src/simulate/forceComputer';
import { runLammps } from '../../src/simulate/lammps';
import { runMolecularDynamics } from '../../src/simulate/molecularDynamics';
import { relaxFIRE } from '../../src/simulate/fireRelaxation';
import type { MDSystem } from '../../src/simulate/mdSystem';
import type { Trajectory } from '../../src/core/trajectory';
import { meanSquaredDisplacement } from '../../src/transport/meanSquaredDisplacement';
import { linearFit } from '../../src/core/stats';

function rattle(s: MDSystem, amp: number, seed: number): MDSystem {
  const r = new Random(seed),
    x = s.positions.slice();
  for (let k = 0; k < x.length; k++) x[k] += amp * (2 * r.uniform() - 1);
  return { ...s, positions: x };
}

/** Virial pressure (no velocities) in bar from our virial, and LAMMPS's thermo Press of step 0. */
function pressures(a: { terms: { virial_eV: number } }, volume: number, thermo: { columns: string[]; rows: number[][] }) {
  return { ours: (a.terms.virial_eV / (3 * volume)) * 1.602176634e6, lammps: thermo.rows[0][thermo.columns.indexOf('Press')] };
}

function compare(a: { energy_eV: number; forces: Float64Array; energies: Float64Array }, t: Trajectory) {
  const f = t.forces!,
    e = t.energies!;
  let num = 0,
    den = 0,
    maxPe = 0;
  for (let k = 0; k < f.length; k++) {
    num += (f[k] - a.forces[k]) ** 2;
    den += a.forces[k] ** 2;
  }
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
    const P = pressures(ours, s.cell.volume, lmp.thermo);
    console.log(
      `AgI DSF vs LAMMPS: ΔE/E ${c.relE.toExponential(2)}, rel RMS ΔF ${c.relF.toExponential(2)}, max Δe_i ${c.maxPe.toExponential(2)} eV, P ${P.ours.toFixed(2)} vs ${P.lammps.toFixed(2)} bar`,
    );
    expect(Math.abs(P.ours - P.lammps)).toBeLessThan(1e-4 * Math.abs(P.lammps) + 0.5); // virial: same tolerance as forces
    expect(c.relE).toBeLessThan(1e-6);
    expect(c.relF).toBeLessThan(1e-5);
    expect(c.maxPe).toBeLessThan(1e-5);
  });

  test('AgI, DSF folded into one combined pair table, atom sorting on: forces and (with the DSF self energy) energy agree; a short NVE run stays on our trajectory', async () => {
    // One table per type pair (short range + DSF Coulomb up to 12 Å), interpolated linearly in r²: same
    // 1e-5 tolerances as the overlay setup. LAMMPS's pe omits the constant DSF self energy (returned separately).
    const s = rattle(buildAlphaAgI({ supercell: 3, seed: 4 }), 0.3, 2);
    const ff = agiForceField();
    const ours = evaluateForces(s, ff);
    const lmp = await runLammps(s, ff, { kind: 'energy' }, { pairTable: 'combined', atomSort: true });
    expect(lmp.dsfSelfEnergy_eV).toBeLessThan(0);
    const f = lmp.trajectory.forces!;
    let num = 0,
      den = 0;
    for (let k = 0; k < f.length; k++) {
      num += (f[k] - ours.forces[k]) ** 2;
      den += ours.forces[k] ** 2;
    }
    const relE = Math.abs(lmp.trajectory.frameEnergies_eV![0] + lmp.dsfSelfEnergy_eV! - ours.energy_eV) / Math.abs(ours.energy_eV);
    console.log(`AgI combined table vs ours: ΔE/E ${relE.toExponential(2)} (self energy added), rel RMS ΔF ${Math.sqrt(num / den).toExponential(2)}`);
    expect(relE).toBeLessThan(1e-6);
    expect(Math.sqrt(num / den)).toBeLessThan(1e-5);
    // 40 NVE steps of 2 fs from the same velocities: positions equal to 1e-5 Å (table interpolation, round-off).
    const sys = { ...buildAlphaAgI({ supercell: 3, seed: 5 }) };
    const task = { dt_fs: 2, temperature_K: 600, thermostat: 'none' as const, every: 40 };
    const lr = await runLammps(sys, ff, { kind: 'md', steps: 40, seed: 3, ...task }, { pairTable: 'combined', atomSort: true });
    const v0 = lr.trajectory.velocities!.subarray(0, 3 * (sys.positions.length / 3));
    const mine = await runMolecularDynamics({ system: { ...sys, velocities: Float64Array.from(v0) }, forceField: ff, steps: 40, seed: 3, ...task });
    const xl = lr.trajectory.framePositions(lr.trajectory.nFrames - 1),
      xo = mine.final.positions;
    let dmax = 0;
    for (let k = 0; k < xl.length; k++) dmax = Math.max(dmax, Math.abs(xl[k] - xo[k]));
    console.log(`AgI combined table: max |Δx| after 40 NVE steps ${dmax.toExponential(2)} Å`);
    expect(dmax).toBeLessThan(1e-5);
  });

  test('AgI, Ewald (LAMMPS kspace_style ewald 1e-8): energies and forces agree', async () => {
    // Both are Ewald sums converged to ~1e-8 relative; LAMMPS uses the A&S erfc (1e-7) in coul/long. Tolerances 1e-5.
    const s = rattle(buildAlphaAgI({ supercell: 3, seed: 4 }), 0.3, 2);
    const ff = agiForceField({ coulomb: 'ewald' });
    const ours = evaluateForces(s, ff);
    const lmp = await runLammps(s, ff, { kind: 'energy' }, { kspace: 'ewald', kspaceAccuracy: 1e-8 });
    const c = compare(ours, lmp.trajectory);
    const P = pressures(ours, s.cell.volume, lmp.thermo);
    console.log(
      `AgI Ewald vs LAMMPS: ΔE/E ${c.relE.toExponential(2)}, rel RMS ΔF ${c.relF.toExponential(2)}, max Δe_i ${c.maxPe.toExponential(2)} eV, P ${P.ours.toFixed(2)} vs ${P.lammps.toFixed(2)} bar`,
    );
    expect(Math.abs(P.ours - P.lammps)).toBeLessThan(1e-4 * Math.abs(P.lammps) + 0.5); // checks the Ewald virial Σ E_k(1 − k²/2α²)
    expect(c.relE).toBeLessThan(1e-5);
    expect(c.relF).toBeLessThan(1e-4);
  });

  test('polyanion rotor (Buckingham + DSF + bonds + angles): energies and forces agree', async () => {
    const s = rattle(buildPolyanionRotor({ supercell: 1, randomTilt_rad: 0.3, seed: 3 }), 0.05, 5);
    const ff = rotorForceField();
    const ours = evaluateForces(s, ff);
    const lmp = await runLammps(s, ff, { kind: 'energy' });
    const c = compare(ours, lmp.trajectory);
    const P = pressures(ours, s.cell.volume, lmp.thermo);
    console.log(
      `rotor vs LAMMPS: ΔE/E ${c.relE.toExponential(2)}, rel RMS ΔF ${c.relF.toExponential(2)}, max Δe_i ${c.maxPe.toExponential(2)} eV, P ${P.ours.toFixed(2)} vs ${P.lammps.toFixed(2)} bar`,
    );
    expect(Math.abs(P.ours - P.lammps)).toBeLessThan(1e-4 * Math.abs(P.lammps) + 0.5); // includes bond and angle virials
    expect(c.relE).toBeLessThan(1e-6);
    expect(c.relF).toBeLessThan(1e-5);
    expect(c.maxPe).toBeLessThan(1e-5);
  });
});

/**
 * D of the Ag ions from one trajectory, with a block error: the run is cut into `nb` blocks, in each the MSD
 * (all time origins, transport's FFT MSD) is fitted linearly over lags [t0, t1], D = slope/6; the mean over
 * blocks and its standard error std/√nb.
 */
function diffusionWithError(t: Trajectory, nb: number, t0: number, t1: number): { D: number; err: number } {
  const ag = t.indicesOf('Ag'),
    sub = t.selectAtoms(ag),
    dt = t.frameInterval_fs();
  const L = Math.floor(sub.nFrames / nb),
    n = ag.length,
    Ds: number[] = [];
  for (let b = 0; b < nb; b++) {
    const pos = sub.positions.subarray(b * L * 3 * n, (b + 1) * L * 3 * n);
    const msd = meanSquaredDisplacement(pos, n, L, dt);
    const xs: number[] = [],
      ys: number[] = [];
    for (let m = 0; m < L; m++)
      if (msd.t_fs[m] >= t0 && msd.t_fs[m] <= t1) {
        xs.push(msd.t_fs[m]);
        ys.push(msd.msd_A2[m]);
      }
    Ds.push(linearFit(xs, ys).slope / 6);
  }
  const mean = Ds.reduce((a, b) => a + b, 0) / nb;
  const sd = Math.sqrt(Ds.reduce((a, b) => a + (b - mean) ** 2, 0) / (nb - 1));
  return { D: mean, err: sd / Math.sqrt(nb) };
}

describe('built-in engine vs LAMMPS dynamics', () => {
  test('short NVT runs give Ag diffusion coefficients that agree within their statistical errors', async () => {
    // 3×3×3 α-AgI (108 atoms), 700 K, Nosé–Hoover (τ = 100 fs), dt = 10 fs (stable for these heavy ions),
    // 2 ps equilibration + 20 ps, frames every 50 fs. Tolerance: |D_builtin − D_lammps| < 3 σ (σ = combined block standard errors, 5 blocks).
    const sys = buildAlphaAgI({ supercell: 3, seed: 6 });
    const ff = agiForceField();
    const task = { dt_fs: 10, temperature_K: 700, thermostat: 'nose-hoover' as const, tau_fs: 100, every: 5 };
    const eqSteps = 200,
      steps = 2200;
    // LAMMPS runs as a child process while the built-in engine runs here (two cores).
    const [lmp, ours] = await Promise.all([
      runLammps(sys, ff, { kind: 'md', steps, seed: 12, ...task }),
      runMolecularDynamics({ system: sys, forceField: ff, steps, seed: 11, ...task, progressInterval_ms: 50 }),
    ]);
    expect(lmp.trajectory.nFrames).toBe(ours.trajectory!.nFrames);
    const cut = (t: Trajectory) => t.sliceFrames(eqSteps / task.every);
    const a = diffusionWithError(cut(ours.trajectory!), 5, 500, 2000);
    const b = diffusionWithError(cut(lmp.trajectory), 5, 500, 2000);
    const Tl = lmp.thermo.rows.map((r) => r[lmp.thermo.columns.indexOf('Temp')]);
    const Tmean = Tl.slice(Tl.length / 5).reduce((x, y) => x + y, 0) / (Tl.length * 0.8);
    console.log(`wall: built-in ${ours.wallTime_s} s, LAMMPS ${lmp.wallTime_s} s (loop ${lmp.loopTime_s} s)`);
    console.log(
      `D_Ag(700 K): built-in ${(a.D * 0.1).toExponential(3)} ± ${(a.err * 0.1).toExponential(1)} cm²/s, LAMMPS ${(b.D * 0.1).toExponential(3)} ± ${(b.err * 0.1).toExponential(1)} cm²/s; LAMMPS <T> ${Tmean.toFixed(0)} K`,
    );
    expect(a.D).toBeGreaterThan(0);
    expect(Math.abs(a.D - b.D)).toBeLessThan(3 * Math.hypot(a.err, b.err));
  });
});

describe('LAMMPS driver errors', () => {
  test('a missing lmp binary is a clear error', async () => {
    await expect(runLammps(buildAlphaAgI({ supercell: 1 }), agiForceField(), { kind: 'energy' }, { lmp: '/nonexistent/lmp' })).rejects.toThrow(
      /LAMMPS executable "\/nonexistent\/lmp" not found/,
    );
  });
  test("LAMMPS's own ERROR line is quoted", async () => {
    // Atoms closer than the table's inner radius make LAMMPS stop with "Pair distance < table inner cutoff".
    const s = buildAlphaAgI({ supercell: 2 });
    const x = s.positions.slice();
    x[3 * 20] = x[3 * 21] + 0.3;
    x[3 * 20 + 1] = x[3 * 21 + 1];
    x[3 * 20 + 2] = x[3 * 21 + 2];
    await expect(runLammps({ ...s, positions: x }, agiForceField(), { kind: 'energy' })).rejects.toThrow(/LAMMPS failed: ERROR.*table inner cutoff/);
  });
  test('a hung run is killed by the timeout', async () => {
    const s = buildAlphaAgI({ supercell: 3 });
    await expect(
      runLammps(
        s,
        agiForceField(),
        { kind: 'md', steps: 10_000_000, dt_fs: 5, temperature_K: 600, seed: 1, every: 1000000 },
        { timeout_s: 3, tablePoints: 2000 },
      ),
    ).rejects.toThrow(/did not finish within 3 s/);
  });
});

describe('LAMMPS static relaxation and frozen anions', () => {
  test('minimize (FIRE) reaches the force tolerance; per-atom energies sum to the total; matches built-in FIRE energy', async () => {
    // LAMMPS stops on the 2-norm of the global force vector (ftol), stricter than our max-|F| criterion.
    const s = buildAlphaAgI({ supercell: 2, seed: 5 });
    const ff = agiForceField();
    const l = await runLammps(s, ff, { kind: 'minimize', fmax_eV_A: 1e-4, maxSteps: 5000 });
    const t = l.trajectory,
      n = t.nAtoms;
    let fmax = 0;
    for (let i = 0; i < n; i++) fmax = Math.max(fmax, Math.hypot(t.forces![3 * i], t.forces![3 * i + 1], t.forces![3 * i + 2]));
    expect(fmax).toBeLessThan(1e-4);
    expect(Math.abs(t.energies!.reduce((a, b) => a + b, 0) - l.energy_eV)).toBeLessThan(1e-8);
    // Our FIRE from the same start: the same local minimum (energy within 1 meV for the 32-atom cell), and our
    // force field at LAMMPS's relaxed positions gives LAMMPS's energy to 1e-6 relative.
    const ours = relaxFIRE(s, ff, { fmax_eV_A: 1e-4, maxSteps: 10000 });
    console.log(`relaxed energy: LAMMPS ${l.energy_eV.toFixed(6)} eV, built-in FIRE ${ours.energy_eV.toFixed(6)} eV`);
    expect(Math.abs(ours.energy_eV - l.energy_eV)).toBeLessThan(1e-3);
    const atL = evaluateForces({ ...s, positions: t.positions.slice(0, 3 * n) }, ff);
    expect(Math.abs(atL.energy_eV - l.energy_eV) / Math.abs(l.energy_eV)).toBeLessThan(1e-6);
  });

  test('RTVC in LAMMPS: anions stay frozen while the cations move', async () => {
    const s = buildPolyanionRotor({ supercell: 1, seed: 3 });
    const l = await runLammps(
      s,
      rotorForceField(),
      { kind: 'md', steps: 200, dt_fs: 1, temperature_K: 500, seed: 3, every: 200 },
      { constraint: { mode: 'RTVC' } },
    );
    const last = l.trajectory.frame(l.trajectory.nFrames - 1);
    let anion = 0,
      cation = 0;
    for (let a = 0; a < 28; a++) {
      const d = Math.hypot(
        last.positions[3 * a] - s.positions[3 * a],
        last.positions[3 * a + 1] - s.positions[3 * a + 1],
        last.positions[3 * a + 2] - s.positions[3 * a + 2],
      );
      if (a < 20) anion = Math.max(anion, d);
      else cation = Math.max(cation, d);
    }
    expect(anion).toBeLessThan(1e-9);
    expect(cation).toBeGreaterThan(0.02);
    // Temp is over the 8 mobile Li only (3·8 − 3 degrees of freedom): Temp = 2 KE / ((3·8 − 3) k_B) on every
    // thermo line (KE of the frozen anions is 0). It used to be over all 28 atoms (thermo_style reset thermo_modify).
    const col = (n: string) => l.thermo.columns.indexOf(n);
    for (const row of l.thermo.rows) {
      const T = row[col('Temp')],
        ke = row[col('KinEng')];
      expect(Math.abs(T - (2 * ke) / ((3 * 8 - 3) * KB_EV_PER_K))).toBeLessThan(1e-3 * Math.max(T, 1));
    }
  });
});
