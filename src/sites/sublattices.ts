/**
 * Sublattices of sites and their relative occupancy over time (Wood 2021, Fig. 4c).
 *
 * α-AgI: I⁻ on a bcc lattice, 12 tetrahedral sites per cubic cell (one coordinate ½, one 0, one
 * ¼ or ¾), 2 Ag⁺ per cell. Split the 12 sites into classes that are equivalent under the bcc
 * lattice translations (the cube edges and the body-centring vector (½,½,½)): (½,¼,0) pairs with
 * (½,¼,0) + (½,½,½) = (0,¾,½), and so on, giving 12 / 2 = 6 sublattices, one per tetrahedral site of
 * the primitive bcc cell. Each sublattice is itself a bcc array of sites with 2 sites per cubic
 * cell — exactly the number of Ag⁺ — whose nearest sites are a√3/2 ≈ 4.4 Å apart (vs a√2/4 ≈ 1.8 Å
 * between neighbouring tetrahedral sites): cations on one sublattice avoid each other (minimal
 * repulsion), and an ordered arrangement fills one sublattice.
 *
 * Relative occupancy of sublattice k at time t, Wood's normalisation (default): r_k(t) = K·occ_k(t) / N,
 * with N the number of mobile cations and occupancies from nearest-site assignment over sites of every
 * type (nearestSiteAssignment.ts). Unity = all cations spread evenly over all tetrahedral sites; the
 * average ā(t) = Σ_k r_k(t) / K is the fraction of cations on tetrahedral sites (Wood's dotted
 * "average tetrahedral occupancy" line), which falls with T as octahedral and trigonal sites compete.
 * The older normalisation 'mean' divides by Σ_k occ_k(t) / K instead, so ā = 1 by construction.
 * All r_k = ā is an even spread; r_k = K·ā for one sublattice and 0 for the rest is full order.
 * Time means carry block errors (core/blockAverage.ts); what a finite cell shows with no order at all
 * comes from `sublatticeNullBaseline` (randomBaseline.ts).
 */
import { InputError } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import type { FrameAnalysis } from '../core/frameAnalysis.js';
import type { Topology } from '../core/topology.js';
import { blockMean } from '../core/blockAverage.js';
import { GaussianOccupancyOptions, GaussianOccupancyResult, GaussianSiteOccupancy } from './gaussianSiteOccupancy.js';
import type { SiteNetwork, SiteNetworkSource } from './siteNetwork.js';

/** A partition of (some) sites into sublattices: label per site (−1 = not in any). */
export interface SublatticeLabels {
  labels: Int32Array;
  count: number;
  /** Human-readable description of each sublattice (a representative ideal position). */
  names: string[];
}

/**
 * The six tetrahedral sublattices of a bcc host network (Wood 2021 Fig. 4c): tetrahedral sites
 * equivalent under the bcc translations share a label 0..5.
 */
export function bccTetrahedralSublattices(net: SiteNetwork): SublatticeLabels {
  if (!net.template.startsWith('bcc')) throw new InputError(`the α-AgI sublattices need a bcc site network; this one is "${net.template}"`);
  const tet = net.typeNames.indexOf('tetrahedral');
  const labels = new Int32Array(net.nSites).fill(-1);
  const keys = new Map<string, number>();
  const names: string[] = [];
  const frac = (x: number) => {
    const w = x - Math.floor(x);
    return w > 1 - 1e-6 ? 0 : w;
  };
  const keyOf = (v: number[]) => v.map((x) => Math.round(x * 1000)).join(',');
  for (let s = 0; s < net.nSites; s++) {
    if (net.siteType[s] !== tet) continue;
    const p = [0, 1, 2].map((k) => frac(net.idealTemplate[3 * s + k]));
    const q = p.map((x) => frac(x + 0.5));
    const rep = keyOf(p) < keyOf(q) ? p : q; // canonical member of the class {p, p + (½,½,½)}
    const key = keyOf(rep);
    let lab = keys.get(key);
    if (lab === undefined) {
      lab = keys.size;
      keys.set(key, lab);
      names.push(`(${rep.map((x) => +x.toFixed(3)).join(', ')})`);
    }
    labels[s] = lab;
  }
  return { labels, count: keys.size, names };
}

export interface SublatticeOccupancyResult {
  names: string[];
  /** Normalisation of r_k: 'wood' (K·occ_k/N) or 'mean' (occ_k / mean_k occ_k). */
  normalisation: 'wood' | 'mean';
  /** r_k(t): relative occupancy of each sublattice in each frame, [sublattice][frame]. */
  relative: Float64Array[];
  /** Time mean of r_k(t) per sublattice. */
  meanRelative: Float64Array;
  /** Block standard error of each time mean (5 blocks; null when the run is too short). */
  meanRelativeError: (number | null)[];
  /** ⟨max_k r_k(t)⟩: ā for an even spread, K·ā for full order on one sublattice at a time. */
  meanMaxRelative: number;
  meanMaxRelativeError: number | null;
  /** ⟨std_k r_k(t)⟩ (population std over the K sublattices): 0 for an even spread. */
  meanSpread: number;
  meanSpreadError: number | null;
  /** ⟨ā(t)⟩, ā = Σ_k r_k / K: Wood's average tetrahedral occupancy (1 by construction with 'mean'). */
  averageRelative: number;
  averageRelativeError: number | null;
  /** Mean number of cations on the sublattices' sites per frame. */
  meanOnSublattices: number;
  /** Number of sites in each sublattice. */
  sitesPerSublattice: number[];
  /** Frame times (fs) when known, else frame indices. */
  t: Float64Array;
  /** Sublattice label per site of the network (−1 = not in any). */
  labels: Int32Array;
  occupancy: GaussianOccupancyResult;
}

/** Options of `SublatticeOccupancy`: those of the site occupancy plus the normalisation. */
export interface SublatticeOccupancyOptions extends GaussianOccupancyOptions {
  /** 'wood' (default): r_k = K·occ_k / N_mobile; 'mean': r_k = occ_k / mean_k occ_k (ā = 1). */
  normalisation?: 'wood' | 'mean';
  /** Blocks for the block errors of the time means (default 5). */
  blocks?: number;
}

/**
 * Relative occupancy of sublattices over time (Wood 2021 Fig. 4c). Defaults follow Wood: nearest-site
 * assignment over every site type and r_k = K·occ_k/N; pass `assignment: 'gaussian'` for Kweon's weights.
 */
export class SublatticeOccupancy implements FrameAnalysis<SublatticeOccupancyResult> {
  private readonly occ: GaussianSiteOccupancy;
  private labels: SublatticeLabels | null = null;
  private series: number[][] = [];
  private onSub: number[] = [];
  private times: number[] = [];
  private nMobile = 0;
  private readonly normalisation: 'wood' | 'mean';

  /**
   * @param split how to partition the network's sites (default: the bcc tetrahedral sublattices).
   */
  constructor(
    source: SiteNetworkSource,
    opts: SublatticeOccupancyOptions,
    private readonly split: (net: SiteNetwork) => SublatticeLabels = bccTetrahedralSublattices,
  ) {
    this.occ = new GaussianSiteOccupancy(source, { ...opts, assignment: opts.assignment ?? 'nearest' });
    this.normalisation = opts.normalisation ?? 'wood';
    if (this.normalisation !== 'wood' && this.normalisation !== 'mean')
      throw new InputError(`sublattice normalisation must be "wood" or "mean", got "${String(opts.normalisation)}"`, { file: opts.file });
    this.blocks = opts.blocks ?? 5;
  }
  private readonly blocks: number;

  addFrame(frame: Frame, topology: Topology): void {
    this.occ.addFrame(frame, topology);
    const fo = this.occ.lastFrameSiteOccupancy()!;
    if (!this.labels) {
      this.labels = this.split(this.occ.result().network);
      if (this.labels.count < 2) throw new InputError(`sublattice split gave ${this.labels.count} sublattice(s); need at least 2`);
      this.series = Array.from({ length: this.labels.count }, () => []);
      this.nMobile = this.occ.result().nMobile;
    }
    const L = this.labels,
      K = L.count;
    const per = new Float64Array(K);
    for (let s = 0; s < fo.length; s++) if (L.labels[s] >= 0) per[L.labels[s]] += fo[s];
    const total = per.reduce((a, b) => a + b, 0);
    const norm = this.normalisation === 'wood' ? this.nMobile / K : total / K;
    for (let k = 0; k < K; k++) this.series[k].push(norm > 0 ? per[k] / norm : 0);
    this.onSub.push(total);
    this.times.push(frame.time_fs ?? frame.index);
  }

  result(): SublatticeOccupancyResult {
    const occupancy = this.occ.result();
    const L = this.labels!,
      K = L.count;
    const relative = this.series.map((s) => Float64Array.from(s));
    const nf = this.times.length;
    const maxT = new Float64Array(nf),
      spreadT = new Float64Array(nf),
      avgT = new Float64Array(nf);
    for (let f = 0; f < nf; f++) {
      let mx = -Infinity,
        sum = 0,
        sum2 = 0;
      for (let k = 0; k < K; k++) {
        const v = relative[k][f];
        if (v > mx) mx = v;
        sum += v;
        sum2 += v * v;
      }
      const m = sum / K;
      maxT[f] = mx;
      avgT[f] = m;
      spreadT[f] = Math.sqrt(Math.max(0, sum2 / K - m * m));
    }
    const bm = relative.map((r) => blockMean(r, this.blocks));
    const bMax = blockMean(maxT, this.blocks),
      bSpread = blockMean(spreadT, this.blocks),
      bAvg = blockMean(avgT, this.blocks);
    const sitesPerSublattice = Array.from({ length: K }, () => 0);
    for (const l of L.labels) if (l >= 0) sitesPerSublattice[l]++;
    return {
      names: L.names,
      normalisation: this.normalisation,
      relative,
      meanRelative: Float64Array.from(bm, (b) => b.mean),
      meanRelativeError: bm.map((b) => b.stderr),
      meanMaxRelative: bMax.mean,
      meanMaxRelativeError: bMax.stderr,
      meanSpread: bSpread.mean,
      meanSpreadError: bSpread.stderr,
      averageRelative: bAvg.mean,
      averageRelativeError: bAvg.stderr,
      meanOnSublattices: this.onSub.reduce((a, b) => a + b, 0) / nf,
      sitesPerSublattice,
      t: Float64Array.from(this.times),
      labels: L.labels,
      occupancy,
    };
  }
}
