/**
 * Gaussian-weighted site occupancy (Kweon 2017, SI).
 *
 * For each cation and frame, every site within r_max (default 4 Å) gets the weight
 * w = exp(−d² / 2σ²) (σ² = 0.1 Å² by default); the weights of that cation are renormalised to 1 and
 * added to the sites. Time-averaged: n_i = summed weight on sites of type i, N_i = number of sites
 * of type i, n = Σ n_i; P1_i = n_i / n (fraction of cations on type i), P2_i = n_i / N_i (mean
 * occupancy of one site of type i); S̃ per cation from Kweon 2017 eq. 1 (configurationalEntropy).
 * Cations with no site within r_max are counted as unassigned (reported, not spread).
 * With `assignment: 'nearest'` each cation instead counts 1 on its nearest site of any type (Wood 2021;
 * nearestSiteAssignment.ts), r_max is not used, and the distance to that site is histogrammed per type
 * (Wood 2021 Fig. 5c). Either way the result says which assignment made it.
 * A `FrameAnalysis`: feed frames (a stream or an in-memory trajectory), read `result()`.
 */
import type { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import type { FrameAnalysis } from '../core/frameAnalysis.js';
import type { Topology } from '../core/topology.js';
import { indicesOf } from '../core/topology.js';
import { configurationalEntropy } from './configurationalEntropy.js';
import { roundingIsExact, squaredDistancesTo } from './minimumImageScan.js';
import { SiteBinGrid } from './siteBinGrid.js';
import { addNearestSiteCounts } from './nearestSiteAssignment.js';
import type { SiteKind } from './siteTemplate.js';
import { networkHostPositions, resolveSiteNetwork, siteCentres, SiteNetwork, SiteNetworkSource } from './siteNetwork.js';
import { withKind } from '../core/resultKind.js';

export interface GaussianOccupancyOptions {
  /** Species of the mobile cations (e.g. "Li"). */
  mobile: string | string[];
  /** Gaussian variance σ², Å² (default 0.1, Kweon 2017). */
  sigma2_A2?: number;
  /** Sites farther than this from a cation get no weight, Å (default 4). */
  rmax_A?: number;
  /** Host positions per frame when the network has no host atoms (e.g. polyanion centres of mass). */
  hostPositions?: (frame: Frame, topology: Topology) => Float64Array;
  /** File name for error messages. */
  file?: string;
  /**
   * 'gaussian' (default): Kweon 2017 SI weights; 'nearest': each cation counts 1 on its nearest site of
   * any type (Wood 2021), with distance-to-nearest-site histograms per type.
   */
  assignment?: 'gaussian' | 'nearest';
  /** Nearest assignment: histogram range and bin width of the distance to the nearest site, Å (default 3 and 0.05). */
  distanceMax_A?: number;
  distanceBin_A?: number;
}

/** Distribution of the distance from each cation to its nearest site, per site type (nearest assignment). */
export interface NearestSiteDistances {
  /** Bin centres, Å. */
  r_A: Float64Array;
  dr_A: number;
  /** Counts (cation-frames) per type per bin, [type][bin]; distances beyond the range are in `beyond`. */
  counts: Float64Array[];
  /** Probability density per type (normalised over that type's cation-frames), Å⁻¹, [type][bin]. */
  density_per_A: Float64Array[];
  /** Mean distance per type, Å (NaN for a type never nearest). */
  mean_A: number[];
  /** Cation-frames per type beyond distanceMax_A. */
  beyond: number[];
}

/** Occupancy of one site type. */
export interface SiteTypeOccupancy {
  name: string;
  kind: SiteKind;
  /** N_i: number of sites of this type. */
  sites: number;
  /** n_i: time-averaged summed weight (cations) on sites of this type. */
  occupancy: number;
  /** P1_i = n_i / n: fraction of the assigned cations on this type. */
  P1: number;
  /** P2_i = n_i / N_i: mean occupancy of one site of this type. */
  P2: number;
}

export interface GaussianOccupancyResult {
  /** What this result is ('sites'): `show(result)` draws its card and plot by it. Non-enumerable: not in JSON or spreads (core/resultKind.ts). */
  readonly kind?: 'sites';
  nFrames: number;
  nMobile: number;
  sigma2_A2: number;
  rmax_A: number;
  types: SiteTypeOccupancy[];
  /** n = Σ n_i (time average). */
  assigned: number;
  /** Fraction of cation-frames with no site within r_max. */
  unassignedFraction: number;
  /** Time-averaged occupancy of each site. */
  siteOccupancy: Float64Array;
  /** n_i(t): summed weight on each type in each frame, [type][frame]. */
  typeSeries: Float64Array[];
  /** S̃ per cation (Kweon 2017 eq. 1), k_B; null when undefined (see entropyNote). */
  entropy_kB: number | null;
  entropyNote?: string;
  /** The network the sites came from (counts, replication, match quality). */
  network: SiteNetwork;
  /** How cations were assigned to sites. */
  assignment: 'gaussian' | 'nearest';
  /** Distance-to-nearest-site distributions per type (nearest assignment only). */
  nearestDistances?: NearestSiteDistances;
}

/**
 * Add one frame's Gaussian weights of each cation to `siteOcc` (per site). Returns the number of
 * cations with no site within r_max. Distances are minimum-image (r_max ≤ half the cell width).
 * Sites within r_max come from a bin grid over the site centres (siteBinGrid.ts; exactly the
 * minimum-image set of the direct scan, `addGaussianSiteWeightsDirect`, which is its test oracle).
 */
export function addGaussianSiteWeights(
  centres: Float64Array,
  cations: Float64Array,
  cell: Cell,
  sigma2_A2: number,
  rmax_A: number,
  siteOcc: Float64Array,
  grid: SiteBinGrid = new SiteBinGrid(rmax_A / 2),
  buffers?: { idx: Int32Array; d2: Float64Array },
): number {
  const nSites = centres.length / 3,
    nC = cations.length / 3;
  const inv2s2 = 1 / (2 * sigma2_A2);
  grid.update(centres, cell);
  const idx = buffers && buffers.idx.length >= nSites ? buffers.idx : new Int32Array(nSites);
  const w = buffers && buffers.d2.length >= nSites ? buffers.d2 : new Float64Array(nSites);
  let unassigned = 0;
  for (let c = 0; c < nC; c++) {
    const k = grid.within(cations[3 * c], cations[3 * c + 1], cations[3 * c + 2], rmax_A, idx, w);
    if (k === 0) {
      unassigned++;
      continue;
    }
    let dmin2 = Infinity;
    for (let q = 0; q < k; q++) if (w[q] < dmin2) dmin2 = w[q];
    // Weights relative to the nearest site avoid underflow far from all sites (ratios are unchanged).
    let sum = 0;
    for (let q = 0; q < k; q++) {
      w[q] = Math.exp(-(w[q] - dmin2) * inv2s2);
      sum += w[q];
    }
    for (let q = 0; q < k; q++) siteOcc[idx[q]] += w[q] / sum;
  }
  return unassigned;
}

/** The same as `addGaussianSiteWeights` by scanning every site for every cation (the oracle). */
export function addGaussianSiteWeightsDirect(
  centres: Float64Array,
  cations: Float64Array,
  cell: Cell,
  sigma2_A2: number,
  rmax_A: number,
  siteOcc: Float64Array,
): number {
  const nSites = centres.length / 3,
    nC = cations.length / 3;
  const r2max = rmax_A * rmax_A,
    inv2s2 = 1 / (2 * sigma2_A2);
  const frac = cell.toFractional(centres),
    fast = roundingIsExact(cell);
  const d2s = new Float64Array(nSites);
  const idx: number[] = [],
    w: number[] = [];
  let unassigned = 0;
  for (let c = 0; c < nC; c++) {
    squaredDistancesTo(cations[3 * c], cations[3 * c + 1], cations[3 * c + 2], centres, frac, cell, fast, d2s);
    idx.length = 0;
    w.length = 0;
    let sum = 0,
      dmin2 = Infinity;
    for (let s = 0; s < nSites; s++) {
      const d2 = d2s[s];
      if (d2 <= r2max) {
        idx.push(s);
        w.push(d2);
        if (d2 < dmin2) dmin2 = d2;
      }
    }
    if (idx.length === 0) {
      unassigned++;
      continue;
    }
    for (let k = 0; k < w.length; k++) {
      w[k] = Math.exp(-(w[k] - dmin2) * inv2s2);
      sum += w[k];
    }
    for (let k = 0; k < w.length; k++) siteOcc[idx[k]] += w[k] / sum;
  }
  return unassigned;
}

/** Check σ² and r_max against each other and the cell. */
export function checkOccupancyCutoffs(sigma2_A2: number, rmax_A: number, cell: Cell, file?: string, frame?: number): void {
  if (!(sigma2_A2 > 0) || !Number.isFinite(sigma2_A2)) throw new InputError(`σ² must be a positive number of Å², got ${sigma2_A2}`, { file, frame });
  if (!(rmax_A > 0) || !Number.isFinite(rmax_A)) throw new InputError(`r_max must be a positive distance in Å, got ${rmax_A}`, { file, frame });
  if (rmax_A < Math.sqrt(sigma2_A2))
    throw new InputError(
      `r_max (${rmax_A} Å) is smaller than σ (${Math.sqrt(sigma2_A2).toFixed(3)} Å): the Gaussian would be cut inside its own width`,
      { file, frame },
    );
  const half = Math.min(...cell.perpendicularWidths()) / 2;
  if (rmax_A > half)
    throw new InputError(`r_max (${rmax_A} Å) exceeds half the smallest cell width (${half.toFixed(3)} Å); use a smaller r_max or a larger cell`, {
      file,
      frame,
    });
}

/**
 * Gaussian-weighted site occupancy accumulator (Kweon 2017 SI; METHODS §5): each mobile ion is shared
 * among nearby sites with weights w ∝ exp(−d²/2σ²) (σ² default 0.1 Å²); gives, per site type, the
 * fraction P1 of ions and the mean occupancy P2 of one site, and the configurational entropy per ion
 * S̃ (Kweon 2017 eq. 1, in k_B). Feed it frames with `analyseFrames(traj, [occ])`, then `occ.result()`
 * (a {@link GaussianOccupancyResult}; `show(result)` displays its card and bars).
 * @example const occ = new si.GaussianSiteOccupancy({ template: si.argyroditeTemplate(), host: ["S", "Cl"] }, { mobile: "Li" });
 */
export class GaussianSiteOccupancy implements FrameAnalysis<GaussianOccupancyResult> {
  private net: SiteNetwork | null = null;
  private mobileIdx: Int32Array | null = null;
  private siteOcc: Float64Array | null = null;
  private frameOcc: Float64Array | null = null;
  private series: number[][] = [];
  private nFrames = 0;
  private unassigned = 0;
  private centres: Float64Array | null = null;
  private cations: Float64Array | null = null;
  private grid: SiteBinGrid | null = null;
  private buffers: { idx: Int32Array; d2: Float64Array } | null = null;
  private nearestSite: Int32Array | null = null;
  private nearestDist: Float64Array | null = null;
  private distCounts: Float64Array[] = [];
  private distSum: number[] = [];
  private distBeyond: number[] = [];
  readonly sigma2_A2: number;
  readonly rmax_A: number;
  readonly assignment: 'gaussian' | 'nearest';
  private readonly dMax: number;
  private readonly dBin: number;

  constructor(
    private readonly source: SiteNetworkSource,
    private readonly opts: GaussianOccupancyOptions,
  ) {
    this.sigma2_A2 = opts.sigma2_A2 ?? 0.1;
    this.rmax_A = opts.rmax_A ?? 4;
    this.assignment = opts.assignment ?? 'gaussian';
    if (this.assignment !== 'gaussian' && this.assignment !== 'nearest')
      throw new InputError(`site assignment must be "gaussian" or "nearest", got "${String(this.assignment)}"`, { file: opts.file });
    this.dMax = opts.distanceMax_A ?? 3;
    this.dBin = opts.distanceBin_A ?? 0.05;
    if (!(this.dMax > 0) || !(this.dBin > 0) || this.dBin > this.dMax)
      throw new InputError(`distance histogram needs 0 < bin (${this.dBin} Å) ≤ max (${this.dMax} Å)`, { file: opts.file });
  }

  addFrame(frame: Frame, topology: Topology): void {
    this.addContribution(this.frameContribution(frame, topology));
  }

  /**
   * Resolve the site network, the mobile ions and the buffers on the first frame (called by `analyseFrames`
   * before the first frame, or by the first `frameContribution`).
   */
  prepare(topology: Topology, frame: Frame): SiteNetwork {
    const file = this.opts.file;
    if (!frame.cell) throw new InputError('site occupancy needs a periodic cell; the frame has none', { file, frame: frame.index });
    if (this.net) return this.net;
    if (this.assignment === 'gaussian') checkOccupancyCutoffs(this.sigma2_A2, this.rmax_A, frame.cell, file, frame.index);
    const net = resolveSiteNetwork(this.source, frame, topology, file);
    this.mobileIdx = indicesOf(topology, this.opts.mobile, { file, frame: frame.index });
    this.siteOcc = new Float64Array(net.nSites);
    this.frameOcc = new Float64Array(net.nSites);
    this.series = net.typeNames.map(() => []);
    this.centres = new Float64Array(3 * net.nSites);
    this.cations = new Float64Array(3 * this.mobileIdx.length);
    this.grid = new SiteBinGrid(this.assignment === 'nearest' ? 2 : this.rmax_A / 2);
    this.buffers = { idx: new Int32Array(net.nSites), d2: new Float64Array(net.nSites) };
    if (this.assignment === 'nearest') {
      const nb = Math.round(this.dMax / this.dBin);
      this.nearestSite = new Int32Array(this.mobileIdx.length);
      this.nearestDist = new Float64Array(this.mobileIdx.length);
      this.distCounts = net.typeNames.map(() => new Float64Array(nb));
      this.distSum = net.typeNames.map(() => 0);
      this.distBeyond = net.typeNames.map(() => 0);
    }
    return (this.net = net);
  }

  /**
   * The frame's share, computed independently of other frames (worker threads compute these in parallel,
   * src/analyse/frameParallel.ts): [occupancy of each site, unassigned ions] and, with nearest-site
   * assignment, [nearest site, its distance] of each ion. `addContribution` of the shares in frame order
   * gives bit for bit what `addFrame` gives.
   */
  frameContribution(frame: Frame, topology: Topology): Float64Array {
    const file = this.opts.file;
    if (!frame.cell) throw new InputError('site occupancy needs a periodic cell; the frame has none', { file, frame: frame.index });
    const net = this.net ?? this.prepare(topology, frame),
      mi = this.mobileIdx!;
    const hosts = this.opts.hostPositions ? this.opts.hostPositions(frame, topology) : networkHostPositions(net, frame.positions);
    if (hosts.length !== 3 * net.nHosts)
      throw new InputError(`frame has ${hosts.length / 3} host positions; the site network has ${net.nHosts}`, {
        file: this.opts.file,
        frame: frame.index,
      });
    siteCentres(net, hosts, frame.cell, this.centres!);
    const cat = this.cations!;
    for (let c = 0; c < mi.length; c++) for (let k = 0; k < 3; k++) cat[3 * c + k] = frame.positions[3 * mi[c] + k];
    const nearest = this.assignment === 'nearest';
    const out = new Float64Array(net.nSites + 1 + (nearest ? 2 * mi.length : 0));
    const fo = out.subarray(0, net.nSites);
    if (nearest) {
      addNearestSiteCounts(this.centres!, cat, frame.cell, fo, this.grid!, this.nearestSite!, this.nearestDist!);
      out.set(this.nearestSite!, net.nSites + 1);
      out.set(this.nearestDist!, net.nSites + 1 + mi.length);
    } else {
      out[net.nSites] = addGaussianSiteWeights(this.centres!, cat, frame.cell, this.sigma2_A2, this.rmax_A, fo, this.grid!, this.buffers!);
    }
    return out;
  }

  /** Accumulate one frame's share (from {@link frameContribution}); frames must come in order. */
  addContribution(c: Float64Array): void {
    const net = this.net!,
      nS = net.nSites,
      nM = this.mobileIdx!.length;
    const fo = this.frameOcc!;
    fo.set(c.subarray(0, nS));
    if (this.assignment === 'nearest') {
      const nb = this.distCounts[0].length;
      for (let q = 0; q < nM; q++) {
        const t = net.siteType[c[nS + 1 + q]],
          d = c[nS + 1 + nM + q];
        this.distSum[t] += d;
        const b = Math.floor(d / this.dBin);
        if (b < nb) this.distCounts[t][b]++;
        else this.distBeyond[t]++;
      }
    } else {
      this.unassigned += c[nS];
    }
    const perType = new Float64Array(net.typeNames.length);
    for (let s = 0; s < nS; s++) {
      this.siteOcc![s] += fo[s];
      perType[net.siteType[s]] += fo[s];
    }
    perType.forEach((v, t) => this.series[t].push(v));
    this.nFrames++;
  }

  /** Occupancy of the last frame fed, per site (for sublattice analyses). */
  lastFrameSiteOccupancy(): Float64Array | null {
    return this.frameOcc;
  }

  result(): GaussianOccupancyResult {
    const net = this.net;
    if (!net || this.nFrames === 0) throw new InputError('site occupancy: no frames were analysed', { file: this.opts.file });
    const nf = this.nFrames;
    const siteOccupancy = this.siteOcc!.map((v) => v / nf);
    const nT = net.typeNames.length;
    const Ni = new Float64Array(nT),
      ni = new Float64Array(nT);
    for (let s = 0; s < net.nSites; s++) {
      Ni[net.siteType[s]]++;
      ni[net.siteType[s]] += siteOccupancy[s];
    }
    const n = ni.reduce((a, b) => a + b, 0);
    const types: SiteTypeOccupancy[] = net.typeNames.map((name, t) => ({
      name,
      kind: net.typeKinds[t],
      sites: Ni[t],
      occupancy: ni[t],
      P1: n > 0 ? ni[t] / n : 0,
      P2: Ni[t] > 0 ? ni[t] / Ni[t] : 0,
    }));
    let entropy_kB: number | null = null,
      entropyNote: string | undefined;
    const bad = types.find((t) => t.P2 > 1);
    if (n <= 0) entropyNote = 'no cation was within r_max of any site';
    else if (bad) entropyNote = `P2 of ${bad.name} exceeds 1 (${bad.P2.toFixed(3)}): more cations than sites of that type; S̃ undefined`;
    else
      entropy_kB = configurationalEntropy(
        types.map((t) => t.P2),
        Ni,
        n,
      );
    return withKind(
      {
        nFrames: nf,
        nMobile: this.mobileIdx!.length,
        sigma2_A2: this.sigma2_A2,
        rmax_A: this.rmax_A,
        types,
        assigned: n,
        unassignedFraction: this.unassigned / (nf * this.mobileIdx!.length),
        siteOccupancy,
        typeSeries: this.series.map((s) => Float64Array.from(s)),
        entropy_kB,
        entropyNote,
        network: net,
        assignment: this.assignment,
        nearestDistances: this.assignment === 'nearest' ? this.distances() : undefined,
      },
      'sites',
    );
  }

  private distances(): NearestSiteDistances {
    const nb = this.distCounts[0].length,
      dr = this.dBin;
    const r_A = Float64Array.from({ length: nb }, (_, b) => (b + 0.5) * dr);
    const counts = this.distCounts.map((c) => Float64Array.from(c));
    const totals = counts.map((c, t) => c.reduce((a, b) => a + b, 0) + this.distBeyond[t]);
    return {
      r_A,
      dr_A: dr,
      counts,
      density_per_A: counts.map((c, t) => c.map((v) => (totals[t] > 0 ? v / (totals[t] * dr) : 0))),
      mean_A: totals.map((n, t) => (n > 0 ? this.distSum[t] / n : NaN)),
      beyond: [...this.distBeyond],
    };
  }
}
