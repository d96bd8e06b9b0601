import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { InputError } from '../../src/core/errors';
import type { Frame } from '../../src/core/frame';
import { Random } from '../../src/core/random';
import { topologyFromSymbols } from '../../src/core/topology';
import { KB_EV_PER_K } from '../../src/core/units';
import { ProbabilityDensity, probabilityDensity, smearDensity, gridIndex } from '../../src/density/probabilityDensity';
import { linearDensity, planarCut, planarProjection } from '../../src/density/densityProjections';
import { freeEnergyLandscape } from '../../src/density/freeEnergyLandscape';
import { BOHR_A, chgcarText, cubeText } from '../../src/io/volumetricFiles';

/** Atoms in isotropic harmonic wells: displacement ~ N(0, σ²) per axis, σ² = k_B T / k_spring. */
function harmonicWells(wells: number[][], perWell: number, frames: number, sigma: number, cellOf: (f: number) => Cell, seed: number) {
  const rng = new Random(seed);
  const n = wells.length * perWell;
  const topology = topologyFromSymbols([...Array(n).fill('Li'), 'S']);
  const out: Frame[] = [];
  for (let f = 0; f < frames; f++) {
    const cell = cellOf(f);
    const frac = new Float64Array(3 * (n + 1));
    const pos = new Float64Array(3 * (n + 1));
    for (let w = 0; w < wells.length; w++)
      for (let p = 0; p < perWell; p++) {
        const a = w * perWell + p;
        // Well centres are fractional (they move with the cell); the displacement is Cartesian.
        const c = cell.toCartesian(wells[w]);
        pos[3 * a] = c[0] + sigma * rng.normal();
        pos[3 * a + 1] = c[1] + sigma * rng.normal();
        pos[3 * a + 2] = c[2] + sigma * rng.normal();
      }
    void frac;
    out.push({ index: f, cell, positions: pos });
  }
  return { frames: out, topology };
}

describe('probability density', () => {
  it('harmonic wells: density peaks at the wells, integrates to N, F is quadratic with k = k_B T/σ²', () => {
    const L = 12,
      sigma = 0.3,
      T = 500;
    const wells = [
      [0.25, 0.25, 0.25],
      [0.75, 0.75, 0.5],
    ];
    const sys = harmonicWells(wells, 10, 2000, sigma, () => Cell.orthorhombic(L, L, L), 2);
    const d = probabilityDensity(sys.frames, sys.topology, { species: 'Li', spacing_A: 0.1 });
    expect(d.shape).toEqual([120, 120, 120]);
    // Normalisation: ∫ρ = 20 atoms, ∫P = 1 (exact sums of counts).
    let sRho = 0,
      sP = 0;
    for (let v = 0; v < d.counts.length; v++) {
      sRho += d.density_per_A3[v];
      sP += d.probability_per_A3[v];
    }
    expect(sRho * d.voxel_volume_A3).toBeCloseTo(20, 9);
    expect(sP * d.voxel_volume_A3).toBeCloseTo(1, 12);
    // Peak of the smeared density within one voxel (0.1 Å) of each well.
    const sm = smearDensity(d, 0.15);
    for (const w of wells) {
      let best = -1,
        bv = 0;
      for (let v = 0; v < sm.counts.length; v++) {
        const k = v % 120,
          j = Math.floor(v / 120) % 120,
          i = Math.floor(v / 14400);
        const dd = Math.hypot(i / 120 - w[0], j / 120 - w[1], k / 120 - w[2]) * L;
        if (dd < 1 && sm.counts[v] > bv) {
          bv = sm.counts[v];
          best = v;
        }
      }
      const k = best % 120,
        j = Math.floor(best / 120) % 120,
        i = Math.floor(best / 14400);
      expect(Math.hypot(i / 120 - w[0], j / 120 - w[1], k / 120 - w[2]) * L).toBeLessThanOrEqual(0.1 * Math.sqrt(3) + 1e-9);
    }
    // Smearing conserves counts and widens the well: σ_eff² = σ² + σ_s².
    let tot = 0;
    for (const c of sm.counts) tot += c;
    expect(tot).toBeCloseTo(2000 * 20, 6);
    // F along a (linear density integrates b, c): F(x) = ½ k x², k = k_B T/σ². Fit F = c0 + c2 x² for |x| < 1.5σ.
    const lin = linearDensity(d, 'a');
    const kT = KB_EV_PER_K * T;
    const xs: number[] = [],
      Fs: number[] = [],
      ws: number[] = [];
    lin.position_A.forEach((x, k) => {
      const dx = x - 0.25 * L;
      if (Math.abs(dx) < 1.5 * sigma && lin.density_per_A[k] > 0) {
        xs.push(dx * dx);
        Fs.push(-kT * Math.log(lin.density_per_A[k]));
        ws.push(lin.density_per_A[k]);
      }
    });
    const fit = weightedLine(xs, Fs, ws);
    const kSpring = 2 * fit.slope; // eV/Å²
    // The well at x = 0.25 L alone contributes here (the other is at 0.75 L); binning adds 0.1²/12 to σ².
    const expected = kT / (sigma * sigma + (0.1 * 0.1) / 12);
    // 20,000 samples in the well: the curvature scatters by ≈ 3 % between seeds (seeds 1–3, 7: +3.0, +0.3, +0.5, −4.7 %);
    // this seed gives +0.3 %; tolerance 6 % (2σ).
    expect(Math.abs(kSpring / expected - 1)).toBeLessThan(0.06);
    // The same from the 3D free-energy landscape (smeared, σ_eff² = σ² + σ_s² + h²/12): fit F vs r² near the well.
    const Fl = freeEnergyLandscape(sm, { temperature_K: T });
    const r2: number[] = [],
      F3: number[] = [],
      w3: number[] = [];
    for (let v = 0; v < Fl.values.length; v++) {
      const k = v % 120,
        j = Math.floor(v / 120) % 120,
        i = Math.floor(v / 14400);
      const dd2 = ((i / 120 - 0.25) ** 2 + (j / 120 - 0.25) ** 2 + (k / 120 - 0.25) ** 2) * L * L;
      if (dd2 < (1.2 * sigma) ** 2) {
        r2.push(dd2);
        F3.push(Fl.values[v]);
        w3.push(sm.counts[v]);
      }
    }
    const fit3 = weightedLine(r2, F3, w3);
    const sEff2 = sigma * sigma + 0.15 * 0.15 + (0.1 * 0.1) / 12;
    // 3D fit (all voxels within 1.2σ): −1.1 % for seeds 1–3, −4.5 % for seed 7; tolerance 5 %.
    expect(Math.abs((2 * fit3.slope) / (kT / sEff2) - 1)).toBeLessThan(0.05);
    expect(Fl.values.reduce((a, b) => Math.min(a, b), Infinity)).toBe(0);
  });

  it('fluctuating cell: fractional coordinates per frame put the wells in the same voxels', () => {
    const wells = [[0.25, 0.5, 0.5]];
    const cellOf = (f: number) => new Cell([10 * (1 + 0.05 * Math.sin(f)), 0.3 * Math.cos(f), 0, 0, 10 * (1 + 0.04 * Math.cos(f)), 0, 0.5, 0, 10]);
    const sys = harmonicWells(wells, 1, 400, 0.02, cellOf, 3);
    const d = probabilityDensity(sys.frames, sys.topology, { species: 'Li', shape: [20, 20, 20] });
    // σ = 0.02 Å ≪ the 0.5 Å voxel: all counts in the well's voxel.
    expect(d.counts[(5 * 20 + 10) * 20 + 10]).toBe(400);
    expect(d.cell_fluctuation).toBeGreaterThan(0.04);
    // Average cell: mean of the matrices.
    let ax = 0;
    for (let f = 0; f < 400; f++) ax += cellOf(f).matrix[0];
    expect(d.cell[0]).toBeCloseTo(ax / 400, 12);
  });

  it('direct oracle: counts equal nearest-grid-point binning done by hand; triclinic cell', () => {
    const rng = new Random(11);
    const cell = Cell.fromParameters(9, 10, 11, 80, 100, 110);
    const topology = topologyFromSymbols(['Na', 'Na', 'Na', 'P']);
    const frames: Frame[] = [];
    for (let f = 0; f < 50; f++) frames.push({ index: f, cell, positions: Float64Array.from({ length: 12 }, () => 30 * rng.uniform() - 10) });
    const shape: [number, number, number] = [7, 9, 13];
    const d = probabilityDensity(frames, topology, { species: 'Na', shape });
    const C = new Float64Array(7 * 9 * 13);
    for (const fr of frames)
      for (let a = 0; a < 3; a++) {
        const f = cell.toFractional(fr.positions.subarray(3 * a, 3 * a + 3));
        const q = [0, 1, 2].map((x) => {
          const w = f[x] - Math.floor(f[x]);
          return Math.round(w * shape[x]) % shape[x];
        });
        C[(q[0] * 9 + q[1]) * 13 + q[2]]++;
      }
    expect(Array.from(d.counts)).toEqual(Array.from(C));
    expect(gridIndex(0.999, 10)).toBe(0);
    expect(gridIndex(-0.04, 10)).toBe(0);
    expect(gridIndex(-0.06, 10)).toBe(9);
  });

  it('linear density along a lattice vector equals the Cartesian axis for an orthorhombic cell; projections integrate to N', () => {
    const sys = harmonicWells(
      [
        [0.2, 0.3, 0.4],
        [0.6, 0.1, 0.9],
      ],
      5,
      200,
      0.4,
      () => Cell.orthorhombic(8, 9, 10),
      5,
    );
    const d = probabilityDensity(sys.frames, sys.topology, { species: 'Li', shape: [16, 18, 20] });
    for (const [lat, cart] of [
      ['a', 'x'],
      ['b', 'y'],
      ['c', 'z'],
    ]) {
      const l = linearDensity(d, lat),
        c = linearDensity(d, cart, d.shape[{ a: 0, b: 1, c: 2 }[lat]!]);
      for (let k = 0; k < l.density_per_A.length; k++) expect(c.density_per_A[k]).toBeCloseTo(l.density_per_A[k], 10);
      // Σ λ Δ = N atoms.
      expect(l.density_per_A.reduce((s, x) => s + x, 0) * l.bin_A).toBeCloseTo(10, 9);
      expect(l.fraction.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    }
    const p = planarProjection(d, 'c');
    expect(p.axes).toEqual(['a', 'b']);
    const area = (8 / 16) * (9 / 18);
    expect(p.values.reduce((s, x) => s + x, 0) * area).toBeCloseTo(10, 9);
    const cut = planarCut(d, 'b', 0.3);
    expect(cut.fraction).toBeCloseTo(5 / 18, 12);
    expect(cut.shape).toEqual([16, 20]);
    expect(cut.values[3 * 20 + 8]).toBe(d.density_per_A3[(3 * 18 + 5) * 20 + 8]);
  });

  it('CUBE and CHGCAR text: headers, order and units', () => {
    const cell = [4, 0, 0, 0, 5, 0, 0, 0, 6];
    const shape: [number, number, number] = [2, 3, 4];
    const values = Float64Array.from({ length: 24 }, (_, v) => v + 1);
    const atoms = { symbols: ['Li', 'S', 'Li'], positions: [0, 0, 0, 2, 2.5, 3, 1, 1, 1] };
    const cube = cubeText({ shape, cell, values }, atoms).trim().split('\n');
    expect(cube[2].trim().split(/\s+/).map(Number)[0]).toBe(3);
    expect(Number(cube[3].trim().split(/\s+/)[1])).toBeCloseTo(2 / BOHR_A, 5);
    expect(cube[6].trim().split(/\s+/)[0]).toBe('3'); // Li, Z = 3
    expect(Number(cube[7].trim().split(/\s+/)[3])).toBeCloseTo(2.5 / BOHR_A, 5);
    // Values: z fastest, a new line after each z row of 4 (≤ 6 per line).
    const data = cube.slice(9);
    expect(data.length).toBe(6);
    expect(
      data[0]
        .trim()
        .split(/\s+/)
        .map(Number)
        .map((x) => x / BOHR_A ** 3),
    ).toEqual([1, 2, 3, 4].map((x) => expect.closeTo(x, 4)));
    expect(Number(data[1].trim().split(/\s+/)[0]) / BOHR_A ** 3).toBeCloseTo(5, 4); // (0,1,0) = index 4 → value 5
    const ch = chgcarText({ shape, cell, values }, atoms).split('\n');
    expect(ch[5].trim().split(/\s+/)).toEqual(['Li', 'S']);
    expect(ch[6].trim().split(/\s+/)).toEqual(['2', '1']);
    expect(ch[7]).toBe('Direct');
    expect(ch[9].trim().split(/\s+/).map(Number)).toEqual([0.25, 0.2, 1 / 6].map((x) => expect.closeTo(x, 7)));
    expect(ch[12].trim().split(/\s+/).map(Number)).toEqual([2, 3, 4]);
    // x fastest: first values are (0,0,0), (1,0,0), (0,1,0), … times V = 120.
    const vals = ch.slice(13).join(' ').trim().split(/\s+/).map(Number);
    expect(vals.length).toBe(24);
    expect(vals[0]).toBeCloseTo(1 * 120, 6);
    expect(vals[1]).toBeCloseTo(13 * 120, 6); // (1,0,0) = index 12
    expect(vals[2]).toBeCloseTo(5 * 120, 6); // (0,1,0) = index 4
    expect(() => cubeText({ shape, cell, values: values.slice(1) })).toThrow(InputError);
    expect(() => chgcarText({ shape, cell, values }, { symbols: [], positions: [] })).toThrow(/at least one atom/);
  });

  it('bad input: clear errors', () => {
    const top = topologyFromSymbols(['Li', 'S']);
    expect(() => new ProbabilityDensity({ species: 'Li', shape: [1, 4, 4] })).toThrow(/whole numbers ≥ 2/);
    expect(() => new ProbabilityDensity({ species: 'Li', spacing_A: -1 })).toThrow(/positive/);
    const acc = new ProbabilityDensity({ species: 'Na', source: 'x.xyz' });
    expect(() => acc.addFrame({ index: 0, cell: Cell.orthorhombic(5, 5, 5), positions: new Float64Array(6) }, top)).toThrow(
      /no atoms of species "Na"/,
    );
    const acc2 = new ProbabilityDensity({ species: 'Li' });
    expect(() => acc2.addFrame({ index: 3, cell: null, positions: new Float64Array(6) }, top)).toThrow(/frame 3.*periodic cell/);
    expect(() => new ProbabilityDensity({ species: 'Li' }).result()).toThrow(/no frames/);
    const acc3 = new ProbabilityDensity({ species: 'Li' });
    expect(() => acc3.addFrame({ index: 0, cell: Cell.orthorhombic(5, 5, 5), positions: Float64Array.from([NaN, 0, 0, 1, 1, 1]) }, top)).toThrow(
      /non-finite/,
    );
    expect(() =>
      freeEnergyLandscape(
        probabilityDensity([{ index: 0, cell: Cell.orthorhombic(5, 5, 5), positions: new Float64Array(6) }], top, { species: 'Li' }),
        { temperature_K: 0 },
      ),
    ).toThrow(/temperature/);
    expect(() =>
      linearDensity(
        probabilityDensity([{ index: 0, cell: Cell.orthorhombic(5, 5, 5), positions: new Float64Array(6) }], top, { species: 'Li' }),
        'q',
      ),
    ).toThrow(/axis/);
  });
});

function weightedLine(x: number[], y: number[], w: number[]): { slope: number; intercept: number } {
  let sw = 0,
    sx = 0,
    sy = 0,
    sxx = 0,
    sxy = 0;
  for (let i = 0; i < x.length; i++) {
    sw += w[i];
    sx += w[i] * x[i];
    sy += w[i] * y[i];
    sxx += w[i] * x[i] * x[i];
    sxy += w[i] * x[i] * y[i];
  }
  const slope = (sw * sxy - sx * sy) / (sw * sxx - sx * sx);
  return { slope, intercept: (sy - slope * sx) / sw };
}
