import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { msdLinearity } from '../../src/transport/msdLinearity';
import { meanSquaredDisplacement } from '../../src/transport/meanSquaredDisplacement';
import { analyseDiffusion } from '../../src/transport/diffusionAnalysis';
import { openTrajectory } from '../../src/io/index';
import { Random } from '../../src/core/random';
import { randomWalk } from './helpers';

const DATA = path.resolve(__dirname, '../../data');

/** 3-D walk of n ions: step noise s, restoring factor k toward the origin per frame (k = 0: free), drift v per frame. */
function walk(n: number, T: number, s: number, k: number, v: number, seed: number): Float64Array {
  const rng = new Random(seed),
    x = new Float64Array(T * 3 * n);
  for (let f = 1; f < T; f++)
    for (let i = 0; i < 3 * n; i++) {
      const prev = x[(f - 1) * 3 * n + i];
      x[f * 3 * n + i] = prev * (1 - k) + s * rng.normal() + v;
    }
  return x;
}
const regimeOf = (x: Float64Array, n: number, T: number, w: [number, number]) => {
  const m = meanSquaredDisplacement(x, n, T, 1);
  return msdLinearity(m.t_fs, m.msd_A2, w, n, T, 1);
};

describe('msdLinearity (is the MSD a straight line over the fit window?)', () => {
  it('free random walkers are diffusive: ratio within 3 stated errors of 1 (8 seeds)', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const r = regimeOf(randomWalk(32, 1500, 0.2, 300 + seed), 32, 1500, [150, 1200]);
      expect(r.regime).toBe('diffusive');
      expect(Math.abs(r.ratio! - 1)).toBeLessThan(3 * r.ratio_stderr!);
    }
  });

  it('caged ions (harmonic restoring force, relaxation ≈ 100 frames ≪ window) are sub-diffusive', () => {
    const r = regimeOf(walk(32, 1500, 0.2, 0.01, 0, 7), 32, 1500, [150, 1200]);
    expect(r.regime).toBe('sub-diffusive');
    expect(r.ratio!).toBeLessThan(0.3); // plateau: MSD barely grows in the second half
    expect(r.reason).toMatch(/bends over.*chord, not a diffusion coefficient/);
  });

  it('an uncorrected drift makes the MSD curve upward: super-diffusive', () => {
    const r = regimeOf(walk(256, 1500, 0.2, 0, 0.02, 9), 256, 1500, [150, 1200]);
    expect(r.regime).toBe('super-diffusive');
    expect(r.reason).toMatch(/curves upward/);
  });

  it('real Li6PS5Cl at 500 K (Morgan 2021): anion-ordered 0 % and 100 % bend over, the disordered 50 % does not', async () => {
    const regime: Record<string, string> = {};
    for (const pct of [0, 50, 100]) {
      const s = await openTrajectory(path.join(DATA, `Li6PS5Cl_${pct}pct_500K_XDATCAR.gz`), { timestep_fs: 100 });
      const r = await analyseDiffusion(s, 'Li', { drift: true });
      regime[pct] = r.linearity.regime;
      // measured: 0.57 / 0.83 / 0.64, each ± 0.06–0.08
      if (pct === 0) {
        expect(r.linearity.ratio!).toBeGreaterThan(0.45);
        expect(r.linearity.ratio!).toBeLessThan(0.7);
      }
    }
    expect(regime).toEqual({ 0: 'sub-diffusive', 50: 'diffusive', 100: 'sub-diffusive' });
  });
});
