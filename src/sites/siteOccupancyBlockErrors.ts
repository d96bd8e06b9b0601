/**
 * Block errors of site occupancies and of the configurational entropy (Kweon 2017 Table 1 with error bars;
 * notebooks/course/03).
 *
 * The run's per-frame type series n_i(t) (GaussianSiteOccupancy) is cut into B contiguous blocks
 * (Flyvbjerg & Petersen 1989, core/blockAverage.ts). In each block b, with block means n̄_i,b and
 * n̄_b = Σ_i n̄_i,b:  P1_i,b = n̄_i,b / n̄_b,  P2_i,b = n̄_i,b / N_i,  S̃_b = Kweon eq. 1 of P2_·,b.
 * The standard error of each quantity is std over blocks / √B (n − 1 in the std). The central values
 * stay those of the whole run (the result's P1, P2, S̃); S̃ is nonlinear in P2, so the mean of S̃_b
 * differs from S̃ by O(1/L) and is not used.
 */
import { blockMean } from '../core/blockAverage.js';
import { InputError } from '../core/errors.js';
import { configurationalEntropy } from './configurationalEntropy.js';
import type { GaussianOccupancyResult } from './gaussianSiteOccupancy.js';

/** Block standard errors of one site type's P1 and P2. */
export interface SiteTypeBlockErrors {
  name: string;
  P1_stderr: number;
  P2_stderr: number;
}

export interface SiteOccupancyBlockErrors {
  nBlocks: number;
  /** Frames per block. */
  blockFrames: number;
  types: SiteTypeBlockErrors[];
  /** Block standard error of S̃ (k_B per cation); null when S̃ is undefined in a block. */
  entropy_stderr_kB: number | null;
  /** S̃ of each block, k_B (null where undefined). */
  entropyBlocks_kB: (number | null)[];
}

const stderrOf = (v: number[]) => {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1) / v.length);
};

/**
 * Block standard errors of P1, P2 and S̃ of a site-occupancy result.
 * @param r a GaussianSiteOccupancy result (Gaussian or nearest assignment)
 * @param nBlocks number of blocks (default 5; at least 2 and no more than the frames)
 */
export function siteOccupancyBlockErrors(
  r: Pick<GaussianOccupancyResult, 'types' | 'typeSeries' | 'nFrames'>,
  nBlocks = 5,
): SiteOccupancyBlockErrors {
  if (!Number.isInteger(nBlocks) || nBlocks < 2) throw new InputError(`block errors need an integer number of blocks ≥ 2, got ${nBlocks}`);
  if (r.nFrames < nBlocks) throw new InputError(`block errors with ${nBlocks} blocks need at least ${nBlocks} frames; the run has ${r.nFrames}`);
  if (r.typeSeries.length !== r.types.length)
    throw new InputError(`the occupancy result has ${r.types.length} site types but ${r.typeSeries.length} type series`);
  const per = r.typeSeries.map((s) => blockMean(s, nBlocks).blockMeans);
  const B = per[0].length;
  const N = r.types.map((t) => t.sites);
  const P1: number[][] = r.types.map(() => []),
    P2: number[][] = r.types.map(() => []);
  const S: (number | null)[] = [];
  for (let b = 0; b < B; b++) {
    const nb = per.reduce((a, p) => a + p[b], 0);
    const p2 = per.map((p, i) => (N[i] > 0 ? p[b] / N[i] : 0));
    per.forEach((p, i) => {
      P1[i].push(nb > 0 ? p[b] / nb : 0);
      P2[i].push(p2[i]);
    });
    S.push(nb > 0 && p2.every((x) => x <= 1) ? configurationalEntropy(p2, N, nb) : null);
  }
  const okS = S.every((x) => x !== null);
  return {
    nBlocks: B,
    blockFrames: Math.floor(r.nFrames / B),
    types: r.types.map((t, i) => ({ name: t.name, P1_stderr: stderrOf(P1[i]), P2_stderr: stderrOf(P2[i]) })),
    entropy_stderr_kB: okS ? stderrOf(S as number[]) : null,
    entropyBlocks_kB: S,
  };
}
