import { describe, expect, test } from 'vitest';
import { buildAlphaAgI } from '../../src/simulate/alphaAgI';
import { buildPolyanionRotor } from '../../src/simulate/polyanionRotor';
import { agiForceField, rotorForceField } from '../../src/simulate/forceField';
import { runMolecularDynamics, MDIntegrator } from '../../src/simulate/molecularDynamics';
import { AnionConstraints } from '../../src/simulate/anionConstraints';
import { relaxFIRE, relaxTrajectoryFrames } from '../../src/simulate/fireRelaxation';
import { mean, std } from '../../src/core/stats';
import { unwrapTrajectory } from '../../src/geometry/unwrap';

// Small fast AgI system: 2×2×2 cubic cells (32 atoms), short-range cutoff 10 Å, DSF Coulomb (defaults).
const agi = () => buildAlphaAgI({ supercell: 2, seed: 5 });

/** Mean and its standard error from block averages (10 blocks). */
function blockMean(x: number[]): { mean: number; err: number } {
  const nb = 10,
    L = Math.floor(x.length / nb),
    b: number[] = [];
  for (let k = 0; k < nb; k++) b.push(mean(x.slice(k * L, (k + 1) * L)));
  return { mean: mean(b), err: std(b) / Math.sqrt(nb) };
}

describe('integrators and thermostats', () => {
  test('NVE: conserved energy drifts less than 2 meV/atom over 10 ps (dt = 5 fs, 600 K)', async () => {
    // Velocity Verlet is symplectic: the energy error oscillates (~(dt·ω)² KE) without drift, except for the
    // force discontinuity at the cutoff (energies shifted, forces not) and the skinned list; 2 meV/atom over 10 ps
    // is ~1 % of kT at 600 K.
    const r = await runMolecularDynamics({
      system: agi(),
      forceField: agiForceField(),
      dt_fs: 5,
      steps: 2000,
      temperature_K: 600,
      seed: 1,
      thermostat: 'none',
      every: 2000,
      thermoEvery: 10,
    });
    const c = r.thermo.conserved_eV,
      n = 32;
    const first = mean(c.slice(0, 20)),
      last = mean(c.slice(-20));
    const drift = Math.abs(last - first) / n;
    const fluct = std(c) / n;
    console.log(
      `NVE 10 ps: drift ${(drift * 1000).toFixed(3)} meV/atom, fluctuation ${(fluct * 1000).toFixed(3)} meV/atom, mean T ${mean(r.thermo.T_K).toFixed(0)} K`,
    );
    expect(drift).toBeLessThan(2e-3);
    expect(fluct).toBeLessThan(2e-3);
    expect(r.thermo.t_fs[r.thermo.t_fs.length - 1]).toBe(10000);
  });

  for (const thermostat of ['nose-hoover', 'langevin'] as const) {
    test(`NVT (${thermostat}): mean T and its fluctuation are canonical`, async () => {
      // 30 ps at 600 K after 2 ps equilibration, sampled every 10 fs. Canonical: <T> = 600 K and
      // std(T)/<T> = √(2/N_f) with N_f = 3·32 − 3 = 93 → 0.1467. Tolerance for <T>: 4 block standard errors + 1 %;
      // for the relative fluctuation 20 % (its own sampling error with ~100 independent samples is ~7 %).
      const r = await runMolecularDynamics({
        system: agi(),
        forceField: agiForceField(),
        dt_fs: 5,
        steps: 6400,
        temperature_K: 600,
        seed: 2,
        thermostat,
        tau_fs: 100,
        every: 6400,
        thermoEvery: 2,
      });
      expect(r.degreesOfFreedom).toBe(93);
      const T = r.thermo.T_K.slice(200);
      const { mean: mT, err } = blockMean(T);
      const rel = std(T) / mT,
        canon = Math.sqrt(2 / 93);
      console.log(`${thermostat}: <T> = ${mT.toFixed(1)} ± ${err.toFixed(1)} K, std/<T> = ${rel.toFixed(4)} (canonical ${canon.toFixed(4)})`);
      expect(Math.abs(mT - 600)).toBeLessThan(4 * err + 6);
      expect(Math.abs(rel / canon - 1)).toBeLessThan(0.2);
      // The extended-system conserved quantity stays put (NHC exactly conserved; Langevin with heat bookkeeping).
      const c = r.thermo.conserved_eV;
      expect(Math.abs(c[c.length - 1] - c[0]) / 32).toBeLessThan(5e-3);
    });
  }

  test('same seed ⇒ bit-identical run; another seed differs', async () => {
    const opts = { system: agi(), forceField: agiForceField(), dt_fs: 5, steps: 60, temperature_K: 600, thermostat: 'langevin' as const, every: 20 };
    const a = await runMolecularDynamics({ ...opts, seed: 42 });
    const b = await runMolecularDynamics({ ...opts, seed: 42 });
    const c = await runMolecularDynamics({ ...opts, seed: 43 });
    expect(Buffer.from(a.trajectory!.positions.buffer).equals(Buffer.from(b.trajectory!.positions.buffer))).toBe(true);
    expect(Buffer.from(a.trajectory!.velocities!.buffer).equals(Buffer.from(b.trajectory!.velocities!.buffer))).toBe(true);
    expect(a.thermo.conserved_eV).toEqual(b.thermo.conserved_eV);
    expect(Buffer.from(a.trajectory!.positions.buffer).equals(Buffer.from(c.trajectory!.positions.buffer))).toBe(false);
  });

  test('initial velocities: zero total momentum and exactly the requested temperature', () => {
    const md = new MDIntegrator({ system: agi(), forceField: agiForceField(), dt_fs: 5, steps: 0, temperature_K: 450, seed: 9 });
    expect(md.temperature_K).toBeCloseTo(450, 9);
    let px = 0,
      py = 0,
      pz = 0;
    for (let i = 0; i < md.n; i++) {
      px += md.masses[i] * md.v[3 * i];
      py += md.masses[i] * md.v[3 * i + 1];
      pz += md.masses[i] * md.v[3 * i + 2];
    }
    expect(Math.hypot(px, py, pz)).toBeLessThan(1e-12);
  });

  test('a run can be stopped cleanly (shouldStop / AbortSignal) and reports progress', async () => {
    let calls = 0;
    const ctl = new AbortController();
    const r = await runMolecularDynamics({
      system: agi(),
      forceField: agiForceField(),
      dt_fs: 5,
      steps: 100000,
      temperature_K: 600,
      seed: 1,
      every: 10,
      progressInterval_ms: 0,
      signal: ctl.signal,
      onProgress: (p) => {
        calls++;
        if (p.step >= 64) ctl.abort();
      },
    });
    expect(r.stopped).toBe(true);
    expect(r.stepsDone).toBeGreaterThanOrEqual(64);
    expect(r.stepsDone).toBeLessThan(200);
    expect(calls).toBeGreaterThan(0);
    expect(r.trajectory!.nFrames).toBe(Math.floor(r.stepsDone / 10) + 1);
  });

  test('Nosé–Hoover at 0 K is refused with the reason (its masses scale with k_B·T), not a NaN blow-up', async () => {
    await expect(
      runMolecularDynamics({ system: agi(), forceField: agiForceField(), dt_fs: 5, steps: 10, temperature_K: 0, seed: 1, thermostat: 'nose-hoover' }),
    ).rejects.toThrow(/Nosé–Hoover thermostat needs a target temperature > 0 K/);
  });

  test('a time step that blows up is a clear error, not NaN', async () => {
    await expect(
      runMolecularDynamics({ system: agi(), forceField: agiForceField(), dt_fs: 150, steps: 400, temperature_K: 600, seed: 1, thermostat: 'none' }),
    ).rejects.toThrow(/blew up at step \d+/);
  });
});

describe('anion-mode constraints on the polyanion rotor (Li 2025; Yang 2024)', () => {
  const rotor = () => buildPolyanionRotor({ supercell: 1, seed: 3 });
  const base = {
    forceField: rotorForceField(),
    dt_fs: 1,
    steps: 1500,
    temperature_K: 500,
    seed: 4,
    thermostat: 'langevin' as const,
    tau_fs: 200,
    every: 25,
  };
  const frames = (r: Awaited<ReturnType<typeof runMolecularDynamics>>) =>
    Array.from({ length: r.trajectory!.nFrames }, (_, f) => r.trajectory!.frame(f));

  /** Angular momentum of molecule m about its COM (amu Å²/fs) in frame positions/velocities. */
  function angularMomentum(sys: ReturnType<typeof rotor>, x: Float64Array, v: Float64Array, m: number): number {
    const ms = sys.molecules!,
      mass = sys.topology.masses;
    let M = 0;
    const c = [0, 0, 0];
    for (let k = ms.offsets[m]; k < ms.offsets[m + 1]; k++) {
      const a = ms.atoms[k];
      M += mass[a];
      for (let d = 0; d < 3; d++) c[d] += mass[a] * x[3 * a + d];
    }
    for (let d = 0; d < 3; d++) c[d] /= M;
    const L = [0, 0, 0];
    for (let k = ms.offsets[m]; k < ms.offsets[m + 1]; k++) {
      const a = ms.atoms[k],
        r = [x[3 * a] - c[0], x[3 * a + 1] - c[1], x[3 * a + 2] - c[2]],
        p = [mass[a] * v[3 * a], mass[a] * v[3 * a + 1], mass[a] * v[3 * a + 2]];
      L[0] += r[1] * p[2] - r[2] * p[1];
      L[1] += r[2] * p[0] - r[0] * p[2];
      L[2] += r[0] * p[1] - r[1] * p[0];
    }
    return Math.hypot(L[0], L[1], L[2]);
  }

  test('UC: anions librate (orientation drifts, angular momentum ≠ 0) — the contrast for RC', async () => {
    const sys = rotor();
    const r = await runMolecularDynamics({ ...base, system: sys });
    const ref = new AnionConstraints('RC', sys); // only used to measure orientation
    const dev = Math.max(...frames(r).map((fr) => Math.max(...ref.orientationDeviation_rad(fr.positions))));
    const L = Math.max(...frames(r).map((fr) => angularMomentum(sys, fr.positions, fr.velocities!, 0)));
    console.log(`UC: max orientation deviation ${((dev * 180) / Math.PI).toFixed(2)}°, max |L| ${L.toExponential(2)}`);
    expect(dev).toBeGreaterThan(0.05);
    expect(L).toBeGreaterThan(1e-3);
  });

  /** Angular momentum of the rigid-body (Eckart) rotation of molecule m: Σ m_i a_i × v_i with a_i its reference positions about the COM. */
  const eckartAngularMomentum = (sys: ReturnType<typeof rotor>, v: Float64Array, m: number) => angularMomentum(sys, sys.positions, v, m);

  test('RC: zero rigid-body (Eckart) angular momentum, orientation exactly kept, molecules still translate and vibrate', async () => {
    const sys = rotor();
    const r = await runMolecularDynamics({ ...base, system: sys, constraint: { mode: 'RC' } });
    const u = await runMolecularDynamics({ ...base, system: sys });
    expect(r.degreesOfFreedom).toBe(3 * 28 - 3 - 3 * 4);
    const cons = new AnionConstraints('RC', sys);
    let maxLe = 0,
      maxDev = 0,
      maxCom = 0,
      maxBond = 0,
      sumL2 = 0,
      sumL2uc = 0,
      nL = 0;
    const uf = frames(u);
    frames(r).forEach((fr, f) => {
      for (let m = 0; m < 4; m++) {
        maxLe = Math.max(maxLe, eckartAngularMomentum(sys, fr.velocities!, m));
        sumL2 += angularMomentum(sys, fr.positions, fr.velocities!, m) ** 2;
        sumL2uc += angularMomentum(sys, uf[f].positions, uf[f].velocities!, m) ** 2;
        nL++;
        const c = cons.centreOfMass(fr.positions, m),
          c0 = cons.centreOfMass(sys.positions, m);
        maxCom = Math.max(maxCom, Math.hypot(c[0] - c0[0], c[1] - c0[1], c[2] - c0[2]));
      }
      maxDev = Math.max(maxDev, ...cons.orientationDeviation_rad(fr.positions));
      const x = fr.positions; // S–O bond length wiggle of anion 0 (atoms 0 and 1)
      maxBond = Math.max(maxBond, Math.abs(Math.hypot(x[3] - x[0], x[4] - x[1], x[5] - x[2]) - 1.5));
    });
    const rmsL = Math.sqrt(sumL2 / nL),
      rmsLuc = Math.sqrt(sumL2uc / nL);
    console.log(
      `RC: max Eckart |L| ${maxLe.toExponential(2)}, rms |L| about the COM ${rmsL.toExponential(2)} (UC ${rmsLuc.toExponential(2)}), max orientation deviation ${maxDev.toExponential(2)} rad, max COM displacement ${maxCom.toFixed(3)} Å, bond wiggle ${maxBond.toFixed(3)} Å`,
    );
    expect(maxLe).toBeLessThan(1e-10); // projected every step: round-off only
    expect(rmsL).toBeLessThan(0.2 * rmsLuc); // what is left about the COM is the small vibrational (Coriolis) part
    expect(maxDev).toBeLessThan(1e-9); // the Eckart condition is linear in x: the orientation is kept exactly
    expect(maxCom).toBeGreaterThan(0.02); // the anion still translates...
    expect(maxBond).toBeGreaterThan(0.005); // ...and vibrates
  });

  test('RC and RTC conserve the Nosé–Hoover conserved quantity like UC: drift ∝ Δt², no constraint-made heat', async () => {
    // 224-atom rotor salt at 600 K, 1 ps per run. The drift rate is the slope of the conserved quantity. A
    // constraint that is not a proper (RATTLE-like) projection adds a drift that does not shrink with Δt
    // (the former rotate-back-to-reference scheme: ≈ 1 meV/atom/ps at both 1 and 0.5 fs).
    const sys = buildPolyanionRotor({ supercell: 2, seed: 1 });
    const driftRate = async (mode: 'UC' | 'RC' | 'RTC', dt: number) => {
      const steps = Math.round(1000 / dt);
      const r = await runMolecularDynamics({
        system: sys,
        forceField: rotorForceField(),
        dt_fs: dt,
        steps,
        temperature_K: 600,
        seed: 3,
        thermostat: 'nose-hoover',
        tau_fs: 100,
        every: steps,
        thermoEvery: Math.round(20 / dt),
        keepTrajectory: false,
        constraint: mode === 'UC' ? undefined : { mode },
      });
      const t = r.thermo.t_fs,
        c = r.thermo.conserved_eV;
      const mt = mean(t),
        mc = mean(c);
      let sxy = 0,
        sxx = 0;
      for (let k = 0; k < t.length; k++) {
        sxy += (t[k] - mt) * (c[k] - mc);
        sxx += (t[k] - mt) ** 2;
      }
      return ((Math.abs(sxy / sxx) * 1000) / sys.topology.species.length) * 1000; // meV/atom/ps
    };
    const out: string[] = [];
    for (const mode of ['RC', 'RTC'] as const) {
      const d1 = await driftRate(mode, 1),
        dHalf = await driftRate(mode, 0.5);
      out.push(`${mode}: ${d1.toFixed(3)} (1 fs), ${dHalf.toFixed(3)} (0.5 fs) meV/atom/ps`);
      expect(d1).toBeLessThan(0.4);
      expect(dHalf).toBeLessThan(0.5 * d1);
    }
    console.log(`conserved-quantity drift: ${out.join('; ')}`);
  });

  test('RTC: also fixes each COM; RTVC freezes the molecules', async () => {
    const sys = rotor();
    const r = await runMolecularDynamics({ ...base, steps: 600, system: sys, constraint: { mode: 'RTC' } });
    expect(r.degreesOfFreedom).toBe(3 * 28 - 3 - 6 * 4);
    const cons = new AnionConstraints('RTC', sys);
    let maxCom = 0,
      maxBond = 0;
    for (const fr of frames(r)) {
      for (let m = 0; m < 4; m++) {
        const c = cons.centreOfMass(fr.positions, m),
          c0 = cons.centreOfMass(sys.positions, m);
        maxCom = Math.max(maxCom, Math.hypot(c[0] - c0[0], c[1] - c0[1], c[2] - c0[2]));
      }
      const x = fr.positions;
      maxBond = Math.max(maxBond, Math.abs(Math.hypot(x[3] - x[0], x[4] - x[1], x[5] - x[2]) - 1.5));
    }
    expect(maxCom).toBeLessThan(1e-10);
    expect(maxBond).toBeGreaterThan(0.005);

    const f = await runMolecularDynamics({ ...base, steps: 600, system: sys, constraint: { mode: 'RTVC' } });
    expect(f.degreesOfFreedom).toBe(3 * 8 - 3);
    const last = f.trajectory!.frame(f.trajectory!.nFrames - 1);
    let maxMove = 0,
      maxV = 0,
      cationMove = 0;
    for (let a = 0; a < 28; a++) {
      const dx = Math.hypot(
        last.positions[3 * a] - sys.positions[3 * a],
        last.positions[3 * a + 1] - sys.positions[3 * a + 1],
        last.positions[3 * a + 2] - sys.positions[3 * a + 2],
      );
      if (a < 20) {
        maxMove = Math.max(maxMove, dx);
        maxV = Math.max(maxV, Math.abs(last.velocities![3 * a]));
      } else cationMove = Math.max(cationMove, dx);
    }
    expect(maxMove).toBe(0);
    expect(maxV).toBe(0);
    expect(cationMove).toBeGreaterThan(0.05);
  });

  test('constraint on a subset of molecules leaves the others free', async () => {
    const sys = rotor();
    const r = await runMolecularDynamics({ ...base, steps: 400, system: sys, constraint: { mode: 'RTVC', molecules: [1] } });
    expect(r.degreesOfFreedom).toBe(3 * 23 - 3);
    const last = r.trajectory!.frame(r.trajectory!.nFrames - 1);
    expect(last.positions[3 * 5]).toBe(sys.positions[3 * 5]); // atom 5 = X of molecule 1
    expect(last.positions[0]).not.toBe(sys.positions[0]);
  });
});

describe('polyanion-rotor force field stability', () => {
  // Regression: with Lewis–Catlow's O–O −C/r⁶ term and no S–O repulsion between anions, an O fell into a
  // neighbouring SO4 within ~0.4 ps at 1500 K ("atoms 95 (S) and 154 (O) are 0.485 Å apart").
  test('2×2×2 rotor salt stays a solid with whole anions for 4 ps at 1500 K (Langevin, dt 2 fs)', async () => {
    const sys = buildPolyanionRotor({ supercell: 2, seed: 1 });
    const r = await runMolecularDynamics({
      system: sys,
      forceField: rotorForceField(),
      dt_fs: 2,
      steps: 2000,
      temperature_K: 1500,
      seed: 2,
      thermostat: 'langevin',
      tau_fs: 50,
      every: 100,
    });
    const traj = r.trajectory!,
      last = traj.frame(traj.nFrames - 1),
      first = traj.frame(0);
    const top = sys.topology,
      sym = Array.from(top.species, (k) => top.symbols[k]),
      cell = last.cell!;
    // every S keeps its four O within 1.8 Å (bond r0 = 1.5 Å), and no inter-anion S–O or O–O pair is closer than 1.5 Å (the collapse reached 0.49 Å)
    let minInter = Infinity,
      maxBond = 0;
    const mol = new Int32Array(sym.length).fill(-1);
    const ms = sys.molecules!;
    for (let m = 0; m < ms.offsets.length - 1; m++) for (let k = ms.offsets[m]; k < ms.offsets[m + 1]; k++) mol[ms.atoms[k]] = m;
    const d = (i: number, j: number) => cell.distance(last.positions, i, last.positions, j);
    for (let i = 0; i < sym.length; i++)
      for (let j = i + 1; j < sym.length; j++) {
        if (sym[i] === 'Li' || sym[j] === 'Li' || (sym[i] === 'S' && sym[j] === 'S')) continue;
        const r_ij = d(i, j);
        if (mol[i] === mol[j]) {
          if ((sym[i] === 'S') !== (sym[j] === 'S')) maxBond = Math.max(maxBond, r_ij);
        } else minInter = Math.min(minInter, r_ij);
      }
    // S (anion centre) MSD stays vibrational: the anion lattice does not melt
    let msdS = 0,
      nS = 0;
    const unwrapped = unwrapTrajectory(traj);
    const u0 = unwrapped.frame(0).positions,
      u1 = unwrapped.frame(traj.nFrames - 1).positions;
    for (let i = 0; i < sym.length; i++)
      if (sym[i] === 'S') {
        nS++;
        for (let c = 0; c < 3; c++) msdS += (u1[3 * i + c] - u0[3 * i + c]) ** 2;
      }
    msdS /= nS;
    console.log(
      `rotor 1500 K, 4 ps: ⟨T⟩ ${(r.thermo.T_K.reduce((a, b) => a + b, 0) / r.thermo.T_K.length).toFixed(0)} K, max S–O bond ${maxBond.toFixed(2)} Å, min inter-anion S/O–O ${minInter.toFixed(2)} Å, S MSD ${msdS.toFixed(2)} Å²`,
    );
    expect(first.positions.length).toBe(last.positions.length);
    expect(maxBond).toBeLessThan(1.8);
    expect(minInter).toBeGreaterThan(1.5);
    expect(msdS).toBeLessThan(2);
  }, 60_000);
});

describe('FIRE static relaxation', () => {
  test('reaches the force tolerance and lowers the energy (AgI)', () => {
    const sys = agi();
    const res = relaxFIRE(sys, agiForceField(), { fmax_eV_A: 1e-3, maxSteps: 3000 });
    console.log(`FIRE: ${res.steps} steps, max |F| ${res.maxForce_eV_A.toExponential(2)} eV/Å`);
    expect(res.converged).toBe(true);
    expect(res.maxForce_eV_A).toBeLessThan(1e-3);
    const e0 = relaxFIRE(sys, agiForceField(), { maxSteps: 0 }).energy_eV;
    expect(res.energy_eV).toBeLessThan(e0);
    expect(Math.abs(res.energies.reduce((a, b) => a + b, 0) - res.energy_eV)).toBeLessThan(1e-9 * Math.abs(res.energy_eV));
  });
  test('relaxing MD snapshots for DOAS: every frame reaches the tolerance, per-atom energies sum to the frame energy', async () => {
    const r = await runMolecularDynamics({
      system: agi(),
      forceField: agiForceField(),
      dt_fs: 5,
      steps: 200,
      temperature_K: 600,
      seed: 3,
      every: 100,
    });
    const relaxed = relaxTrajectoryFrames(r.trajectory!, agiForceField(), { fmax_eV_A: 1e-3 });
    expect(relaxed.nFrames).toBe(3);
    for (let f = 0; f < 3; f++) {
      const e = relaxed.energies!.subarray(32 * f, 32 * f + 32).reduce((a, b) => a + b, 0);
      expect(Math.abs(e - relaxed.frameEnergies_eV![f])).toBeLessThan(1e-9 * Math.abs(e));
      expect(relaxed.frameEnergies_eV![f]).toBeLessThanOrEqual(r.trajectory!.frameEnergies_eV![f]);
      let fm = 0;
      for (let i = 0; i < 32; i++)
        fm = Math.max(fm, Math.hypot(relaxed.forces![96 * f + 3 * i], relaxed.forces![96 * f + 3 * i + 1], relaxed.forces![96 * f + 3 * i + 2]));
      expect(fm).toBeLessThan(1e-3);
    }
  });
  test('with RTVC anions frozen (rotor)', () => {
    const sys = buildPolyanionRotor({ supercell: 1, randomTilt_rad: 0.2, seed: 8 });
    const res = relaxFIRE(sys, rotorForceField(), { fmax_eV_A: 1e-3, maxSteps: 5000, constraint: { mode: 'RTVC' } });
    expect(res.converged).toBe(true);
    for (let k = 0; k < 60; k++) expect(res.positions[k]).toBe(sys.positions[k]);
  });
});
