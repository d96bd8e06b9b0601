// Distinct van Hove function beyond half the cell: exact periodic image search.
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/core/random';
import { Trajectory } from '../../src/core/trajectory';
import { topologyFromSymbols } from '../../src/core/topology';
import { Cell } from '../../src/core/cell';
import { vanHoveCorrelation } from '../../src/dynamics/vanHoveCorrelation';
import { idealGasTrajectory, makeTrajectory } from './synthetic';

describe('distinct van Hove function beyond half the cell', () => {
  it('ideal gas: G_d/ρ = 1 out to r_max = 1.5 L within the Poisson error (was 0 beyond L/2)', () => {
    const N = 60,
      box = 10;
    const traj = idealGasTrajectory('Na', N, 30, box, 17);
    const r = vanHoveCorrelation(traj, { species: 'Na', lagFrames: [0, 4], dr_A: 0.5, rMax_A: 15 });
    expect(r.r_A.length).toBe(30);
    const rho = r.density_A3!;
    for (let l = 0; l < 2; l++) {
      const g = r.distinct![l];
      for (let k = 4; k < r.r_A.length; k++) {
        // expected pairs in the shell: N (N−1) · origins · shell/V; Poisson σ relative = 1/√pairs; allow 5σ
        const shell = ((4 * Math.PI) / 3) * (((k + 1) * 0.5) ** 3 - (k * 0.5) ** 3);
        const pairs = (N * (N - 1) * r.origins[l] * shell) / box ** 3;
        expect(Math.abs(g[k] / rho - 1)).toBeLessThan(5 / Math.sqrt(pairs));
      }
      // beyond L/2 in particular (the bins the minimum image used to leave empty): mean within 1 %
      let s = 0,
        c = 0;
      for (let k = 11; k < 30; k++) {
        s += g[k] / rho;
        c++;
      }
      expect(Math.abs(s / c - 1)).toBeLessThan(0.01);
    }
  });

  it('equals a direct sum over periodic images (j ≠ i, images −2..2) in a skewed cell that changes per frame', () => {
    const rng = new Random(4);
    const N = 12,
      T = 6;
    const cells = new Float64Array(9 * T),
      pos = new Float64Array(T * 3 * N);
    for (let f = 0; f < T; f++) {
      const m = [8 + 0.1 * f, 0, 0, 1.5, 7.5, 0, -1, 0.8, 8.2 - 0.05 * f];
      cells.set(m, 9 * f);
      const c = new Cell(m);
      pos.set(c.toCartesian(Float64Array.from({ length: 3 * N }, () => rng.uniform() * 1.3 - 0.15)), f * 3 * N);
    }
    const traj = new Trajectory({
      topology: topologyFromSymbols(Array(N).fill('Li')),
      nFrames: T,
      positions: pos,
      cells,
      times_fs: Float64Array.from({ length: T }, (_, f) => 10 * f),
      info: { source: 'synthetic', unwrapped: false },
    });
    const dr = 0.25,
      rMax = 9,
      nb = Math.floor(rMax / dr),
      lag = 2;
    const r = vanHoveCorrelation(traj, { species: 'Li', lagFrames: [lag], dr_A: dr, rMax_A: rMax });
    const h = new Float64Array(nb);
    let origins = 0;
    for (let t0 = 0; t0 + lag < T; t0++) {
      origins++;
      const m = cells.subarray(9 * (t0 + lag), 9 * (t0 + lag) + 9);
      for (let i = 0; i < N; i++)
        for (let j = 0; j < N; j++) {
          if (i === j) continue;
          for (let a = -2; a <= 2; a++)
            for (let b = -2; b <= 2; b++)
              for (let c = -2; c <= 2; c++) {
                const o = (t0 + lag) * 3 * N + 3 * j,
                  p = t0 * 3 * N + 3 * i;
                const dx = pos[o] - pos[p] + a * m[0] + b * m[3] + c * m[6];
                const dy = pos[o + 1] - pos[p + 1] + a * m[1] + b * m[4] + c * m[7];
                const dz = pos[o + 2] - pos[p + 2] + a * m[2] + b * m[5] + c * m[8];
                const d = Math.hypot(dx, dy, dz);
                if (d < nb * dr) h[Math.floor(d / dr)]++;
              }
        }
    }
    for (let k = 0; k < nb; k++) {
      const shell = ((4 * Math.PI) / 3) * (((k + 1) * dr) ** 3 - (k * dr) ** 3);
      expect(r.distinct![0][k]).toBeCloseTo(h[k] / ((N - 1) * origins * shell), 10);
    }
    expect(origins).toBe(r.origins[0]);
  });
});
