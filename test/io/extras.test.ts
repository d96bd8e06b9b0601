import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readTrajectory, sniffFormat, sniffContent } from '../../src/io';
import { fixture, tmpFile } from './helpers';

describe('format quirks beyond the main fixtures', () => {
  it('VASP 4 XDATCAR (no species line): species only from typeMap, never from the title', async () => {
    const v4 = readFileSync(fixture('XDATCAR_varcell'), 'utf8')
      .split('\n')
      .slice(0, 14)
      .filter((_, k) => k !== 5)
      .join('\n')
      .replace('S2 Li4 title disagrees', 'Li S');
    const p = tmpFile('XDATCAR_v4', v4);
    await expect(readTrajectory(p, { format: 'xdatcar' })).rejects.toThrow(
      /XDATCAR_v4, frame 0, line 6: VASP 4 header without a species line .*--types/,
    );
    const t = await readTrajectory(p, { format: 'xdatcar', typeMap: ['Li', 'S'] });
    expect(t.topology.symbols).toEqual(['Li', 'S']);
    expect(Array.from(t.topology.species)).toEqual([0, 0, 0, 0, 1, 1]);
    const tm = await readTrajectory(tmpFile('XDATCAR_v4b', v4.replace('Li S', 'no names here')), { format: 'xdatcar', typeMap: ['Na', 'Cl'] });
    expect(tm.topology.symbols).toEqual(['Na', 'Cl']);
  });

  it('sniffs CP2K by its comment line and LAMMPS by ITEM:, whatever the file name', async () => {
    expect(await sniffFormat(tmpFile('anything.xyz', readFileSync(fixture('proj-pos-1.xyz'))))).toBe('cp2k-xyz');
    expect(await sniffFormat(tmpFile('anything.txt.gz', readFileSync(fixture('triclinic.dump'))))).toBe('lammps-dump');
    expect(sniffContent('3\nplain comment\nLi 0 0 0\n')).toBe('extxyz');
    expect(sniffContent('hello\n', 'XDATCAR')).toBe('xdatcar');
  });

  it('reports progress per frame with bytes read', async () => {
    const seen: { frames: number; bytes: number; totalBytes?: number }[] = [];
    await readTrajectory(fixture('quirks.extxyz'), { onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.frames)).toEqual([1, 2]);
    expect(seen[1].bytes).toBe(readFileSync(fixture('quirks.extxyz')).length);
    expect(seen[1].totalBytes).toBe(seen[1].bytes);
  });

  it('frame stride keeps source frame numbering and scales the given frame interval', async () => {
    const t = await readTrajectory(fixture('XDATCAR_varcell'), { timestep_fs: 50, frames: { start: 1, stride: 1, end: 3 } });
    expect(t.nFrames).toBe(2);
    expect(t.cell(0).matrix[3]).toBeCloseTo(0.44, 12); // source frame 1
    expect(t.frameInterval_fs()).toBe(50);
  });

  it('in-memory collection is exact when the frame-count estimate from the first frame is too small or too large', async () => {
    // first frame short numbers, later frames long ones (estimate too small), and the reverse
    const frame = (digits: number, f: number) => {
      const rows = Array.from(
        { length: 40 },
        (_, i) => `Li ${(i + f / 7).toFixed(digits)} ${(i * 0.5).toFixed(digits)} ${(f * 0.25).toFixed(digits)}`,
      );
      return `40\nLattice="50 0 0 0 50 0 0 0 50" Time=${f}\n${rows.join('\n')}\n`;
    };
    for (const [first, rest] of [
      [0, 12],
      [12, 0],
    ]) {
      const text = Array.from({ length: 300 }, (_, f) => frame(f === 0 ? first : rest, f)).join('');
      const t = await readTrajectory(tmpFile(`est-${first}.extxyz`, text));
      expect(t.nFrames).toBe(300);
      const want = text
        .split('\n')
        .filter((l) => l.startsWith('Li'))
        .flatMap((l) => l.split(' ').slice(1).map(Number));
      expect(Array.from(t.positions)).toEqual(want);
    }
  });
});
