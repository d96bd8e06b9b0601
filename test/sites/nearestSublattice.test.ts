// Nearest-site assignment, Wood's sublattice normalisation with the average line, the random-placement
// null baseline (Wood 2021 Fig. 4c) and the block average (core/blockAverage.ts).
import { describe, expect, test } from 'vitest';
import { blockMean } from '../../src/core/blockAverage';
import { Cell } from '../../src/core/cell';
import { InputError } from '../../src/core/errors';
import { analyseFrames } from '../../src/core/frameAnalysis';
import { Random } from '../../src/core/random';
import { sublatticeOccupancyVsTemperatureSpec } from '../../src/display/sites';
import { GaussianSiteOccupancy } from '../../src/sites/gaussianSiteOccupancy';
import { addNearestSiteCounts, nearestSitesDirect } from '../../src/sites/nearestSiteAssignment';
import { randomPlacementBaseline, sublatticeNullBaseline, sublatticeNullBaselineFor } from '../../src/sites/randomBaseline';
import { buildSiteNetwork, siteCentres } from '../../src/sites/siteNetwork';
import { idealLatticeTemplate } from '../../src/sites/siteTemplate';
import { bccTetrahedralSublattices, SublatticeOccupancy } from '../../src/sites/sublattices';
import { hostsFirst, tiledHosts, trajectoryOf } from './helpers';

const A = 5.07;

function agiLattice() {
  const t = idealLatticeTemplate('bcc');
  const { cell, positions } = tiledHosts(t, [2, 2, 2], A);
  const net = buildSiteNetwork(t, positions, cell, hostsFirst(positions));
  const c = siteCentres(net, positions, cell);
  return { net, cell, positions, c };
}

describe('block average', () => {
  test('mean of every value, standard error of the block means (hand-worked)', () => {
    const b = blockMean([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 5); // blocks of 2: 1.5, 3.5, 5.5, 7.5, 9.5 (11 dropped)
    expect(b.mean).toBeCloseTo(6, 12);
    expect(Array.from(b.blockMeans)).toEqual([1.5, 3.5, 5.5, 7.5, 9.5]);
    expect(b.stderr!).toBeCloseTo(Math.sqrt(10 / 5), 12); // var of block means = 10 (n−1), /B
    expect(blockMean([3], 5).stderr).toBeNull();
    expect(() => blockMean([], 5)).toThrow(InputError);
  });
  test('white noise: block error ≈ σ/√N within 30 %', () => {
    const rng = new Random(5);
    const x = Float64Array.from({ length: 20000 }, () => rng.normal());
    const b = blockMean(x, 20);
    expect(b.stderr! / (1 / Math.sqrt(20000))).toBeGreaterThan(0.7);
    expect(b.stderr! / (1 / Math.sqrt(20000))).toBeLessThan(1.3);
  });
});

describe('nearest-site assignment', () => {
  test('bin-grid search equals the direct scan on 500 random points (bcc AgI network, every site type)', () => {
    const { cell, c } = agiLattice();
    const rng = new Random(11);
    const pts = cell.toCartesian(Array.from({ length: 1500 }, () => rng.uniform()));
    const counts = new Float64Array(c.length / 3),
      site = new Int32Array(500),
      d = new Float64Array(500);
    addNearestSiteCounts(c, pts, cell, counts, undefined, site, d);
    const ref = nearestSitesDirect(c, pts, cell);
    for (let i = 0; i < 500; i++) expect(d[i]).toBeCloseTo(ref.distance_A[i], 10);
    // ties aside, the same site
    expect(Array.from(site).filter((s, i) => s !== ref.site[i]).length).toBeLessThanOrEqual(2);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(500);
  });

  test('an Ag on a trigonal face counts 1 on that trigonal site, with Gaussian weights it is shared', async () => {
    const { net, cell, positions, c } = agiLattice();
    const trig = net.typeNames.indexOf('trigonal');
    const s = Array.from(net.siteType).findIndex((t) => t === trig);
    const at = (x: number[]) => {
      const p = new Float64Array(positions.length + 3);
      p.set(positions);
      p.set(x, positions.length);
      return p;
    };
    const traj = trajectoryOf([...Array(positions.length / 3).fill('I'), 'Ag'], [at([c[3 * s], c[3 * s + 1], c[3 * s + 2] + 0.0])], [cell], 50);
    const near = new GaussianSiteOccupancy(net, { mobile: 'Ag', assignment: 'nearest' });
    const gauss = new GaussianSiteOccupancy(net, { mobile: 'Ag' });
    await analyseFrames(traj, [near, gauss]);
    const rn = near.result(),
      rg = gauss.result();
    expect(rn.assignment).toBe('nearest');
    expect(rn.types[trig].P1).toBe(1);
    expect(rn.siteOccupancy[s]).toBe(1);
    // Gaussian weights share it with the two tetrahedral sites whose face it is (0.9447 Å away, w = 0.0115 each)
    expect(rg.types[trig].P1).toBeLessThan(0.99);
    expect(rg.types[trig].P1).toBeGreaterThan(0.95);
    const dd = rn.nearestDistances!;
    expect(dd.mean_A[trig]).toBeCloseTo(0, 10);
    expect(dd.counts[trig][0]).toBe(1);
    expect(() => new GaussianSiteOccupancy(net, { mobile: 'Ag', assignment: 'closest' as 'nearest' })).toThrow(/"gaussian" or "nearest"/);
  });
});

describe('Wood sublattice normalisation and the average line', () => {
  test('4 Ag on one tetrahedral sublattice + 4 on octahedral sites: r = 6·4/8 = 3 on one set, ā = 0.5', async () => {
    const { net, cell, positions, c } = agiLattice();
    const L = bccTetrahedralSublattices(net);
    const tetOn0 = Array.from(L.labels.keys())
      .filter((s) => L.labels[s] === 0)
      .slice(0, 4);
    const oct = net.typeNames.indexOf('octahedral');
    const octs = Array.from(net.siteType.keys())
      .filter((s) => net.siteType[s] === oct)
      .slice(0, 4);
    const p = new Float64Array(positions.length + 24);
    p.set(positions);
    [...tetOn0, ...octs].forEach((s, i) => p.set([c[3 * s] + 0.05, c[3 * s + 1], c[3 * s + 2]], positions.length + 3 * i));
    const traj = trajectoryOf([...Array(positions.length / 3).fill('I'), ...Array(8).fill('Ag')], [p, p, p], [cell], 50);
    const wood = new SublatticeOccupancy(net, { mobile: 'Ag' });
    const mean = new SublatticeOccupancy(net, { mobile: 'Ag', normalisation: 'mean' });
    await analyseFrames(traj, [wood, mean]);
    const w = wood.result(),
      m = mean.result();
    expect(w.normalisation).toBe('wood');
    expect(w.meanRelative[0]).toBeCloseTo(3, 12);
    expect(w.meanMaxRelative).toBeCloseTo(3, 12);
    expect(w.averageRelative).toBeCloseTo(0.5, 12); // fraction of Ag on tetrahedral sites
    expect(w.meanOnSublattices).toBe(4);
    expect(w.meanSpread).toBeCloseTo(Math.sqrt(9 / 6 - 0.25), 12);
    expect(m.meanRelative[0]).toBeCloseTo(6, 12); // 'mean' forgets the Ag off the tetrahedral sites
    expect(m.averageRelative).toBeCloseTo(1, 12);
    expect(w.sitesPerSublattice).toEqual([16, 16, 16, 16, 16, 16]);
    const spec = sublatticeOccupancyVsTemperatureSpec([{ T_K: 300, result: w, baseline: sublatticeNullBaselineFor(w, { samples: 200 }) }], 'x');
    expect(JSON.stringify(spec)).toContain('sublattice / statistic');
    expect((spec.layer as unknown[]).length).toBe(4); // baseline band, error bars, lines, average
  });
});

describe('random-placement null baseline', () => {
  test('K = 3 sublattices of 3 sites, 3 cations: mean and std of max r_k equal exact enumeration of all 84 placements', () => {
    const labels = Int32Array.from([0, 0, 0, 1, 1, 1, 2, 2, 2]);
    const maxes: number[] = [];
    for (let a = 0; a < 9; a++)
      for (let b = a + 1; b < 9; b++)
        for (let d = b + 1; d < 9; d++) {
          const m = [0, 0, 0];
          for (const s of [a, b, d]) m[labels[s]]++;
          maxes.push(Math.max(...m) / (3 / 3)); // 'mean' normalisation, M = N = 3: r = m_k
        }
    const mu = maxes.reduce((x, y) => x + y, 0) / 84;
    const sd = Math.sqrt(maxes.reduce((x, y) => x + (y - mu) ** 2, 0) / 83);
    const n = 40000;
    const bl = sublatticeNullBaseline(labels, 3, 3, 'mean', { samples: n, seed: 3 });
    expect(Math.abs(bl.maxRelative.mean - mu)).toBeLessThan((4 * sd) / Math.sqrt(n));
    expect(bl.maxRelative.std).toBeCloseTo(sd, 2);
    // Wood normalisation with N = 6 mobile (3 off the sublattices): r halves
    const w = sublatticeNullBaseline(labels, 3, 6, 'wood', { samples: n, seed: 3 });
    expect(w.maxRelative.mean).toBeCloseTo(bl.maxRelative.mean / 2, 12);
  });

  test("α-AgI 3×3×3 (324 tetrahedral sites): 54 and 27 Ag give ⟨max r_k⟩ ≈ 1.4–1.6 (the issue's estimate)", () => {
    const labels = Int32Array.from({ length: 324 }, (_, s) => s % 6);
    const b54 = sublatticeNullBaseline(labels, 54, 54, 'mean', { samples: 4000 });
    const b27 = sublatticeNullBaseline(labels, 27, 27, 'mean', { samples: 4000 });
    expect(b54.maxRelative.mean).toBeGreaterThan(1.3);
    expect(b54.maxRelative.mean).toBeLessThan(1.45);
    expect(b27.maxRelative.mean).toBeGreaterThan(1.45);
    expect(b27.maxRelative.mean).toBeLessThan(1.65);
    expect(b54.maxRelative.std).toBeGreaterThan(0.1);
  });

  test('statistic of a full placement is deterministic; bad counts are refused', () => {
    const b = randomPlacementBaseline(5, 5, (o) => o.reduce((x, y) => x + y, 0), { samples: 10 });
    expect(b.mean).toBe(5);
    expect(b.std).toBe(0);
    expect(() => randomPlacementBaseline(5, 6, () => 0)).toThrow(/cannot place 6 cations on 5 sites/);
    expect(() => sublatticeNullBaseline(Int32Array.from([0, 0]), 1, 1, 'wood')).toThrow(/at least 2 sublattices/);
    void Cell;
  });
});
