/**
 * One pass over a trajectory feeding several analyses (issue 14): `si.analyse(path, {msd, rdf, sites, vdos, vanhove})`
 * and `superionic analyse FILE --msd Li --rdf Li-S --sites Li --host S,Cl --reference argyrodite --vdos Na --vanhove Li`.
 * The file is streamed once (bounded memory: the MSD keeps only the mobile ions' continuous positions,
 * the RDF its histograms, the sites their occupancies, the VDOS and van Hove functions the selected
 * species' history in a SubTrajectoryCollector within the memory budget) with one progress report.
 * Each result is the one the separate analysis gives on the same file: the RDF and the sites see the
 * frames as read, the MSD the frames unwrapped step by step exactly as `collectTransportSeries` unwraps
 * them (FrameUnwrapper = unwrapStream's step), the VDOS and van Hove functions the species' history
 * exactly as `collectSubTrajectory` keeps it for `vdos`/`vanhove`, so the numbers are identical, not
 * merely close.
 */
import { peekFirstFrame } from '../core/firstFrame.js';
import type { Frame, FrameStream } from '../core/frame.js';
import { analyseFrames, type FrameAnalysis } from '../core/frameAnalysis.js';
import type { Topology } from '../core/topology.js';
import { FrameUnwrapper } from '../geometry/unwrap.js';
import { openTrajectory } from '../io/openTrajectory.js';
import { analyseFileParallel } from './frameParallel.js';
import { diffusionFromSeriesThreaded } from './atomBlockParallel.js';
import type { BoundSiteOccupancy, SplitAnalysisSpec } from './splitAnalyses.js';
import type { ReadOptions } from '../io/readOptions.js';
import { GaussianSiteOccupancy, type GaussianOccupancyResult } from '../sites/gaussianSiteOccupancy.js';
import type { HostGroupSummary } from '../sites/hostSublattice.js';
import { sitesFromHosts } from '../sites/sitesFromHosts.js';
import type { SiteTemplate } from '../sites/siteTemplate.js';
import { RadialDistribution, type RdfOptions, type RdfResult } from '../structure/rdf.js';
import { type DiffusionOptions, type DiffusionResult } from '../transport/diffusionAnalysis.js';
import { TransportSeriesCollector } from '../transport/transportSeries.js';
import { SubTrajectoryCollector } from '../core/subTrajectoryCollector.js';
import { vibrationalDensityOfStates, type VdosOptions, type VdosResult } from '../dynamics/vibrationalDensityOfStates.js';
import { vanHoveCorrelation, type VanHoveOptions, type VanHoveResult } from '../dynamics/vanHoveCorrelation.js';

/** What to compute in the one pass (any subset). */
export interface AnalysePlan {
  /** Tracer and charge diffusion of `species` (the options of diffusionFromSeries; dt_fs also sets the reader's time step). */
  msd?: DiffusionOptions & { species: string[]; frameworkWeights?: 'mass' | 'equal' };
  /** Partial RDFs (pair a–b each; rmax_A Å, bins). */
  rdf?: Omit<RdfOptions, 'source'>[];
  /** Gaussian site occupancy of `mobile` on the sites of `template` built from `host` (src/sites/sitesFromHosts.ts). */
  sites?: {
    mobile: string[];
    host: string[];
    template: SiteTemplate;
    sigma2_A2?: number;
    rmax_A?: number;
    matchTolerance_A?: number;
    maxShapeDeviation?: number;
  };
  /**
   * Velocity autocorrelation and VDOS of `species` (default every atom): the options of
   * vibrationalDensityOfStates; the species' positions (and velocities unless velocitySource is
   * 'positions') are kept, within the memory budget.
   */
  vdos?: Omit<VdosOptions, 'atoms' | 'molecules'>;
  /** Self and distinct van Hove functions of `species` (the options of vanHoveCorrelation); the species' positions are kept. */
  vanhove?: VanHoveOptions;
  /** Reader options (format, types, …; timestep_fs is taken from msd.dt_fs when given). */
  read?: ReadOptions;
  /**
   * Worker threads for the frame-local analyses (rdf, sites): their frames are split over threads
   * (src/analyse/frameParallel.ts), each result bit for bit the one-thread one. The MSD series is
   * collected meanwhile in this thread from its own pass over the file (same numbers), and its MSDs are
   * computed by ion blocks over threads (src/analyse/atomBlockParallel.ts). Default 1.
   */
  threads?: number;
  /** Called after each frame with the number of frames done (else the kernel's default progress). */
  onProgress?: (frames: number) => void;
}

/** The results of one pass, one field per analysis asked for. */
export interface AnalyseResults {
  source: string | undefined;
  /** Frames read. */
  nFrames: number;
  msd?: DiffusionResult;
  rdf?: RdfResult[];
  sites?: { occupancy: GaussianOccupancyResult; hostCentres: HostGroupSummary[] };
  vdos?: VdosResult;
  vanhove?: VanHoveResult;
}

/** The history collectors of the VDOS and the van Hove functions: one, shared, when both ask for the same species. */
interface Histories {
  vdos: SubTrajectoryCollector | null;
  vanhove: SubTrajectoryCollector | null;
  collectors: SubTrajectoryCollector[];
}

function historyCollectors(plan: AnalysePlan, info: () => FrameStream['info']): Histories {
  const v = plan.vdos,
    h = plan.vanhove;
  const velocities = (v?.velocitySource ?? 'auto') !== 'positions';
  const key = (sp: string | string[] | undefined) => (sp === undefined ? null : JSON.stringify(Array.isArray(sp) ? sp : [sp]));
  if (v && h && v.species !== undefined && key(v.species) === key(h.species)) {
    const c = new SubTrajectoryCollector({ atoms: v.species, velocities, purpose: 'the velocity autocorrelation and the van Hove functions', info });
    return { vdos: c, vanhove: c, collectors: [c] };
  }
  const vdos = v ? new SubTrajectoryCollector({ atoms: v.species, velocities, purpose: 'the velocity autocorrelation', info }) : null;
  const vanhove = h ? new SubTrajectoryCollector({ atoms: h.species, purpose: 'the van Hove functions', info }) : null;
  return { vdos, vanhove, collectors: [vdos, vanhove].filter((c): c is SubTrajectoryCollector => c !== null) };
}

/** The VDOS and van Hove results from the collected histories (as the `vdos` and `vanhove` commands compute them). */
function historyResults(plan: AnalysePlan, hs: Histories): Pick<AnalyseResults, 'vdos' | 'vanhove'> {
  const out: Pick<AnalyseResults, 'vdos' | 'vanhove'> = {};
  const vdosHistory = hs.vdos?.result();
  if (vdosHistory && plan.vdos) out.vdos = vibrationalDensityOfStates(vdosHistory, plan.vdos);
  const vanhoveHistory = hs.vanhove === hs.vdos ? vdosHistory : hs.vanhove?.result();
  if (vanhoveHistory && plan.vanhove) out.vanhove = vanHoveCorrelation(vanhoveHistory, plan.vanhove);
  return out;
}

/** A FrameAnalysis fed the continuous (unwrapped) version of each frame. */
class Unwrapped<R> implements FrameAnalysis<R> {
  private unwrapper: FrameUnwrapper;
  constructor(
    private readonly inner: FrameAnalysis<R>,
    info: FrameStream['info'],
  ) {
    this.unwrapper = new FrameUnwrapper(info);
  }
  addFrame(frame: Frame, topology: Topology): void {
    this.inner.addFrame(this.unwrapper.next(frame), topology);
  }
  result(): R {
    return this.inner.result();
  }
}

/**
 * Run several analyses over ONE pass of a trajectory file (or an open stream).
 * @example const r = await si.analyse('run.extxyz', { msd: { species: ['Li'] }, rdf: [{ a: 'Li', b: 'S' }] });
 */
export async function analyse(source: string | FrameStream, plan: AnalysePlan): Promise<AnalyseResults> {
  if (typeof source === 'string' && (plan.threads ?? 1) > 1 && (plan.rdf?.length || plan.sites)) return analyseThreaded(source, plan);
  const opened =
    typeof source === 'string'
      ? await openTrajectory(source, { ...plan.read, ...(plan.msd?.dt_fs !== undefined ? { timestep_fs: plan.msd.dt_fs } : {}) })
      : source;
  const { first, stream } = await peekFirstFrame(opened);
  const file = stream.info.source;
  const analyses: FrameAnalysis[] = [];
  let series: TransportSeriesCollector | null = null;
  if (plan.msd) {
    series = new TransportSeriesCollector({
      species: plan.msd.species,
      frameworkWeights: plan.msd.frameworkWeights,
      unwrapped: true,
      info: stream.info,
    });
    analyses.push(new Unwrapped(series, stream.info));
  }
  const rdfs = (plan.rdf ?? []).map((o) => new RadialDistribution({ ...o, source: file }));
  analyses.push(...rdfs);
  let occ: GaussianSiteOccupancy | null = null,
    hostCentres: HostGroupSummary[] = [];
  if (plan.sites) {
    const s = plan.sites;
    const setup = sitesFromHosts(stream.topology, first, {
      host: s.host,
      template: s.template,
      matchTolerance_A: s.matchTolerance_A,
      maxShapeDeviation: s.maxShapeDeviation,
      where: { file },
    });
    hostCentres = setup.hostCentres;
    occ = new GaussianSiteOccupancy(setup.source, {
      mobile: s.mobile,
      sigma2_A2: s.sigma2_A2,
      rmax_A: s.rmax_A,
      file,
      hostPositions: setup.hostPositions,
    });
    analyses.push(occ);
  }
  const histories = historyCollectors(plan, () => stream.info);
  analyses.push(...histories.collectors);
  const nFrames = await analyseFrames(stream, analyses, { onProgress: plan.onProgress });
  const out: AnalyseResults = { source: file, nFrames };
  if (series && plan.msd) {
    // as collectTransportSeries: the series carries the source's info
    out.msd = await diffusionFromSeriesThreaded(series.result(), plan.msd, plan.threads ?? 1);
  }
  if (rdfs.length) out.rdf = rdfs.map((r) => r.result());
  if (occ) out.sites = { occupancy: occ.result(), hostCentres };
  return { ...out, ...historyResults(plan, histories) };
}

/**
 * The MSD of `plan.msd` and the VDOS / van Hove functions from one pass over `source` in this thread
 * (as the one-thread pass collects them), while the frame-local analyses run over worker threads.
 */
async function timeCorrelationsFromFile(source: string, plan: AnalysePlan): Promise<Pick<AnalyseResults, 'msd' | 'vdos' | 'vanhove'>> {
  const stream = await openTrajectory(source, { ...plan.read, ...(plan.msd?.dt_fs !== undefined ? { timestep_fs: plan.msd.dt_fs } : {}) });
  const analyses: FrameAnalysis[] = [];
  const series = plan.msd
    ? new TransportSeriesCollector({
        species: plan.msd.species,
        frameworkWeights: plan.msd.frameworkWeights,
        unwrapped: true,
        info: stream.info,
      })
    : null;
  if (series) analyses.push(new Unwrapped(series, stream.info));
  const histories = historyCollectors(plan, () => stream.info);
  analyses.push(...histories.collectors);
  await analyseFrames(stream, analyses);
  const out: Pick<AnalyseResults, 'msd' | 'vdos' | 'vanhove'> = historyResults(plan, histories);
  if (series && plan.msd) out.msd = await diffusionFromSeriesThreaded(series.result(), plan.msd, plan.threads ?? 1);
  return out;
}

/** The plan with rdf/sites over worker threads (and the MSD, VDOS and van Hove from their own pass in this thread meanwhile). */
async function analyseThreaded(source: string, plan: AnalysePlan): Promise<AnalyseResults> {
  const specs: SplitAnalysisSpec[] = (plan.rdf ?? []).map((o) => ({ kind: 'rdf', options: { ...o, source } }));
  const s = plan.sites;
  if (s)
    specs.push({
      kind: 'sites',
      options: { mobile: s.mobile, sigma2_A2: s.sigma2_A2, rmax_A: s.rmax_A, file: source },
      binding: { kind: 'template', host: s.host, template: s.template, matchTolerance_A: s.matchTolerance_A, maxShapeDeviation: s.maxShapeDeviation },
    });
  const serial = plan.msd || plan.vdos || plan.vanhove ? timeCorrelationsFromFile(source, plan) : null;
  const [{ analyses, nFrames }, correlations] = await Promise.all([
    analyseFileParallel<RadialDistribution | BoundSiteOccupancy>(source, plan.read ?? {}, specs, plan.threads!, plan.onProgress),
    serial,
  ]);
  const out: AnalyseResults = { source, nFrames, ...correlations };
  const nRdf = plan.rdf?.length ?? 0;
  if (nRdf) out.rdf = analyses.slice(0, nRdf).map((a) => (a as RadialDistribution).result());
  if (s) {
    const r = (analyses[nRdf] as BoundSiteOccupancy).result();
    out.sites = { occupancy: r.occupancy, hostCentres: r.hostCentres };
  }
  return out;
}
