import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { autocorrelationSums, crossCorrelationSums } from '../../src/core/fft';
import { Random } from '../../src/core/random';
import { linearFit } from '../../src/core/stats';
import { InputError } from '../../src/core/errors';

describe('Cell', () => {
  it('converts fractional ↔ Cartesian for a triclinic cell', () => {
    const c = Cell.fromParameters(5, 6, 7, 80, 95, 110);
    const f = new Float64Array([0.1, 0.2, 0.3, -0.5, 1.2, 0.9]);
    const back = c.toFractional(c.toCartesian(f));
    for (let i = 0; i < f.length; i++) expect(back[i]).toBeCloseTo(f[i], 12);
    expect(c.volume).toBeGreaterThan(0);
  });

  it('minimum image equals a brute-force search over images, also for a skewed cell', () => {
    const rng = new Random(3);
    for (const c of [Cell.fromParameters(5, 6, 7, 80, 95, 110), new Cell([6, 0, 0, 5, 4, 0, 3, 2.5, 5])]) {
      const m = c.matrix,
        out = [0, 0, 0];
      for (let t = 0; t < 500; t++) {
        const d = [rng.uniform() * 20 - 10, rng.uniform() * 20 - 10, rng.uniform() * 20 - 10];
        const got = c.minimumImage(d[0], d[1], d[2], out);
        let best = Infinity;
        for (let i = -4; i <= 4; i++)
          for (let j = -4; j <= 4; j++)
            for (let k = -4; k <= 4; k++) {
              const x = d[0] + i * m[0] + j * m[3] + k * m[6],
                y = d[1] + i * m[1] + j * m[4] + k * m[7],
                z = d[2] + i * m[2] + j * m[5] + k * m[8];
              best = Math.min(best, x * x + y * y + z * z);
            }
        expect(got).toBeCloseTo(best, 9);
      }
    }
  });

  it('rejects a singular or non-finite cell with a located error', () => {
    expect(() => new Cell([1, 0, 0, 2, 0, 0, 0, 0, 1], { file: 'x.xyz', frame: 3 })).toThrow(/x.xyz, frame 3: cell is singular/);
    expect(() => new Cell([1, 0, 0, 0, NaN, 0, 0, 0, 1])).toThrow(InputError);
  });
});

describe('FFT correlation', () => {
  it('autocorrelation equals the direct all-origins sum', () => {
    const rng = new Random(1);
    for (const T of [1, 2, 7, 64, 100]) {
      const x = Float64Array.from({ length: T }, () => rng.normal());
      const s = autocorrelationSums(x);
      for (let m = 0; m < T; m++) {
        let d = 0;
        for (let t = 0; t + m < T; t++) d += x[t] * x[t + m];
        expect(s[m]).toBeCloseTo(d, 9);
      }
    }
  });
  it('cross-correlation equals the direct sum', () => {
    const rng = new Random(2);
    const x = Float64Array.from({ length: 37 }, () => rng.normal());
    const y = Float64Array.from({ length: 37 }, () => rng.normal());
    const s = crossCorrelationSums(x, y);
    for (let m = 0; m < 37; m++) {
      let d = 0;
      for (let t = 0; t + m < 37; t++) d += x[t] * y[t + m];
      expect(s[m]).toBeCloseTo(d, 9);
    }
  });
});

describe('Random', () => {
  it('is reproducible by seed and has unit-variance normals', () => {
    const a = new Random(42),
      b = new Random(42);
    for (let i = 0; i < 10; i++) expect(a.uniform()).toBe(b.uniform());
    const r = new Random(7);
    let s = 0,
      s2 = 0;
    const n = 200000;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.01); // 4.5 σ of the mean
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.015);
  });
});

describe('linearFit', () => {
  it('recovers a hand-worked line with its slope error', () => {
    // y = 2x + 1 with residuals +0.1, -0.1, -0.1, +0.1 at x = 0..3
    const f = linearFit([0, 1, 2, 3], [1.1, 2.9, 4.9, 7.1]);
    expect(f.slope).toBeCloseTo(2.0, 12);
    expect(f.intercept).toBeCloseTo(1.0, 12);
    // ssr = 0.04, s² = 0.02, Sxx = 5 → se = sqrt(0.02/5) = 0.063245...
    expect(f.slopeStderr).toBeCloseTo(Math.sqrt(0.02 / 5), 10);
  });
});
