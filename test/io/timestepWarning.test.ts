/**
 * A frame interval given by the user (timestep_fs / --dt) that disagrees with the file's own Time=
 * stamps is still used, but reported once through onWarning (default: stderr), naming both values.
 */
import { describe, expect, it } from 'vitest';
import { openTrajectory, readTrajectory } from '../../src/io/index';
import { timestepDisagreement } from '../../src/io/timestepWarning';
import { tmpFile } from './helpers';

const xyz = (n: number, dt: number) =>
  Array.from({ length: n }, (_, f) => `1\nLattice="5 0 0 0 5 0 0 0 5" Properties=species:S:1:pos:R:3 Time=${f * dt}\nLi 0 0 ${f * 0.01}\n`).join('');
const FILE = tmpFile('dt20.extxyz', xyz(12, 20));

describe("timestep_fs vs the file's frame times", () => {
  it('disagreeing: one warning with both values; the given value is used', async () => {
    const got: string[] = [];
    const t = await readTrajectory(FILE, { timestep_fs: 2, onWarning: (m) => got.push(m) });
    expect(got).toEqual([
      `${FILE}: the given frame interval (--dt) 2 fs disagrees with the file's own frame times (Time= 0 → 20 fs: 20 fs per frame); using the given 2 fs`,
    ]);
    expect(t.info.timestep_fs).toBe(2);
  });
  it('agreeing (to 1e-6 relative), or no timestep_fs: silent', async () => {
    const got: string[] = [];
    await readTrajectory(FILE, { timestep_fs: 20 * (1 + 5e-7), onWarning: (m) => got.push(m) });
    await readTrajectory(FILE, { onWarning: (m) => got.push(m) });
    expect(got).toEqual([]);
    expect(timestepDisagreement('f', 20 * (1 + 2e-6), 0, 20)).not.toBeNull();
  });
  it('with a stride the kept frames are stride × the interval apart: compared per stored frame', async () => {
    const got: string[] = [];
    const s = await openTrajectory(FILE, { timestep_fs: 20, frames: { stride: 3 }, onWarning: (m) => got.push(m) });
    for await (const _ of s) void _;
    expect(got).toEqual([]);
    const s2 = await openTrajectory(FILE, { timestep_fs: 10, frames: { start: 1, stride: 3 }, onWarning: (m) => got.push(m) });
    for await (const _ of s2) void _;
    expect(got).toEqual([
      `${FILE}: the given frame interval (--dt) 10 fs disagrees with the file's own frame times (Time= 20 → 80 fs over 3 frames: 20 fs per frame); using the given 10 fs`,
    ]);
  });
});
