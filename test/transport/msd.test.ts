import { describe, expect, it } from 'vitest';
import { meanSquaredDisplacement, meanSquaredDisplacementDirect, msdOfSeries } from '../../src/transport/meanSquaredDisplacement';
import { autocorrelationSums } from '../../src/core/fft';
import { chargeMeanSquaredDisplacement, havenRatio } from '../../src/transport/chargeDiffusion';
import { fitDiffusionCoefficient, defaultFitWindow } from '../../src/transport/diffusionFit';
import { blockDiffusionEstimate } from '../../src/transport/blockDiffusion';
import { frameworkDisplacement, subtractDrift } from '../../src/transport/frameworkDrift';
import { mean, std } from '../../src/core/stats';
import { InputError } from '../../src/core/errors';
import { randomWalk } from './helpers';

describe('meanSquaredDisplacement (FFT, all origins)', () => {
  it('equals the direct all-origins windowed sum to 1e-9 relative, per ion and per component', () => {
    // Offset 50 Å: far from the origin, so the S1 − 2·S2 cancellation is exercised.
    const nIons = 7,
      T = 301;
    const pos = randomWalk(nIons, T, 0.3, 11, 50);
    const fast = meanSquaredDisplacement(pos, nIons, T, 2, { perIon: true });
    const slow = meanSquaredDisplacementDirect(pos, nIons, T, 2, { perIon: true });
    const close = (a: Float64Array, b: Float64Array) => {
      for (let m = 0; m < a.length; m++) {
        // 1e-9 relative; lag 0 is exactly 0 in the oracle, FFT rounding leaves ≤ 1e-12 Å² there.
        expect(Math.abs(a[m] - b[m])).toBeLessThanOrEqual(1e-9 * Math.abs(b[m]) + 1e-12);
      }
    };
    close(fast.msd_A2, slow.msd_A2);
    for (let k = 0; k < 3; k++) close(fast.components_A2[k], slow.components_A2[k]);
    close(fast.perIon_A2!, slow.perIon_A2!);
    expect(fast.t_fs[10]).toBe(20);
    expect(fast.nOrigins[10]).toBe(T - 10);
  });

  it('msdOfSeries (one centred series + its FFT autocorrelation sums) equals the direct sum to 1e-9 relative', () => {
    const T = 257,
      pos = randomWalk(1, T, 0.3, 5, 50);
    const x = Float64Array.from({ length: T }, (_, f) => pos[3 * f]);
    const mu = x.reduce((a, v) => a + v, 0) / T;
    for (let f = 0; f < T; f++) x[f] -= mu; // centred, as the contract asks
    const out = msdOfSeries(x, autocorrelationSums(x), new Float64Array(T));
    const slow = meanSquaredDisplacementDirect(pos, 1, T, 1).components_A2[0];
    // 1e-9 relative; lag 0 is exactly 0 in the oracle, FFT rounding leaves ≤ 1e-12 Å² there.
    for (let m = 0; m < T; m++) expect(Math.abs(out[m] - slow[m])).toBeLessThanOrEqual(1e-9 * slow[m] + 1e-12);
  });

  it('recovers the D of a seeded 3-D random walk within its statistical error', () => {
    // Per-component step sd s per frame of dt: MSD(t) = 3 s² t/dt = 6 D t, so D = s²/(2 dt) Å²/fs.
    // Error model: walkers are independent, D̂ is unbiased; its standard error is the block
    // estimate (5 independent segments). We check |D̂ − D| < 3 σ_block, and that σ_block matches the
    // scatter of D̂ over 12 seeds within a factor 2 (a std from 5 blocks has ≈ 35 % relative error,
    // the scatter over 12 seeds ≈ 20 %).
    const nIons = 40,
      T = 1500,
      dt = 2,
      s = 0.2;
    const Dtrue = ((s * s) / (2 * dt)) * 0.1; // cm²/s
    const window = defaultFitWindow(T, dt);
    const Ds: number[] = [],
      blocks: number[] = [];
    for (let seed = 1; seed <= 12; seed++) {
      const pos = randomWalk(nIons, T, s, 1000 + seed);
      const msd = meanSquaredDisplacement(pos, nIons, T, dt);
      const fit = fitDiffusionCoefficient(msd.t_fs, msd.msd_A2, window);
      const b = blockDiffusionEstimate(pos, nIons, T, dt, [window[0], window[1]]);
      Ds.push(fit.D_cm2_s);
      blocks.push(b.D_block_stderr_cm2_s!);
      if (seed === 1) {
        expect(b.nBlocks).toBe(5);
        expect(Math.abs(fit.D_cm2_s - Dtrue)).toBeLessThan(3 * b.D_block_stderr_cm2_s!);
      }
    }
    const scatter = std(Ds);
    expect(Math.abs(mean(Ds) - Dtrue)).toBeLessThan((3 * scatter) / Math.sqrt(Ds.length));
    // The whole-run error is smaller than a block mean's: compare block stderr with √K-free scatter loosely.
    const ratio = mean(blocks) / scatter;
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('the charge MSD of ions moving in lockstep is N times the tracer MSD (H_R = 1/N)', () => {
    const nIons = 5,
      T = 200;
    const one = randomWalk(1, T, 0.3, 5);
    const pos = new Float64Array(T * 3 * nIons);
    for (let f = 0; f < T; f++) for (let i = 0; i < nIons; i++) for (let k = 0; k < 3; k++) pos[f * 3 * nIons + 3 * i + k] = one[3 * f + k] + i;
    const tr = meanSquaredDisplacement(pos, nIons, T, 1);
    const ch = chargeMeanSquaredDisplacement(pos, nIons, T, 1);
    for (let m = 1; m < T; m++) expect(ch.msd_A2[m]).toBeCloseTo(nIons * tr.msd_A2[m], 8);
    const w: [number, number] = [20, 150];
    const h = havenRatio(fitDiffusionCoefficient(tr.t_fs, tr.msd_A2, w).D_cm2_s, fitDiffusionCoefficient(ch.t_fs, ch.msd_A2, w).D_cm2_s);
    expect(h.haven_ratio).toBeCloseTo(1 / nIons, 10);
    expect(havenRatio(1e-5, -1e-6)).toMatchObject({ haven_ratio: null });
    expect(havenRatio(1e-5, 0).reason).toMatch(/not positive/);
  });

  it('drift correction removes an imposed framework drift exactly', () => {
    // Li random walk plus a uniform drift v·t of everything; framework atoms rigidly drift.
    const nLi = 6,
      nFw = 4,
      T = 400,
      dt = 1,
      v = [0.01, -0.02, 0.005];
    const li = randomWalk(nLi, T, 0.2, 21);
    const N = nLi + nFw;
    const all = new Float64Array(T * 3 * N);
    const masses = new Float64Array(N);
    for (let j = 0; j < N; j++) masses[j] = j < nLi ? 6.94 : 30 + j;
    for (let f = 0; f < T; f++) {
      for (let i = 0; i < nLi; i++) for (let k = 0; k < 3; k++) all[f * 3 * N + 3 * i + k] = li[f * 3 * nLi + 3 * i + k] + v[k] * f * dt;
      for (let j = nLi; j < N; j++) for (let k = 0; k < 3; k++) all[f * 3 * N + 3 * j + k] = 3 * j + k + v[k] * f * dt;
    }
    const fwIdx = Int32Array.from({ length: nFw }, (_, a) => nLi + a);
    const drift = frameworkDisplacement(all, N, T, masses, fwIdx);
    expect(drift[3 * 100]).toBeCloseTo(v[0] * 100, 12);
    const liDrifting = new Float64Array(T * 3 * nLi);
    for (let f = 0; f < T; f++) liDrifting.set(all.subarray(f * 3 * N, f * 3 * N + 3 * nLi), f * 3 * nLi);
    const corrected = subtractDrift(liDrifting, nLi, T, drift);
    const ref = meanSquaredDisplacement(li, nLi, T, dt);
    const raw = meanSquaredDisplacement(liDrifting, nLi, T, dt);
    const cor = meanSquaredDisplacement(corrected, nLi, T, dt);
    for (let m = 1; m < T; m++) expect(Math.abs(cor.msd_A2[m] - ref.msd_A2[m])).toBeLessThan(1e-9 * ref.msd_A2[m]);
    // Without the correction the drift adds |v|² t² (ballistic), clearly visible at long lags.
    expect(raw.msd_A2[300]).toBeGreaterThan(ref.msd_A2[300] + 0.5 * (v[0] ** 2 + v[1] ** 2 + v[2] ** 2) * 300 ** 2);
    expect(() => frameworkDisplacement(all, N, T, masses, [])).toThrow(InputError);
  });

  it('rejects bad input with InputError', () => {
    expect(() => meanSquaredDisplacement(new Float64Array(10), 2, 2, 1)).toThrow(/expected 12/);
    expect(() => meanSquaredDisplacement(new Float64Array(12), 2, 2, 0)).toThrow(InputError);
    const msd = meanSquaredDisplacement(randomWalk(2, 20, 0.1, 1), 2, 20, 1);
    expect(() => fitDiffusionCoefficient(msd.t_fs, msd.msd_A2, [5, 6])).toThrow(/holds 2 MSD points/);
  });
});
