/**
 * Shape statistics of a sample distribution (used for the anion dipole |p|, Wood 2021: a skewed or
 * multimodal |p| distribution signals chemical frustration).
 *
 *   skewness g₁ = m₃ / m₂^{3/2} (biased moment estimator) and the adjusted G₁ = g₁ √(n(n−1))/(n−2);
 *   excess kurtosis g₂ = m₄/m₂² − 3 and the adjusted G₂ = ((n+1) g₂ + 6)(n−1)/((n−2)(n−3));
 *   bimodality coefficient BC = (G₁² + 1) / (G₂ + 3(n−1)²/((n−2)(n−3))) (SAS / Pfister 2013);
 *   BC > 5/9 ≈ 0.555 (the value of a uniform distribution) suggests bi- or multimodality.
 */
import { InputError } from '../core/errors.js';

export interface DistributionShape {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1). */
  std: number;
  /** Adjusted sample skewness G₁ (null for n < 3 or zero spread). */
  skewness: number | null;
  /** Adjusted excess kurtosis G₂ (null for n < 4 or zero spread). */
  excessKurtosis: number | null;
  /** Bimodality coefficient (null when G₁ or G₂ is). */
  bimodalityCoefficient: number | null;
  /** True when BC > 5/9. */
  suggestsMultimodal: boolean | null;
  reason?: string;
}

/** Mean, std, skewness, excess kurtosis and bimodality coefficient of `x`. */
export function distributionShape(x: ArrayLike<number>): DistributionShape {
  const n = x.length;
  if (n === 0) throw new InputError('distribution shape: no values');
  let s = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i])) throw new InputError(`distribution shape: value ${i} is not finite (${x[i]})`);
    s += x[i];
  }
  const mean = s / n;
  let m2 = 0,
    m3 = 0,
    m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean,
      d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const std = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
  m2 /= n;
  m3 /= n;
  m4 /= n;
  const out: DistributionShape = { n, mean, std, skewness: null, excessKurtosis: null, bimodalityCoefficient: null, suggestsMultimodal: null };
  if (!(m2 > 0)) {
    out.reason = 'all values are equal: shape undefined';
    return out;
  }
  if (n < 4) {
    out.reason = 'need at least 4 values for skewness and kurtosis';
  }
  if (n >= 3) out.skewness = ((m3 / m2 ** 1.5) * Math.sqrt(n * (n - 1))) / (n - 2);
  if (n >= 4) {
    const g2 = m4 / (m2 * m2) - 3;
    out.excessKurtosis = (((n + 1) * g2 + 6) * (n - 1)) / ((n - 2) * (n - 3));
    const G1 = out.skewness!;
    out.bimodalityCoefficient = (G1 * G1 + 1) / (out.excessKurtosis + (3 * (n - 1) ** 2) / ((n - 2) * (n - 3)));
    out.suggestsMultimodal = out.bimodalityCoefficient > 5 / 9;
  }
  return out;
}
