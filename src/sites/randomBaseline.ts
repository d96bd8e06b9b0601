/**
 * Null baseline for occupancy statistics (what a finite cell shows with no order at all): place the
 * same number of cations on the same sites uniformly at random (one per site, as for real ions
 * that repel), evaluate the statistic, repeat with a seeded generator, and report its mean and
 * spread. A measured statistic is evidence of order only when it lies well outside that spread.
 * Wood 2021 Fig. 4c: random placement of 27–54 Ag over the six tetrahedral sublattices of a small
 * α-AgI cell already gives ⟨max_k r_k⟩ ≈ 1.4–1.6, so a value such as 1.7 is nearly disordered.
 */
import { InputError } from '../core/errors.js';
import { Random } from '../core/random.js';
import type { SublatticeOccupancyResult } from './sublattices.js';

/** Mean and spread of a statistic over random placements. */
export interface RandomBaseline {
  mean: number;
  /** Standard deviation over placements (the spread of one frame's statistic). */
  std: number;
  samples: number;
  seed: number;
}

export interface RandomPlacementOptions {
  /** Number of random placements (default 2000). */
  samples?: number;
  /** Seed of the generator (default 1). */
  seed?: number;
}

/**
 * Random placement of `nPlaced` cations on `nSites` sites (at most one per site); `statistic` gets
 * the 0/1 occupancy of every site of one placement. Returns its mean and standard deviation.
 */
export function randomPlacementBaseline(
  nSites: number,
  nPlaced: number,
  statistic: (occupied: Uint8Array) => number,
  opts: RandomPlacementOptions = {},
): RandomBaseline {
  const samples = opts.samples ?? 2000,
    seed = opts.seed ?? 1;
  if (!Number.isInteger(nSites) || nSites < 1) throw new InputError(`random placement needs a positive number of sites, got ${nSites}`);
  if (!Number.isInteger(nPlaced) || nPlaced < 0 || nPlaced > nSites)
    throw new InputError(`cannot place ${nPlaced} cations on ${nSites} sites (one per site)`);
  if (!Number.isInteger(samples) || samples < 2) throw new InputError(`random placement needs at least 2 samples, got ${samples}`);
  const rng = new Random(seed);
  const perm = Int32Array.from({ length: nSites }, (_, i) => i);
  const occ = new Uint8Array(nSites);
  let sum = 0,
    sum2 = 0;
  for (let n = 0; n < samples; n++) {
    occ.fill(0);
    // Partial Fisher–Yates: the first nPlaced entries are a uniform random subset.
    for (let i = 0; i < nPlaced; i++) {
      const j = i + rng.int(nSites - i);
      const t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
      occ[perm[i]] = 1;
    }
    const v = statistic(occ);
    sum += v;
    sum2 += v * v;
  }
  const mean = sum / samples;
  return { mean, std: Math.sqrt(Math.max(0, (sum2 - samples * mean * mean) / (samples - 1))), samples, seed };
}

/** Null baselines of the sublattice statistics (see `SublatticeOccupancy`). */
export interface SublatticeNullBaseline {
  /** Cations placed on the sublattice sites per placement (the measured mean, rounded). */
  placed: number;
  /** max_k r_k of one random placement: mean and spread. */
  maxRelative: RandomBaseline;
  /** std_k r_k of one random placement. */
  spread: RandomBaseline;
}

/**
 * Random placement of the same number of cations on the same sublattice sites, with the same
 * normalisation as a measured `SublatticeOccupancyResult` (Wood: r_k = K·m_k/N_mobile; 'mean':
 * r_k = m_k / (M/K)). `labels` gives the sublattice of each site (−1 = not a sublattice site).
 */
export function sublatticeNullBaseline(
  labels: Int32Array,
  placed: number,
  nMobile: number,
  normalisation: 'wood' | 'mean',
  opts: RandomPlacementOptions = {},
): SublatticeNullBaseline {
  const subSites: number[] = [];
  let K = 0;
  for (let s = 0; s < labels.length; s++)
    if (labels[s] >= 0) {
      subSites.push(labels[s]);
      K = Math.max(K, labels[s] + 1);
    }
  if (K < 2) throw new InputError(`a sublattice baseline needs at least 2 sublattices, got ${K}`);
  const M = Math.round(placed);
  if (!(nMobile > 0)) throw new InputError(`a sublattice baseline needs a positive number of mobile cations, got ${nMobile}`);
  const lab = Int32Array.from(subSites);
  const per = new Float64Array(K);
  const rel = (occ: Uint8Array) => {
    per.fill(0);
    for (let s = 0; s < occ.length; s++) if (occ[s]) per[lab[s]]++;
    const norm = normalisation === 'wood' ? nMobile / K : M / K;
    for (let k = 0; k < K; k++) per[k] = norm > 0 ? per[k] / norm : 0;
    return per;
  };
  const maxRelative = randomPlacementBaseline(lab.length, M, (o) => Math.max(...rel(o)), opts);
  const spread = randomPlacementBaseline(
    lab.length,
    M,
    (o) => {
      const r = rel(o);
      let m = 0,
        m2 = 0;
      for (const v of r) {
        m += v;
        m2 += v * v;
      }
      m /= K;
      return Math.sqrt(Math.max(0, m2 / K - m * m));
    },
    { ...opts, seed: (opts.seed ?? 1) + 1 },
  );
  return { placed: M, maxRelative, spread };
}

/** Null baseline for a measured sublattice result: same sites, same mean count, same normalisation. */
export function sublatticeNullBaselineFor(r: SublatticeOccupancyResult, opts: RandomPlacementOptions = {}): SublatticeNullBaseline {
  return sublatticeNullBaseline(r.labels, r.meanOnSublattices, r.occupancy.nMobile, r.normalisation, opts);
}

/** z-score of a measured time mean against a null baseline: (measured − null mean) / null spread. */
export function nullBaselineZ(measured: number, baseline: RandomBaseline): number {
  return baseline.std > 0 ? (measured - baseline.mean) / baseline.std : NaN;
}
