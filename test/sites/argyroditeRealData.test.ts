// Li6PS5Cl AIMD (Morgan, Chem. Mater. 2021; data, 500 K, 2×2×2 cells, 140 frames × 100 fs):
// tetrahedral site occupancies with sites from the ideal F-43m reference in each file's own cell.
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyseFrames } from '../../src/core/frameAnalysis';
import { readTrajectory } from '../../src/io';
import { argyroditeTemplate } from '../../src/sites/argyroditeTemplate';
import { GaussianSiteOccupancy } from '../../src/sites/gaussianSiteOccupancy';
import { SiteJumpAnalysis } from '../../src/sites/siteJumps';
import { buildSiteNetworkFromFrame } from '../../src/sites/siteNetwork';

const DATA = path.resolve(__dirname, '../../data');

// Morgan 2021, repository bjmorgan/data_argyrodite_disorder,
// analysis/tetrahedral_site_analysis/tetrahedral_site_occupations.ipynb (output of `populations`):
// fraction of Li in each tetrahedral type, polyhedral (point-in-tetrahedron) assignment of the
// INHERENT (quenched) structures of 5–6 runs per disorder level.
const MORGAN = {
  0: { 'type 2': 0.19407, 'type 4': 0.0000074, 'type 5': 0.80584 },
  50: { 'type 2': 0.30373, 'type 4': 0.02657, 'type 5': 0.66967 },
  100: { 'type 2': 0.36754, 'type 4': 0.071, 'type 5': 0.56147 },
} as const;

describe('Li6PS5Cl tetrahedral site occupancy vs Morgan 2021', () => {
  const results: Record<number, Record<string, number>> = {};
  for (const pct of [0, 50, 100] as const) {
    test(`${pct} % S/Cl disorder`, async () => {
      const traj = await readTrajectory(path.join(DATA, `Li6PS5Cl_${pct}pct_500K_XDATCAR.gz`), { timestep_fs: 100 });
      const net = buildSiteNetworkFromFrame(argyroditeTemplate(), traj.frame(0), traj.topology, { host: ['S', 'Cl'] });
      expect(net.replication).toEqual([2, 2, 2]);
      expect(net.nSites).toBe(136 * 8);
      const occ = new GaussianSiteOccupancy(net, { mobile: 'Li' });
      const jumps = new SiteJumpAnalysis(net, { mobile: 'Li', dt_fs: traj.frameInterval_fs() });
      await analyseFrames(traj, [occ, jumps]);
      const r = occ.result();
      const P1 = Object.fromEntries(r.types.map((t) => [t.name, t.P1]));
      results[pct] = P1;
      // Tolerance 0.05 absolute: we use Gaussian weights on ONE thermal 500 K run of 14 ps, Morgan
      // assigns inherent structures of 5–6 longer runs to polyhedra; P1 sums to 1 exactly.
      for (const [type, want] of Object.entries(MORGAN[pct])) expect(Math.abs(P1[type] - want)).toBeLessThan(0.05);
      expect(P1['type 0'] + P1['type 3']).toBeLessThan(1e-3); // PS4 centres and 4c never hold Li
      expect(r.unassignedFraction).toBe(0);
      // entropy per Li is positive and finite
      expect(r.entropy_kB!).toBeGreaterThan(1);
      // every jump connects two different sites; Li hop between type 5 and type 2 sites
      const j = jumps.result();
      expect(j.jumps.every((e) => e.from !== e.to)).toBe(true);
      expect(j.hop_frequency_per_ns).toBeGreaterThan(0);
    });
  }
  test('disorder shifts Li from type 5 to type 2 and type 4 sites (as in Morgan 2021)', () => {
    expect(results[0]['type 5']).toBeGreaterThan(results[50]['type 5']);
    expect(results[50]['type 5']).toBeGreaterThan(results[100]['type 5']);
    expect(results[100]['type 2']).toBeGreaterThan(results[0]['type 2']);
    expect(results[100]['type 4']).toBeGreaterThan(results[50]['type 4']);
  });
});
