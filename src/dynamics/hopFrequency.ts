/**
 * Cation hop frequency per cation (ns⁻¹), to set beside the anion reorientation frequency
 * (Li 2025 Fig. 2; Kweon 2017 Fig. 7: rotation vs translation time scales).
 *
 *   ν_hop = N_jumps / (N_cations · T_run)
 *
 * Jumps come from the sites area's detection with hysteresis (src/sites/siteJumps.ts): an ion
 * changes site only when it comes within r_in of a different site's centre, so rattling inside a
 * site is not counted. Where the sites come from, in order of preference:
 *   1. `sites`: an explicit site network (or template recipe) from src/sites;
 *   2. `host` (+ optional `lattice`): the interstitial sites (tetrahedral, octahedral, trigonal,
 *      linear) of the trajectory's own host sublattice. Host atoms bonded into polyanions (e.g. S in
 *      PS4³⁻) are replaced by their molecules' centres of mass, so `--host S` on Na3PS4 gives the bcc
 *      lattice of PS4 centres. The ideal lattice (fcc/bcc/hcp, or `auto`: whichever matches with the
 *      smallest host displacement) is taken in the trajectory's own cell setting — the template
 *      cell is the trajectory cell divided by the replication — so a slightly tilted or strained
 *      box (the Na3PS4 AIMD cell is tilted by ~3°) still matches; the normalised-metric deviation
 *      from the ideal shape is reported and must stay below the shared lattice-shape tolerance
 *      (DEFAULT_LATTICE_SHAPE_TOLERANCE = 0.15, src/sites/siteNetwork.ts). The host points and the
 *      lattice match are the sites area's (src/sites/hostSublattice.ts, 'containing' reading;
 *      src/sites/hostLatticeMatch.ts), shared with `superionic sites` and `jumps`;
 *   3. neither: the mobile ions' own frame-0 positions are the sites (the crystallographic cation
 *      sites of the starting structure), translated with the drift of the non-mobile atoms' centre;
 *      a hop is a move to a different one of these sites (visits to interstitials are not counted).
 */
import { InputError } from '../core/errors.js';
import { analyseFrames, type FrameAnalysis, type FrameContext } from '../core/frameAnalysis.js';
import { copyFrame } from '../core/firstFrame.js';
import { frameInterval } from '../core/frameInterval.js';
import type { Topology } from '../core/topology.js';
import type { Frame } from '../core/frame.js';
import { indicesOf } from '../core/topology.js';
import type { Trajectory } from '../core/trajectory.js';
import { SiteJumpAnalysis, SiteJumpResult } from '../sites/siteJumps.js';
import { matchHostLattice } from '../sites/hostLatticeMatch.js';
import { hostSublattice } from '../sites/hostSublattice.js';
import type { SiteNetwork, SiteNetworkSource } from '../sites/siteNetwork.js';
import type { IdealLattice } from '../sites/siteTemplate.js';

export interface CationHopOptions {
  /** Mobile cation species (e.g. "Na"). */
  mobile: string | string[];
  /** Explicit site network or recipe (takes precedence over `host`). */
  sites?: SiteNetworkSource;
  /** Host species whose atoms, or whose polyanions' centres, form the host sublattice. */
  host?: string | string[];
  /** Host lattice (default 'auto': try bcc, fcc, hcp). */
  lattice?: IdealLattice | 'auto';
  /** Capture radius of the hysteresis, Å (default 0.5). */
  rIn_A?: number;
  /** Minimum residence time, fs (default 0). */
  minResidence_fs?: number;
  /** Frame interval, fs (when the file has no times). */
  dt_fs?: number;
  /** Largest normalised-metric deviation of the host cell from the ideal lattice (default DEFAULT_LATTICE_SHAPE_TOLERANCE = 0.15). */
  maxShapeDeviation?: number;
}

export interface CationHopResult {
  /** Hops per ns per cation (mean over cations). */
  hop_per_ns: number;
  /** Hops per ns of each cation (order of `jumps.ions`). */
  hop_per_ion_per_ns: Float64Array;
  /** Number of hops. */
  n_hops: number;
  /** How the sites were defined, in words. */
  criterion: string;
  /** 'explicit' | 'host-lattice' | 'initial-cation-sites'. */
  siteSource: 'explicit' | 'host-lattice' | 'initial-cation-sites';
  /** Matched lattice (host-lattice source) or null. */
  lattice: string | null;
  /** Normalised-metric deviation of the host cell from the ideal lattice shape (host-lattice source). */
  shapeDeviation: number | null;
  /** Whether the host positions are molecule centres (polyanions) rather than atoms. */
  hostIsMoleculeCentres: boolean;
  /** The full jump analysis (events, rates, residence times). */
  jumps: SiteJumpResult;
}

type V3 = [number, number, number];

/** Sites = the mobile ions' frame-0 positions, moving with the centre of the non-mobile atoms. */
function initialCationSites(
  nAtoms: number,
  f0: Frame,
  mobileIdx: Int32Array,
): { network: SiteNetwork; hostPositions: (frame: Frame) => Float64Array } {
  const nS = mobileIdx.length;
  const frame0 = f0.positions;
  const ref = new Float64Array(3 * nS);
  for (let s = 0; s < nS; s++) for (let k = 0; k < 3; k++) ref[3 * s + k] = frame0[3 * mobileIdx[s] + k];
  const isMobile = new Uint8Array(nAtoms);
  for (const i of mobileIdx) isMobile[i] = 1;
  const frame = Array.from({ length: nAtoms }, (_, i) => i).filter((i) => !isMobile[i]);
  // Framework drift: mean displacement of the non-mobile atoms since frame 0, each step by the minimum image.
  const prev = new Float64Array(3 * frame.length),
    drift: V3 = [0, 0, 0];
  frame.forEach((a, m) => {
    for (let k = 0; k < 3; k++) prev[3 * m + k] = frame0[3 * a + k];
  });
  let lastIndex = 0;
  const cell0 = f0.cell!;
  const idealFrac = cell0.toFractional(ref);
  const network: SiteNetwork = {
    template: 'initial cation sites',
    typeNames: ['cation site'],
    typeKinds: ['polyhedral'],
    nSites: nS,
    siteType: new Int32Array(nS),
    vertexStart: Int32Array.from({ length: nS + 1 }, (_, s) => s),
    vertices: Int32Array.from({ length: nS }, (_, s) => s),
    vertexShift: new Float64Array(3 * nS),
    idealTemplate: idealFrac.slice(),
    idealFrac,
    replication: [1, 1, 1],
    nHosts: nS,
    hostAtoms: null,
    maxMatchDisplacement_A: 0,
    inverted: false,
  };
  const d = [0, 0, 0];
  const hostPositions = (fr: Frame): Float64Array => {
    if (fr.index !== lastIndex && frame.length > 0 && fr.cell) {
      const acc = [0, 0, 0];
      frame.forEach((a, m) => {
        fr.cell!.minimumImage(
          fr.positions[3 * a] - prev[3 * m],
          fr.positions[3 * a + 1] - prev[3 * m + 1],
          fr.positions[3 * a + 2] - prev[3 * m + 2],
          d,
        );
        for (let k = 0; k < 3; k++) {
          acc[k] += d[k];
          prev[3 * m + k] += d[k];
        }
      });
      for (let k = 0; k < 3; k++) drift[k] += acc[k] / frame.length;
      lastIndex = fr.index;
    }
    const out = new Float64Array(3 * nS);
    for (let s = 0; s < nS; s++) for (let k = 0; k < 3; k++) out[3 * s + k] = ref[3 * s + k] + drift[k];
    return out;
  };
  return { network, hostPositions };
}

/**
 * The hop frequency as a `FrameAnalysis`: the sites are set up from the first frame (`prepare`), the jumps
 * streamed, so it shares one pass over a file with other analyses (`superionic rotation --mobile`).
 */
export class CationHopAnalysis implements FrameAnalysis<CationHopResult> {
  private setup: { analysis: SiteJumpAnalysis; meta: Omit<CationHopResult, 'hop_per_ns' | 'hop_per_ion_per_ns' | 'n_hops' | 'jumps'> } | null = null;
  private nf = 0;
  private source?: string;
  constructor(private readonly opts: CationHopOptions) {}

  prepare(topology: Topology, first: Frame, context: FrameContext = {}): NonNullable<CationHopAnalysis['setup']> {
    const opts = this.opts;
    this.source = context.source;
    const where = { file: context.source };
    if (!first.cell) throw new InputError('hop frequency needs a periodic cell; the trajectory has none', where);
    const f0 = copyFrame(first); // the reader reuses the first frame's arrays
    const mobile = ([] as string[]).concat(opts.mobile);
    const mobileIdx = indicesOf(topology, mobile, where);
    const dt =
      f0.time_fs !== undefined
        ? opts.dt_fs
        : frameInterval(null, { source: context.source, timestep_fs: context.timestep_fs, unwrapped: false }, opts.dt_fs);
    const base = { mobile, rIn_A: opts.rIn_A, minResidence_fs: opts.minResidence_fs, dt_fs: dt, file: context.source };
    let analysis: SiteJumpAnalysis;
    let criterion: string,
      siteSource: CationHopResult['siteSource'],
      lattice: string | null = null,
      deviation: number | null = null,
      molCentres = false;
    if (opts.sites) {
      analysis = new SiteJumpAnalysis(opts.sites, base);
      siteSource = 'explicit';
      criterion = 'jumps between the sites of the given site network (hysteresis r_in)';
    } else if (opts.host !== undefined) {
      const hs = hostSublattice(opts.host, topology, f0, { reading: 'containing', mobile, where });
      molCentres = hs.moleculeCentres;
      const match = matchHostLattice(hs.positions(f0), f0.cell!, {
        lattice: opts.lattice,
        maxShapeDeviation: opts.maxShapeDeviation,
        hostAtoms: hs.hostAtoms,
        where,
        describeHosts: `${molCentres ? 'centres of the polyanions containing' : 'atoms of'} ${([] as string[]).concat(opts.host).join(', ')}`,
      });
      analysis = new SiteJumpAnalysis(match.network, { ...base, hostPositions: hs.hostAtoms ? undefined : (fr) => hs.positions(fr) });
      siteSource = 'host-lattice';
      lattice = match.lattice;
      deviation = match.shapeDeviation;
      criterion = `jumps between the interstitial sites of the ${match.lattice} lattice of ${molCentres ? 'polyanion centres' : 'host atoms'} (${([] as string[]).concat(opts.host).join(', ')}), in the trajectory's own cell setting; hysteresis r_in`;
    } else {
      const init = initialCationSites(topology.species.length, f0, mobileIdx);
      analysis = new SiteJumpAnalysis(init.network, { ...base, hostPositions: (fr) => init.hostPositions(fr) });
      siteSource = 'initial-cation-sites';
      criterion = `jumps between the ${mobile.join(', ')} positions of frame 0 (moving with the framework drift); hysteresis r_in`;
    }
    return (this.setup = {
      analysis,
      meta: { criterion, siteSource, lattice, shapeDeviation: deviation, hostIsMoleculeCentres: molCentres },
    });
  }

  addFrame(frame: Frame, topology: Topology): void {
    (this.setup ?? this.prepare(topology, frame)).analysis.addFrame(frame, topology);
    this.nf++;
  }

  result(): CationHopResult {
    if (!this.setup || this.nf < 2) throw new InputError(`hop frequency needs at least 2 frames, got ${this.nf}`, { file: this.source });
    const r = this.setup.analysis.result();
    return {
      hop_per_ns: r.hop_frequency_per_ns,
      hop_per_ion_per_ns: r.hop_frequency_per_ion_per_ns,
      n_hops: r.jumps.length,
      ...this.setup.meta,
      jumps: r,
    };
  }
}

/** Cation hop frequency per cation from site-to-site jumps with hysteresis (see the header), over an in-memory trajectory. */
export async function cationHopFrequency(traj: Trajectory, opts: CationHopOptions): Promise<CationHopResult> {
  const where = { file: traj.info.source };
  if (traj.nFrames < 2) throw new InputError(`hop frequency needs at least 2 frames, got ${traj.nFrames}`, where);
  if (!traj.cells) throw new InputError('hop frequency needs a periodic cell; the trajectory has none', where);
  const a = new CationHopAnalysis(opts);
  await analyseFrames(traj, [a]);
  return a.result();
}
