import { describe, expect, it } from 'vitest';
import { openTrajectory, readTrajectory, sniffFormat } from '../../src/io';
import { parseExtxyzComment } from '../../src/io/extxyzComment';
import { Cell } from '../../src/core/cell';
import { fixture, tmpFile } from './helpers';
import { readFileSync } from 'node:fs';

describe('extended XYZ reader', () => {
  it('parses comment lines with quotes, escapes, spaces around =, bare keys, any key order', () => {
    const f = parseExtxyzComment('a=1 b="x y" c=\'q r\' d = 5 flag e="say \\"hi\\"" Lattice={1 0 0 0 1 0 0 0 1}');
    expect(Object.fromEntries(f)).toEqual({ a: '1', b: 'x y', c: 'q r', d: '5', flag: true, e: 'say "hi"', Lattice: '1 0 0 0 1 0 0 0 1' });
  });

  it('reads the quirks fixture: all per-atom columns, Time, energy, triclinic Lattice, extra columns', async () => {
    expect(await sniffFormat(fixture('quirks.extxyz'))).toBe('extxyz');
    const t = await readTrajectory(fixture('quirks.extxyz'));
    expect(t.nFrames).toBe(2);
    expect(t.topology.symbols).toEqual(['Li', 'S', 'P']);
    expect(Array.from(t.topology.species)).toEqual([0, 0, 1, 2]);
    expect(Array.from(t.times_fs!)).toEqual([0.5, 1.5]);
    expect(Array.from(t.frameEnergies_eV!)).toEqual([-12.25, -12.5]);
    expect(Array.from(t.cells!.subarray(0, 9))).toEqual([5, 0, 0, 0.5, 6, 0, 0.2, 0.3, 7]);
    expect(Array.from(t.cells!.subarray(9, 18))).toEqual([5.1, 0, 0, 0.5, 6, 0, 0.2, 0.3, 7]);
    expect(Array.from(t.framePositions(0).subarray(0, 6))).toEqual([0.1, 0.2, 0.3, 1, 2, -3.5]);
    expect(Array.from(t.velocities!.subarray(0, 3))).toEqual([0.01, 0.02, 0.03]);
    expect(Array.from(t.forces!.subarray(3, 6))).toEqual([1, 2, 3]);
    expect(Array.from(t.energies!.subarray(0, 4))).toEqual([-1.5, -1.25, -2.5, -3]);
    // z from −3.5 to 6.5 Å in a 7 Å cell: positions span more than one cell, so they are unwrapped
    expect(t.info.unwrapped).toBe(true);
    expect(t.frameInterval_fs()).toBe(1);
    // unknown columns are kept in frame.properties (stream)
    const s = await openTrajectory(fixture('quirks.extxyz'));
    const frames = [];
    for await (const fr of s) frames.push(fr);
    expect(Array.from(frames[0].properties!.tags)).toEqual([7, 8, 9, 10]);
    expect(Array.from(frames[0].properties!.fixed)).toEqual([1, 0, 1, 0]);
  });

  it('reads plain XYZ with CRLF line ends and extra columns; cell from options or none', async () => {
    const t = await readTrajectory(fixture('plain.xyz'));
    expect(t.nFrames).toBe(2);
    expect(t.cells).toBeNull();
    expect(t.info.unwrapped).toBe(true); // non-periodic positions are continuous
    expect(Array.from(t.framePositions(1))).toEqual([0.1, 0, 0, 1.6, 0, 0, -1.4, 0, 0]);
    expect(t.times_fs).toBeUndefined();
    const c = await readTrajectory(fixture('plain.xyz'), {
      cell: [
        [10, 0, 0],
        [0, 10, 0],
        [0, 0, 10],
      ],
      timestep_fs: 2,
    });
    expect(c.cell(1).volume).toBeCloseTo(1000, 9);
    expect(c.frameInterval_fs()).toBe(2);
    const c2 = await readTrajectory(fixture('plain.xyz'), { cell: Cell.orthorhombic(3, 4, 5) });
    expect(c2.cell(0).volume).toBeCloseTo(60, 9);
  });

  it('reads gzip transparently (by magic bytes, whatever the name)', async () => {
    const p = tmpFile('quirks-gz.data', ''); // placeholder name without .gz
    const gz = tmpFile('quirks.extxyz.gz', readFileSync(fixture('quirks.extxyz')));
    const a = await readTrajectory(gz);
    const b = await readTrajectory(fixture('quirks.extxyz'));
    expect(Array.from(a.positions)).toEqual(Array.from(b.positions));
    expect(p).toBeTruthy();
  });

  it('keeps only selected atoms (species or indices), and frame ranges', async () => {
    const all = await readTrajectory(fixture('quirks.extxyz'));
    const li = await readTrajectory(fixture('quirks.extxyz'), { atoms: 'Li' });
    expect(li.nAtoms).toBe(2);
    expect(Array.from(li.positions)).toEqual(Array.from(all.selectAtoms([0, 1]).positions));
    const idx = await readTrajectory(fixture('quirks.extxyz'), { atoms: [3, 0] });
    expect(Array.from(idx.positions)).toEqual(Array.from(all.selectAtoms([3, 0]).positions));
    expect(Array.from(idx.energies!)).toEqual(Array.from(all.selectAtoms([3, 0]).energies!));
    const last = await readTrajectory(fixture('quirks.extxyz'), { frames: { start: 1 } });
    expect(last.nFrames).toBe(1);
    expect(Array.from(last.times_fs!)).toEqual([1.5]);
  });
});
