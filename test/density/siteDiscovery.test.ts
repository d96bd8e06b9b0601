import { describe, expect, it } from 'vitest';
import { probabilityDensity } from '../../src/density/probabilityDensity';
import { discoverSites, hostPolyhedron } from '../../src/density/siteDiscovery';
import { fccHostWithHoppingCations } from './fccSiteFixture';

describe('site discovery from density maxima', () => {
  it('sites discovered on a synthetic lattice equal the lattice sites (fcc host: tetrahedral and octahedral interstices)', () => {
    // The shared fcc host (fccSiteFixture): 32 octahedral sites always full, 64 tetrahedral sites half full.
    const { a, cell, oct, tet, top, hostCart, frames } = fccHostWithHoppingCations({ seed: 5, nFrames: 1500 });
    const d = probabilityDensity(frames, top, { species: 'Li', spacing_A: 0.2, sigma_A: 0.2 });
    const sites = discoverSites(d, { minSeparation_A: 1.5, minOccupancy: 0.05, hostPositions: hostCart });
    expect(sites.length).toBe(96);
    const near = (f: number[], list: number[][]) =>
      Math.min(...list.map((q) => Math.sqrt(cell.minimumImage(...([0, 1, 2].map((k) => (f[k] - q[k]) * a) as [number, number, number]), [0, 0, 0]))));
    for (const s of sites) {
      const dOct = near(s.fractional, oct),
        dTet = near(s.fractional, tet);
      // Positions within 0.05 Å of the lattice site (750–1500 visits of σ 0.25 Å per site; grid 0.2 Å).
      expect(Math.min(dOct, dTet)).toBeLessThan(0.05);
      if (dOct < dTet) {
        expect(s.polyhedron).toBe('octahedral');
        expect(s.occupancy).toBeCloseTo(1, 2);
      } else {
        expect(s.polyhedron).toBe('tetrahedral');
        expect(s.occupancy).toBeCloseTo(0.5, 2);
      }
      // Spread: √3 σ in 3D, widened by the smearing and the grid: √(3(0.25² + 0.2² + 0.2²/12)) = 0.56 Å, within 5 %.
      expect(s.spread_A / Math.sqrt(3 * (0.25 ** 2 + 0.2 ** 2 + 0.04 / 12))).toBeCloseTo(1, 1);
    }
    expect(sites.reduce((x, s) => x + s.occupancy, 0)).toBeCloseTo(64, 9);
    expect(hostPolyhedron(cell.toCartesian([0.125, 0.125, 0.125]), hostCart, cell).cn).toBe(4);
    expect(hostPolyhedron(cell.toCartesian([0.25, 0.25, 0.25]), hostCart, cell).label).toBe('octahedral');
    expect(() => discoverSites(d, { minSeparation_A: 0 })).toThrow(/separation/);
  });
});
