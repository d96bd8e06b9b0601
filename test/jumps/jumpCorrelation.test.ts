import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { Random } from '../../src/core/random';
import { jumpCorrelation, type JumpEvent } from '../../src/dynamics/jumpCorrelation';
import { perIonActivationEnergies, perIonDiffusion } from '../../src/dynamics/perIonDiffusion';

const cell = Cell.orthorhombic(20, 20, 20);
const T = 100000; // fs

function poissonJumps(rng: Random, n: number): JumpEvent[] {
  return Array.from({ length: n }, (_, k) => {
    const p: [number, number, number] = [rng.uniform() * 20, rng.uniform() * 20, rng.uniform() * 20];
    const dir = [rng.normal(), rng.normal(), rng.normal()],
      len = Math.hypot(...dir) / 2;
    return { t_fs: rng.uniform() * T, ion: k % 50, from: p, to: [p[0] + dir[0] / len, p[1] + dir[1] / len, p[2] + dir[2] / len] };
  });
}

describe('jumpCorrelation', () => {
  it('is flat (≈ 1) for uncorrelated Poisson jumps', () => {
    const res = jumpCorrelation(poissonJumps(new Random(5), 3000), { duration_fs: T, cell, dt_fs: 5000, tMax_fs: 50000, dr_A: 2, rMax_A: 10 });
    // Each (Δt, r) cell holds ≥ ~400 pairs → Poisson relative error ≲ 5 %; allow 20 % for the worst of 50 cells.
    for (const row of res.g) for (const v of row) expect(Math.abs((v as number) - 1)).toBeLessThan(0.2);
    let mean = 0,
      n = 0;
    for (const row of res.g)
      for (const v of row) {
        mean += v as number;
        n++;
      }
    expect(Math.abs(mean / n - 1)).toBeLessThan(0.03);
  });

  it('shows a peak where a correlated cascade was placed (Δt ≈ 100 fs, r ≈ 2.5 Å)', () => {
    const rng = new Random(9);
    const base = poissonJumps(rng, 1500);
    const cascade: JumpEvent[] = base.slice(0, 500).map((j, k) => {
      const off = 2.5 / Math.sqrt(3); // cascade partner 2.5 Å away, in the middle of the [2, 3) Å bin
      const m: [number, number, number] = [j.from[0] + off, j.from[1] + off, j.from[2] + off];
      return {
        t_fs: j.t_fs + 100,
        ion: 1000 + k,
        from: m,
        to: [m[0] + (j.to[0] - j.from[0]), m[1] + (j.to[1] - j.from[1]), m[2] + (j.to[2] - j.from[2])],
      };
    });
    const res = jumpCorrelation([...base, ...cascade], { duration_fs: T + 1000, cell, dt_fs: 200, tMax_fs: 20000, dr_A: 1, rMax_A: 10 });
    let best = 0,
      bt = -1,
      br = -1;
    res.g.forEach((row, it) =>
      row.forEach((v, ir) => {
        if ((v ?? 0) > best) {
          best = v!;
          bt = it;
          br = ir;
        }
      }),
    );
    expect(res.dt_fs[bt]).toBe(100); // bin [0, 200) holds the 100 fs delay (inside the 140 fs angle window)
    expect(res.r_A[br]).toBe(2.5);
    // Background in that cell: ~2e6 pairs × (200 fs × 2 / T) × (shell 2–3 Å: 79.6 Å³ / 8000 Å³) ≈ 80 pairs,
    // against 500 cascade pairs → g ≈ 7; uncorrelated cells stay within ±20 % of 1. Require > 3.
    expect(best).toBeGreaterThan(3);
    // concerted cascade: jump vectors parallel → angle distribution at that distance peaks in the first bin
    const ang = res.angleDistribution[br]!;
    expect(ang[0]).toBe(Math.max(...ang));
  });

  it('rejects too few jumps and bad windows', () => {
    expect(() => jumpCorrelation([], { duration_fs: T, cell })).toThrow(/at least two jumps/);
    expect(() => jumpCorrelation(poissonJumps(new Random(1), 5), { duration_fs: T, cell, tMax_fs: 2 * T })).toThrow(/tMax_fs < duration/);
  });
});

describe('perIonDiffusion', () => {
  it('recovers per-ion D of random walks and their Arrhenius barriers', () => {
    const rng = new Random(17);
    const nIons = 40,
      nFrames = 4000,
      dt = 10;
    const walk = (Dcm: number) => {
      const sd = Math.sqrt(2 * (Dcm * 10) * dt); // per component per step, Å (D in Å²/fs = 10·cm²/s)
      const pos = new Float64Array(nFrames * nIons * 3);
      for (let f = 1; f < nFrames; f++) for (let k = 0; k < 3 * nIons; k++) pos[f * 3 * nIons + k] = pos[(f - 1) * 3 * nIons + k] + sd * rng.normal();
      return pos;
    };
    const res = perIonDiffusion(walk(1e-5), nIons, dt, 4);
    // mean over 40 ions of unbiased estimates: relative error ~ 1/√(40·4·(500 independent lags)) — allow 10 %
    const mean = res.D_cm2_s.reduce((a, b) => a + b, 0) / nIons;
    expect(Math.abs(mean / 1e-5 - 1)).toBeLessThan(0.1);
    const Ts = [400, 600, 800],
      Ea = 0.3,
      D0 = 1e-3;
    const Ds = Ts.map((t) => Float64Array.from({ length: 3 }, (_, i) => D0 * Math.exp(-(Ea + 0.05 * i) / (8.617333262e-5 * t))));
    const act = perIonActivationEnergies(Ts, Ds);
    act.Ea_eV.forEach((e, i) => expect(e).toBeCloseTo(Ea + 0.05 * i, 10));
    expect(() => perIonActivationEnergies([], [])).toThrow(/empty/);
  });
});
