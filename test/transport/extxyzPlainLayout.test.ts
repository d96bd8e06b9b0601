// The extxyz reader's fast path for species:S:1:pos:R:3 lines (src/io/extxyz.ts), which the
// transport benchmark relies on: same values and the same errors as the general column loop.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTrajectory } from '../../src/io/index';

const dir = mkdtempSync(path.join(tmpdir(), 'xyz-plain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const LAT = 'Lattice="5 0 0 0 5 0 0 0 5"';
function file(name: string, frames: string[][], props = 'species:S:1:pos:R:3'): string {
  const p = path.join(dir, name);
  writeFileSync(p, frames.map((rows) => `${rows.length}\n${LAT} Properties=${props}\n${rows.join('\n')}\n`).join(''));
  return p;
}

describe('extxyz species+pos fast path', () => {
  it('gives the same positions as the general path (extra column) with and without an atom selection', async () => {
    const rows = [
      ['Li  0.5 -1.25e-1 3', 'S\t1 2 3.000000001', 'Li 4 +5 .5'],
      ['Li 1 1 1', 'S 2 2 2', 'Li 3 3 3'],
    ];
    const fast = await readTrajectory(file('a.xyz', rows));
    const general = await readTrajectory(
      file(
        'b.xyz',
        rows.map((r) => r.map((l) => `${l} 7`)),
        'species:S:1:pos:R:3:tag:R:1',
      ),
    );
    expect(Array.from(fast.positions)).toEqual(Array.from(general.positions));
    expect(Array.from(fast.positions.subarray(0, 9))).toEqual([0.5, -0.125, 3, 1, 2, 3.000000001, 4, 5, 0.5]);
    const li = await readTrajectory(file('c.xyz', rows), { atoms: 'Li' });
    expect(Array.from(li.positions)).toEqual([0.5, -0.125, 3, 4, 5, 0.5, 1, 1, 1, 3, 3, 3]);
  });

  it('errors name the frame, line and what was expected', async () => {
    await expect(
      readTrajectory(
        file('d.xyz', [
          ['Li 0 0 0', 'S 1 1 1'],
          ['S 0 0 0', 'S 1 1 1'],
        ]),
      ),
    ).rejects.toThrow(/atom 0 is "S"; expected "Li".*frame 1.*line 7|line 7.*atom 0 is "S"/s);
    await expect(
      readTrajectory(
        file('e.xyz', [
          ['Li 0 0 0', 'S 1 1 1'],
          ['Li 0 0 0', '   '],
        ]),
      ),
    ).rejects.toThrow(/atom line has 0 columns; expected 4/);
    await expect(readTrajectory(file('f.xyz', [['Li 0 0 0', 'S 1 x 1']]))).rejects.toThrow(/"x" in column 3 is not a number/);
  });
});
