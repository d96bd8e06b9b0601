import { describe, expect, it } from 'vitest';
import { openTrajectory } from '../../src/io';
import { tmpFile } from './helpers';

const XYZ = '2\nLattice="5 0 0 0 5 0 0 0 5" Properties=species:S:1:pos:R:3\nLi 0 0 0\nS 1 1 1\n';

describe('options that the file format would ignore are refused, not silently dropped', () => {
  it('--types / --md-dt / --cell-file on an extended XYZ name the option, the formats it is for and the file', async () => {
    const f = tmpFile('plain.extxyz', XYZ);
    await expect(openTrajectory(f, { typeMap: ['Li', 'S'] })).rejects.toThrow(
      /type → element map \(--types\) applies to dcd \/ h5md \/ lammps-dump \/ lammps-data \/ xdatcar \/ qe-cp \/ poscar files only; this file is read as extxyz/,
    );
    await expect(openTrajectory(f, { mdTimestep_fs: 1 })).rejects.toThrow(/--md-dt\) applies to dcd \/ lammps-dump files only/);
    await expect(openTrajectory(f, { cellFile: 'x.cell' })).rejects.toThrow(
      new RegExp(`${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*--cell-file\\) applies to cp2k-xyz files only`),
    );
    expect((await openTrajectory(f)).topology.species.length).toBe(2);
  });
});
