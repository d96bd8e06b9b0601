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
 * Relative occupancy of sublattice k at time t: r_k(t) = occ_k(t) / (Σ_k' occ_k'(t) / K). All r_k = 1
 * is an even spread over the K sublattices; r_k = K for one and 0 for the rest is full order.
 */
import { InputError } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import type { FrameAnalysis } from '../core/frameAnalysis.js';
import type { Topology } from '../core/topology.js';
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
  const frac = (x: number) => { const w = x - Math.floor(x); return w > 1 - 1e-6 ? 0 : w; };
  const keyOf = (v: number[]) => v.map((x) => Math.round(x * 1000)).join(',');
  for (let s = 0; s < net.nSites; s++) {
    if (net.siteType[s] !== tet) continue;
    const p = [0, 1, 2].map((k) => frac(net.idealTemplate[3 * s + k]));
    const q = p.map((x) => frac(x + 0.5));
    const rep = keyOf(p) < keyOf(q) ? p : q; // canonical member of the class {p, p + (½,½,½)}
    const key = keyOf(rep);
    let lab = keys.get(key);
    if (lab === undefined) { lab = keys.size; keys.set(key, lab); names.push(`(${rep.map((x) => +x.toFixed(3)).join(', ')})`); }
    labels[s] = lab;
  }
  return { labels, count: keys.size, names };
}

export interface SublatticeOccupancyResult {
  names: string[];
  /** r_k(t): relative occupancy of each sublattice in each frame, [sublattice][frame]. */
  relative: Float64Array[];
  /** Time mean of r_k(t) per sublattice. */
  meanRelative: Float64Array;
  /** ⟨max_k r_k(t)⟩: 1 for an even spread, K for full order on one sublattice at a time. */
  meanMaxRelative: number;
  /** Frame times (fs) when known, else frame indices. */
  t: Float64Array;
  occupancy: GaussianOccupancyResult;
}

/** Relative occupancy of sublattices over time, from Gaussian-weighted site occupancy. */
export class SublatticeOccupancy implements FrameAnalysis<SublatticeOccupancyResult> {
  private readonly occ: GaussianSiteOccupancy;
  private labels: SublatticeLabels | null = null;
  private series: number[][] = [];
  private times: number[] = [];

  /**
   * @param split how to partition the network's sites (default: the bcc tetrahedral sublattices).
   */
  constructor(source: SiteNetworkSource, opts: GaussianOccupancyOptions, private readonly split: (net: SiteNetwork) => SublatticeLabels = bccTetrahedralSublattices) {
    this.occ = new GaussianSiteOccupancy(source, opts);
  }

  addFrame(frame: Frame, topology: Topology): void {
    this.occ.addFrame(frame, topology);
    const fo = this.occ.lastFrameSiteOccupancy()!;
    if (!this.labels) {
      this.labels = this.split(this.occ.result().network);
      if (this.labels.count < 2) throw new InputError(`sublattice split gave ${this.labels.count} sublattice(s); need at least 2`);
      this.series = Array.from({ length: this.labels.count }, () => []);
    }
    const L = this.labels, K = L.count;
    const per = new Float64Array(K);
    for (let s = 0; s < fo.length; s++) if (L.labels[s] >= 0) per[L.labels[s]] += fo[s];
    const total = per.reduce((a, b) => a + b, 0);
    for (let k = 0; k < K; k++) this.series[k].push(total > 0 ? per[k] / (total / K) : 0);
    this.times.push(frame.time_fs ?? frame.index);
  }

  result(): SublatticeOccupancyResult {
    const occupancy = this.occ.result();
    const L = this.labels!;
    const relative = this.series.map((s) => Float64Array.from(s));
    const nf = this.times.length;
    const meanRelative = Float64Array.from(relative, (r) => r.reduce((a, b) => a + b, 0) / nf);
    let mm = 0;
    for (let f = 0; f < nf; f++) mm += Math.max(...relative.map((r) => r[f]));
    return { names: L.names, relative, meanRelative, meanMaxRelative: mm / nf, t: Float64Array.from(this.times), occupancy };
  }
}
