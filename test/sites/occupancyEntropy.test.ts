import { describe, expect, test } from 'vitest';
import { Cell } from '../../src/core/cell';
import { analyseFrames } from '../../src/core/frameAnalysis';
import { configurationalEntropy } from '../../src/sites/configurationalEntropy';
import { GaussianSiteOccupancy } from '../../src/sites/gaussianSiteOccupancy';
import { shannonEntropy } from '../../src/sites/shannonEntropy';
import { buildSiteNetwork, siteCentres } from '../../src/sites/siteNetwork';
import { idealLatticeTemplate } from '../../src/sites/siteTemplate';
import { bccTetrahedralSublattices, SublatticeOccupancy } from '../../src/sites/sublattices';
import { hostsFirst, tiledHosts, trajectoryOf } from './helpers';

/** Host lattice plus cations placed at chosen site centres (or positions). */
function withCations(
  lat: 'fcc' | 'bcc' | 'hcp',
  cationPos: (centres: Float64Array, net: ReturnType<typeof buildSiteNetwork>) => number[],
  a = 4.0,
  n = 3,
) {
  const t = idealLatticeTemplate(lat);
  const { cell, positions } = tiledHosts(t, [n, n, n], a);
  const net = buildSiteNetwork(t, positions, cell, hostsFirst(positions));
  const centres = siteCentres(net, positions, cell);
  const cat = cationPos(centres, net);
  const all = new Float64Array(positions.length + cat.length);
  all.set(positions);
  all.set(cat, positions.length);
  const symbols = [...Array(positions.length / 3).fill('I'), ...Array(cat.length / 3).fill('Ag')];
  return { t, cell, net, centres, traj: trajectoryOf(symbols, [all], [cell]) };
}

describe('Gaussian-weighted occupancy (Kweon 2017 SI)', () => {
  test('a cation exactly on a site gets P = 1 there', async () => {
    let site = -1;
    const { traj, net } = withCations('fcc', (c, nt) => {
      site = Array.from(nt.siteType).indexOf(nt.typeNames.indexOf('octahedral'));
      return [c[3 * site], c[3 * site + 1], c[3 * site + 2]];
    });
    const occ = new GaussianSiteOccupancy(net, { mobile: 'Ag' });
    await analyseFrames(traj, [occ]);
    const r = occ.result();
    // With all four site types, the nearest other sites to an fcc octahedral centre (a = 4 Å) are
    // 8 trigonal face centroids at a/(2√3) = 1.155 Å, 12 linear edge midpoints at a/(2√2) = 1.414 Å
    // and 8 tetrahedral sites at a√3/4 = 1.732 Å; w = exp(−d²/2σ²) with 2σ² = 0.2 Å².
    // Hand value: P = 1/(1 + 8e^(−1.3333/0.2) + 12e^(−2/0.2) + 8e^(−3/0.2)) = 1/(1 + 0.010181 + 0.000545 + 0.0000024) = 0.9893856.
    // Sites ≥ 2 Å away add < 100·e^(−20) ≈ 2e-7, hence 6 decimals.
    const hand = 1 / (1 + 8 * Math.exp(-(4 / 3) / 0.2) + 12 * Math.exp(-2 / 0.2) + 8 * Math.exp(-3 / 0.2));
    expect(hand).toBeCloseTo(0.9893856, 6);
    expect(r.siteOccupancy[site]).toBeCloseTo(hand, 6);
  });

  test('on a network of tetrahedral + octahedral sites only, P1 = 1 on the type the cation sits on', async () => {
    const t = idealLatticeTemplate('fcc');
    t.derive = {}; // only tet and oct sites: nearest other site is 1.73 Å away, w ≈ exp(−15) ≈ 3e-7
    const { cell, positions } = tiledHosts(t, [3, 3, 3], 4.0);
    const net = buildSiteNetwork(t, positions, cell, hostsFirst(positions));
    const c = siteCentres(net, positions, cell);
    const all = new Float64Array(positions.length + 3);
    all.set(positions);
    all.set([c[0], c[1], c[2]], positions.length); // site 0 is tetrahedral
    const traj = trajectoryOf([...Array(positions.length / 3).fill('I'), 'Ag'], [all], [cell]);
    const occ = new GaussianSiteOccupancy(net, { mobile: 'Ag' });
    await analyseFrames(traj, [occ]);
    const r = occ.result();
    const tet = r.types.find((x) => x.name === 'tetrahedral')!;
    expect(tet.P1).toBeCloseTo(1, 5); // 1 − 6·exp(−(√3)²/0.2)… ≈ 1 − 1e-6
    expect(r.siteOccupancy[0]).toBeCloseTo(1, 5);
    expect(tet.P2).toBeCloseTo(1 / tet.sites, 6);
  });

  test('a cation midway between two sites splits its weight ½–½; per-cation weights sum to 1', async () => {
    const t = idealLatticeTemplate('fcc');
    t.derive = {};
    const { cell, positions } = tiledHosts(t, [3, 3, 3], 4.0);
    const net = buildSiteNetwork(t, positions, cell, hostsFirst(positions));
    const c = siteCentres(net, positions, cell);
    // tetrahedral site 0 at (¼,¼,¼)a and the octahedral site at (½,½,½)a share a face direction:
    const oct = Array.from(net.siteType).findIndex((ty, s) => ty === 1 && cell.distance(c, s, c, 0) < 1.8);
    const mid = [0, 1, 2].map((k) => (c[k] + c[3 * oct + k]) / 2);
    const all = new Float64Array(positions.length + 3);
    all.set(positions);
    all.set(mid, positions.length);
    const traj = trajectoryOf([...Array(positions.length / 3).fill('I'), 'Ag'], [all], [cell]);
    const occ = new GaussianSiteOccupancy(net, { mobile: 'Ag' });
    await analyseFrames(traj, [occ]);
    const r = occ.result();
    expect(r.siteOccupancy[0]).toBeCloseTo(r.siteOccupancy[oct], 12); // symmetric
    expect(r.siteOccupancy.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12); // renormalised per cation
  });
});

describe('entropy', () => {
  test('configurational entropy S̃ (Kweon 2017 eq. 1) by hand', () => {
    // 4 cations; 8 tetrahedral sites with P2 = 0.25, 4 octahedral sites with P2 = 0.5.
    // S̃ = −[(8/4)(0.25 ln 0.25 + 0.75 ln 0.75) + (4/4)(0.5 ln 0.5 + 0.5 ln 0.5)]
    //   = −[2(−0.346574 − 0.215762) + (−0.693147)] = 1.124670 + 0.693147 = 1.8178175 k_B
    const hand = -(2 * (0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)) + 1 * (0.5 * Math.log(0.5) + 0.5 * Math.log(0.5)));
    expect(hand).toBeCloseTo(1.8178175, 6);
    expect(configurationalEntropy([0.25, 0.5], [8, 4], 4)).toBeCloseTo(1.8178175, 6);
    // empty and full sites carry no entropy (0·ln 0 = 0)
    expect(configurationalEntropy([0, 1], [8, 4], 4)).toBe(0);
  });

  test('Shannon entropy (Wood 2021 eq. 3.1) by hand', () => {
    // Two classes: f = (0.5, 1.5), P = (0.1, 0.9):
    // S = −[0.5(0.1 ln 0.1 + 0.9 ln 0.9) + 1.5(0.9 ln 0.9 + 0.1 ln 0.1)] = −2(−0.230259 − 0.094824) = 0.650166
    expect(shannonEntropy([0.1, 0.9], [0.5, 1.5])).toBeCloseTo(0.650166, 6);
    expect(shannonEntropy([0.5], [1])).toBeCloseTo(Math.log(2), 12);
    expect(() => shannonEntropy([1.2], [1])).toThrow(/\[0, 1\]/);
    expect(() => configurationalEntropy([0.5], [4], 0)).toThrow(/positive number of cations/);
  });
});

describe('sites move with the lattice', () => {
  test('sites follow a uniformly strained host lattice (and a host that wraps across the cell)', () => {
    const t = idealLatticeTemplate('bcc');
    const { cell, positions } = tiledHosts(t, [3, 3, 3], 5.0);
    const net = buildSiteNetwork(t, positions, cell, hostsFirst(positions));
    const c0 = siteCentres(net, positions, cell);
    // strain: x by +4 %, y by −2 %, shear xy 3 %
    const F = [1.04, 0.03, 0, 0, 0.98, 0, 0, 0, 1];
    const apply = (v: ArrayLike<number>) => {
      const out = new Float64Array(v.length);
      for (let i = 0; i < v.length; i += 3)
        for (let k = 0; k < 3; k++) out[i + k] = F[3 * k] * v[i] + F[3 * k + 1] * v[i + 1] + F[3 * k + 2] * v[i + 2];
      return out;
    };
    const m = cell.matrix;
    const rows = [0, 1, 2].map((r) => Array.from(apply([m[3 * r], m[3 * r + 1], m[3 * r + 2]])));
    const cell2 = new Cell(rows);
    const pos2 = cell2.wrap(apply(positions)); // wrapped: some hosts jump to the far side
    const c2 = siteCentres(net, pos2, cell2);
    const want = apply(c0);
    let worst = 0;
    for (let s = 0; s < net.nSites; s++) {
      const tmp = [0, 0, 0];
      worst = Math.max(
        worst,
        Math.sqrt(cell2.minimumImage(c2[3 * s] - want[3 * s], c2[3 * s + 1] - want[3 * s + 1], c2[3 * s + 2] - want[3 * s + 2], tmp)),
      );
    }
    expect(worst).toBeLessThan(1e-9); // affine map of centroids is exact up to rounding
  });
});

describe('α-AgI tetrahedral sublattices (Wood 2021 Fig. 4c)', () => {
  test('12 tet sites per cubic cell split into 6 sublattices of 2 sites per cell, ≥ a√3/2 apart', () => {
    const a = 5.07;
    const t = idealLatticeTemplate('bcc');
    const { cell, positions } = tiledHosts(t, [2, 2, 2], a);
    const net = buildSiteNetwork(t, positions, cell, hostsFirst(positions));
    const L = bccTetrahedralSublattices(net);
    expect(L.count).toBe(6);
    const c = siteCentres(net, positions, cell);
    const members = Array.from({ length: 6 }, (_, k) => Array.from(L.labels).flatMap((l, s) => (l === k ? [s] : [])));
    for (const m of members) {
      expect(m.length).toBe(2 * 8); // 2 per cubic cell × 8 cells
      let dmin = Infinity;
      for (const i of m) for (const j of m) if (i !== j) dmin = Math.min(dmin, cell.distance(c, i, c, j));
      expect(dmin).toBeCloseTo((a * Math.sqrt(3)) / 2, 9);
    }
  });

  test('cations filling one sublattice give relative occupancy 6 there and 0 elsewhere; spread evenly gives 1', async () => {
    const t = idealLatticeTemplate('bcc');
    t.derive = {};
    const { cell, positions } = tiledHosts(t, [2, 2, 2], 5.07);
    const net = buildSiteNetwork(t, positions, cell, hostsFirst(positions));
    const L = bccTetrahedralSublattices(net);
    const c = siteCentres(net, positions, cell);
    const frame = (sel: number[]) => {
      const all = new Float64Array(positions.length + 3 * sel.length);
      all.set(positions);
      sel.forEach((s, k) => all.set([c[3 * s], c[3 * s + 1], c[3 * s + 2]], positions.length + 3 * k));
      return all;
    };
    const sub0 = Array.from(L.labels).flatMap((l, s) => (l === 0 ? [s] : []));
    // even spread: in each frame the 16 cations sit on one site of each… use 16 sites spread over labels
    const spread: number[] = [];
    for (let k = 0; k < 6; k++)
      spread.push(
        ...Array.from(L.labels)
          .flatMap((l, s) => (l === k ? [s] : []))
          .slice(0, 2),
      );
    const sym = [...Array(positions.length / 3).fill('I'), ...Array(16).fill('Ag')];
    const cells = [cell, cell];
    const traj = trajectoryOf(sym, [frame(sub0), frame([...spread, ...sub0.slice(0, 4)])], cells);
    const an = new SublatticeOccupancy(net, { mobile: 'Ag' });
    await analyseFrames(traj, [an]);
    const r = an.result();
    // frame 0: all 16 on sublattice 0 → r_0 = 16 / (16/6) = 6
    expect(r.relative[0][0]).toBeCloseTo(6, 5);
    for (let k = 1; k < 6; k++) expect(r.relative[k][0]).toBeCloseTo(0, 5);
    // frame 1: 2 per sublattice + 4 more on sublattice 0 → 6 on 0, 2 on each other: r = 6/(16/6), 2/(16/6)
    expect(r.relative[0][1]).toBeCloseTo(6 / (16 / 6), 5);
    expect(r.relative[3][1]).toBeCloseTo(2 / (16 / 6), 5);
  });
});
