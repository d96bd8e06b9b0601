/**
 * Cation jumps between sites (METHODS §3), with hysteresis so that rattling is not counted.
 *
 * Assignment: at the first frame each cation belongs to its nearest site. Afterwards it changes
 * site only when it comes within r_in of the centre of a DIFFERENT site; wandering around inside
 * its old site's basin, or towards a neighbour without reaching r_in of it, is no jump (a Schmitt
 * trigger in space). Optionally a minimum residence time: a visit shorter than `minResidence_fs`
 * that is neither the first nor the last of an ion is dropped; A→B→A collapses into one stay on A,
 * A→B→C becomes one jump A→C timed when the ion reached C.
 *
 * Results: jump events {t_fs, ion, from, to, fromType, toType, fromCentre_A, toCentre_A} (t_fs =
 * time of the frame the ion reached its new site; centres at the frames it left/reached them, the
 * `to` centre as the periodic image nearest the `from` centre — ready for jump-correlation analyses),
 * residence times of complete visits per site type, jump rates per (from type, to type) pair in ns⁻¹
 * (whole system and per ion), and hop frequency per cation in ns⁻¹.
 */
import type { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import type { Frame, SourceInfo } from '../core/frame.js';
import type { FrameAnalysis } from '../core/frameAnalysis.js';
import { frameInterval } from '../core/frameInterval.js';
import type { Topology } from '../core/topology.js';
import { indicesOf } from '../core/topology.js';
import { NeighborSearch } from '../geometry/neighborList.js';
import { SiteBinGrid } from './siteBinGrid.js';
import { networkHostPositions, resolveSiteNetwork, siteCentres, SiteNetwork, SiteNetworkSource } from './siteNetwork.js';
import { withKind } from '../core/resultKind.js';

export interface SiteJumpOptions {
  /** Species of the mobile cations. */
  mobile: string | string[];
  /** Capture radius around a site centre that an ion must enter to be assigned to it, Å (default 0.5). */
  rIn_A?: number;
  /** Minimum residence time; shorter intermediate visits are dropped, fs (default 0: none). */
  minResidence_fs?: number;
  /**
   * Site of an ion before it first comes within r_in of a site: 'nearest' (default) assigns every ion to its
   * nearest site at the first frame; 'captured' leaves it unassigned (no visit, no occupancy, site −1) until it
   * first comes within r_in of a site, as GEMDAT does (an ion in transit at the start then contributes no jump
   * from a site it was never seen on).
   */
  initialSite?: 'nearest' | 'captured';
  /** Frame interval, fs; overrides the frames' own times (required when frames carry no time). */
  dt_fs?: number;
  /** Host positions per frame when the network has no host atoms (e.g. anion COMs). */
  hostPositions?: (frame: Frame, topology: Topology) => Float64Array;
  file?: string;
  /**
   * Without `dt_fs`: take the frame interval from the source the way an in-memory Trajectory does
   * (`frameInterval` over ALL the frames' times, which must be evenly spaced, else the source's time
   * step), known only at the end of a stream; frame k is then at k·dt. Without this or `dt_fs`, each
   * frame's own time is used.
   */
  dtFromSource?: SourceInfo;
}

/** One jump of one cation from one site to another. */
export interface SiteJumpEvent {
  /** Time the ion reached its new site (first frame within r_in of it), fs. */
  t_fs: number;
  /**
   * Time the ion was last within r_in of the site it left, fs (the visit's start if it never was, e.g. a first
   * visit by nearest site): t_fs − tDepart_fs is the transit time (GEMDAT's jump 'start time').
   */
  tDepart_fs: number;
  /** Atom index of the ion in the trajectory. */
  ion: number;
  /** Site indices (into the network). */
  from: number;
  to: number;
  fromType: string;
  toType: string;
  /** Centre of the old site when left, and of the new one (image nearest the old centre), Å. */
  fromCentre_A: [number, number, number];
  toCentre_A: [number, number, number];
}

/** Jump rate between two site types. */
export interface SiteJumpRate {
  from: string;
  to: string;
  count: number;
  /** Jumps per ns in the whole simulation box. */
  rate_per_ns: number;
  /** Jumps per ns per mobile ion. */
  rate_per_ion_per_ns: number;
}

/** One stay of one ion on one site (after dropping short visits). */
export interface SiteVisit {
  /** Atom index of the ion. */
  ion: number;
  site: number;
  /** Time the ion reached the site (or the first frame), and the time it reached the next site (or the last frame), fs. */
  tStart_fs: number;
  tEnd_fs: number;
  /** Neither the ion's first nor its last visit (both ends observed). */
  complete: boolean;
}

export interface SiteJumpResult {
  /** What this result is ('jumps'): `show(result)` draws its card and plot by it. Non-enumerable: not in JSON or spreads (core/resultKind.ts). */
  readonly kind?: 'jumps';
  jumps: SiteJumpEvent[];
  /** Every visit of every ion, in ion order then time. */
  visits: SiteVisit[];
  rates: SiteJumpRate[];
  /** Durations of complete visits (neither the first nor the last of an ion), per site type, fs. */
  residence_times_fs: Record<string, number[]>;
  /** Mean residence time per site type, fs (null when no complete visit). */
  mean_residence_fs: Record<string, number | null>;
  /** Jumps per ns per ion (mean over ions) and per ion. */
  hop_frequency_per_ns: number;
  hop_frequency_per_ion_per_ns: Float64Array;
  /** Atom indices of the mobile ions (order of the per-ion arrays). */
  ions: Int32Array;
  duration_fs: number;
  nFrames: number;
  rIn_A: number;
  /** Set when the default r_in (0.5 Å) was reduced to 90 % of half the smallest site–site distance. */
  rIn_note?: string;
  minResidence_fs: number;
  network: SiteNetwork;
}

interface Visit {
  site: number;
  tStart: number;
  tEnd: number;
  lastInside: number;
  entryCentre: [number, number, number];
  exitCentre: [number, number, number];
}

/** Cation site assignment with hysteresis and the jumps it implies. */
export class SiteJumpAnalysis implements FrameAnalysis<SiteJumpResult> {
  private net: SiteNetwork | null = null;
  private mobileIdx: Int32Array | null = null;
  private visits: Visit[][] = [];
  private centres: Float64Array | null = null;
  private cell: Cell | null = null;
  private nFrames = 0;
  private grid: SiteBinGrid | null = null;
  private t0 = 0;
  private tLast = 0;
  /** Per mobile ion (order of `ions`), after the last frame added: its assigned site, its nearest site and the squared distance to that site, Å². */
  assignedSite: Int32Array = new Int32Array(0);
  nearestSite: Int32Array = new Int32Array(0);
  nearestD2: Float64Array = new Float64Array(0);
  /** Capture radius in use, Å (the default 0.5 Å is reduced for networks whose sites are closer than 1 Å). */
  rIn_A: number;
  private rInNote: string | undefined;
  readonly minResidence_fs: number;
  readonly initialSite: 'nearest' | 'captured';

  constructor(
    private readonly source: SiteNetworkSource,
    private readonly opts: SiteJumpOptions,
  ) {
    this.rIn_A = opts.rIn_A ?? 0.5;
    this.minResidence_fs = opts.minResidence_fs ?? 0;
    this.initialSite = opts.initialSite ?? 'nearest';
    if (this.initialSite !== 'nearest' && this.initialSite !== 'captured')
      throw new InputError(`initial site must be "nearest" or "captured", got "${String(opts.initialSite)}"`, { file: opts.file });
    if (!(this.rIn_A > 0) || !Number.isFinite(this.rIn_A))
      throw new InputError(`r_in must be a positive distance in Å, got ${opts.rIn_A}`, { file: opts.file });
    if (!(this.minResidence_fs >= 0) || !Number.isFinite(this.minResidence_fs))
      throw new InputError(`minimum residence must be a time ≥ 0 fs, got ${opts.minResidence_fs}`, { file: opts.file });
    if (opts.dt_fs !== undefined && (!(opts.dt_fs > 0) || !Number.isFinite(opts.dt_fs)))
      throw new InputError(`time step must be a positive number of fs, got ${opts.dt_fs}`, { file: opts.file });
  }

  /** Frame times (dtFromSource), collected while every frame has one. */
  private sourceTimes: number[] | null = [];

  /** The time of a frame, fs (with dtFromSource: its index, turned into fs by result()). */
  private timeOf(frame: Frame): number {
    if (this.opts.dt_fs !== undefined) return frame.index * this.opts.dt_fs;
    if (this.opts.dtFromSource) {
      if (frame.time_fs === undefined) {
        if (this.sourceTimes?.length === 0) frameInterval(null, this.opts.dtFromSource); // no times and no time step: say so at the first frame
        this.sourceTimes = null;
      } else this.sourceTimes?.push(frame.time_fs);
      return frame.index;
    }
    if (frame.time_fs !== undefined) return frame.time_fs;
    throw new InputError('time step missing: the frames carry no times; pass the frame interval in fs (--dt)', {
      file: this.opts.file,
      frame: frame.index,
    });
  }

  addFrame(frame: Frame, topology: Topology): void {
    const file = this.opts.file;
    if (!frame.cell) throw new InputError('jump analysis needs a periodic cell; the frame has none', { file, frame: frame.index });
    const t = this.timeOf(frame);
    const first = !this.net;
    if (first) {
      this.net = resolveSiteNetwork(this.source, frame, topology, file);
      this.mobileIdx = indicesOf(topology, this.opts.mobile, { file, frame: frame.index });
      this.visits = Array.from(this.mobileIdx, () => []);
      this.centres = new Float64Array(3 * this.net.nSites);
      this.assignedSite = new Int32Array(this.mobileIdx.length);
      this.nearestSite = new Int32Array(this.mobileIdx.length);
      this.nearestD2 = new Float64Array(this.mobileIdx.length);
      this.t0 = t;
    } else if (!(t > this.tLast)) {
      throw new InputError(`frame times must increase (got ${t} fs after ${this.tLast} fs)`, { file, frame: frame.index });
    }
    const net = this.net!,
      mi = this.mobileIdx!,
      cell = frame.cell;
    this.cell = cell;
    const hosts = this.opts.hostPositions ? this.opts.hostPositions(frame, topology) : networkHostPositions(net, frame.positions);
    const C = siteCentres(net, hosts, cell, this.centres!);
    if (first) this.checkCaptureRadius(C, cell, frame.index);
    const r2in = this.rIn_A * this.rIn_A;
    // Nearest site by a bin grid over the centres (exact; siteBinGrid.ts), bins ~ the mean site spacing.
    const grid = this.grid ?? (this.grid = new SiteBinGrid(Math.max(0.5, Math.cbrt(cell.volume / net.nSites))));
    grid.update(C, cell);
    for (let c = 0; c < mi.length; c++) {
      const best = grid.nearest(frame.positions[3 * mi[c]], frame.positions[3 * mi[c] + 1], frame.positions[3 * mi[c] + 2]);
      const bd = grid.lastNearestD2;
      this.nearestSite[c] = best;
      this.nearestD2[c] = bd;
      const vs = this.visits[c];
      const centreOf = (s: number): [number, number, number] => [C[3 * s], C[3 * s + 1], C[3 * s + 2]];
      if (vs.length === 0) {
        if (this.initialSite === 'captured' && bd > r2in) {
          this.assignedSite[c] = -1;
          continue;
        }
        vs.push({ site: best, tStart: t, tEnd: t, lastInside: t, entryCentre: centreOf(best), exitCentre: centreOf(best) });
        this.assignedSite[c] = best;
        continue;
      }
      const cur = vs[vs.length - 1];
      if (best !== cur.site && bd <= r2in) {
        cur.exitCentre = centreOf(cur.site);
        cur.tEnd = t;
        vs.push({ site: best, tStart: t, tEnd: t, lastInside: t, entryCentre: centreOf(best), exitCentre: centreOf(best) });
        this.assignedSite[c] = best;
      } else {
        cur.tEnd = t;
        if (best === cur.site && bd <= r2in) cur.lastInside = t;
      }
    }
    this.tLast = t;
    this.nFrames++;
  }

  /**
   * The hysteresis needs r_in < half the smallest site–site distance d_min: beyond it the capture
   * spheres of neighbouring sites overlap, an ion can be within r_in of another site without leaving
   * its own, and with r_in ≫ d_min/2 every change of nearest site counts as a jump (the hysteresis
   * does nothing). A given r_in ≥ d_min/2 is refused; the default 0.5 Å is reduced to 0.9·d_min/2
   * when the network is that dense (e.g. trigonal sites halfway between the tetrahedral sites of
   * bcc α-AgI, d_min ≈ 0.9 Å), and the result says so (`rIn_note`).
   */
  private checkCaptureRadius(C: Float64Array, cell: Cell, frameIndex: number): void {
    if (C.length < 6) return;
    const search = new NeighborSearch();
    search.search(C, cell, 2 * this.rIn_A, { displacements: false });
    const d = search.minDistance;
    if (!(d < 2 * this.rIn_A)) return;
    const [a, b] = search.minPair;
    if (this.opts.rIn_A === undefined && d > 0) {
      const r = 0.45 * d;
      this.rInNote = `default r_in 0.5 Å reduced to ${r.toFixed(3)} Å = 0.9 × half the smallest site–site distance (${d.toFixed(3)} Å, sites ${a} and ${b})`;
      this.rIn_A = r;
      return;
    }
    throw new InputError(
      `r_in = ${this.rIn_A} Å is not below half the smallest site–site distance (${d.toFixed(3)} Å between sites ${a} and ${b}, ` +
        `half = ${(d / 2).toFixed(3)} Å): the capture spheres of neighbouring sites would overlap and the hysteresis would do nothing; ` +
        `expected r_in < ${(d / 2).toFixed(3)} Å`,
      { file: this.opts.file, frame: frameIndex },
    );
  }

  /** Site centres of the last frame added (Cartesian, Å, 3 per site), or null before the first frame. */
  get currentCentres(): Float64Array | null {
    return this.centres;
  }

  result(): SiteJumpResult {
    const net = this.net;
    if (!net || this.nFrames === 0) throw new InputError('jump analysis: no frames were analysed', { file: this.opts.file });
    // dtFromSource: times were frame indices k; frame k is at k·dt (exactly as index·dt_fs would give).
    const dt =
      this.opts.dt_fs === undefined && this.opts.dtFromSource
        ? frameInterval(this.nFrames >= 2 ? this.sourceTimes : null, this.opts.dtFromSource)
        : 1;
    const t0 = this.t0 * dt,
      tLast = this.tLast * dt;
    const timedVisits =
      dt === 1
        ? this.visits
        : this.visits.map((vs) => vs.map((v) => ({ ...v, tStart: v.tStart * dt, tEnd: v.tEnd * dt, lastInside: v.lastInside * dt })));
    const duration = tLast - t0;
    if (this.minResidence_fs > duration) {
      throw new InputError(
        `minimum residence (minResidence_fs, CLI --min-residence) ${this.minResidence_fs} fs is longer than the run (${duration} fs over ${this.nFrames} frames): ` +
          'no visit could qualify; expected a minimum residence shorter than the run',
        { file: this.opts.file },
      );
    }
    const T_ns = duration * 1e-6;
    const mi = this.mobileIdx!;
    const jumps: SiteJumpEvent[] = [];
    const visits: SiteVisit[] = [];
    const residence: Record<string, number[]> = Object.fromEntries(net.typeNames.map((n) => [n, [] as number[]]));
    const perIon = new Float64Array(mi.length);
    const cell = this.cell!;
    const tmp = [0, 0, 0];
    timedVisits.forEach((raw, c) => {
      const vs = dropShortVisits(raw, this.minResidence_fs);
      vs.forEach((v, k) => visits.push({ ion: mi[c], site: v.site, tStart_fs: v.tStart, tEnd_fs: v.tEnd, complete: k > 0 && k < vs.length - 1 }));
      for (let k = 1; k < vs.length; k++) {
        const a = vs[k - 1],
          b = vs[k];
        const f = a.exitCentre;
        cell.minimumImage(b.entryCentre[0] - f[0], b.entryCentre[1] - f[1], b.entryCentre[2] - f[2], tmp);
        jumps.push({
          t_fs: b.tStart,
          tDepart_fs: a.lastInside,
          ion: mi[c],
          from: a.site,
          to: b.site,
          fromType: net.typeNames[net.siteType[a.site]],
          toType: net.typeNames[net.siteType[b.site]],
          fromCentre_A: [f[0], f[1], f[2]],
          toCentre_A: [f[0] + tmp[0], f[1] + tmp[1], f[2] + tmp[2]],
        });
      }
      for (let k = 1; k < vs.length - 1; k++) residence[net.typeNames[net.siteType[vs[k].site]]].push(vs[k].tEnd - vs[k].tStart);
      perIon[c] = T_ns > 0 && vs.length > 1 ? (vs.length - 1) / T_ns : 0;
    });
    jumps.sort((a, b) => a.t_fs - b.t_fs || a.ion - b.ion);
    const pairs = new Map<string, SiteJumpRate>();
    for (const j of jumps) {
      const key = `${j.fromType}\u0000${j.toType}`;
      let r = pairs.get(key);
      if (!r) {
        r = { from: j.fromType, to: j.toType, count: 0, rate_per_ns: 0, rate_per_ion_per_ns: 0 };
        pairs.set(key, r);
      }
      r.count++;
    }
    const rates = [...pairs.values()].map((r) => ({
      ...r,
      rate_per_ns: T_ns > 0 ? r.count / T_ns : 0,
      rate_per_ion_per_ns: T_ns > 0 ? r.count / T_ns / mi.length : 0,
    }));
    const mean_residence_fs = Object.fromEntries(
      Object.entries(residence).map(([k, v]) => [k, v.length ? v.reduce((a, b) => a + b, 0) / v.length : null]),
    );
    return withKind(
      {
        jumps,
        visits,
        rates,
        residence_times_fs: residence,
        mean_residence_fs,
        hop_frequency_per_ns: T_ns > 0 ? jumps.length / T_ns / mi.length : 0,
        hop_frequency_per_ion_per_ns: perIon,
        ions: mi,
        duration_fs: duration,
        nFrames: this.nFrames,
        rIn_A: this.rIn_A,
        ...(this.rInNote ? { rIn_note: this.rInNote } : {}),
        minResidence_fs: this.minResidence_fs,
        network: net,
      },
      'jumps',
    );
  }
}

/** Drop intermediate visits shorter than `minRes` (see the header); first and last visits are kept. */
export function dropShortVisits<V extends { site: number; tStart: number; tEnd: number; exitCentre?: unknown; lastInside?: number }>(
  visits: V[],
  minRes: number,
): V[] {
  const vs = visits.map((v) => ({ ...v }));
  if (!(minRes > 0)) return vs;
  let i = 1;
  while (i < vs.length - 1) {
    if (vs[i].tEnd - vs[i].tStart >= minRes) {
      i++;
      continue;
    }
    const prev = vs[i - 1],
      next = vs[i + 1];
    if (prev.site === next.site) {
      prev.tEnd = next.tEnd;
      if (next.exitCentre !== undefined) prev.exitCentre = next.exitCentre;
      if (next.lastInside !== undefined) prev.lastInside = next.lastInside;
      vs.splice(i, 2);
    } else {
      vs.splice(i, 1);
    }
    i = Math.max(1, i - 1);
  }
  return vs;
}
