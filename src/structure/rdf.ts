/**
 * Partial radial distribution function g_ab(r) and running coordination number n(r), accumulated
 * frame by frame on a stream (METHODS §2; Kweon 2017, Wood 2021).
 *
 *   g_ab(r) = ⟨ V_f · H_f(r) / (N_pairs · ΔV(r)) ⟩_frames,   ΔV = 4π/3 (r₊³ − r₋³),
 *   N_pairs = N_a·N_b − N_ab (N_ab = centres in both groups: no self pairs),
 *   n(r)    = (pairs within r) / (N_a · frames)  =  4πρ_b ∫₀ʳ g(s) s² ds  (constant volume),
 *
 * with H_f the pair-distance histogram of frame f over all periodic images (general triclinic
 * cells; src/structure/pairDistanceHistogram.ts, exact also for r_max beyond half the cell width) and
 * V_f that frame's own volume, so NPT and variable-cell runs are normalised frame by frame.
 * Centres are atoms of a species or COMs of polyatomic anions (src/structure/centres.ts).
 * g carries its Poisson standard error σ_g = g/√(independent pair counts). Memory is O(bins), independent of frames.
 */
import { InputError } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import type { FrameAnalysis } from '../core/frameAnalysis.js';
import type { Topology } from '../core/topology.js';
import { centrePositions, CentreGroup, CentreOptions, resolveCentres } from './centres.js';
import { firstShell, FirstShell } from './firstShell.js';
import { accumulatePairHistogram } from './pairDistanceHistogram.js';
import { frameCell, requireBins, requirePositiveLength } from './frameSetup.js';
import { freeEnergyFromRdf } from './potentialOfMeanForce.js';
import { withKind } from '../core/resultKind.js';

export interface RdfOptions extends CentreOptions {
  /** Centre group: species ("Li") or anion formula ("PS4"). */
  a: string;
  /** Neighbour group: species or anion formula. */
  b: string;
  /** Largest distance, Å (default 10). */
  rmax_A?: number;
  /** Number of bins on [0, rmax] (default 200). */
  bins?: number;
  /** Temperature (K) for F(r) = −k_B T ln g(r); F is omitted without it. */
  temperature_K?: number;
  /** Gaussian smoothing (Å) used only to locate the first peak and minimum. */
  smoothing_A?: number;
  /** Source file for error messages. */
  source?: string;
}

export interface RdfResult extends FirstShell {
  /** What this result is ('rdf'): `show(result)` draws its card and plot by it. Non-enumerable: not in JSON or spreads (core/resultKind.ts). */
  readonly kind?: 'rdf';
  /** "a-b", e.g. "Li-S". */
  pair: string;
  /** Bin centres, Å. */
  r_A: Float64Array;
  /** Bin edges, Å (bins + 1). */
  edges_A: Float64Array;
  /** g_ab(r) per bin. */
  g: Float64Array;
  /** Poisson standard error of g per bin (g/√counts; 0 where counts = 0). */
  g_stderr: Float64Array;
  /** Running coordination n(r) at the OUTER edge of each bin, i.e. at n_r_A[k] = edges_A[k+1]. */
  n: Float64Array;
  /** Where n is evaluated: the outer bin edges, Å. */
  n_r_A: Float64Array;
  /** Raw pair counts per bin summed over frames. */
  counts: Float64Array;
  /** F(r) = −k_B T ln g, eV (null where g = 0), when a temperature was given. */
  free_energy_eV?: (number | null)[];
  temperature_K?: number;
  /** Mean number density of the neighbour group, Å⁻³ (N_b / V averaged over frames). */
  density_b_per_A3: number;
  n_a: number;
  n_b: number;
  frames: number;
  rmax_A: number;
  bins: number;
}

/** Streaming partial RDF accumulator (one pass; several accumulators can share a stream). */
export class RadialDistribution implements FrameAnalysis<RdfResult> {
  readonly rmax_A: number;
  readonly bins: number;
  private readonly dr: number;
  private readonly weighted: Float64Array;
  private readonly counts: Float64Array;
  /** The centre groups, resolved by `prepare` on the first frame. */
  private groups: { a: CentreGroup; b: CentreGroup; same: boolean } | null = null;
  private frames = 0;
  private densitySum = 0;

  constructor(private readonly opts: RdfOptions) {
    const where = { file: opts.source };
    this.rmax_A = requirePositiveLength(opts.rmax_A ?? 10, 'rmax', where);
    this.bins = requireBins(opts.bins ?? 200, 'bins', where);
    if (opts.temperature_K !== undefined) freeEnergyFromRdf([], opts.temperature_K);
    this.dr = this.rmax_A / this.bins;
    this.weighted = new Float64Array(this.bins);
    this.counts = new Float64Array(this.bins);
  }

  addFrame(frame: Frame, topology: Topology): void {
    this.addContribution(this.frameContribution(frame, topology));
  }

  /**
   * The frame's share, computed independently of other frames (worker threads compute these in
   * parallel, src/analyse/frameParallel.ts): its pair histogram, then [volume, frame index].
   * `addContribution` of the shares in frame order gives bit for bit what `addFrame` gives.
   */
  frameContribution(frame: Frame, topology: Topology): Float64Array {
    const cell = frameCell(frame, topology, 'an RDF', this.opts.source);
    const { a: A, b: B, same } = this.groups ?? this.prepare(topology, frame);
    const pa = centrePositions(A, frame.positions, cell, topology.masses);
    const pb = same ? null : centrePositions(B, frame.positions, cell, topology.masses);
    const nb = this.bins;
    const out = new Float64Array(nb + 2);
    accumulatePairHistogram(pa, pb, cell, this.rmax_A, out.subarray(0, nb), same);
    out[nb] = cell.volume;
    out[nb + 1] = frame.index;
    return out;
  }

  /** Accumulate one frame's share (from {@link frameContribution}); frames must come in order. */
  addContribution(c: Float64Array): void {
    const { a: A, b: B, same } = this.groups!;
    const nA = A.count,
      nB = B.count,
      nb = this.bins,
      V = c[nb];
    const nPairs = same ? nA * (nA - 1) : nA * nB;
    if (nPairs <= 0)
      throw new InputError(`RDF ${this.pairLabel()} needs at least two centres; found ${nA}`, { file: this.opts.source, frame: c[nb + 1] });
    const w = V / nPairs;
    for (let k = 0; k < nb; k++) {
      this.weighted[k] += w * c[k];
      this.counts[k] += c[k];
    }
    this.densitySum += (same ? nA - 1 : nB) / V;
    this.frames++;
  }

  result(): RdfResult {
    const nb = this.bins,
      dr = this.dr,
      F = this.frames;
    if (F === 0) throw new InputError(`RDF ${this.pairLabel()}: no frames were read`, { file: this.opts.source });
    const r = new Float64Array(nb),
      edges = new Float64Array(nb + 1),
      g = new Float64Array(nb),
      err = new Float64Array(nb),
      n = new Float64Array(nb);
    for (let k = 0; k <= nb; k++) edges[k] = k * dr;
    const nA = this.groups?.a.count ?? 0;
    // A–A RDFs count each unordered pair twice (i→j and j→i): Poisson counts are half the tallies.
    const pairMultiplicity = this.groups?.same ? 2 : 1;
    let cum = 0;
    for (let k = 0; k < nb; k++) {
      r[k] = (k + 0.5) * dr;
      const shell = ((4 * Math.PI) / 3) * (edges[k + 1] ** 3 - edges[k] ** 3);
      g[k] = this.weighted[k] / (F * shell);
      err[k] = this.counts[k] > 0 ? g[k] / Math.sqrt(this.counts[k] / pairMultiplicity) : 0;
      cum += this.counts[k];
      n[k] = cum / (nA * F);
    }
    const shell = firstShell(r, g, err, this.opts.smoothing_A);
    const out: RdfResult = {
      pair: this.pairLabel(),
      r_A: r,
      edges_A: edges,
      n_r_A: edges.slice(1),
      g,
      g_stderr: err,
      n,
      counts: this.counts.slice(),
      ...shell,
      density_b_per_A3: this.densitySum / F,
      n_a: nA,
      n_b: this.groups?.b.count ?? 0,
      frames: F,
      rmax_A: this.rmax_A,
      bins: nb,
    };
    if (this.opts.temperature_K !== undefined) {
      out.free_energy_eV = freeEnergyFromRdf(g, this.opts.temperature_K);
      out.temperature_K = this.opts.temperature_K;
    }
    return withKind(out, 'rdf');
  }

  private pairLabel(): string {
    return `${this.opts.a}-${this.opts.b}`;
  }

  /** Resolve the two centre groups (species or anion formulas) on the first frame. */
  prepare(topology: Topology, firstFrame: Frame): { a: CentreGroup; b: CentreGroup; same: boolean } {
    const cell = frameCell(firstFrame, topology, 'an RDF', this.opts.source);
    const o = { ...this.opts, where: { file: this.opts.source, frame: firstFrame.index } };
    const a = resolveCentres(this.opts.a, topology, firstFrame.positions, cell, o);
    const same = this.opts.a === this.opts.b;
    const b = same ? a : resolveCentres(this.opts.b, topology, firstFrame.positions, cell, o);
    return (this.groups = { a, b, same });
  }
}

/**
 * The radial distribution g(r) of pair a–b (species or anion formulas such as "PS4", whose centres
 * of mass are used), averaged over `frames`, with its standard error, the running coordination
 * n(r), the first peak and minimum (METHODS §4). For one pass over a large file together with other
 * analyses use the {@link RadialDistribution} accumulator with `analyseFrames`.
 * @param frames e.g. `traj.frames()`.
 * @param topology `traj.topology`.
 * @param opts {@link RdfOptions}: `a`, `b` (groups), `rmax_A` (Å), `bins`, `source` (label for errors).
 * @returns an {@link RdfResult}: `r_A`, `g`, `g_stderr`, `n` (running coordination), `first_peak_A`,
 *   `first_min_A`, `density_b_per_A3` (Å⁻³), `frames`. `show(result)` plots it.
 */
export function radialDistribution(frames: Iterable<Frame>, topology: Topology, opts: RdfOptions): RdfResult {
  const acc = new RadialDistribution(opts);
  for (const f of frames) acc.addFrame(f, topology);
  return acc.result();
}

/** n(r) of an RDF result at any r ≤ r_max (linear interpolation between outer bin edges; n(0) = 0). */
export function runningCoordinationAt(res: Pick<RdfResult, 'n' | 'n_r_A'>, r_A: number): number {
  const x = res.n_r_A,
    y = res.n;
  if (!(r_A >= 0) || r_A > x[x.length - 1] + 1e-12) throw new InputError(`r = ${r_A} Å is outside the RDF range [0, ${x[x.length - 1]}] Å`);
  if (r_A <= x[0]) return (y[0] * r_A) / x[0];
  for (let k = 1; k < x.length; k++) if (x[k] >= r_A) return y[k - 1] + ((y[k] - y[k - 1]) * (r_A - x[k - 1])) / (x[k] - x[k - 1]);
  return y[y.length - 1];
}
