// DOAS inputs: per-atom energies of FIRE-relaxed snapshots from the built-in engine (Wang 2023), and the
// DeePMD system reader (atom_ener.npy) with its minimal .npy parser.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { densityOfAtomisticStates, mobileAtomEnergies, relaxedAtomicEnergies } from '../../src/doas';
import { readDeepmdSystem, readNpy } from '../../src/io';
import { buildAlphaAgI } from '../../src/simulate/alphaAgI';
import { evaluateForces } from '../../src/simulate/forceComputer';
import { agiForceField } from '../../src/simulate/forceField';
import { runMolecularDynamics } from '../../src/simulate/molecularDynamics';

const FIX = path.resolve(__dirname, 'fixtures');

describe('relaxedAtomicEnergies (built-in engine, FIRE at fixed cell)', () => {
  it('relaxed snapshots are below the force tolerance and their per-atom energies sum to the total', async () => {
    const ff = agiForceField();
    const md = await runMolecularDynamics({
      system: buildAlphaAgI({ supercell: 2, seed: 4 }),
      forceField: ff,
      dt_fs: 5,
      steps: 120,
      temperature_K: 700,
      seed: 3,
      every: 60,
    });
    const snaps = md.trajectory!;
    expect(snaps.nFrames).toBe(3);
    const fmax = 0.01;
    const r = relaxedAtomicEnergies(snaps, ff, { fmax, species: 'Ag' });
    for (let f = 0; f < snaps.nFrames; f++) {
      // Independent check: re-evaluate the relaxed positions from scratch.
      const fr = r.relaxed.frame(f);
      const ev = evaluateForces({ topology: snaps.topology, cell: fr.cell!, positions: Float64Array.from(fr.positions) }, ff);
      let m = 0;
      for (let i = 0; i < snaps.nAtoms; i++) m = Math.max(m, Math.hypot(ev.forces[3 * i], ev.forces[3 * i + 1], ev.forces[3 * i + 2]));
      expect(m).toBeLessThan(fmax);
      expect(r.maxForce_eV_A[f]).toBeLessThan(fmax);
      // Energies are sums of ~10³ pair terms of O(1) eV: 1e-9 relative is rounding.
      const sum = Array.from(fr.energies!).reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - r.total_eV[f])).toBeLessThan(1e-9 * Math.abs(r.total_eV[f]));
      expect(Math.abs(ev.energy_eV - r.total_eV[f])).toBeLessThan(1e-9 * Math.abs(r.total_eV[f]));
      // Relaxation lowers the energy of the thermal snapshot.
      const hot = evaluateForces({ topology: snaps.topology, cell: snaps.cell(f), positions: Float64Array.from(snaps.framePositions(f)) }, ff);
      expect(r.total_eV[f]).toBeLessThanOrEqual(hot.energy_eV + 1e-9);
    }
    // The relaxed trajectory feeds the DOAS like a file with per-atom energies.
    expect(Array.from(mobileAtomEnergies(r.relaxed, 'Ag'))).toEqual(Array.from(r.mobile_eV));
    const d = densityOfAtomisticStates([{ temperature_K: 700, energies_eV: r.mobile_eV }], { binWidth_eV: 0.01 });
    expect(d.series[0].counts.reduce((a, b) => a + b, 0)).toBe(r.mobile_eV.length);
  }, 60000);

  it('refuses a snapshot that cannot converge within the step limit', async () => {
    const sys = buildAlphaAgI({ supercell: 2, seed: 4 });
    const snap = {
      topology: sys.topology,
      frames: [{ index: 0, cell: sys.cell, positions: sys.positions }],
      info: { source: 'builder', unwrapped: true },
    };
    expect(() => relaxedAtomicEnergies(snap, agiForceField(), { fmax: 1e-6, maxSteps: 3 })).toThrow(
      /frame 0: FIRE did not reach max \|F\| < 0\.000001|frame 0: FIRE did not reach max \|F\| < 1e-6/,
    );
    expect(() => relaxedAtomicEnergies(snap, agiForceField(), { fmax: 0 })).toThrow(InputError);
  });
});

describe('DeePMD system folder reader', () => {
  it('reads type map, sets in order, float64 and float32 .npy, atom_ener, forces, energies', async () => {
    const t = await readDeepmdSystem(path.join(FIX, 'deepmd_agi'));
    expect(t.nFrames).toBe(3);
    expect(t.nAtoms).toBe(6);
    expect(Array.from(t.topology.species, (s) => t.topology.symbols[s])).toEqual(['I', 'I', 'Ag', 'Ag', 'I', 'Ag']);
    // Closed forms from make_deepmd_fixture.py; set.001 is float32, hence 1e-5 relative there.
    for (let f = 0; f < 3; f++) {
      const tol = f < 2 ? 1e-12 : 1e-5;
      for (let i = 0; i < 6; i++) {
        for (let k = 0; k < 3; k++) expect(Math.abs(t.positions[f * 18 + 3 * i + k] - (i + 0.1 * k + 0.01 * f))).toBeLessThan(tol * 10);
        expect(Math.abs(t.energies![f * 6 + i] - (-(i + 1) - 0.5 * f))).toBeLessThan(tol * 10);
      }
      expect(t.cell(f).volume).toBeCloseTo((10 + f) ** 3, 3);
      expect(t.frameEnergies_eV![f]).toBeCloseTo(-21 - 3 * f, 4);
    }
    expect(t.forces![3 * 5 + 2]).toBeCloseTo(0.017, 12);
    expect(Array.from(mobileAtomEnergies(t, 'Ag').subarray(0, 3))).toEqual([-3, -4, -6]);
  });

  it('refuses what it cannot read correctly, naming the file', async () => {
    await expect(readNpy(path.join(FIX, 'npy_bad', 'big_endian.npy'))).rejects.toThrow(/big_endian\.npy: \.npy dtype ">f8" is not supported/);
    await expect(readNpy(path.join(FIX, 'npy_bad', 'fortran.npy'))).rejects.toThrow(/Fortran order/);
    await expect(readNpy(path.join(FIX, 'npy_bad', 'int64.npy'))).rejects.toThrow(/dtype "<i8" is not supported/);
    await expect(readDeepmdSystem(FIX)).rejects.toThrow(/type\.raw is missing/);
    // A system whose set has a box for a different number of frames than its coordinates.
    const { mkdtempSync, writeFileSync, mkdirSync, copyFileSync } = await import('node:fs');
    const os = await import('node:os');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deepmd-bad-'));
    writeFileSync(path.join(dir, 'type.raw'), '1 1 0 0 1 0\n');
    writeFileSync(path.join(dir, 'type_map.raw'), 'Ag\n');
    await expect(readDeepmdSystem(dir)).rejects.toThrow(/type\.raw uses type 1 but type_map\.raw names only 1 types/);
    writeFileSync(path.join(dir, 'type_map.raw'), 'Ag I\n');
    mkdirSync(path.join(dir, 'set.000'));
    copyFileSync(path.join(FIX, 'deepmd_agi', 'set.000', 'coord.npy'), path.join(dir, 'set.000', 'coord.npy'));
    copyFileSync(path.join(FIX, 'deepmd_agi', 'set.001', 'box.npy'), path.join(dir, 'set.000', 'box.npy'));
    await expect(readDeepmdSystem(dir)).rejects.toThrow(/box\.npy has 1 frames but coord\.npy has 2/);
  });
});
