// GEMDAT's attempt frequency (mean frequency of the periodogram of each ion's distance-from-start increments) and
// vibration amplitude, our implementation (src/dynamics/displacementSpectrumAttemptFrequency.ts) against:
//   - a direct O(N²) DFT (the Bluestein transform for any N),
//   - analytic spectra (a sinusoid on a Fourier bin: mean frequency = its frequency; two: the power-weighted mean),
//   - GEMDAT 1.8.1 itself on the three Li6PS5Cl files (test/fixtures/gemdat/reference.json: ν₀ 2.83 / 2.94 / 2.90 THz,
//     its standard deviation over ions and its vibration amplitude).
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseFrames } from '../../src/core/frameAnalysis';
import { openTrajectory } from '../../src/io/index';
import {
  DisplacementSpectrumAttemptFrequency,
  dftPowerHalf,
  periodogramMeanFrequency,
  swingDistances,
} from '../../src/dynamics/displacementSpectrumAttemptFrequency';
import { Random } from '../../src/core/random';

const ref = JSON.parse(readFileSync(path.resolve(__dirname, '../fixtures/gemdat/reference.json'), 'utf8')) as {
  gemdat_version: string;
  dt_fs: number;
  runs: { file: string; attempt_frequency_Hz: number; attempt_frequency_std_Hz: number; vibration_amplitude_A: number }[];
};

describe('attempt frequency from the displacement spectrum (GEMDAT)', () => {
  it('Bluestein DFT power equals a direct DFT for any length', () => {
    const rng = new Random(7);
    for (const n of [1, 2, 5, 16, 63, 140, 257]) {
      const x = Float64Array.from({ length: n }, () => rng.normal());
      const p = dftPowerHalf(x);
      for (let k = 0; k <= Math.floor(n / 2); k++) {
        let re = 0,
          im = 0;
        for (let t = 0; t < n; t++) {
          re += x[t] * Math.cos((2 * Math.PI * k * t) / n);
          im -= x[t] * Math.sin((2 * Math.PI * k * t) / n);
        }
        expect(Math.abs(p[k] - (re * re + im * im))).toBeLessThan(1e-9 * (1 + re * re + im * im));
      }
    }
  });

  it('analytic spectra: one sinusoid on bin k → k/N; two → their power-weighted mean; Nyquist bin counted once', () => {
    const n = 140;
    const sine = (k: number, a = 1, phase = 0.3) => Float64Array.from({ length: n }, (_, t) => a * Math.cos((2 * Math.PI * k * t) / n + phase));
    expect(periodogramMeanFrequency(sine(17))).toBeCloseTo(17 / n, 12);
    const two = sine(10, 1).map((v, t) => v + sine(40, 2)[t]);
    expect(periodogramMeanFrequency(two)).toBeCloseTo((1 * 10 + 4 * 40) / 5 / n, 12);
    // (−1)^t lives in the Nyquist bin alone (weight 1, not 2): mean frequency exactly 1/2.
    expect(periodogramMeanFrequency(Float64Array.from({ length: n }, (_, t) => (t % 2 ? -1 : 1)))).toBeCloseTo(0.5, 12);
    // A mean offset is removed first.
    expect(periodogramMeanFrequency(sine(17).map((v) => v + 5))).toBeCloseTo(17 / n, 12);
    expect(periodogramMeanFrequency(new Float64Array(n).fill(3))).toBeNull();
    // Swings: runs between sign changes, summed.
    // signs 0 + + − − + + −: cuts after elements 0, 2, 4, 6, 7 (7: − vs the first element's 0); first and last dropped.
    expect(swingDistances([0, 1, 2, -1, -1, 3, 0.5, -2])).toEqual([3, -2, 3.5, -2]);
  });

  it.each(ref.runs.map((r) => [r.file, r] as const))(
    'GEMDAT %s: ν₀, its spread and the vibration amplitude',
    async (file, run) => {
      const acc = new DisplacementSpectrumAttemptFrequency({ species: 'Li', dt_fs: ref.dt_fs, source: file });
      await analyseFrames(await openTrajectory(path.resolve(__dirname, '../..', file), {}), [acc]);
      const r = acc.result();
      expect(r.ions).toBe(192);
      expect(r.frames).toBe(140);
      expect(Math.abs(r.attempt_frequency_THz / (run.attempt_frequency_Hz / 1e12) - 1)).toBeLessThan(1e-9);
      expect(Math.abs(r.attempt_frequency_std_THz / (run.attempt_frequency_std_Hz / 1e12) - 1)).toBeLessThan(1e-9);
      expect(Math.abs(r.vibration_amplitude_A / run.vibration_amplitude_A - 1)).toBeLessThan(1e-9);
      expect(r.nyquist_THz).toBeCloseTo(5, 12);
      expect(r.caution).toMatch(/Nyquist/);
    },
    60_000,
  );
});
