/** Frame indices out of range are an InputError naming the method and the valid range (used to be an empty array, or blame the file). */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { topologyFromSymbols } from '../../src/core/topology';
import { Trajectory } from '../../src/core/trajectory';

function traj(nFrames: number): Trajectory {
  const cells = new Float64Array(9 * nFrames);
  for (let f = 0; f < nFrames; f++) cells.set([5, 0, 0, 0, 5, 0, 0, 0, 5], 9 * f);
  return new Trajectory({
    topology: topologyFromSymbols(['Li', 'S']),
    nFrames,
    positions: new Float64Array(6 * nFrames),
    cells,
    info: { source: 'x.extxyz', unwrapped: true },
  });
}

describe('Trajectory frame index checks', () => {
  it('framePositions, cell and frame refuse −1, nFrames, 1000 and 1.5 with the valid range', () => {
    const t = traj(100);
    for (const f of [-1, 100, 1000, 1.5, NaN]) {
      for (const call of [() => t.framePositions(f), () => t.cell(f), () => t.frame(f)]) {
        expect(call).toThrow(InputError);
        expect(call).toThrow(/frame index out of range; expected an integer 0 … 99 \(the trajectory has 100 frames\)/);
      }
    }
    expect(() => t.framePositions(1000)).toThrow(/^framePositions\(1000\)/);
    expect(() => t.cell(1000)).not.toThrow(/x\.extxyz/); // not the file's fault
  });
  it('valid indices still give views of 3·nAtoms numbers', () => {
    const t = traj(100);
    expect(t.framePositions(0).length).toBe(6);
    expect(t.framePositions(99).length).toBe(6);
    expect(t.cell(99).matrix[0]).toBe(5);
  });
});
