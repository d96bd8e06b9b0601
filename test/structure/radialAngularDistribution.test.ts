import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { Random } from '../../src/core/random';
import { topologyFromSymbols } from '../../src/core/topology';
import { RadialAngularDistribution } from '../../src/structure/radialAngularDistribution';
import { radialAngularMapSpec } from '../../src/display/structure/structurePlots';

describe('combined radial–angular distribution g(r, θ) around molecular anions', () => {
  it('uniform cation gas around randomly oriented PS4 → g = 1 per solid angle and shell volume', () => {
    const L = 20,
      cell = Cell.orthorhombic(L, L, L),
      rng = new Random(3);
    const nA = 8,
      nLi = 200;
    const top = topologyFromSymbols([...Array(nA).fill(['P', 'S', 'S', 'S', 'S']).flat(), ...Array(nLi).fill('Li')]);
    const tet = [
      [1, 1, 1],
      [1, -1, -1],
      [-1, 1, -1],
      [-1, -1, 1],
    ].map((v) => v.map((x) => (x * 2.05) / Math.sqrt(3)));
    const acc = new RadialAngularDistribution({ centre: 'PS4', cation: 'Li', rMax_A: 6, rBins: 6, thetaBins: 6 });
    for (let f = 0; f < 200; f++) {
      const pos = new Float64Array(3 * (5 * nA + nLi));
      for (let m = 0; m < nA; m++) {
        const c = [(m & 1) * 10 + 5, ((m >> 1) & 1) * 10 + 5, ((m >> 2) & 1) * 10 + 5];
        // Random rotation: random unit quaternion.
        const q = [rng.normal(), rng.normal(), rng.normal(), rng.normal()],
          n = Math.hypot(...q);
        const [w, x, y, z] = q.map((v) => v / n);
        const R = [
          1 - 2 * (y * y + z * z),
          2 * (x * y - z * w),
          2 * (x * z + y * w),
          2 * (x * y + z * w),
          1 - 2 * (x * x + z * z),
          2 * (y * z - x * w),
          2 * (x * z - y * w),
          2 * (y * z + x * w),
          1 - 2 * (x * x + y * y),
        ];
        pos.set(c, 15 * m);
        tet.forEach((v, k) => {
          for (let r = 0; r < 3; r++) pos[15 * m + 3 * (k + 1) + r] = c[r] + R[3 * r] * v[0] + R[3 * r + 1] * v[1] + R[3 * r + 2] * v[2];
        });
      }
      for (let i = 0; i < nLi; i++) for (let k = 0; k < 3; k++) pos[3 * (5 * nA + i) + k] = rng.uniform() * L;
      acc.addFrame({ index: f, cell, positions: pos }, top);
    }
    const r = acc.result();
    expect(r.axis).toBe('P→S');
    expect(r.density_per_A3).toBeCloseTo(nLi / L ** 3, 12);
    let checked = 0;
    for (let b = 0; b < r.g.length; b++) {
      if (r.ideal[b] < 300) continue;
      // Poisson: |g − 1| < 4/√expected.
      expect(Math.abs(r.g[b] - 1)).toBeLessThan(4 / Math.sqrt(r.ideal[b]));
      checked++;
    }
    expect(checked).toBeGreaterThan(12);
    // Total counts = expected ideal-gas total within 2 %.
    const tot = r.counts.reduce((s, x) => s + x, 0),
      ide = r.ideal.reduce((s, x) => s + x, 0);
    expect(Math.abs(tot / ide - 1)).toBeLessThan(0.02);
    const spec = radialAngularMapSpec(r) as unknown as { data: { values: unknown[] } };
    expect(spec.data.values.length).toBe(36);
    expect(() => new RadialAngularDistribution({ centre: 'PS4', cation: 'Li', rMax_A: -1 })).toThrow(/r_max/);
  });
});
