// GEMDAT's conventions on hand-made paths where every number is known: sites fixed in the cell, an ion unassigned
// until captured, the departure time of a jump, occupancy within r_in, rates per time within r_in, and collective
// jumps by GEMDAT's rule (interval timing, sites closer than a distance).
import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { Random } from '../../src/core/random';
import { topologyFromSymbols } from '../../src/core/topology';
import { collectiveJumps } from '../../src/sites/collectiveJumps';
import { fixedSiteNetwork } from '../../src/sites/fixedSiteNetwork';
import { TransitionNetworkAnalysis } from '../../src/sites/transitionNetwork';

const L = 10,
  DT = 100,
  R = 0.5;
const cell = Cell.orthorhombic(L, L, L);
// Sites A (x = 2), B (x = 5), C (x = 5.8, 0.8 Å from B) on a line; fixed fractional coordinates.
const frac = [0.2, 0.5, 0.5, 0.5, 0.5, 0.5, 0.58, 0.5, 0.5];

/** Runs ions along given x paths (one x per frame per ion; y = z = 5). */
function run(paths: number[][], opts: { initialSite?: 'nearest' | 'captured'; rateTime?: 'assigned' | 'within-r-in' } = {}) {
  const sites = fixedSiteNetwork(frac, [0, 0, 1], ['A', 'C']);
  const top = topologyFromSymbols(paths.map(() => 'Li'));
  const an = new TransitionNetworkAnalysis(sites.source, {
    mobile: 'Li',
    hostPositions: sites.hostPositions,
    rIn_A: 0.35,
    dt_fs: DT,
    temperature_K: 500,
    attemptFrequency_THz: 5,
    ...opts,
  });
  const n = paths[0].length;
  for (let f = 0; f < n; f++) {
    const pos = new Float64Array(3 * paths.length);
    paths.forEach((p, i) => pos.set([p[f], 5, 5], 3 * i));
    an.addFrame({ index: f, cell, positions: pos }, top);
  }
  return an.result();
}

describe("GEMDAT's conventions (hand-made paths)", () => {
  it("fixed sites stay at their fractional coordinates of each frame's cell", () => {
    const r = run([[2, 2]]);
    expect(r.sites.map((s) => s.centre_A[0])).toEqual([2, 5, 5.8]);
  });

  it("'captured': no site until within r_in; jump timed from the last frame on the old site; occupancy and rates within r_in", () => {
    // Frames: 3.1 (nearest A, 1.1 Å away: outside r_in = 0.35 Å), 2.0 and 2.2 (in A), 3.4 (transit, nearest A),
    // 4.8 and 5.1 (in B).
    const path = [3.1, 2.0, 2.2, 3.4, 4.8, 5.1];
    const cap = run([path], { initialSite: 'captured', rateTime: 'within-r-in' });
    expect(cap.jumps.jumps.map((j) => [j.from, j.to, j.tDepart_fs, j.t_fs])).toEqual([[0, 1, 200, 400]]);
    expect(cap.sites.map((s) => s.frames_within_r_in)).toEqual([2, 2, 0]);
    expect(cap.sites[0].occupancy_within_r_in).toBeCloseTo(2 / 6, 15);
    // Assigned time: A from frame 1 (captured) to frame 4 (reached B) = 300 fs; B 400 → 500 = 100 fs; frame 0 on no site.
    expect(cap.sites.map((s) => s.time_fs)).toEqual([300, 100, 0]);
    // k_AB = 1 jump / (2 frames within r_in × 100 fs) = 5000 ns⁻¹ (GEMDAT's), vs 1/300 fs with the assigned time.
    expect(cap.edges[0].rate_per_ns).toBeCloseTo((1 / (2 * DT)) * 1e6, 9);
    expect(run([path], { initialSite: 'captured' }).edges[0].rate_per_ns).toBeCloseTo((1 / 300) * 1e6, 9);
    // 'nearest' (default) puts the ion on A at frame 0 already: the same jump, A's assigned time from frame 0.
    const near = run([path]);
    expect(near.jumps.jumps.map((j) => [j.from, j.to, j.tDepart_fs, j.t_fs])).toEqual([[0, 1, 200, 400]]);
    expect(near.sites[0].time_fs).toBe(400);
    // Started outside every sphere next to B but first captured by A: 'nearest' counts a jump B → A, 'captured' none.
    const back = [4.2, 3.0, 2.1, 2.0];
    expect(run([back]).jumps.jumps.map((j) => [j.from, j.to])).toEqual([[1, 0]]);
    expect(run([back], { initialSite: 'captured' }).jumps.jumps).toEqual([]);
  });

  it("collective jumps: GEMDAT's interval timing and site distance vs the same-site rule", () => {
    const C = (x: number): [number, number, number] => [x, 5, 5];
    const minimumImage = cell.minimumImage.bind(cell);
    // Sites 0 (x = 2), 1 (5), 2 (5.8: 0.8 Å from 1), 3 (8). Jump 0: ion 1, 0 → 1, on the way 100–900 fs; jump 1: ion 2,
    // 0 → 2, 950–1000 fs; jump 2: ion 3, 2 → 3, 1050–3000 fs.
    const jumps = [
      { t_fs: 900, tDepart_fs: 100, ion: 1, from: 0, to: 1, fromCentre_A: C(2), toCentre_A: C(5) },
      { t_fs: 1000, tDepart_fs: 950, ion: 2, from: 0, to: 2, fromCentre_A: C(2), toCentre_A: C(5.8) },
      { t_fs: 3000, tDepart_fs: 1050, ion: 3, from: 2, to: 3, fromCentre_A: C(5.8), toCentre_A: C(8) },
    ];
    // Arrival times, same site: jumps 0 and 1 (site 0) arrive 100 fs apart → one pair with w = 100; jump 2 arrives 2000 fs later.
    expect(collectiveJumps(jumps, { window_fs: 100, duration_fs: 10000 }).nPairs).toBe(1);
    // Interval timing: jump 2 ([1050, 3000]) is 50 fs from jump 1 ([950, 1000]) and shares site 2 → a pair; from jump 0
    // ([100, 900]) it is 150 fs.
    const iv = collectiveJumps(jumps, { window_fs: 100, duration_fs: 10000, timing: 'interval' });
    expect(iv.pairs.map((p) => [p.a, p.b].sort().join('-')).sort()).toEqual(['0-1', '1-2']);
    // Within 200 fs, jumps 0 and 2 share no site, but sites 1 and 2 are 0.8 Å apart: a pair when closer than 1 Å counts.
    const d = collectiveJumps(jumps, { window_fs: 200, duration_fs: 10000, timing: 'interval', maxSiteDistance_A: 1, minimumImage });
    expect(d.nPairs).toBe(3);
    expect(d.nCollectiveJumps).toBe(3);
    expect(d.sharingPairs).toBe(3);
    const d07 = collectiveJumps(jumps, { window_fs: 200, duration_fs: 10000, timing: 'interval', maxSiteDistance_A: 0.7, minimumImage });
    expect([d07.nPairs, d07.sharingPairs]).toEqual([2, 2]);
    expect(() => collectiveJumps(jumps, { window_fs: 200, duration_fs: 10000, maxSiteDistance_A: 1 })).toThrow(/minimumImage/);
  });
  it('collective jumps, one loop for both timings: pairs and chance counts equal a brute-force count over all pairs', () => {
    const rng = new Random(15);
    const jumps = Array.from({ length: 400 }, () => {
      const t = Math.floor(rng.uniform() * 20000),
        from = Math.floor(rng.uniform() * 30);
      return {
        t_fs: t,
        tDepart_fs: t - Math.floor(rng.uniform() * 300),
        ion: Math.floor(rng.uniform() * 40),
        from,
        to: (from + 1 + Math.floor(rng.uniform() * 3)) % 30,
      };
    });
    const share = (a: (typeof jumps)[0], b: (typeof jumps)[0]) => [a.from, a.to].some((s) => s === b.from || s === b.to);
    for (const timing of ['arrival', 'interval'] as const) {
      const dep = (j: (typeof jumps)[0]) => (timing === 'interval' ? j.tDepart_fs : j.t_fs);
      let pairs = 0,
        sharing = 0;
      for (let i = 0; i < jumps.length; i++)
        for (let k = i + 1; k < jumps.length; k++) {
          const a = jumps[i],
            b = jumps[k];
          if (a.ion === b.ion || !share(a, b)) continue;
          sharing++;
          if (dep(b) - a.t_fs <= 200 && dep(a) - b.t_fs <= 200) pairs++;
        }
      const r = collectiveJumps(jumps, { window_fs: 200, duration_fs: 20000, timing });
      expect([timing, r.nPairs, r.sharingPairs]).toEqual([timing, pairs, sharing]);
      expect(pairs).toBeGreaterThan(20);
    }
  });
});
