import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { InputError } from '../../src/core/errors';
import { Random } from '../../src/core/random';
import { topologyFromSymbols } from '../../src/core/topology';
import { analyseFrames } from '../../src/core/frameAnalysis';
import { Trajectory } from '../../src/core/trajectory';
import { RadialDistribution, radialDistribution } from '../../src/structure/rdf';
import { firstShell } from '../../src/structure/firstShell';
import { accumulatePairHistogram } from '../../src/structure/pairDistanceHistogram';
import { freeEnergyFromRdf } from '../../src/structure/potentialOfMeanForce';
import { KB_EV_PER_K } from '../../src/core/units';
import { frame, idealGas, rocksalt } from './helpers';

describe('partial RDF', () => {
  it('ideal gas: g(r) = 1 within its Poisson error and n(r) = 4πρr³/3', () => {
    const L = 15,
      N = 1000,
      F = 6;
    const cell = Cell.orthorhombic(L, L, L);
    const sys = idealGas(N, cell, F, 42);
    const res = radialDistribution(sys.frames, sys.topology, { a: 'Ar', b: 'Ar', rmax_A: 7, bins: 70 });
    // Every bin beyond 1 Å (≥ ~200 independent pairs per bin) within 4.5σ, and χ²/dof near 1.
    let chi2 = 0,
      dof = 0;
    for (let k = 0; k < res.bins; k++) {
      if (res.r_A[k] < 1) continue;
      const z = (res.g[k] - 1) / res.g_stderr[k];
      expect(Math.abs(z)).toBeLessThan(4.5);
      chi2 += z * z;
      dof++;
    }
    // χ²/dof of 60 bins: 1 ± 0.18 (1σ); allow 3σ.
    expect(chi2 / dof).toBeGreaterThan(0.45);
    expect(chi2 / dof).toBeLessThan(1.55);
    const rho = (N - 1) / cell.volume;
    for (const k of [29, 49, 69]) {
      // outer edges 3, 5, 7 Å
      const r = res.edges_A[k + 1];
      const expected = (4 / 3) * Math.PI * rho * r ** 3;
      // Relative fluctuation of the mean count within r over N·F centres is ≲ 1/√(N·F·n/2) < 1 %; 3 % covers it.
      expect(Math.abs(res.n[k] / expected - 1)).toBeLessThan(0.03);
    }
    expect(res.density_b_per_A3).toBeCloseTo(rho, 12);
  });

  it('rocksalt crystal: Na–Cl first peak at a/2, 6 neighbours at the first minimum', () => {
    const a = 5.64;
    const sys = rocksalt(a, 3, 0.05, 7);
    const res = radialDistribution(sys.frames, sys.topology, { a: 'Na', b: 'Cl', rmax_A: 6, bins: 300 });
    // Peak of a 0.05 Å Gaussian smeared shell sits at a/2 within a bin (0.02 Å) after smoothing.
    expect(res.first_peak_A!).toBeCloseTo(a / 2, 1);
    expect(Math.abs(res.first_peak_A! - a / 2)).toBeLessThan(0.03);
    // First minimum lies between the 1st (a/2) and 2nd (a√3/2) Na–Cl shells.
    expect(res.first_min_A!).toBeGreaterThan(a / 2 + 0.2);
    expect(res.first_min_A!).toBeLessThan((a * Math.sqrt(3)) / 2 - 0.2);
    const k = Math.floor(res.first_min_A! / (res.rmax_A / res.bins));
    expect(res.n[k]).toBeCloseTo(6, 10);
    // Na–Na: 12 at a/√2.
    const nn = radialDistribution(sys.frames, sys.topology, { a: 'Na', b: 'Na', rmax_A: 6.5, bins: 325 });
    expect(Math.abs(nn.first_peak_A! - a / Math.SQRT2)).toBeLessThan(0.03);
    const k2 = Math.floor(nn.first_min_A! / (nn.rmax_A / nn.bins));
    expect(nn.n[k2]).toBeCloseTo(12, 10);
  });

  it('a triclinic cell gives the same g(r) as the equivalent orthorhombic cell (unimodular re-description)', () => {
    const L = 9,
      N = 120;
    const cube = Cell.orthorhombic(L, L, L);
    const sys = idealGas(N, cube, 2, 5);
    // Same lattice, skewed basis: A = (L,0,0), B = (L,L,0), C = (0,L,L) (det 1 in units of the cube).
    const skew = new Cell([L, 0, 0, L, L, 0, 0, L, L]);
    const skewFrames = sys.frames.map((f) => ({ ...f, cell: skew, positions: skew.wrap(f.positions) }));
    const opts = { a: 'Ar', b: 'Ar', rmax_A: 8, bins: 80 };
    const g1 = radialDistribution(sys.frames, sys.topology, opts);
    const g2 = radialDistribution(skewFrames, sys.topology, opts);
    // Identical pair sets up to rounding of distances at bin edges: compare counts exactly, g to 1e-12.
    expect(Array.from(g2.counts)).toEqual(Array.from(g1.counts));
    for (let k = 0; k < g1.bins; k++) expect(g2.g[k]).toBeCloseTo(g1.g[k], 12);
  });

  it('a hexagonal (triclinic) cell and its orthorhombic 1×2×1 supercell give the same g(r)', () => {
    const a = 6,
      c = 7,
      N = 150;
    const hex = Cell.fromParameters(a, a, c, 90, 90, 120);
    const sys = idealGas(N, hex, 1, 11);
    // Orthorhombic supercell: A = a1, B = a1 + 2·a2, C = a3 holds 2N atoms (r and r + a2).
    const m = hex.matrix;
    const ortho = new Cell([m[0], m[1], m[2], m[0] + 2 * m[3], m[1] + 2 * m[4], m[2] + 2 * m[5], m[6], m[7], m[8]]);
    expect(ortho.orthorhombic).toBe(true);
    const p = sys.frames[0].positions,
      big = new Float64Array(6 * N);
    big.set(p, 0);
    for (let i = 0; i < N; i++) for (let k = 0; k < 3; k++) big[3 * (N + i) + k] = p[3 * i + k] + m[3 + k];
    const bigTop = topologyFromSymbols(Array(2 * N).fill('Ar'));
    // 89 bins: no bin edge falls on a lattice length (6, 7 Å), where self-image distances round either way.
    const opts = { a: 'Ar', b: 'Ar', rmax_A: 9, bins: 89 };
    const gh = radialDistribution([frame(p, hex)], sys.topology, opts);
    const go = radialDistribution([frame(ortho.wrap(big), ortho)], bigTop, opts);
    // Same neighbours per centre in both descriptions: n(r) equal to rounding.
    for (let k = 0; k < gh.bins; k++) expect(go.n[k]).toBeCloseTo(gh.n[k], 9);
    // g differs only by the self-pair normalisation, N−1 vs 2N−1 others: factor (2N−1)/(2N−2).
    const f = (2 * N - 1) / (2 * N - 2);
    for (let k = 0; k < gh.bins; k++) expect(gh.g[k]).toBeCloseTo(go.g[k] * f, 9);
  });

  it('matches a brute-force image sum in a skewed cell with rmax beyond half the cell width', () => {
    const cell = new Cell([5, 0, 0, 2, 4.5, 0, 1, 1.5, 4]);
    const rng = new Random(9);
    const sym = ['Li', 'Li', 'Li', 'S', 'S', 'Li', 'S'];
    const top = topologyFromSymbols(sym);
    const frames = [0, 1].map((f) => {
      const frac = Float64Array.from({ length: 3 * sym.length }, () => rng.uniform());
      return frame(cell.toCartesian(frac), cell, f);
    });
    const rmax = 7,
      bins = 35;
    const res = radialDistribution(frames, top, { a: 'Li', b: 'S', rmax_A: rmax, bins });
    // Oracle: all images within ±4 cells, direct histogram, same normalisation formula.
    const li = [0, 1, 2, 5],
      s = [3, 4, 6];
    const oracle = new Float64Array(bins);
    const m = cell.matrix;
    for (const fr of frames) {
      for (const i of li)
        for (const j of s)
          for (let a = -4; a <= 4; a++)
            for (let b = -4; b <= 4; b++)
              for (let c = -4; c <= 4; c++) {
                const p = fr.positions;
                const dx = p[3 * j] - p[3 * i] + a * m[0] + b * m[3] + c * m[6];
                const dy = p[3 * j + 1] - p[3 * i + 1] + a * m[1] + b * m[4] + c * m[7];
                const dz = p[3 * j + 2] - p[3 * i + 2] + a * m[2] + b * m[5] + c * m[8];
                const r = Math.hypot(dx, dy, dz);
                if (r < rmax) oracle[Math.floor(r / (rmax / bins))]++;
              }
    }
    expect(Array.from(res.counts)).toEqual(Array.from(oracle));
    for (let k = 0; k < bins; k++) {
      const shell = ((4 * Math.PI) / 3) * ((((k + 1) * rmax) / bins) ** 3 - ((k * rmax) / bins) ** 3);
      expect(res.g[k]).toBeCloseTo((oracle[k] * cell.volume) / (4 * 3 * 2 * shell), 10);
    }
  });

  it('normalises each frame with its own volume (variable cell)', () => {
    // Two ideal-gas frames in cells of different size: g stays 1 on average.
    const N = 800;
    const c1 = Cell.orthorhombic(14, 14, 14),
      c2 = Cell.orthorhombic(16, 16, 16);
    const s1 = idealGas(N, c1, 3, 1),
      s2 = idealGas(N, c2, 3, 2);
    const res = radialDistribution([...s1.frames, ...s2.frames], s1.topology, { a: 'Ar', b: 'Ar', rmax_A: 6, bins: 12 });
    for (let k = 2; k < res.bins; k++) expect(Math.abs(res.g[k] - 1)).toBeLessThan(4.5 * res.g_stderr[k]);
  });

  it('feeds from a stream via analyseFrames, alongside another accumulator', async () => {
    const sys = rocksalt(5.64, 2);
    const traj = Trajectory.fromFrames(sys.topology, sys.frames, { unwrapped: false });
    const a = new RadialDistribution({ a: 'Na', b: 'Cl', rmax_A: 5, bins: 50 });
    const b = new RadialDistribution({ a: 'Cl', b: 'Cl', rmax_A: 5, bins: 50 });
    expect(await analyseFrames(traj, [a, b])).toBe(1);
    expect(a.result().frames).toBe(1);
    expect(b.result().n[49]).toBe(12); // Cl–Cl within 5 Å: 12 at 3.99 Å
  });

  it('F(r) = −k_B T ln g, null where g = 0', () => {
    const F = freeEnergyFromRdf([0, 1, Math.E], 300);
    expect(F[0]).toBeNull();
    expect(F[1]).toBe(-0);
    expect(F[2]!).toBeCloseTo(-KB_EV_PER_K * 300, 15);
    const sys = rocksalt(5.64, 2);
    const res = radialDistribution(sys.frames, sys.topology, { a: 'Na', b: 'Cl', rmax_A: 5, bins: 50, temperature_K: 500 });
    expect(res.free_energy_eV!.length).toBe(50);
    expect(res.free_energy_eV![0]).toBeNull();
  });

  it('first peak and first minimum of an analytic g(r)', () => {
    const r = Float64Array.from({ length: 400 }, (_, k) => (k + 0.5) * 0.025);
    // g = 1 + 2 exp(−(r−3)²/0.08) − 0.8 exp(−(r−4)²/0.18): peak ≈ 3, minimum ≈ 4.
    const g = Float64Array.from(r, (x) => Math.max(0, 1 + 2 * Math.exp(-((x - 3) ** 2) / 0.08) - 0.8 * Math.exp(-((x - 4) ** 2) / 0.18)));
    const s = firstShell(r, g, undefined, 0);
    // Exact extrema of the sum lie within 0.02 Å of the Gaussian centres (tails overlap weakly).
    expect(Math.abs(s.first_peak_A! - 3)).toBeLessThan(0.02);
    expect(Math.abs(s.first_min_A! - 4)).toBeLessThan(0.05);
    const flat = firstShell(
      r,
      Float64Array.from(r, () => 1),
      undefined,
      0,
    );
    expect(flat.first_peak_A).toBeNull();
    expect(flat.reason).toMatch(/never rises above 1/);
  });

  it('bad input: rmax ≤ 0, bins < 1, missing species, unknown anion', () => {
    const sys = rocksalt(5.64, 2);
    expect(() => new RadialDistribution({ a: 'Na', b: 'Cl', rmax_A: 0 })).toThrow(InputError);
    expect(() => new RadialDistribution({ a: 'Na', b: 'Cl', rmax_A: -3 })).toThrow(/rmax must be a positive number/);
    expect(() => new RadialDistribution({ a: 'Na', b: 'Cl', bins: 0 })).toThrow(/bins must be a whole number ≥ 1/);
    expect(() => new RadialDistribution({ a: 'Na', b: 'Cl', bins: 2.5 })).toThrow(InputError);
    expect(() => radialDistribution(sys.frames, sys.topology, { a: 'Li', b: 'Cl' })).toThrow(/neither a species.*nor|no atoms|needs species Li/);
    expect(() => radialDistribution(sys.frames, sys.topology, { a: 'Na', b: 'PS4' })).toThrow(/needs species P/);
    expect(() => radialDistribution(sys.frames, sys.topology, { a: 'Na', b: 'Cl', temperature_K: -1 })).toThrow(/temperature/);
    const noCell = [{ ...sys.frames[0], cell: null }];
    expect(() => radialDistribution(noCell, sys.topology, { a: 'Na', b: 'Cl' })).toThrow(/periodic cell/);
    expect(() => new RadialDistribution({ a: 'Na', b: 'Cl' }).result()).toThrow(/no frames/);
  });
});

describe('first shell of a split first peak', () => {
  it('passes over a shallow dip inside the first shell and stops at the deep minimum', () => {
    const r = Float64Array.from({ length: 400 }, (_, k) => (k + 0.5) * 0.02);
    // Two sub-peaks at 3.1 and 3.7 Å (dip to ~75 % of the peak), deep minimum near 4.7 Å, second shell at 6.5 Å.
    const g = Float64Array.from(
      r,
      (x) =>
        0.6 * (x > 2.5 ? 1 : 0) +
        1.6 * Math.exp(-((x - 3.1) ** 2) / 0.08) +
        1.6 * Math.exp(-((x - 3.7) ** 2) / 0.08) +
        1.2 * Math.exp(-((x - 6.5) ** 2) / 0.5),
    );
    const s = firstShell(r, g, undefined, 0);
    // The neighbouring sub-peak's tail pulls the maximum ≈ 0.01 Å outward.
    expect(Math.abs(s.first_peak_A! - 3.1)).toBeLessThan(0.05);
    // The exact minimum of the sum sits between the first-shell tail and the second-shell rise: 4.5–5.0 Å.
    expect(s.first_min_A!).toBeGreaterThan(4.2);
    expect(s.first_min_A!).toBeLessThan(5.2);
  });
});

describe('pair-distance histogram kernel', () => {
  it('direct (rmax ≤ half width) and cell-list paths agree with a brute-force image sum in a skewed cell', () => {
    const rng = new Random(21);
    const cell = new Cell([11, 0, 0, 3.5, 10, 0, -2, 2.5, 10.5]);
    const pa = cell.toCartesian(Float64Array.from({ length: 3 * 30 }, () => rng.uniform()));
    const pb = cell.toCartesian(Float64Array.from({ length: 3 * 40 }, () => rng.uniform()));
    const m = cell.matrix;
    const brute = (rmax: number, bins: number, b: Float64Array, same: boolean) => {
      const h = new Float64Array(bins);
      for (let i = 0; i < 30; i++)
        for (let j = 0; j < b.length / 3; j++)
          for (let x = -3; x <= 3; x++)
            for (let y = -3; y <= 3; y++)
              for (let z = -3; z <= 3; z++) {
                if (same && i === j && x === 0 && y === 0 && z === 0) continue;
                const d = [0, 1, 2].map((k) => b[3 * j + k] - pa[3 * i + k] + x * m[k] + y * m[3 + k] + z * m[6 + k]);
                const r = Math.hypot(d[0], d[1], d[2]);
                if (r < rmax) h[Math.floor(r / (rmax / bins))]++;
              }
      return Array.from(h);
    };
    const w = Math.min(...cell.perpendicularWidths());
    for (const [rmax, bins] of [
      [0.45 * w, 37],
      [1.3 * w, 41],
    ] as const) {
      for (const same of [false, true]) {
        const h = new Float64Array(bins);
        accumulatePairHistogram(pa, same ? null : pb, cell, rmax, h, same);
        expect(Array.from(h)).toEqual(brute(rmax, bins, same ? pa.subarray(0, 90) : pb, same));
      }
    }
  });
});
