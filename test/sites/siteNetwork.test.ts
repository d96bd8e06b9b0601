import { describe, expect, test } from 'vitest';
import { Cell } from '../../src/core/cell';
import { InputError } from '../../src/core/errors';
import { argyroditeTemplate } from '../../src/sites/argyroditeTemplate';
import { buildSiteNetwork, siteCentres, siteCounts } from '../../src/sites/siteNetwork';
import { idealLatticeTemplate } from '../../src/sites/siteTemplate';
import { tiledHosts } from './helpers';

// Textbook numbers of interstitial sites per host atom (see siteTemplate.ts for the definitions):
// fcc and hcp: 2 tet, 1 oct, 8 trigonal faces, 6 nearest-neighbour edges; bcc: 6 tet, 3 oct, 12 trig, 4 lin.
const TEXTBOOK = {
  fcc: { tetrahedral: 2, octahedral: 1, trigonal: 8, linear: 6 },
  bcc: { tetrahedral: 6, octahedral: 3, trigonal: 12, linear: 4 },
  hcp: { tetrahedral: 2, octahedral: 1, trigonal: 8, linear: 6 },
} as const;

describe('ideal lattices: site counts per host atom', () => {
  for (const lat of ['fcc', 'bcc', 'hcp'] as const) {
    test(lat, () => {
      const t = idealLatticeTemplate(lat);
      const { cell, positions } = tiledHosts(t, [3, 3, 3], 4.0);
      const net = buildSiteNetwork(t, positions, cell);
      const nh = positions.length / 3;
      const perHost = Object.fromEntries(Object.entries(siteCounts(net)).map(([k, v]) => [k, v / nh]));
      expect(perHost).toEqual(TEXTBOOK[lat]); // exact: counts are integers
      expect(net.maxMatchDisplacement_A).toBeLessThan(1e-9);
    });
  }

  test('ideal site centres sit at the textbook positions (fcc tet at ¼¼¼ has 4 hosts at a√3/4)', () => {
    const a = 4.0;
    const t = idealLatticeTemplate('fcc');
    const { cell, positions } = tiledHosts(t, [3, 3, 3], a);
    const net = buildSiteNetwork(t, positions, cell);
    const c = siteCentres(net, positions, cell);
    for (let s = 0; s < net.nSites; s++) {
      for (let o = net.vertexStart[s]; o < net.vertexStart[s + 1]; o++) {
        const d = cell.distance(c, s, positions, net.vertices[o]);
        const kind = net.typeKinds[net.siteType[s]];
        // centre–vertex distance of each ideal polyhedron, to rounding error
        const want = {
          tetrahedral: (a * Math.sqrt(3)) / 4,
          octahedral: a / 2,
          trigonal: a / Math.sqrt(6),
          linear: a / (2 * Math.SQRT2),
          polyhedral: NaN,
        }[kind];
        expect(d).toBeCloseTo(want, 10);
      }
    }
  });
});

describe('argyrodite template', () => {
  test('orbit sizes of the six tetrahedral types and 24 hosts per cell', () => {
    const t = argyroditeTemplate();
    expect(t.hostFrac.length).toBe(24);
    expect(t.siteTypes.map((s) => s.centresFrac.length)).toEqual([4, 16, 48, 4, 16, 48]);
  });
});
