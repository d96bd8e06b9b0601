import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { Random } from '../../src/core/random';
import { topologyFromSymbols } from '../../src/core/topology';
import { probabilityDensity } from '../../src/density/probabilityDensity';
import { discoverSites, hostPolyhedron } from '../../src/density/siteDiscovery';

describe('site discovery from density maxima', () => {
  it('sites discovered on a synthetic lattice equal the lattice sites (fcc host: tetrahedral and octahedral interstices)', () => {
    // fcc host of 4 atoms per cubic cell (a = 8 Å, 1×1×1); cations vibrate (σ = 0.25 Å) around the 4 octahedral sites
    // (occupied all the time) and 8 tetrahedral sites (each held half the time: 4 cations hop among them).
    // 2×2×2 conventional cells of a = 6 Å (L = 12 Å) so that every polyhedron has distinct host atoms.
    const a = 12, cell = Cell.orthorhombic(a, a, a);
    const tile = (list: number[][]) => list.flatMap((p) => [0, 1].flatMap((x) => [0, 1].flatMap((y) => [0, 1].map((z) => [(p[0] + x) / 2, (p[1] + y) / 2, (p[2] + z) / 2]))));
    const host = tile([[0, 0, 0], [0, 0.5, 0.5], [0.5, 0, 0.5], [0.5, 0.5, 0]]);
    const oct = tile([[0.5, 0.5, 0.5], [0.5, 0, 0], [0, 0.5, 0], [0, 0, 0.5]]);
    const tet1: number[][] = [];
    for (const x of [0.25, 0.75]) for (const y of [0.25, 0.75]) for (const z of [0.25, 0.75]) tet1.push([x, y, z]);
    const tet = tile(tet1);
    const rng = new Random(5);
    const nIon = 32 + 32;
    const top = topologyFromSymbols([...Array(nIon).fill('Li'), ...Array(32).fill('S')]);
    const hostCart = cell.toCartesian(host.flat());
    const frames = Array.from({ length: 1500 }, (_, f) => {
      const pos = new Float64Array(3 * (nIon + 32));
      // Octahedral sites always full; the 64 tetrahedral sites in 32 pairs, one cation hopping within each pair.
      const sites = [...oct, ...Array.from({ length: 32 }, (_, q) => tet[2 * q + (Math.floor(f / 50 + q) % 2)])];
      sites.forEach((s, i) => { const c = cell.toCartesian(s); for (let k = 0; k < 3; k++) pos[3 * i + k] = c[k] + 0.25 * rng.normal(); });
      pos.set(hostCart, 3 * nIon);
      return { index: f, cell, positions: pos };
    });
    const d = probabilityDensity(frames, top, { species: 'Li', spacing_A: 0.2, sigma_A: 0.2 });
    const sites = discoverSites(d, { minSeparation_A: 1.5, minOccupancy: 0.05, hostPositions: hostCart });
    expect(sites.length).toBe(96);
    const near = (f: number[], list: number[][]) => Math.min(...list.map((q) => Math.sqrt(cell.minimumImage(...([0, 1, 2].map((k) => (f[k] - q[k]) * a)) as [number, number, number], [0, 0, 0]))));
    for (const s of sites) {
      const dOct = near(s.fractional, oct), dTet = near(s.fractional, tet);
      // Positions within 0.05 Å of the lattice site (750–1500 visits of σ 0.25 Å per site; grid 0.2 Å).
      expect(Math.min(dOct, dTet)).toBeLessThan(0.05);
      if (dOct < dTet) { expect(s.polyhedron).toBe('octahedral'); expect(s.occupancy).toBeCloseTo(1, 2); }
      else { expect(s.polyhedron).toBe('tetrahedral'); expect(s.occupancy).toBeCloseTo(0.5, 2); }
      // Spread: √3 σ in 3D, widened by the smearing and the grid: √(3(0.25² + 0.2² + 0.2²/12)) = 0.56 Å, within 5 %.
      expect(s.spread_A / Math.sqrt(3 * (0.25 ** 2 + 0.2 ** 2 + 0.04 / 12))).toBeCloseTo(1, 1);
    }
    expect(sites.reduce((x, s) => x + s.occupancy, 0)).toBeCloseTo(64, 9);
    expect(hostPolyhedron(cell.toCartesian([0.125, 0.125, 0.125]), hostCart, cell).cn).toBe(4);
    expect(hostPolyhedron(cell.toCartesian([0.25, 0.25, 0.25]), hostCart, cell).label).toBe('octahedral');
    expect(() => discoverSites(d, { minSeparation_A: 0 })).toThrow(/separation/);
  });
});
