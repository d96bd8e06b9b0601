// The site bin grid against the direct scan of every site (the oracle): Gaussian occupancy weights
// and nearest sites, in orthorhombic, triclinic (skewed beyond plain rounding) and small cells.
import { describe, expect, test } from 'vitest';
import { Cell } from '../../src/core/cell';
import { Random } from '../../src/core/random';
import { addGaussianSiteWeights, addGaussianSiteWeightsDirect } from '../../src/sites/gaussianSiteOccupancy';
import { roundingIsExact, squaredDistancesTo } from '../../src/sites/minimumImageScan';
import { SiteBinGrid } from '../../src/sites/siteBinGrid';

function randomPoints(cell: Cell, n: number, rng: Random, spill = 0.3): Float64Array {
  // fractional coordinates partly outside [0, 1) (unwrapped input must work too)
  const f = Float64Array.from({ length: 3 * n }, () => rng.uniform() * (1 + 2 * spill) - spill);
  return cell.toCartesian(f);
}

const CELLS: [string, Cell][] = [
  ['cubic 20 Å', Cell.orthorhombic(20, 20, 20)],
  ['orthorhombic 18×23×29 Å', Cell.orthorhombic(18, 23, 29)],
  ['triclinic 21×24×26 Å, 70/80/110°', Cell.fromParameters(21, 24, 26, 70, 80, 110)],
  ['monoclinic, β = 125°', Cell.fromParameters(19, 22, 20, 90, 125, 90)],
  ['small 9 Å (direct-scan fallback)', Cell.orthorhombic(9, 9.5, 10)],
];

describe('SiteBinGrid = direct scan', () => {
  for (const [name, cell] of CELLS) {
    test(`Gaussian weights and nearest sites, ${name}`, () => {
      const rng = new Random(11);
      const V = cell.volume;
      const sites = randomPoints(cell, Math.round(V / 8), rng);
      const ions = randomPoints(cell, 150, rng);
      const rmax = Math.min(4, Math.min(...cell.perpendicularWidths()) / 2);
      const a = new Float64Array(sites.length / 3),
        b = new Float64Array(sites.length / 3);
      const ua = addGaussianSiteWeights(sites, ions, cell, 0.1, rmax, a);
      const ub = addGaussianSiteWeightsDirect(sites, ions, cell, 0.1, rmax, b);
      expect(ua).toBe(ub);
      // same sites, same weights; only the order of the per-cation sums differs (1e-12)
      let maxDiff = 0;
      for (let s = 0; s < a.length; s++) maxDiff = Math.max(maxDiff, Math.abs(a[s] - b[s]));
      expect(maxDiff).toBeLessThan(1e-12);
      expect(a.reduce((x, y) => x + y, 0)).toBeCloseTo(150 - ua, 9);
      // nearest site (minimum image), exactly the brute-force answer
      const grid = new SiteBinGrid(Math.cbrt(V / (sites.length / 3)));
      grid.update(sites, cell);
      const frac = cell.toFractional(sites),
        d2 = new Float64Array(sites.length / 3);
      for (let c = 0; c < 150; c++) {
        const [x, y, z] = [ions[3 * c], ions[3 * c + 1], ions[3 * c + 2]];
        squaredDistancesTo(x, y, z, sites, frac, cell, roundingIsExact(cell), d2);
        let best = -1,
          bd = Infinity;
        for (let s = 0; s < d2.length; s++)
          if (d2[s] < bd) {
            bd = d2[s];
            best = s;
          }
        expect(grid.nearest(x, y, z)).toBe(best);
        expect(Math.abs(grid.lastNearestD2 - bd)).toBeLessThan(1e-9);
      }
    });
  }

  test('sparse sites: the nearest-site search widens until it is sure', () => {
    const cell = Cell.orthorhombic(30, 30, 30);
    const sites = Float64Array.from([1, 1, 1, 16, 15, 14]);
    const grid = new SiteBinGrid(1); // 30 bins per axis, sites far apart
    grid.update(sites, cell);
    expect(grid.nearest(29.5, 29.5, 29.5)).toBe(0); // through the periodic boundary, 2.6 Å
    expect(grid.lastNearestD2).toBeCloseTo(3 * 1.5 ** 2, 12);
    expect(grid.nearest(10, 10, 10)).toBe(1); // 8.8 Å vs 15.6 Å
  });
});
