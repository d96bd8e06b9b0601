// Site jumps (src/sites) → JumpEvent[] → jump–jump correlation (Wood 2021 Fig. 6) → Vega-Lite specs.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { Random } from '../../src/core/random';
import { jumpCorrelationHeatmapSpec, jumpAngleDistributionSpec } from '../../src/display/dynamics';
import { cationHopFrequency } from '../../src/dynamics/hopFrequency';
import { jumpCorrelation } from '../../src/dynamics/jumpCorrelation';
import { jumpEventsFromSiteJumps, siteJumpCorrelation } from '../../src/dynamics/siteJumpEvents';
import { readTrajectory } from '../../src/io';
import type { SiteJumpEvent, SiteJumpResult } from '../../src/sites/siteJumps';
import { bccHostWithHops, inCell } from './helpers';

const NA3PS4 = path.resolve(__dirname, '../../data/Na3PS4_cubic_800K_AIMD.extxyz.gz');

describe('adapter from site jumps to jump events', () => {
  it('jump vector = site-to-site vector, also across the periodic boundary', async () => {
    // Tetrahedral (0, ½, ¼) of cell 0 → face-sharing (¾, ½, 0) of cell −1 ≡ cell 1 (n = 2): Δ = (−¼, 0, −¼) a.
    const n = 2,
      a = 5;
    const traj = bccHostWithHops({
      n,
      a,
      nFrames: 40,
      dt_fs: 5,
      noise_A: 0.03,
      seed: 11,
      paths: [
        {
          stops: [
            [0, inCell(n, [0, 0, 0], [0, 0.5, 0.25])],
            [20, inCell(n, [1, 0, 0], [0.75, 0.5, 0])],
          ],
        },
      ],
    });
    const hop = await cationHopFrequency(traj, { mobile: 'Ag', host: 'I', lattice: 'bcc' });
    const ev = jumpEventsFromSiteJumps(hop.jumps);
    expect(ev).toHaveLength(1);
    expect(ev[0].t_fs).toBe(100);
    expect(ev[0].ion).toBe(16);
    // Site centres are centroids of 4 hosts with 0.03 Å noise each: 0.1 Å covers > 5σ.
    [-a / 4, 0, -a / 4].forEach((d, k) => expect(Math.abs(ev[0].to[k] - ev[0].from[k] - d)).toBeLessThan(0.1));
  });
});

/** Poisson background jumps plus planted cascades (a second jump 3 Å away, 40 fs later, same direction). */
function plantedCascades(seed: number): { result: SiteJumpResult; cell: Cell } {
  const rng = new Random(seed),
    L = 20,
    T = 20000;
  const cell = Cell.orthorhombic(L, L, L);
  const jumps: SiteJumpEvent[] = [];
  const jump = (t: number, ion: number, p: number[], d: number[]): SiteJumpEvent => ({
    t_fs: t,
    tDepart_fs: t,
    ion,
    from: 0,
    to: 1,
    fromType: 'tet',
    toType: 'tet',
    fromCentre_A: [p[0], p[1], p[2]],
    toCentre_A: [p[0] + d[0], p[1] + d[1], p[2] + d[2]],
  });
  for (let k = 0; k < 400; k++) {
    const d = [rng.normal(), rng.normal(), rng.normal()];
    jumps.push(jump(rng.uniform() * T, 100 + k, [rng.uniform() * L, rng.uniform() * L, rng.uniform() * L], d));
  }
  for (let k = 0; k < 60; k++) {
    const t = rng.uniform() * (T - 100),
      p = [rng.uniform() * L, rng.uniform() * L, rng.uniform() * L];
    jumps.push(jump(t, 2 * k, p, [1.5, 0, 0]), jump(t + 40, 2 * k + 1, [p[0], p[1] + 3, p[2]], [1.5, 0, 0]));
  }
  jumps.sort((x, y) => x.t_fs - y.t_fs);
  return { result: { jumps, duration_fs: T } as unknown as SiteJumpResult, cell };
}

describe('jump correlation from site jumps, and its plots', () => {
  const { result, cell } = plantedCascades(2);
  const opts = { dt_fs: 100, tMax_fs: 4000, dr_A: 1, rMax_A: 8 };
  const g = siteJumpCorrelation(result, cell, opts);

  it('equals jumpCorrelation on the adapted events and shows the planted cascade', () => {
    const direct = jumpCorrelation(jumpEventsFromSiteJumps(result.jumps), { ...opts, duration_fs: 20000, cell });
    expect(g.g).toEqual(direct.g);
    // Planted: 60 pairs in the (Δt < 100 fs, 3 ≤ r < 4 Å) cell over a background of ≈ 520²/2 · (2·100/20000) ·
    // (4π·3.5²·1 Å / 20³ Å³) ≈ 26 uncorrelated pairs → g ≈ (60 + 26)/26 ≈ 3.3; > 2 leaves room for Poisson noise.
    expect(g.g[0][3]!).toBeGreaterThan(2);
    // Far from the cascade, uncorrelated: g ≈ 1 within Poisson noise of the bins (a few tens of pairs; ±50 %).
    expect(g.g[20][6]!).toBeGreaterThan(0.5);
    expect(g.g[20][6]!).toBeLessThan(1.5);
    // The cascade's jump vectors are parallel: in the 3–4 Å bin the 0–15° angle bin dominates.
    const row = g.angleDistribution[3]!;
    expect(row[0]).toBeGreaterThan(0.5);
  });

  it('heat map and angle plots as Vega-Lite JSON', () => {
    const heat = jumpCorrelationHeatmapSpec(g) as any;
    expect(heat.$schema).toMatch(/vega-lite\/v6/);
    expect(heat.mark.type).toBe('rect');
    const nonNull = g.g.flat().filter((x) => x !== null).length;
    expect(heat.data.values).toHaveLength(nonNull);
    const hot = heat.data.values.find((v: any) => v.dt_fs === 50 && v.r_A === 3.5);
    expect(hot.g).toBeCloseTo(g.g[0][3]!, 12);
    expect(hot.pairs).toBe(g.counts[0 * g.r_A.length + 3]);
    expect(heat.encoding.color.scale.domainMid).toBe(1);
    expect(JSON.parse(JSON.stringify(heat))).toEqual(heat); // plain JSON, no typed arrays or NaN
    const ang = jumpAngleDistributionSpec(g) as any;
    const byR = new Map<number, number>();
    for (const v of ang.data.values) byR.set(v.r_A, (byR.get(v.r_A) ?? 0) + v.probability);
    for (const s of byR.values()) expect(s).toBeCloseTo(1, 12);
    expect(byR.size).toBe(g.angleDistribution.filter((x) => x !== null).length);
    expect(ang.encoding.x.scale.domain).toEqual([0, 180]);
  });

  it('runs on the real Na3PS4 jumps', async () => {
    const traj = await readTrajectory(NA3PS4);
    const hop = await cationHopFrequency(traj, { mobile: 'Na', host: 'S' });
    const r = siteJumpCorrelation(hop.jumps, traj.cell(0), { dt_fs: 100, tMax_fs: 900, dr_A: 1 });
    expect(r.nJumps).toBe(hop.n_hops);
    expect(r.nPairs).toBeGreaterThan(0);
    expect(jumpCorrelationHeatmapSpec(r).data).toBeDefined();
  }, 30000);
});
