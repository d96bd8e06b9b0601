import { describe, expect, it } from 'vitest';
import { fft, RealAutocorrelation } from '../../src/core/fft';
import { Random } from '../../src/core/random';
import { meanSquaredDisplacement, meanSquaredDisplacementDirect } from '../../src/transport/meanSquaredDisplacement';
import { randomWalk } from './helpers';

/** Oracle: S(m) = Σ_{t=0}^{T−1−m} x(t)x(t+m), direct double loop. */
function directSums(x: Float64Array, maxLag: number): Float64Array {
  const out = new Float64Array(maxLag + 1);
  for (let m = 0; m <= maxLag; m++) for (let t = 0; t + m < x.length; t++) out[m] += x[t] * x[t + m];
  return out;
}

function series(T: number, seed: number): Float64Array {
  const r = new Random(seed),
    x = new Float64Array(T);
  for (let t = 0; t < T; t++) x[t] = r.normal() + 0.3 * Math.sin(t / 7);
  return x;
}

// Tolerance: FFT rounding is ~1e-16 · Σ|x|² · log n; the sums here are O(T) ≈ 1e2, so 1e-10 absolute
// is a loose bound that any algebraic mistake (wrong split, wrapped lag, missing pair) exceeds by far.
const TOL = 1e-10;

describe('fft (radix-2², all lengths)', () => {
  it('equals the direct DFT forward and inverse for n = 1 … 512 (odd and even log2 n)', () => {
    for (let n = 1; n <= 512; n *= 2) {
      const r = new Random(n),
        xr = new Float64Array(n),
        xi = new Float64Array(n);
      for (let t = 0; t < n; t++) {
        xr[t] = r.normal();
        xi[t] = r.normal();
      }
      const re = xr.slice(),
        im = xi.slice();
      fft(re, im);
      for (let k = 0; k < n; k++) {
        let sr = 0,
          si = 0;
        for (let t = 0; t < n; t++) {
          const a = (-2 * Math.PI * k * t) / n;
          sr += xr[t] * Math.cos(a) - xi[t] * Math.sin(a);
          si += xr[t] * Math.sin(a) + xi[t] * Math.cos(a);
        }
        // |X| ~ √n; rounding of the O(n) direct sum and the FFT both stay far below 1e-10 here.
        expect(Math.abs(re[k] - sr)).toBeLessThan(1e-10);
        expect(Math.abs(im[k] - si)).toBeLessThan(1e-10);
      }
      fft(re, im, true);
      for (let t = 0; t < n; t++) {
        expect(Math.abs(re[t] - xr[t])).toBeLessThan(1e-13);
        expect(Math.abs(im[t] - xi[t])).toBeLessThan(1e-13);
      }
    }
  });
});

describe('RealAutocorrelation (two real series per complex FFT, pooled spectra)', () => {
  it('separate, pooled and paired-inverse sums equal the direct sums, including maxLag < T − 1', () => {
    for (const [T, maxLag] of [
      [37, 36],
      [64, 20],
      [100, 99],
      [5, 0],
    ] as const) {
      const a = series(T, 1),
        b = series(T, 2),
        c = series(T, 3);
      const ac = new RealAutocorrelation(T, maxLag);
      expect(ac.n).toBeGreaterThanOrEqual(T + maxLag);
      const pa = ac.spectrum(),
        pb = ac.spectrum(),
        pool = ac.spectrum(),
        pc = ac.spectrum();
      ac.addPowerSpectra(a, b, pool, pa, pb);
      ac.addPowerSpectra(c, null, pool, pc, null);
      const sa = new Float64Array(maxLag + 1),
        sb = new Float64Array(maxLag + 1),
        sp = new Float64Array(maxLag + 1),
        sc = new Float64Array(maxLag + 1);
      ac.sumsFromPower(pa, pb, sa, sb);
      ac.sumsFromPower(pool, pc, sp, sc);
      const da = directSums(a, maxLag),
        db = directSums(b, maxLag),
        dc = directSums(c, maxLag);
      for (let m = 0; m <= maxLag; m++) {
        expect(Math.abs(sa[m] - da[m])).toBeLessThan(TOL);
        expect(Math.abs(sb[m] - db[m])).toBeLessThan(TOL);
        expect(Math.abs(sc[m] - dc[m])).toBeLessThan(TOL);
        expect(Math.abs(sp[m] - (da[m] + db[m] + dc[m]))).toBeLessThan(TOL);
      }
    }
  });

  it('rejects a series of the wrong length and a lag beyond the series', () => {
    const ac = new RealAutocorrelation(10);
    expect(() => ac.addPowerSpectra(new Float64Array(9), null, ac.spectrum())).toThrow(/length 9, expected 10/);
    expect(() => new RealAutocorrelation(10, 10)).toThrow(/maxLag/);
  });
});

describe('pooled FFT MSD equals the direct all-origins sum for odd/even ion counts', () => {
  it('1, 2 and 5 ions, T = 2 and T = 129, per ion and per component, to 1e-9 relative', () => {
    for (const nIons of [1, 2, 5])
      for (const T of [2, 129]) {
        const pos = randomWalk(nIons, T, 0.4, 7 * nIons + T, 30);
        const fast = meanSquaredDisplacement(pos, nIons, T, 1, { perIon: true });
        const slow = meanSquaredDisplacementDirect(pos, nIons, T, 1, { perIon: true });
        // 1e-9 relative (+1e-12 Å² for lag 0, exactly 0 in the oracle): FFT rounding on centred series.
        const close = (x: Float64Array, y: Float64Array) => {
          for (let m = 0; m < x.length; m++) expect(Math.abs(x[m] - y[m])).toBeLessThanOrEqual(1e-9 * Math.abs(y[m]) + 1e-12);
        };
        close(fast.msd_A2, slow.msd_A2);
        for (let k = 0; k < 3; k++) close(fast.components_A2[k], slow.components_A2[k]);
        close(fast.perIon_A2!, slow.perIon_A2!);
        // Without perIon the species curve is the same pooled computation.
        close(meanSquaredDisplacement(pos, nIons, T, 1).msd_A2, slow.msd_A2);
      }
  });
});
