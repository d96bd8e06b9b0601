/** shuffledJumpTimes: the uncorrelated (Poisson) control of the jump–jump correlation. */
import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { Random } from '../../src/core/random';
import { jumpCorrelation, type JumpEvent } from '../../src/dynamics/jumpCorrelation';
import { shuffledJumpTimes } from '../../src/dynamics/shuffledJumpTimes';
import * as si from '../../src/index';

const cell = Cell.orthorhombic(20, 20, 20);
const T = 100000; // fs

/** 1000 Poisson jumps plus, for 500 of them, a partner jump 2.5 Å away 100 fs later (a cascade). */
function cascade(): JumpEvent[] {
  const rng = new Random(9);
  const base: JumpEvent[] = Array.from({ length: 1000 }, (_, k) => {
    const p: [number, number, number] = [rng.uniform() * 20, rng.uniform() * 20, rng.uniform() * 20];
    return { t_fs: rng.uniform() * (T - 200), ion: k % 50, from: p, to: [p[0] + 2, p[1], p[2]] };
  });
  const off = 2.5 / Math.sqrt(3);
  const partners = base.slice(0, 500).map((j, k) => ({
    t_fs: j.t_fs + 100,
    ion: 1000 + k,
    from: [j.from[0] + off, j.from[1] + off, j.from[2] + off] as [number, number, number],
    to: [j.to[0] + off, j.to[1] + off, j.to[2] + off] as [number, number, number],
  }));
  return [...base, ...partners];
}

describe('shuffledJumpTimes', () => {
  it('keeps ions and positions, draws times on [0, T), is reproducible by seed', () => {
    const jumps = cascade();
    const a = shuffledJumpTimes(jumps, T, 3),
      b = shuffledJumpTimes(jumps, T, 3),
      c = shuffledJumpTimes(jumps, T, 4);
    expect(a.length).toBe(jumps.length);
    a.forEach((j, k) => {
      expect(j.ion).toBe(jumps[k].ion);
      expect(j.from).toEqual(jumps[k].from);
      expect(j.to).toEqual(jumps[k].to);
      expect(j.t_fs).toBeGreaterThanOrEqual(0);
      expect(j.t_fs).toBeLessThan(T);
    });
    expect(a.map((j) => j.t_fs)).toEqual(b.map((j) => j.t_fs));
    expect(a.map((j) => j.t_fs)).not.toEqual(c.map((j) => j.t_fs));
    expect(jumps[0].t_fs).not.toBe(a[0].t_fs); // input not modified, output is a copy
    expect(si.shuffledJumpTimes).toBe(shuffledJumpTimes);
  });

  it('removes the correlation: the cascade peak (g > 3) falls to 1 within counting noise', () => {
    const jumps = cascade();
    const opts = { duration_fs: T, cell, dt_fs: 200, tMax_fs: 20000, dr_A: 1, rMax_A: 10 };
    const peak = (g: (number | null)[][]) => g[0][2] ?? NaN; // Δt bin [0, 200) fs, r bin [2, 3) Å
    expect(peak(jumpCorrelation(jumps, opts).g)).toBeGreaterThan(3);
    // Shuffled: the [0,200) fs × [2,3) Å cell holds ~ (1500²/2)·(400/T)·(79.6/8000) ≈ 45 pairs: ± 15 %; allow 45 %.
    const gs = [1, 2, 3].map((s) => peak(jumpCorrelation(shuffledJumpTimes(jumps, T, s), opts).g));
    for (const g of gs) expect(Math.abs(g - 1)).toBeLessThan(0.45);
    expect(Math.abs(gs.reduce((x, y) => x + y, 0) / 3 - 1)).toBeLessThan(0.3);
  });

  it('rejects a non-positive duration with a clear error', () => {
    expect(() => shuffledJumpTimes(cascade(), 0, 1)).toThrow(/positive number of fs/);
  });
});
