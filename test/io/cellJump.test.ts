import { describe, expect, it } from 'vitest';
import { readTrajectory } from '../../src/io';
import { tmpFile } from './helpers';

const XYZ = (L: number) => `2\nLattice="${L} 0 0 0 ${L} 0 0 0 ${L}" Properties=species:S:1:pos:R:3\nLi 0 0 0\nS 1 1 1\n`;

describe('a cell that jumps between frames is reported (a corrupted frame, or two runs in one file)', () => {
  it('a = 10 → 10.02 → 22 Å: one warning naming file, frame 2 and both volumes; a 5 % NPT-like change says nothing', async () => {
    const bad = tmpFile('celljump.xyz', XYZ(10) + XYZ(10.02) + XYZ(22) + XYZ(10.01) + XYZ(22));
    const said: string[] = [];
    const t = await readTrajectory(bad, { onWarning: (m) => said.push(m) });
    expect(t.nFrames).toBe(5);
    expect(said).toHaveLength(1);
    expect(said[0]).toContain(bad);
    expect(said[0]).toMatch(/frame 2: cell volume jumps from 1006\.0 to 10648 Å³.*corrupted frame/);
    const quiet: string[] = [];
    await readTrajectory(tmpFile('npt.xyz', XYZ(10) + XYZ(10.05) + XYZ(10.1) + XYZ(10.05)), { onWarning: (m) => quiet.push(m) });
    expect(quiet).toHaveLength(0);
  });
});
