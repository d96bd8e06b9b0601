/**
 * Block average of a correlated time series (Flyvbjerg & Petersen 1989): split the series into
 * B contiguous blocks of equal length, take each block's mean m_b; the mean of the series is
 * m = Σ m_b / B and its standard error s = std(m_b) / √B (n − 1 in the std). Blocks longer than the
 * correlation time make the block means independent, so s is the honest error of a time average
 * (every S̃, P1/P2, occupancy or CN mean quoted with "± block" in the notebooks).
 * Frames left over after B equal blocks are dropped from the blocks (not from `mean`).
 */
import { InputError } from './errors.js';

/** Mean of a series with its block standard error. */
export interface BlockMean {
  /** Mean over every value. */
  mean: number;
  /** Standard error from B block means (null when fewer than 2 blocks fit). */
  stderr: number | null;
  /** Number of blocks used. */
  nBlocks: number;
  /** The block means. */
  blockMeans: Float64Array;
}

/**
 * Mean and block standard error of `x` with `nBlocks` blocks (default 5).
 * Throws InputError for an empty series or a non-integer block count; with fewer values than
 * blocks it uses one block per value.
 */
export function blockMean(x: ArrayLike<number>, nBlocks = 5): BlockMean {
  const n = x.length;
  if (n === 0) throw new InputError('block average of an empty series');
  if (!Number.isInteger(nBlocks) || nBlocks < 1) throw new InputError(`block count must be a positive integer, got ${nBlocks}`);
  let total = 0;
  for (let i = 0; i < n; i++) total += x[i];
  const B = Math.min(nBlocks, n),
    L = Math.floor(n / B);
  const blockMeans = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    let s = 0;
    for (let i = b * L; i < (b + 1) * L; i++) s += x[i];
    blockMeans[b] = s / L;
  }
  let stderr: number | null = null;
  if (B >= 2) {
    let m = 0;
    for (const v of blockMeans) m += v;
    m /= B;
    let v2 = 0;
    for (const v of blockMeans) v2 += (v - m) * (v - m);
    stderr = Math.sqrt(v2 / (B - 1) / B);
  }
  return { mean: total / n, stderr, nBlocks: B, blockMeans };
}
