import { describe, expect, it } from 'vitest';
import { KB_EV_PER_K } from '../../src/core/units';
import { densityFromCounts } from '../../src/density/probabilityDensity';
import { freeEnergyLandscape } from '../../src/density/freeEnergyLandscape';
import { percolationThresholds } from '../../src/pathways/percolationThreshold';
import { minimumFreeEnergyPath } from '../../src/pathways/minimumFreeEnergyPath';

/** F on an n_a×n_b×n_c grid from a function of fractional coordinates. */
function landscape(shape: [number, number, number], cell: number[], f: (a: number, b: number, c: number) => number) {
  const [na, nb, nc] = shape;
  const values = new Float64Array(na * nb * nc);
  for (let i = 0; i < na; i++) for (let j = 0; j < nb; j++) for (let k = 0; k < nc; k++) values[(i * nb + j) * nc + k] = f(i / na, j / nb, k / nc);
  return { shape, cell, values };
}

const s2 = (x: number) => Math.sin(Math.PI * x) ** 2;

describe('percolation thresholds', () => {
  it('separable landscape E_a sin²(πf_a) + E_b sin²(πf_b) + E_c sin²(πf_c): thresholds E_a, E_b, E_c and 1D/2D/3D = E_a/E_b/E_c', () => {
    const Ea = 0.1,
      Eb = 0.25,
      Ec = 0.4;
    const g = landscape([20, 16, 24], [10, 0, 0, 0, 8, 0, 0, 0, 12], (a, b, c) => Ea * s2(a) + Eb * s2(b) + Ec * s2(c));
    const p = percolationThresholds(g);
    // Exact on the grid: every wrapping path must cross the plane f = ½, which is a grid plane (n even).
    expect(p.threshold_a).toBeCloseTo(Ea, 12);
    expect(p.threshold_b).toBeCloseTo(Eb, 12);
    expect(p.threshold_c).toBeCloseTo(Ec, 12);
    expect(p.threshold_1d).toBeCloseTo(Ea, 12);
    expect(p.threshold_2d).toBeCloseTo(Eb, 12);
    expect(p.threshold_3d).toBeCloseTo(Ec, 12);
    expect(p.minimum).toBe(0);
    expect(p.accessible_fraction.d3).toBeGreaterThan(p.accessible_fraction.d1);
    // The critical voxels sit on the saddle planes f = ½ of their axis, at F equal to the threshold.
    const fr = (v: number) => [Math.floor(v / (16 * 24)) / 20, (Math.floor(v / 24) % 16) / 16, (v % 24) / 24];
    expect(fr(p.critical_point.a)[0]).toBe(0.5);
    expect(fr(p.critical_point.b)[1]).toBe(0.5);
    expect(fr(p.critical_point.c)[2]).toBe(0.5);
    for (const k of ['a', 'b', 'c', 'd1', 'd2', 'd3'] as const)
      expect(g.values[p.critical_point[k]]).toBe((p as any)[`threshold_${k === 'd1' ? '1d' : k === 'd2' ? '2d' : k === 'd3' ? '3d' : k}`]);
  });

  it('a landscape recovered from a Boltzmann density: thresholds equal within the grid, diagonal channel percolates along a and b', () => {
    const T = 600,
      kT = KB_EV_PER_K * T;
    // Channel along the [110] diagonal: low F where f_a ≈ f_b (mod 1); saddle of 0.15 eV along it; 0.6 eV elsewhere.
    const shape: [number, number, number] = [24, 24, 12];
    const cell = [12, 0, 0, 0, 12, 0, 0, 0, 6];
    const Ftrue = (a: number, b: number, c: number) => 0.6 * s2(a - b) + 0.15 * s2(2 * a) * (1 - s2(a - b)) + 0.9 * s2(c);
    const g = landscape(shape, cell, Ftrue);
    const counts = g.values.map((F) => 1e6 * Math.exp(-F / kT));
    const d = densityFromCounts(counts, shape, cell, 100, 1, ['Li']);
    const L = freeEnergyLandscape(d, { temperature_K: T });
    for (let v = 0; v < L.values.length; v++) expect(L.values[v]).toBeCloseTo(g.values[v] - 0, 9);
    const p = percolationThresholds(L);
    // Along the diagonal f_a = f_b the only barrier is 0.15 sin²(2πf_a): a 1D channel along [110] at 0.15 eV,
    // which counts for a and for b (an ion crosses the cell along both).
    expect(p.threshold_1d).toBeCloseTo(0.15, 9);
    expect(p.threshold_a).toBeCloseTo(0.15, 9);
    expect(p.threshold_b).toBeCloseTo(0.15, 9);
    expect(p.threshold_c).toBeGreaterThan(0.5);
    expect(p.threshold_2d).toBeGreaterThan(0.3);
  });
});

describe('minimum free-energy path', () => {
  it('two wells separated by a saddle of known height: barrier and saddle position recovered', () => {
    // Wells at f_a = 0 and ½ (F = 0), saddles at f_a = ¼, ¾ of E_s = 0.2 eV; b and c confine with 0.5 eV.
    const Es = 0.2;
    const g = landscape([32, 16, 16], [16, 0, 0, 0, 8, 0, 0, 0, 8], (a, b, c) => Es * Math.sin(2 * Math.PI * a) ** 2 + 0.5 * (s2(b) + s2(c)));
    const p = minimumFreeEnergyPath(g, { from: [0, 0, 0], to: [0.5, 0, 0] });
    expect(p.max_F).toBeCloseTo(Es, 12);
    expect(p.barrier_forward).toBeCloseTo(Es, 12);
    expect(p.barrier_backward).toBeCloseTo(Es, 12);
    // The shortest minimax path is the straight line along a: 8 Å, through the saddle at f_a = ¼ or ¾.
    expect(p.length_A).toBeCloseTo(8, 9);
    expect([0.25, -0.25]).toContainEqual(expect.closeTo(p.saddle_fractional[0], 9));
    expect(p.F[0]).toBe(0);
    expect(p.F[p.F.length - 1]).toBeCloseTo(0, 12);
    expect(p.s_A.length).toBe(p.F.length);
  });

  it('across the cell: the path from the minimum to its own image along each axis has the percolation threshold as bottleneck', () => {
    const g = landscape([20, 16, 24], [10, 0, 0, 0, 8, 0, 0, 0, 12], (a, b, c) => 0.1 * s2(a) + 0.25 * s2(b) + 0.4 * s2(c));
    const perc = percolationThresholds(g);
    for (const [axis, th, len] of [
      ['a', perc.threshold_a, 10],
      ['b', perc.threshold_b, 8],
      ['c', perc.threshold_c, 12],
    ] as const) {
      const p = minimumFreeEnergyPath(g, { across: axis });
      expect(p.max_F).toBeCloseTo(th, 12);
      expect(p.length_A).toBeCloseTo(len, 9);
      const end = p.fractional[p.fractional.length - 1];
      expect(end).toEqual([axis === 'a' ? 1 : 0, axis === 'b' ? 1 : 0, axis === 'c' ? 1 : 0]);
    }
  });

  it('across a along a channel that wraps only diagonally ([110]): the path ends at the image (1, 1, 0), bottleneck = the channel saddle', () => {
    // Low F only where f_a ≈ f_b: the cluster never wraps by (1, 0, 0), only by (1, 1, 0). The path across a must end
    // at the start's image one cell along a AND one along b (before: "cannot be reached" on such a landscape).
    const g = landscape([24, 24, 12], [12, 0, 0, 0, 12, 0, 0, 0, 6], (a, b, c) => 0.6 * s2(a - b) + 0.15 * s2(2 * a) * (1 - s2(a - b)) + 0.9 * s2(c));
    for (const axis of ['a', 'b'] as const) {
      const p = minimumFreeEnergyPath(g, { across: axis });
      expect(p.max_F).toBeCloseTo(0.15, 9);
      const start = p.fractional[0],
        end = p.fractional[p.fractional.length - 1];
      expect(end.map((x, q) => x - start[q])).toEqual([1, 1, 0]);
      // Straight along the diagonal: |(12, 12, 0)| Å.
      expect(p.length_A).toBeCloseTo(12 * Math.SQRT2, 9);
    }
  });

  it('bad input: clear errors', () => {
    const g = landscape([4, 4, 4], [4, 0, 0, 0, 4, 0, 0, 0, 4], () => 0);
    expect(() => minimumFreeEnergyPath(g, {})).toThrow(/target/);
    expect(() => minimumFreeEnergyPath(g, { from: [0, 0, 0], to: [0, 0, 0] })).toThrow(/same grid point/);
    expect(() => minimumFreeEnergyPath(g, { to: [0, NaN, 0] })).toThrow(/fractional/);
    expect(() => percolationThresholds({ ...g, values: new Float64Array(3) })).toThrow(/values/);
    expect(() => percolationThresholds({ ...g, values: g.values.map((x, i) => (i === 5 ? NaN : x)) })).toThrow(/not finite/);
  });
});
