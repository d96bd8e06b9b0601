import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { topologyFromSymbols } from '../../src/core/topology';
import { Trajectory } from '../../src/core/trajectory';
import { linearNumberDensity } from '../../src/structure/linearNumberDensity';

describe('linearNumberDensity (Li 2025 Fig. 6a)', () => {
  it('puts atoms in the right slabs along c, wraps, and integrates to the atom count (orthorhombic and monoclinic)', () => {
    // 2 Li at z = 1.0 and z = 11.0 (wraps to 1.0) in a 10 Å cell; one Cl anywhere; 2 frames.
    const topology = topologyFromSymbols(['Li', 'Li', 'Cl']);
    const frame = [0, 0, 1.0, 3, 3, 11.0, 5, 5, 5];
    const traj = new Trajectory({
      topology,
      nFrames: 2,
      positions: Float64Array.from([...frame, ...frame]),
      cells: Float64Array.from([...Cell.orthorhombic(8, 8, 10).matrix, ...Cell.orthorhombic(8, 8, 10).matrix]),
      info: { source: 'test', unwrapped: true },
    });
    const r = linearNumberDensity(traj, 'Li', 'c', 10);
    expect(r.slab_A).toBeCloseTo(1, 12);
    expect(r.fraction[1]).toBe(1);
    expect(r.density_per_A[1]).toBeCloseTo(2, 12);
    expect(r.density_per_A.reduce((a, b) => a + b, 0) * r.slab_A).toBeCloseTo(2, 12);
    // Monoclinic cell: c tilted along x; plane spacing along c is V / |a × b| = 10 (c_z).
    const m = [8, 0, 0, 0, 8, 0, 3, 0, 10];
    const t2 = new Trajectory({
      topology,
      nFrames: 1,
      positions: Float64Array.from([1.5, 0, 5, 0, 0, 9.5, 0, 0, 0]),
      cells: Float64Array.from(m),
      info: { source: 'test', unwrapped: true },
    });
    const r2 = linearNumberDensity(t2, 'Li', 'c', 10);
    expect(r2.slab_A).toBeCloseTo(1, 12);
    expect(r2.fraction[5]).toBe(0.5);
    expect(r2.fraction[9]).toBe(0.5);
    expect(() => linearNumberDensity(traj, 'Na', 'c')).toThrow(/Na/);
    expect(() => linearNumberDensity(traj, 'Li', 'c', 1)).toThrow(/bins/);
  });
});
