import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { Random } from '../../src/core/random';
import { topologyFromSymbols } from '../../src/core/topology';
import { Trajectory } from '../../src/core/trajectory';
import type { FrameStream } from '../../src/core/frame';
import { unwrapStream, unwrapTrajectory } from '../../src/geometry/unwrap';

interface Walk {
  u: Float64Array;
  w: Float64Array;
  images: Int32Array;
  cells: Float64Array;
}

/** Seeded 3D random walk u(t) and its wrapped copy w(t) = u − n·M_t with n = floor(u·M_t⁻¹). */
function walk(seed: number, nAtoms: number, nFrames: number, step: number, cellAt: (f: number, rng: Random) => Cell): Walk {
  const rng = new Random(seed);
  const n3 = 3 * nAtoms;
  const u = new Float64Array(nFrames * n3),
    w = new Float64Array(nFrames * n3),
    images = new Int32Array(nFrames * n3);
  const cells = new Float64Array(9 * nFrames);
  for (let f = 0; f < nFrames; f++) {
    const c = cellAt(f, rng);
    cells.set(c.matrix, 9 * f);
    // start inside the first cell (unwrapped positions start from the wrapped ones), then walk
    if (f === 0) u.set(c.toCartesian(Float64Array.from({ length: n3 }, () => rng.uniform())));
    else for (let k = 0; k < n3; k++) u[f * n3 + k] = u[(f - 1) * n3 + k] + step * rng.normal();
    const frac = c.toFractional(u.subarray(f * n3, (f + 1) * n3));
    for (let k = 0; k < n3; k++) {
      const n = Math.floor(frac[k]);
      images[f * n3 + k] = n;
      frac[k] -= n;
    }
    w.set(c.toCartesian(frac), f * n3);
  }
  return { u, w, images, cells };
}

function traj(wk: Walk, nAtoms: number, nFrames: number, withImages: boolean): Trajectory {
  return new Trajectory({
    topology: topologyFromSymbols(Array(nAtoms).fill('Li')),
    nFrames,
    positions: wk.w.slice(),
    cells: wk.cells,
    images: withImages ? wk.images : undefined,
    info: { unwrapped: false, source: 'random walk' },
  });
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

// Tolerance 1e-9 Å: wrapping and unwrapping add and subtract the same lattice vectors, so only
// floating-point rounding of positions of order 100 Å (~1e-13 Å) separates them.
describe('unwrapTrajectory', () => {
  it('reproduces a wrapped seeded random walk in a fixed triclinic cell', () => {
    const cell = Cell.fromParameters(10, 11, 12, 80, 95, 105);
    const wk = walk(1, 30, 2000, 0.4, () => cell);
    const u = unwrapTrajectory(traj(wk, 30, 2000, false));
    expect(maxDiff(u.positions, wk.u)).toBeLessThan(1e-9);
    expect(u.info.unwrapped).toBe(true);
    // the walk really crossed the cell many times
    expect(maxDiff(wk.u, wk.w)).toBeGreaterThan(30);
  });

  it('with a triclinic cell that changes every frame by a few %', () => {
    const m0 = Cell.fromParameters(10, 11, 12, 80, 95, 105).matrix;
    const wk = walk(
      2,
      30,
      1500,
      0.4,
      (f, rng) => new Cell(Array.from(m0, (x, i) => x * (1 + 0.04 * (rng.uniform() - 0.5)) + (i % 4 === 0 ? 0 : 0.2 * (rng.uniform() - 0.5)))),
    );
    const u = unwrapTrajectory(traj(wk, 30, 1500, false));
    expect(maxDiff(u.positions, wk.u)).toBeLessThan(1e-9);
  });

  it('in a strongly skewed cell (angle cosines > 0.2: rounding plus neighbour-image check)', () => {
    const cell = new Cell([8, 0, 0, 6, 6, 0, 5, 4, 6]);
    const wk = walk(3, 20, 1500, 0.35, () => cell);
    const u = unwrapTrajectory(traj(wk, 20, 1500, false));
    expect(maxDiff(u.positions, wk.u)).toBeLessThan(1e-9);
  });

  it('uses image flags when present, even for jumps longer than half the cell', () => {
    const m0 = Cell.fromParameters(6, 6.5, 7, 85, 92, 97).matrix;
    const wk = walk(4, 10, 300, 3.0, (f, rng) => new Cell(Array.from(m0, (x) => x * (1 + 0.03 * (rng.uniform() - 0.5)))));
    const u = unwrapTrajectory(traj(wk, 10, 300, true));
    expect(maxDiff(u.positions, wk.u)).toBeLessThan(1e-9);
    expect(u.images).toBeUndefined();
    // the nearest-image rule alone cannot follow 3 Å steps in a 6 Å cell: the flags mattered
    expect(maxDiff(unwrapTrajectory(traj(wk, 10, 300, false)).positions, wk.u)).toBeGreaterThan(1);
  });

  it('returns unwrapped input unchanged; refuses a trajectory without a cell', () => {
    const cell = Cell.orthorhombic(5, 5, 5);
    const wk = walk(5, 3, 10, 0.2, () => cell);
    const t = new Trajectory({
      topology: topologyFromSymbols(['Li', 'Li', 'Li']),
      nFrames: 10,
      positions: wk.u,
      cells: wk.cells,
      info: { unwrapped: true },
    });
    expect(unwrapTrajectory(t)).toBe(t);
    const nc = new Trajectory({
      topology: topologyFromSymbols(['Li', 'Li', 'Li']),
      nFrames: 10,
      positions: wk.w,
      cells: null,
      info: { unwrapped: false, source: 'x.xyz' },
    });
    expect(() => unwrapTrajectory(nc)).toThrow(/x\.xyz.*no periodic cell/);
  });

  it('unwrapStream (bounded memory) gives the same positions as unwrapTrajectory', async () => {
    const m0 = Cell.fromParameters(10, 11, 12, 80, 95, 105).matrix;
    const wk = walk(6, 8, 400, 0.4, (f, rng) => new Cell(Array.from(m0, (x) => x * (1 + 0.04 * (rng.uniform() - 0.5)))));
    const t = traj(wk, 8, 400, false);
    const stream: FrameStream = {
      topology: t.topology,
      info: t.info,
      [Symbol.asyncIterator]: async function* () {
        yield* t.frames();
      },
    };
    const out: number[] = [];
    for await (const f of unwrapStream(stream)) out.push(...f.positions);
    expect(maxDiff(out, wk.u)).toBeLessThan(1e-9);
  });
});
