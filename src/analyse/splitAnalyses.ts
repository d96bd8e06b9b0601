/**
 * The frame-local analyses that worker threads can run (src/analyse/frameParallel.ts), named by plain-data
 * specs that cross the thread boundary: each is rebuilt in every worker from its spec, computes frame shares
 * there (`frameContribution`) and adds them in the main thread in frame order (`addContribution`), which
 * gives bit for bit the one-thread result.
 * - rdf: partial RDF g_ab(r) (structure/rdf.ts), share = the frame's pair histogram.
 * - coordination: instantaneous coordination numbers (structure/coordination.ts, Wood 2021), share = CN per centre.
 * - angles: cation–anion–cation angle distributions (structure/cationAnionCationAngles.ts), share = histograms.
 * - sites: site occupancy (sites/gaussianSiteOccupancy.ts, Kweon 2017 SI), share = occupancy per site; the
 *   site network is rebuilt on the first frame from its binding (sites/siteBinding.ts) in every thread.
 */
import type { Frame } from '../core/frame.js';
import type { FrameContext } from '../core/frameAnalysis.js';
import type { Topology } from '../core/topology.js';
import { GaussianSiteOccupancy, type GaussianOccupancyOptions, type GaussianOccupancyResult } from '../sites/gaussianSiteOccupancy.js';
import type { HostGroupSummary } from '../sites/hostSublattice.js';
import { bindSites, portableSiteBinding, type SiteBinding } from '../sites/siteBinding.js';
import { CationAnionCationAngles, type AngleOptions } from '../structure/cationAnionCationAngles.js';
import { CoordinationNumbers, type CoordinationOptions } from '../structure/coordination.js';
import { RadialDistribution, type RdfOptions } from '../structure/rdf.js';

/** An analysis whose frames can be computed apart and added in order. */
export interface SplitFrameAnalysis {
  prepare?(topology: Topology, firstFrame: Frame, context: FrameContext): unknown;
  /** The frame's share, independent of every other frame. */
  frameContribution(frame: Frame, topology: Topology): Float64Array;
  /** Add one share; shares must come in frame order. */
  addContribution(c: Float64Array): void;
}

/** Options of the site-occupancy split analysis (functions are not allowed: they cannot cross threads). */
export type SiteOccupancySpecOptions = Omit<GaussianOccupancyOptions, 'hostPositions'>;

/** What a worker rebuilds (plain data: it crosses the thread boundary). */
export type SplitAnalysisSpec =
  | { kind: 'rdf'; options: RdfOptions }
  | { kind: 'coordination'; options: CoordinationOptions }
  | { kind: 'angles'; options: AngleOptions }
  | { kind: 'sites'; options: SiteOccupancySpecOptions; binding: SiteBinding };

/** The result of the site-occupancy split analysis: the occupancy and what the host names resolved to. */
export interface SplitSiteOccupancyResult {
  occupancy: GaussianOccupancyResult;
  hostCentres: HostGroupSummary[];
}

/** Site occupancy whose site network is bound on the first frame from a plain-data binding. */
export class BoundSiteOccupancy implements SplitFrameAnalysis {
  private occ: GaussianSiteOccupancy | null = null;
  private hostCentres: HostGroupSummary[] = [];
  constructor(
    private readonly binding: SiteBinding,
    private readonly opts: SiteOccupancySpecOptions,
  ) {}

  prepare(topology: Topology, firstFrame: Frame): GaussianSiteOccupancy {
    if (this.occ) return this.occ;
    const setup = bindSites(this.binding, topology, firstFrame, { file: this.opts.file });
    this.hostCentres = setup.hostCentres;
    this.occ = new GaussianSiteOccupancy(setup.source, { ...this.opts, hostPositions: setup.hostPositions });
    this.occ.prepare(topology, firstFrame);
    return this.occ;
  }

  frameContribution(frame: Frame, topology: Topology): Float64Array {
    return (this.occ ?? this.prepare(topology, frame)).frameContribution(frame, topology);
  }

  addContribution(c: Float64Array): void {
    this.occ!.addContribution(c);
  }

  result(): SplitSiteOccupancyResult {
    return { occupancy: this.occ!.result(), hostCentres: this.hostCentres };
  }
}

/** Make the analysis a spec names (in the main thread and in each worker). */
export function makeSplitAnalysis(spec: SplitAnalysisSpec): SplitFrameAnalysis & { result(): unknown } {
  switch (spec.kind) {
    case 'rdf':
      return new RadialDistribution(spec.options);
    case 'coordination':
      return new CoordinationNumbers(spec.options);
    case 'angles':
      return new CationAnionCationAngles(spec.options);
    case 'sites':
      return new BoundSiteOccupancy(spec.binding, spec.options);
  }
  throw new Error(`internal: unknown split analysis ${(spec as { kind: string }).kind}`);
}

/** The spec as it crosses to a worker (a site template's Cell as plain rows). */
export function portableSpec(spec: SplitAnalysisSpec): SplitAnalysisSpec {
  return spec.kind === 'sites' ? { ...spec, binding: portableSiteBinding(spec.binding) } : spec;
}
