import { describe, expect, it } from 'vitest';
import { frameInterval } from '../../src/core/frameInterval';
import { Trajectory } from '../../src/core/trajectory';
import { topologyFromSymbols } from '../../src/core/topology';
import { InputError } from '../../src/core/errors';

const info = { source: 'run.extxyz', unwrapped: true };

describe('frameInterval (one rule for frame times)', () => {
  it('evenly spaced times give their interval; the user value wins; the source step is the fallback', () => {
    expect(frameInterval([0, 20, 40, 60], info)).toBe(20);
    expect(frameInterval([0, 20, 40, 60], info, 2)).toBe(2);
    expect(frameInterval(null, { ...info, timestep_fs: 5 })).toBe(5);
    expect(() => frameInterval(null, info)).toThrow(/time step missing.*--dt/);
    expect(() => frameInterval([0, 20], info, 0)).toThrow(/positive number of fs, got 0/);
  });

  it('names the frame where time goes backwards, and where the spacing changes', () => {
    const back = () => frameInterval([0, 20, 40, 60, 30, 50], info);
    expect(back).toThrow(InputError);
    expect(back).toThrow(/run\.extxyz.*frame 4.*Time = 30 fs is not after frame 3 \(60 fs\)/);
    expect(() => frameInterval([0, 20, 40, 70, 90], info)).toThrow(/frame 3.*30 fs after frame 2.*frames 0 → 1 are 20 fs apart/);
  });

  it('Trajectory.frameInterval_fs uses the same rule (same message on a restart appended)', () => {
    const top = topologyFromSymbols(['Li']);
    const t = new Trajectory({
      topology: top,
      nFrames: 4,
      positions: new Float64Array(12),
      cells: null,
      times_fs: Float64Array.from([0, 10, 20, 10]),
      info,
    });
    expect(() => t.frameInterval_fs()).toThrow(/frame 3.*Time = 10 fs is not after frame 2 \(20 fs\)/);
  });
});
