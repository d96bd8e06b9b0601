import { describe, expect, test } from 'vitest';
import { Cell } from '../../src/core/cell';
import { InputError } from '../../src/core/errors';
import { analyseFrames } from '../../src/core/frameAnalysis';
import { GaussianSiteOccupancy } from '../../src/sites/gaussianSiteOccupancy';
import { SiteJumpAnalysis } from '../../src/sites/siteJumps';
import { buildSiteNetwork, siteCentres } from '../../src/sites/siteNetwork';
import { idealLatticeTemplate } from '../../src/sites/siteTemplate';
import { hostsFirst, tiledHosts, trajectoryOf } from './helpers';

/** fcc host (tet + oct sites only), one cation following `path` (fractions along tet A → oct B). */
function hopper(path: number[]) {
  const t = idealLatticeTemplate('fcc');
  t.derive = {};
  const { cell, positions } = tiledHosts(t, [3, 3, 3], 4.0);
  const net = buildSiteNetwork(t, positions, cell, hostsFirst(positions));
  const c = siteCentres(net, positions, cell);
  const A = 0; // tetrahedral
  const B = Array.from(net.siteType).findIndex((ty, s) => ty === 1 && cell.distance(c, s, c, A) < 1.8); // neighbouring oct, 1.732 Å
  const d = [0, 0, 0];
  cell.minimumImage(c[3 * B] - c[3 * A], c[3 * B + 1] - c[3 * A + 1], c[3 * B + 2] - c[3 * A + 2], d);
  const frames = path.map((x) => {
    const all = new Float64Array(positions.length + 3);
    all.set(positions);
    all.set(
      [0, 1, 2].map((k) => c[3 * A + k] + x * d[k]),
      positions.length,
    );
    return all;
  });
  const traj = trajectoryOf([...Array(positions.length / 3).fill('I'), 'Ag'], frames, [cell], 100);
  return { net, traj, A, B };
}

describe('jumps with hysteresis', () => {
  // A–B distance 1.732 Å; r_in = 0.5 Å: the ion must come within 0.5 Å of B's centre,
  // i.e. beyond x = 1 − 0.5/1.732 = 0.711 of the way, to be assigned to B.
  test('rattling between two sites within the hysteresis makes no jump', async () => {
    const { net, traj } = hopper([0, 0.3, 0.55, 0.65, 0.4, 0.1, 0.6, 0.69, 0.2, 0]); // crosses the midpoint, never reaches B's capture sphere
    const an = new SiteJumpAnalysis(net, { mobile: 'Ag', rIn_A: 0.5 });
    await analyseFrames(traj, [an]);
    const r = an.result();
    expect(r.jumps).toHaveLength(0);
    expect(r.hop_frequency_per_ns).toBe(0);
  });

  test('a real hop makes exactly one jump, with time, types and site centres', async () => {
    const { net, traj, A, B } = hopper([0, 0.2, 0.5, 0.65, 0.8, 1, 1, 0.9, 1, 0.95]);
    const an = new SiteJumpAnalysis(net, { mobile: 'Ag', rIn_A: 0.5 });
    await analyseFrames(traj, [an]);
    const r = an.result();
    expect(r.jumps).toHaveLength(1);
    const j = r.jumps[0];
    expect([j.from, j.to, j.fromType, j.toType, j.t_fs]).toEqual([A, B, 'tetrahedral', 'octahedral', 400]); // frame 4 (x = 0.8: 0.35 Å from B)
    expect(Math.hypot(...[0, 1, 2].map((k) => j.toCentre_A[k] - j.fromCentre_A[k]))).toBeCloseTo(Math.sqrt(3), 9);
    // 1 jump of 1 ion in 900 fs = 1/0.0009 ns = 1111.1 ns⁻¹
    expect(r.hop_frequency_per_ns).toBeCloseTo(1 / 0.0009, 6);
    expect(r.rates).toEqual([{ from: 'tetrahedral', to: 'octahedral', count: 1, rate_per_ns: 1 / 0.0009, rate_per_ion_per_ns: 1 / 0.0009 }]);
  });

  test('minimum residence: a one-frame excursion A→B→A is dropped; residence times of complete visits', async () => {
    const path = [0, 0, 1, 0, 0, 0, 1, 1, 1, 1, 0, 0];
    const raw = hopper(path);
    const a1 = new SiteJumpAnalysis(raw.net, { mobile: 'Ag', rIn_A: 0.5 });
    await analyseFrames(raw.traj, [a1]);
    expect(a1.result().jumps.map((j) => j.t_fs)).toEqual([200, 300, 600, 1000]);
    // complete visits: B [200,300) 100 fs, A [300,600) 300 fs, B [600,1000) 400 fs
    expect(a1.result().residence_times_fs).toEqual({ tetrahedral: [300], octahedral: [100, 400] });
    const a2 = new SiteJumpAnalysis(raw.net, { mobile: 'Ag', rIn_A: 0.5, minResidence_fs: 150 });
    await analyseFrames(raw.traj, [a2]);
    expect(a2.result().jumps.map((j) => [j.t_fs, j.fromType, j.toType])).toEqual([
      [600, 'tetrahedral', 'octahedral'],
      [1000, 'octahedral', 'tetrahedral'],
    ]);
  });
});

describe('bad input gives clear errors', () => {
  const t = idealLatticeTemplate('fcc');
  const { cell, positions } = tiledHosts(t, [3, 3, 3], 4.0);

  test('no host atoms of the named species', async () => {
    const traj = trajectoryOf(Array(positions.length / 3).fill('I'), [positions], [cell]);
    const occ = new GaussianSiteOccupancy({ template: t, host: 'S' }, { mobile: 'I' });
    await expect(analyseFrames(traj, [occ])).rejects.toThrow(/no atoms of species "S"; the trajectory has I/);
    expect(() => buildSiteNetwork(t, new Float64Array(0), cell)).toThrow(/no host atoms/);
  });

  test('cutoffs that make no sense', async () => {
    const traj = trajectoryOf(Array(positions.length / 3).fill('I'), [positions], [cell]);
    const run = (o: object) => analyseFrames(traj, [new GaussianSiteOccupancy({ template: t, host: 'I' }, { mobile: 'I', ...o })]);
    await expect(run({ rmax_A: 7 })).rejects.toThrow(/exceeds half the smallest cell width \(6\.000 Å\)/);
    await expect(run({ sigma2_A2: -0.1 })).rejects.toThrow(/σ² must be a positive/);
    await expect(run({ rmax_A: 0.2 })).rejects.toThrow(/smaller than σ/);
    expect(() => new SiteJumpAnalysis({ template: t, host: 'I' }, { mobile: 'I', rIn_A: 0 })).toThrow(/r_in must be a positive distance/);
    const noTime = trajectoryOf(Array(positions.length / 3).fill('I'), [positions], [cell]);
    const f0 = { ...noTime.frame(0), time_fs: undefined };
    const jumps = new SiteJumpAnalysis({ template: t, host: 'I' }, { mobile: 'I' });
    expect(() => jumps.addFrame(f0, noTime.topology)).toThrow(/time step missing/);
  });

  test('a reference that does not match: wrong host count, lattice mismatch, wrong structure', () => {
    expect(() => buildSiteNetwork(t, positions.subarray(0, positions.length - 3), cell)).toThrow(/107 host atoms \(not a whole multiple\)/);
    // tetragonal cell (c/a = 1.3): not an fcc supercell
    const m = cell.matrix;
    const cellT = new Cell([m[0], 0, 0, 0, m[4], 0, 0, 0, m[8] * 1.3]);
    const posT = Float64Array.from(positions, (x, i) => (i % 3 === 2 ? x * 1.3 : x));
    expect(() => buildSiteNetwork(t, posT, cellT)).toThrow(/lattice mismatch/);
    // bcc hosts (2 per cubic cell, 4×4×4 = 128 hosts = 32 fcc cells) offered as fcc: cell 4·a is not 32 cells
    const b = tiledHosts(idealLatticeTemplate('bcc'), [4, 4, 4], 4.0);
    expect(() => buildSiteNetwork(t, b.positions, b.cell)).toThrow(InputError);
    // a host displaced by 1.5 Å is farther than the tolerance from every reference position
    const bad = positions.slice();
    bad[0] += 1.5;
    expect(() => buildSiteNetwork(t, bad, cell)).toThrow(/host atom 0 is 1\.\d\d Å from the nearest reference host position/);
  });
});
