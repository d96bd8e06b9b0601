/**
 * Instantaneous coordination numbers (Wood 2021): in every frame, the number of neighbours (e.g. Li⁺)
 * within the first-shell cutoff of each centre (an anion atom or an anion COM). Reported as the
 * distribution over all (centre, frame) samples, its mean and standard deviation (population, i.e.
 * of the distribution itself). Wood 2021 Fig. 4b: broad distributions in superionic closo-borates, a narrow
 * one near 6 in non-superionic α-Li2B12H12 (breadth vs narrowness is the superionic/non-superionic contrast).
 * Separately, fcc Li2B12H12 and bcc Na2B12H12 have similar barriers and similar widths (std 1.14 vs 0.88);
 * Wood's point there is the bcc salt's higher mean (8.4 vs 5.9), not which width is larger (a bond-valence
 * expectation, not a computed result). The default cutoff is the first minimum of the
 * centre–neighbour RDF (Kweon 2017): firstShellCutoff (src/structure/coordinationCutoff.ts).
 */
import type { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import type { FrameAnalysis } from '../core/frameAnalysis.js';
import type { Topology } from '../core/topology.js';
import { neighborPairs } from '../geometry/neighborList.js';
import { centrePositions, CentreGroup, CentreOptions, resolveCentres } from './centres.js';
import { frameCell, requirePositiveLength } from './frameSetup.js';

export interface CoordinationOptions extends CentreOptions {
  /** Centres: species ("Cl") or anion formula ("PS4", "B12H12"). */
  centre: string;
  /** Neighbours counted around each centre (species or formula), e.g. "Li". */
  neighbor: string;
  /** First-shell cutoff, Å. */
  cutoff_A: number;
  source?: string;
}

export interface CoordinationResult {
  centre: string;
  neighbor: string;
  cutoff_A: number;
  /** Mean coordination number over all centres and frames. */
  mean: number;
  /** Standard deviation of the coordination-number distribution (population). */
  std: number;
  histogram: {
    /** Coordination numbers 0..max. */
    cn: number[];
    /** Samples with that coordination number. */
    counts: number[];
    /** Fraction of samples. */
    probability: number[];
  };
  /** Mean coordination number per frame. */
  per_frame_mean: number[];
  /** Histogram of each frame (samples with CN = k in that frame), [frame][k]; for block errors (coordinationBlockErrors.ts). */
  per_frame_histogram: number[][];
  /** Number of centres. */
  centres: number;
  frames: number;
  /** Smallest half perpendicular cell width over the frames, Å. */
  half_min_width_A: number;
  /** Set when the cutoff exceeds half the smallest cell width: periodic images of one atom are then counted separately (still exact). */
  note?: string;
}

/** Streaming accumulator of instantaneous coordination numbers. */
export class CoordinationNumbers implements FrameAnalysis<CoordinationResult> {
  /** Centre and neighbour groups, resolved by `prepare` on the first frame. */
  private groups: { centre: CentreGroup; neighbor: CentreGroup } | null = null;
  private readonly counts: number[] = [];
  private readonly perFrame: number[] = [];
  private readonly perFrameHist: number[][] = [];
  private sum = 0;
  private sum2 = 0;
  private samples = 0;
  private halfWidth = Infinity;

  constructor(private readonly opts: CoordinationOptions) {
    requirePositiveLength(opts.cutoff_A, 'coordination cutoff', { file: opts.source });
  }

  addFrame(frame: Frame, topology: Topology): void {
    this.addContribution(this.frameContribution(frame, topology));
  }

  /**
   * The frame's share, computed independently of other frames (worker threads compute these in parallel,
   * src/analyse/frameParallel.ts): [half the smallest perpendicular cell width, CN of each centre…].
   * `addContribution` of the shares in frame order gives bit for bit what `addFrame` gives.
   */
  frameContribution(frame: Frame, topology: Topology): Float64Array {
    const cell = frameCell(frame, topology, 'coordination numbers', this.opts.source);
    const { centre, neighbor } = this.groups ?? this.prepare(topology, frame);
    const cn = instantaneousCoordination(
      centre,
      neighbor,
      frame.positions,
      cell,
      topology.masses,
      this.opts.cutoff_A,
      this.opts.centre === this.opts.neighbor,
    );
    const out = new Float64Array(1 + cn.length);
    out[0] = 0.5 * Math.min(...cell.perpendicularWidths());
    out.set(cn, 1);
    return out;
  }

  /** Accumulate one frame's share (from {@link frameContribution}); frames must come in order. */
  addContribution(c: Float64Array): void {
    this.halfWidth = Math.min(this.halfWidth, c[0]);
    let s = 0;
    const h: number[] = [];
    const n = c.length - 1;
    for (let q = 1; q <= n; q++) {
      const k = c[q];
      while (this.counts.length <= k) this.counts.push(0);
      while (h.length <= k) h.push(0);
      this.counts[k]++;
      h[k]++;
      s += k;
      this.sum += k;
      this.sum2 += k * k;
    }
    this.samples += n;
    this.perFrame.push(s / n);
    this.perFrameHist.push(h);
  }

  result(): CoordinationResult {
    if (this.samples === 0) throw new InputError('coordination: no frames were read', { file: this.opts.source });
    const mean = this.sum / this.samples;
    const variance = Math.max(0, this.sum2 / this.samples - mean * mean);
    const out: CoordinationResult = {
      centre: this.opts.centre,
      neighbor: this.opts.neighbor,
      cutoff_A: this.opts.cutoff_A,
      mean,
      std: Math.sqrt(variance),
      histogram: {
        cn: this.counts.map((_, k) => k),
        counts: this.counts.slice(),
        probability: this.counts.map((c) => c / this.samples),
      },
      per_frame_mean: this.perFrame.slice(),
      per_frame_histogram: this.perFrameHist.map((h) => h.slice()),
      centres: this.groups!.centre.count,
      frames: this.perFrame.length,
      half_min_width_A: this.halfWidth,
    };
    if (this.opts.cutoff_A > this.halfWidth) {
      out.note =
        `the cutoff ${this.opts.cutoff_A} Å exceeds half the smallest cell width (${this.halfWidth.toFixed(3)} Å): ` +
        'every periodic image within the cutoff is counted, so one atom can count several times; this is exact for the periodic crystal but no longer a first shell';
    }
    return out;
  }

  /** Resolve the centre and neighbour groups (species or anion formulas) on the first frame. */
  prepare(topology: Topology, firstFrame: Frame): { centre: CentreGroup; neighbor: CentreGroup } {
    const cell = frameCell(firstFrame, topology, 'coordination numbers', this.opts.source);
    const o = { ...this.opts, where: { file: this.opts.source, frame: firstFrame.index } };
    const centre = resolveCentres(this.opts.centre, topology, firstFrame.positions, cell, o);
    const neighbor = resolveCentres(this.opts.neighbor, topology, firstFrame.positions, cell, o);
    return (this.groups = { centre, neighbor });
  }
}

/** Number of neighbours within `cutoff_A` of each centre in one frame (all periodic images). */
export function instantaneousCoordination(
  centres: CentreGroup,
  neighbors: CentreGroup,
  positions: Float64Array,
  cell: Cell,
  masses: Float64Array,
  cutoff_A: number,
  same = false,
): Int32Array {
  const pc = centrePositions(centres, positions, cell, masses);
  const nC = centres.count,
    nN = neighbors.count;
  const out = new Int32Array(nC);
  if (same) {
    const idx = Int32Array.from({ length: nC }, (_, k) => k);
    const pairs = neighborPairs(pc, cell, cutoff_A, { centers: idx, neighbors: idx });
    for (let p = 0; p < pairs.count; p++) out[pairs.i[p]]++;
    return out;
  }
  const pn = centrePositions(neighbors, positions, cell, masses);
  const both = new Float64Array(3 * (nC + nN));
  both.set(pc, 0);
  both.set(pn, 3 * nC);
  const pairs = neighborPairs(both, cell, cutoff_A, {
    centers: Int32Array.from({ length: nC }, (_, k) => k),
    neighbors: Int32Array.from({ length: nN }, (_, k) => nC + k),
  });
  for (let p = 0; p < pairs.count; p++) out[pairs.i[p]]++;
  return out;
}
