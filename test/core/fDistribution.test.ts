import { describe, expect, it } from 'vitest';
import { fDistributionCdf, fDistributionSf, logGamma, regularizedIncompleteBeta } from '../../src/core/fDistribution';

describe('ln Γ', () => {
  it('matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 11);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(10.5)).toBeCloseTo(13.940625219403763, 11); // scipy.special.gammaln(10.5)
  });
});

describe('regularized incomplete beta I_x(a, b)', () => {
  it('closed forms: I_x(1, b) = 1 − (1−x)^b, I_x(a, 1) = x^a, I_½(a, a) = ½', () => {
    for (const x of [0.01, 0.2, 0.5, 0.77, 0.99]) {
      expect(regularizedIncompleteBeta(x, 1, 3.5)).toBeCloseTo(1 - (1 - x) ** 3.5, 12);
      expect(regularizedIncompleteBeta(x, 2.5, 1)).toBeCloseTo(x ** 2.5, 12);
    }
    for (const a of [0.5, 1, 3, 12.5, 40]) expect(regularizedIncompleteBeta(0.5, a, a)).toBeCloseTo(0.5, 12);
    // I_x(½, ½) = (2/π) asin √x (arcsine distribution)
    expect(regularizedIncompleteBeta(0.9, 0.5, 0.5)).toBeCloseTo((2 / Math.PI) * Math.asin(Math.sqrt(0.9)), 12);
  });
  it('matches scipy.special.betainc to 1e-12', () => {
    expect(regularizedIncompleteBeta(0.3, 2.5, 3.5)).toBeCloseTo(0.29675298929566646, 12);
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });
  it('rejects arguments outside the domain', () => {
    expect(() => regularizedIncompleteBeta(1.2, 1, 1)).toThrow(RangeError);
    expect(() => regularizedIncompleteBeta(0.5, 0, 1)).toThrow(RangeError);
  });
});

describe('F distribution', () => {
  it('tabulated 5 % critical values give p ≈ 0.05 (table values are rounded to 3 figures)', () => {
    // scipy.stats.f.sf: F(1,10) at 4.96 → 0.050088; F(2,20) at 3.49 → 0.050105; F(2,5) at 5.79 → 0.049942
    expect(fDistributionSf(4.96, 1, 10)).toBeCloseTo(0.05008765056646815, 11);
    expect(fDistributionSf(3.49, 2, 20)).toBeCloseTo(0.05010493502466261, 11);
    expect(fDistributionSf(5.79, 2, 5)).toBeCloseTo(0.049941742983753284, 11);
    expect(fDistributionSf(100, 3, 7)).toBeCloseTo(4.130422101383355e-6, 15);
  });
  it('d1 = 2 closed form P(F > f) = (d2/(d2 + 2f))^(d2/2), and CDF + SF = 1', () => {
    for (const [f, d2] of [
      [1.5142857, 2],
      [0.3, 7],
      [12, 30],
    ] as const) {
      expect(fDistributionSf(f, 2, d2)).toBeCloseTo((d2 / (d2 + 2 * f)) ** (d2 / 2), 12);
      expect(fDistributionCdf(f, 2, d2) + fDistributionSf(f, 2, d2)).toBeCloseTo(1, 12);
    }
    expect(fDistributionCdf(0.3, 4, 9)).toBeCloseTo(0.1292069661161356, 11);
    expect(fDistributionSf(0, 2, 5)).toBe(1);
    expect(fDistributionSf(Infinity, 2, 5)).toBe(0);
  });
});
