import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { Random } from '../../src/core/random';
import { vanHoveCorrelation } from '../../src/dynamics/vanHoveCorrelation';
import { idealGasTrajectory, makeTrajectory } from './synthetic';

describe('van Hove self part', () => {
  it('a Gaussian random walk gives G_s = (4πDt)^{-3/2} exp(−r²/4Dt) with ⟨r²⟩ = 6Dt', () => {
    const rng = new Random(21);
    const N = 200,
      T = 120,
      sigma = 0.3,
      box = 25;
    const pos = new Float64Array(T * 3 * N);
    for (let i = 0; i < 3 * N; i++) pos[i] = box * rng.uniform();
    for (let f = 1; f < T; f++) for (let i = 0; i < 3 * N; i++) pos[f * 3 * N + i] = pos[(f - 1) * 3 * N + i] + sigma * rng.normal();
    const traj = makeTrajectory(Array(N).fill('Li'), T, 1, pos, { box });
    const L = 20;
    const r = vanHoveCorrelation(traj, { species: 'Li', lagFrames: [L], dr_A: 0.1, distinct: false });
    const D = (sigma * sigma) / 2; // per-component variance σ² per step = 2D·(1 frame), Å²/frame
    let norm = 0,
      m2 = 0,
      l1 = 0;
    for (let k = 0; k < r.r_A.length; k++) {
      const x = r.r_A[k],
        h = r.dr_A / 2,
        shellW = ((4 * Math.PI) / 3) * ((x + h) ** 3 - (x - h) ** 3);
      const exact = Math.pow(4 * Math.PI * D * L, -1.5) * Math.exp(-(x * x) / (4 * D * L));
      norm += r.self[0][k] * shellW;
      m2 += x * x * r.self[0][k] * shellW;
      l1 += Math.abs(r.self[0][k] - exact) * shellW;
    }
    // r_max = 12.5 Å ≫ ⟨r²⟩^½ = 2.3 Å: everything is inside
    expect(norm).toBeCloseTo(1, 6);
    // 200 walkers × 100 overlapping origins: ⟨r²⟩ within 3 % (≈ 4 σ of its sampling error)
    expect(Math.abs(m2 / (6 * D * L) - 1)).toBeLessThan(0.03);
    // histogram vs analytic density, L1 distance of the radial distributions (bin error dominated)
    expect(l1).toBeLessThan(0.05);
    expect(r.origins[0]).toBe(T - L);
  });

  it('ballistic particles: G_s(r,t) of r = v t with Maxwellian v is Gaussian with ⟨r²⟩ = 3σ_v² t²', () => {
    const rng = new Random(8);
    const N = 3000,
      T = 11,
      sv = 0.01;
    const v = Float64Array.from({ length: 3 * N }, () => sv * rng.normal());
    const pos = new Float64Array(T * 3 * N);
    for (let f = 0; f < T; f++) for (let i = 0; i < 3 * N; i++) pos[f * 3 * N + i] = 50 + v[i] * f * 10;
    const traj = makeTrajectory(Array(N).fill('Na'), T, 10, pos, { box: 100 });
    const r = vanHoveCorrelation(traj, { species: 'Na', lags_fs: [100], dr_A: 0.05, rMax_A: 10, distinct: false });
    expect(r.t_fs[0]).toBe(100);
    let m2 = 0;
    for (let k = 0; k < r.r_A.length; k++) m2 += r.r_A[k] ** 2 * r.self[0][k] * 4 * Math.PI * r.r_A[k] ** 2 * r.dr_A;
    // exact ⟨r²⟩ = 3 (σ_v t)² = 3 Å²; 3000 independent samples: 3 % ≈ 4σ (+ bin-centre bias ~dr²/12)
    expect(Math.abs(m2 / 3 - 1)).toBeLessThan(0.03);
  });
});

describe('van Hove distinct part', () => {
  it('uncorrelated (ideal-gas) positions give G_d = ρ at every r', () => {
    const N = 100,
      box = 20;
    const traj = idealGasTrajectory('Li', N, 40, box, 5);
    const r = vanHoveCorrelation(traj, { species: 'Li', lagFrames: [0, 5], dr_A: 0.5 });
    expect(r.density_A3).toBeCloseTo(N / box ** 3, 12);
    for (const g of r.distinct!) {
      // mean over r ∈ [3, 10) Å within 2 %; shells there hold ≥ 5000 pairs per lag
      let s = 0,
        c = 0;
      for (let k = 0; k < r.r_A.length; k++)
        if (r.r_A[k] > 3) {
          s += g[k];
          c++;
        }
      expect(Math.abs(s / c / r.density_A3! - 1)).toBeLessThan(0.02);
    }
    // at t = 0 the self part is a delta at r = 0: all weight in the first bin
    expect(r.self[0][0] * (4 / 3) * Math.PI * 0.5 ** 3).toBeCloseTo(1, 12);
  });

  it('refuses bad lags, empty species and a single atom for G_d', () => {
    const traj = makeTrajectory(
      ['Li', 'S'],
      5,
      1,
      new Float64Array(30).map((_, i) => i % 7),
    );
    expect(() => vanHoveCorrelation(traj, { species: 'Li', lagFrames: [9], distinct: false })).toThrow(/outside the trajectory/);
    expect(() => vanHoveCorrelation(traj, { species: 'Na' })).toThrow(InputError);
    expect(() => vanHoveCorrelation(traj, { species: 'Li', lagFrames: [1] })).toThrow(/at least 2 atoms/);
    expect(() => vanHoveCorrelation(traj, { species: 'Li', lagFrames: [], distinct: false })).toThrow(/no lag/);
  });
});
