// Quantum ESPRESSO cp.x trajectory (hand-made PREFIX.pos/.cel/.vel/.for/.evp with known values): unit
// conversions (Bohr, Hartree, a.u. time), species from the input file, records matched by step.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readTrajectory, sniffFormat } from '../../src/io';
import { AU_TIME_FS, BOHR_A, HARTREE_EV } from '../../src/io/qeCp';
import { fixture, tmpFile } from './helpers';

describe('Quantum ESPRESSO cp.x trajectory', () => {
  it('positions, cell, velocities, forces and etot converted from atomic units; species from the input', async () => {
    const pos = fixture('qe/run.pos');
    expect(await sniffFormat(pos)).toBe('qe-cp');
    const t = await readTrajectory(pos, { qeInput: fixture('qe/cp.in') });
    expect(t.topology.symbols).toEqual(['Li', 'S']);
    expect(Array.from(t.topology.species)).toEqual([0, 0, 1]);
    expect(t.nFrames).toBe(2);
    expect(Array.from(t.times_fs!)).toEqual([2.41888, 4.83777]);
    expect(t.cells![0]).toBeCloseTo(10 * BOHR_A, 14);
    expect(t.cells![8]).toBeCloseTo(12 * BOHR_A, 14);
    expect(t.framePositions(1)[0]).toBeCloseTo(1.1 * BOHR_A, 14);
    expect(t.framePositions(1)[8]).toBeCloseTo(4.3 * BOHR_A, 14);
    expect(t.velocities![0]).toBeCloseTo((1e-4 * BOHR_A) / AU_TIME_FS, 16); // 2.19e-3 Å/fs
    expect(t.velocities![8]).toBeCloseTo((-3e-4 * BOHR_A) / AU_TIME_FS, 16);
    expect(t.forces![3 * 3 + 0]).toBeCloseTo((0.02 * HARTREE_EV) / BOHR_A, 12);
    expect(Array.from(t.frameEnergies_eV!)).toEqual([-20 * HARTREE_EV, -20.1 * HARTREE_EV]);
  });
  it('refuses what it cannot know: no species, ungrouped input, a missing step, a non-orthogonal cell', async () => {
    await expect(readTrajectory(fixture('qe/run.pos'))).rejects.toThrow(
      /run\.pos: a cp\.x \.pos file has no species; give the cp\.x input file \(--qe-input\)/,
    );
    const ungrouped = tmpFile(
      'ug.in',
      readFileSync(fixture('qe/cp.in'), 'utf8').replace('Li 5.0 5.0 5.0\nS  2.0 3.0 4.0', 'S  2.0 3.0 4.0\nLi 5.0 5.0 5.0'),
    );
    await expect(readTrajectory(fixture('qe/run.pos'), { qeInput: ungrouped })).rejects.toThrow(/not grouped by species; .*give --types/);
    // with --types in .pos order it reads
    const t = await readTrajectory(fixture('qe/run.pos'), { typeMap: ['Li', 'Li', 'S'] });
    expect(t.nFrames).toBe(2);
    // companions in a temporary folder: a sheared cell, then a .vel that stops after step 10
    const P = (f: string) => readFileSync(fixture(`qe/${f}`), 'utf8');
    const p2 = tmpFile('sh.pos', P('run.pos'));
    tmpFile('sh.cel', P('run.cel').replace('    0.00000000   11.00000000', '    1.00000000   11.00000000'));
    await expect(readTrajectory(p2, { typeMap: ['Li', 'Li', 'S'] })).rejects.toThrow(/sh\.cel, frame 0: non-orthogonal cp\.x cell/);
    const p3 = tmpFile('mv.pos', P('run.pos'));
    tmpFile('mv.vel', P('run.vel').split('\n').slice(0, 4).join('\n') + '\n');
    await expect(readTrajectory(p3, { typeMap: ['Li', 'Li', 'S'] })).rejects.toThrow(/mv\.vel, frame 1, line 5: the \.vel file ends before step 20/);
  });
});
