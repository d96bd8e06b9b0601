/**
 * Errors of an instantaneous coordination-number distribution (Wood 2021 Fig. 4b: the distribution of the
 * number of cations around each anion, its mean and width), by block averaging over time
 * (Flyvbjerg & Petersen 1989; core/blockAverage.ts).
 *
 * The frames are cut into B contiguous blocks of equal length (frames left over are dropped). In each
 * block b, all (centre, frame) samples are pooled: p_b(k) = n_b(k) / N_b, mean m_b = Σ k p_b(k) and the
 * population width s_b = √(Σ (k − m_b)² p_b(k)). The standard error of each quantity is the standard
 * deviation of its B block values over √B (n − 1 in the std). The central values are those of the whole
 * run (all frames). Neighbouring centres in one frame are correlated; blocks longer than the correlation
 * time make the block values independent, so the error includes that correlation.
 */
import { InputError } from '../core/errors.js';
import type { CoordinationResult } from './coordination.js';

export interface CoordinationBlockErrors {
  /** Mean coordination number over all samples, with its block standard error. */
  mean: number;
  mean_stderr: number | null;
  /** Width (population standard deviation) of the distribution, with its block standard error. */
  std: number;
  std_stderr: number | null;
  /** Coordination numbers 0..max. */
  cn: number[];
  /** Fraction of samples with each coordination number, with block standard errors. */
  probability: number[];
  probability_stderr: (number | null)[];
  /** Blocks used (null errors when fewer than 2). */
  blocks: number;
  frames_per_block: number;
}

const stderrOf = (v: number[]): number | null => {
  const B = v.length;
  if (B < 2) return null;
  const m = v.reduce((a, b) => a + b, 0) / B;
  return Math.sqrt(v.reduce((a, x) => a + (x - m) ** 2, 0) / (B - 1) / B);
};

/** Moments of a histogram: samples, mean and population standard deviation. */
function moments(h: ArrayLike<number>): { n: number; mean: number; std: number } {
  let n = 0,
    s = 0,
    s2 = 0;
  for (let k = 0; k < h.length; k++) {
    n += h[k];
    s += k * h[k];
    s2 += k * k * h[k];
  }
  const mean = s / n;
  return { n, mean, std: Math.sqrt(Math.max(0, s2 / n - mean * mean)) };
}

/**
 * Block errors of a coordination-number distribution from its per-frame histograms
 * (`CoordinationResult.per_frame_histogram`, or any [frame][k] counts).
 * @param blocks number of blocks B (default 5; fewer when there are fewer frames)
 */
export function coordinationBlockErrors(source: CoordinationResult | number[][], blocks = 5): CoordinationBlockErrors {
  const perFrame = Array.isArray(source) ? source : source.per_frame_histogram;
  const nF = perFrame.length;
  if (nF === 0) throw new InputError('coordination block errors: no frames');
  if (!Number.isInteger(blocks) || blocks < 1) throw new InputError(`block count must be a positive integer, got ${blocks}`);
  const K = Math.max(...perFrame.map((h) => h.length));
  const total = new Float64Array(K);
  for (const h of perFrame)
    for (let k = 0; k < h.length; k++) {
      if (!(h[k] >= 0) || !Number.isFinite(h[k])) throw new InputError(`coordination histogram counts must be finite and ≥ 0, got ${h[k]}`);
      total[k] += h[k];
    }
  const all = moments(total);
  if (!(all.n > 0)) throw new InputError('coordination block errors: the histograms hold no samples');
  const B = Math.min(blocks, nF),
    L = Math.floor(nF / B);
  const bMean: number[] = [],
    bStd: number[] = [],
    bP: number[][] = Array.from({ length: K }, () => []);
  for (let b = 0; b < B; b++) {
    const h = new Float64Array(K);
    for (let f = b * L; f < (b + 1) * L; f++) for (let k = 0; k < perFrame[f].length; k++) h[k] += perFrame[f][k];
    const m = moments(h);
    if (!(m.n > 0)) throw new InputError(`coordination block errors: block ${b} holds no samples`);
    bMean.push(m.mean);
    bStd.push(m.std);
    for (let k = 0; k < K; k++) bP[k].push(h[k] / m.n);
  }
  return {
    mean: all.mean,
    mean_stderr: stderrOf(bMean),
    std: all.std,
    std_stderr: stderrOf(bStd),
    cn: Array.from({ length: K }, (_, k) => k),
    probability: Array.from(total, (c) => c / all.n),
    probability_stderr: bP.map(stderrOf),
    blocks: B,
    frames_per_block: L,
  };
}
