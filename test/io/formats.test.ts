import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openTrajectory, readTrajectory, sniffFormat } from '../../src/io';
import { EV_PER_HARTREE } from '../../src/io/cp2kXyz';
import { unwrapTrajectory } from '../../src/geometry/unwrap';
import { fixture, tmpFile } from './helpers';

const close = (a: ArrayLike<number>, b: number[], tol = 1e-12) => {
  // tolerance: the expected values are hand-computed products of short decimals (rounding ~1e-15)
  expect(a.length).toBe(b.length);
  for (let i = 0; i < b.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(tol);
};

describe('VASP XDATCAR / POSCAR reader', () => {
  it('reads a header per frame (variable cell, scale factor, negative scale = volume, Cartesian frames)', async () => {
    expect(await sniffFormat(fixture('XDATCAR_varcell'))).toBe('xdatcar');
    const t = await readTrajectory(fixture('XDATCAR_varcell'));
    expect(t.nFrames).toBe(3);
    // the species and counts lines decide, not the title "S2 Li4"
    expect(t.topology.symbols).toEqual(['Li', 'S']);
    expect(Array.from(t.topology.species)).toEqual([0, 0, 0, 0, 1, 1]);
    expect(t.info.unwrapped).toBe(false);
    expect(t.info.timestep_fs).toBeUndefined();
    expect(t.times_fs).toBeUndefined();
    close(t.cells!.subarray(0, 9), [4, 0, 0, 0, 4, 0, 0, 0, 5]);
    close(t.framePositions(0), [0, 0, 0, 2, 2, 0, 2, 0, 2.5, 0, 2, 2.5, 1, 1, 1.25, 3, 3, 3.75]);
    close(t.cells!.subarray(9, 18), [4.4, 0, 0, 0.44, 4.4, 0, 0, 0, 5.5]);
    close(t.framePositions(1).subarray(0, 3), [0.01 * 4.4 + 0.99 * 0.44, 0.99 * 4.4, 0]);
    // scale −800 Å³ on a 100 Å³ lattice → factor 2; Cartesian coordinates are scaled too
    close(t.cells!.subarray(18, 27), [8, 0, 0, 0, 10, 0, 0, 0, 10]);
    close(t.framePositions(2).subarray(0, 6), [2, 2, 2, 4, 4, 0]);
    // no frame times in the file: the code refuses to guess
    expect(() => t.frameInterval_fs()).toThrow(/time step missing/);
    const t2 = await readTrajectory(fixture('XDATCAR_varcell'), { timestep_fs: 100, frames: { stride: 2 } });
    expect(t2.nFrames).toBe(2);
    expect(t2.frameInterval_fs()).toBe(200);
  });

  it('reads POSCAR with selective dynamics and a velocity block (one frame)', async () => {
    expect(await sniffFormat(fixture('POSCAR'))).toBe('poscar');
    const t = await readTrajectory(fixture('POSCAR'));
    expect(t.nFrames).toBe(1);
    expect(t.topology.symbols).toEqual(['O', 'Li']);
    close(t.cells!, [4, 0, 0, 0, 4, 0, 0, 0, 5]);
    close(t.positions, [0, 0, 0, 1, 1, 1.25, 3, 3, 3.75]);
  });
});

describe('LAMMPS dump reader', () => {
  it('orthogonal box, shuffled columns and ids, unwrapped xu, velocities, forces, c_pe, extra columns', async () => {
    const path = fixture('ortho.lammpstrj');
    expect(await sniffFormat(path)).toBe('lammps-dump');
    const t = await readTrajectory(path, { typeMap: { 1: 'Li', 2: 'S' }, mdTimestep_fs: 2 });
    expect(t.topology.symbols).toEqual(['Li', 'S']);
    expect(Array.from(t.topology.species)).toEqual([0, 0, 1]);
    expect(t.info.unwrapped).toBe(true);
    close(t.cells!.subarray(0, 9), [10, 0, 0, 0, 10, 0, 0, 0, 10]);
    // sorted by id, relative to the box origin (−1, 0, 2)
    close(t.framePositions(0), [5, 5, 4, 8, 8, 7, 2, 2, 1]);
    close(t.framePositions(1), [5, 5, 4, 12.5, 8, 7.5, 2, 2, 1]);
    // LAMMPS metal units (the default): Å/ps → Å/fs
    close(t.velocities!.subarray(0, 9), [0.4e-3, 0.5e-3, 0.6e-3, 0.7e-3, 0.8e-3, 0.9e-3, 0.1e-3, 0.2e-3, 0.3e-3]);
    close(t.forces!.subarray(0, 9), [4, 5, 6, 7, 8, 9, 1, 2, 3]);
    close(t.energies!, [-2.5, -3.5, -4.5, -2.25, -3.25, -4.25]);
    close(t.times_fs!, [0, 200]);
    const s = await openTrajectory(path, { typeMap: ['Li', 'S'] });
    for await (const f of s) {
      close(f.properties!.c_csym, f.index === 0 ? [0.25, 0.75, 0.5] : [0.25, 0.75, 0.5]);
      expect(f.time_fs).toBeUndefined(); // no MD time step given → no times, never guessed
    }
  });

  it('triclinic box from bounds and tilts, scaled coordinates, element column, image flags', async () => {
    const t = await readTrajectory(fixture('triclinic.dump'));
    expect(t.topology.symbols).toEqual(['Li', 'S']);
    // xlo = −1.5 − min(0,2,−1,1) = −0.5, xhi = 11 − max(0,2,−1,1) = 9, ylo = 0, yhi = 8 − 0.5
    close(t.cells!.subarray(0, 9), [9.5, 0, 0, 2, 7.5, 0, -1, 0.5, 6]);
    close(t.framePositions(0).subarray(0, 3), [0.95 + 0.4 - 0.3, 1.5 + 0.15, 1.8]);
    expect(Array.from(t.images!.subarray(6, 9))).toEqual([-1, 0, 2]);
    expect(t.info.unwrapped).toBe(false);
    const u = unwrapTrajectory(t);
    // wrapped (8.65, 1.65, 1.8) − a + 2c
    close(u.framePositions(1).subarray(0, 3), [8.65 - 9.5 - 2, 1.65 + 1, 1.8 + 12], 1e-9);
    const li = await readTrajectory(fixture('triclinic.dump'), { atoms: 'Li' });
    expect(Array.from(li.images!)).toEqual([0, 0, 0, -1, 0, 2]);
  });
});

describe('CP2K pos-1.xyz reader', () => {
  it('energy in Hartree → eV, time, per-step cell from the .cell file (found next to the file)', async () => {
    const path = fixture('proj-pos-1.xyz');
    expect(await sniffFormat(path)).toBe('cp2k-xyz');
    const t = await readTrajectory(path);
    expect(t.info.format).toBe('cp2k-xyz');
    close(t.frameEnergies_eV!, [-10.5 * EV_PER_HARTREE, -10.25 * EV_PER_HARTREE], 1e-9);
    expect(EV_PER_HARTREE).toBe(27.211386245988);
    close(t.times_fs!, [0, 5]);
    close(t.cells!, [5, 0, 0, 0, 5, 0, 0, 0, 5, 5.1, 0, 0, 0, 5, 0, 0, 0, 5]);
    close(t.framePositions(1), [0.1, 0, 0, 1.5, 1.4, 1.5]);
    const fixed = await readTrajectory(tmpFile('run-pos-1.xyz', readFileSync(path)), {
      cell: [
        [6, 0, 0],
        [0, 6, 0],
        [0, 0, 6],
      ],
    });
    close(fixed.cells!.subarray(9, 18), [6, 0, 0, 0, 6, 0, 0, 0, 6]);
    const explicit = await readTrajectory(tmpFile('other-pos-1.xyz', readFileSync(path)), { cellFile: fixture('proj-1.cell') });
    close(explicit.cells!.subarray(9, 12), [5.1, 0, 0]);
  });
});
