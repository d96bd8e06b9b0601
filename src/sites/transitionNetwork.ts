/**
 * Transition network between individual sites (GEMDAT "transitions"; METHODS §3 jumps, per site pair).
 *
 * Jumps and visits come from the hysteresis assignment of siteJumps.ts. For each site i:
 *   T_i   = total time ions spend on i (all visits, first and last included), fs
 *   n_i   = T_i / t_run                       mean number of ions on i (occupancy)
 *   τ_i   = mean duration of complete visits  (mean residence), fs
 * For each directed site pair i → j with N_ij jumps, the rate per ion on i (maximum-likelihood rate
 * of a continuous-time Markov jump process):
 *   k_ij = N_ij / T_i  (ns⁻¹),  σ(k_ij) = √N_ij / T_i (Poisson),
 * and the rate matrix Q_ij = k_ij (i ≠ j), Q_ii = −Σ_j k_ij. Per site type A → B: k_AB = N_AB / T_A.
 *
 * Activation energy per jump (transition-state theory, k = ν₀ exp(−E_a / k_B T); as GEMDAT):
 *   E_a = −k_B T ln(k / ν₀),  σ(E_a) = k_B T / √N (rate counting only),
 * with the attempt frequency ν₀ given (e.g. the VDOS band centre of the mobile species, Li 2025 eq. 8)
 * or estimated per site type from the vibration in the site (harmonic well, equipartition):
 *   σ² = (⟨|u|²⟩ − |⟨u⟩|²)/3 per Cartesian component,  ν₀ = (1/2π) √(k_B T / (m σ²)),
 * where u = r − c(t) over the frames an ion is assigned to the site AND nearest to it (not in transit).
 * An anharmonic or shallow site inflates σ² and lowers this ν₀ (E_a then too low by k_B T ln of the ratio).
 * Vibration amplitude per site: u_rms = √⟨|u|²⟩ (Å, 3D, about the site centre).
 *
 * GEMDAT's convention (rateTime 'within-r-in'): T_i = (ion-frames within r_in of site i) × Δt, i.e. time
 * in transit between capture spheres is not counted on any site; then k_ij and E_a per pair equal GEMDAT's
 * `Jumps.to_graph` (its occupancy × n_frames × Δt) for the same ν₀. The default ('assigned') counts the whole
 * time an ion is assigned to i (until it reaches the next site), so Σ_i T_i = N_ions × t_run and Q is the
 * generator of the coarse-grained Markov jump process the rates describe; GEMDAT's T_i is smaller by the transit
 * fraction, its rates larger and its E_a lower, by an amount that depends on the chosen radius.
 * Per site also: occupancy within r_in = ion-frames within r_in / n_frames (GEMDAT's site occupancy).
 */
import { InputError } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import type { FrameAnalysis } from '../core/frameAnalysis.js';
import type { Topology } from '../core/topology.js';
import { indicesOf } from '../core/topology.js';
import { EV_PER_A_AMU_IN_A_PER_FS2, KB_EV_PER_K } from '../core/units.js';
import { collectiveJumps, CollectiveJumpResult } from './collectiveJumps.js';
import type { SiteNetworkSource, SiteNetwork } from './siteNetwork.js';
import { SiteJumpAnalysis, SiteJumpOptions, SiteJumpResult } from './siteJumps.js';
import { withKind } from '../core/resultKind.js';

export interface TransitionNetworkOptions extends SiteJumpOptions {
  /** Temperature of the run, K (needed for activation energies and the harmonic attempt frequency). */
  temperature_K?: number;
  /** Attempt frequency ν₀, THz (e.g. the VDOS band centre); default: estimated per site type from the site vibration. */
  attemptFrequency_THz?: number;
  /** Largest time between two jumps that share a site for them to count as collective, fs (default 500). */
  collectiveWindow_fs?: number;
  /** Collective-jump timing: 'arrival' (default) or GEMDAT's 'interval' (see collectiveJumps.ts). */
  collectiveTiming?: 'arrival' | 'interval';
  /** Sites closer than this count as shared for collective jumps, Å (GEMDAT: 1); default the same site only. */
  collectiveSiteDistance_A?: number;
  /** Time on site i in k_ij = N_ij / T_i: 'assigned' (default) or 'within-r-in' (GEMDAT; see the file header). */
  rateTime?: 'assigned' | 'within-r-in';
}

/** One site of the network. */
export interface TransitionSite {
  index: number;
  type: string;
  /** Centre at the first frame, Å. */
  centre_A: [number, number, number];
  /** Total ion time on the site, fs, and mean number of ions on it (T_i / run duration). */
  time_fs: number;
  occupancy: number;
  /** Ion-frames within r_in of the site, and their mean per frame (GEMDAT's occupancy). */
  frames_within_r_in: number;
  occupancy_within_r_in: number;
  /** Visits (all) and complete visits (both ends seen). */
  visits: number;
  complete_visits: number;
  /** Mean duration of complete visits, fs (null when none). */
  mean_residence_fs: number | null;
  /** Σ_j k_ij, ns⁻¹ (1/exit rate = maximum-likelihood mean residence). */
  exit_rate_per_ns: number;
  /** RMS distance from the site centre while on the site, Å; per-component variance about the mean, Å² (null without samples). */
  vibration_rms_A: number | null;
  vibration_variance_A2: number | null;
  vibration_samples: number;
  /** |⟨u⟩|: distance of the mean ion position on the site from the site centre, Å (null without samples). */
  mean_offset_A: number | null;
}

/** Jumps from one site to another. */
export interface TransitionEdge {
  from: number;
  to: number;
  fromType: string;
  toType: string;
  count: number;
  /** k_ij = N_ij / T_i per ion on the from site, ns⁻¹, and its Poisson error. */
  rate_per_ns: number;
  rate_error_per_ns: number;
  /** Distance between the site centres at the first jump i → j (new centre as the image nearest the old), Å. */
  distance_A: number;
  /** Vector from the from-site centre to the to-site centre (that image) at that jump, Å. */
  vector_A: [number, number, number];
  /** E_a = −k_B T ln(k/ν₀), eV, and its counting error (null without temperature or ν₀). */
  activation_energy_eV: number | null;
  activation_energy_error_eV: number | null;
}

/** Jumps from one site type to another. */
export interface TransitionTypeRate {
  from: string;
  to: string;
  count: number;
  /** k_AB = N_AB / T_A, per ion on a site of type A, ns⁻¹, and its Poisson error. */
  rate_per_ns: number;
  rate_error_per_ns: number;
  /** Attempt frequency used, THz, and the activation energy, eV (null when unknown). */
  attempt_frequency_THz: number | null;
  activation_energy_eV: number | null;
  activation_energy_error_eV: number | null;
}

/** Site vibration and attempt frequency per site type. */
export interface TransitionTypeVibration {
  type: string;
  sites: number;
  samples: number;
  /** Pooled per-component variance about each site's mean position, Å², and RMS amplitude about the centre, Å. */
  variance_A2: number | null;
  rms_A: number | null;
  /** Harmonic ν₀ = (1/2π)√(k_B T/(m σ²)), THz (null without temperature or samples). */
  harmonic_attempt_frequency_THz: number | null;
}

export interface TransitionNetworkResult {
  /** What this result is ('transitions'): `show(result)` draws its card and plot by it. Non-enumerable: not in JSON or spreads (core/resultKind.ts). */
  readonly kind?: 'transitions';
  sites: TransitionSite[];
  /** Directed site pairs with at least one jump (the nonzero off-diagonal of the rate matrix). */
  edges: TransitionEdge[];
  typeRates: TransitionTypeRate[];
  vibration: TransitionTypeVibration[];
  /** Where ν₀ came from: "given" or "site vibration (harmonic)", and why E_a is missing if it is. */
  attempt_frequency_source: 'given' | 'site vibration (harmonic)' | null;
  attempt_frequency_THz: number | null;
  activation_energy_note: string | null;
  temperature_K: number | null;
  collective: CollectiveJumpResult;
  /** Mass of the mobile ions used for ν₀, amu (mean over them). */
  mobile_mass_amu: number;
  /** Time on a site used in the rates (see TransitionNetworkOptions.rateTime). */
  rate_time: 'assigned' | 'within-r-in';
  jumps: SiteJumpResult;
  duration_fs: number;
  nFrames: number;
}

/** Site-to-site transition network (see the file header). */
export class TransitionNetworkAnalysis implements FrameAnalysis<TransitionNetworkResult> {
  private readonly jumps: SiteJumpAnalysis;
  private n: Float64Array | null = null;
  private su: Float64Array | null = null;
  private su2: Float64Array | null = null;
  private centre0: Float64Array | null = null;
  private within: Float64Array | null = null;
  private cell: Frame['cell'] = null;
  private mobile: Int32Array | null = null;
  private mass = 0;
  private readonly tmp = [0, 0, 0];

  constructor(
    source: SiteNetworkSource,
    private readonly opts: TransitionNetworkOptions,
  ) {
    const T = opts.temperature_K,
      nu = opts.attemptFrequency_THz,
      w = opts.collectiveWindow_fs;
    if (T !== undefined && !(T > 0 && Number.isFinite(T)))
      throw new InputError(`temperature must be a positive number of K, got ${T}`, { file: opts.file });
    if (nu !== undefined && !(nu > 0 && Number.isFinite(nu)))
      throw new InputError(`attempt frequency must be a positive number of THz, got ${nu}`, { file: opts.file });
    if (w !== undefined && !(w >= 0 && Number.isFinite(w)))
      throw new InputError(`collective-jump window must be a time ≥ 0 fs, got ${w}`, { file: opts.file });
    if (opts.rateTime !== undefined && opts.rateTime !== 'assigned' && opts.rateTime !== 'within-r-in')
      throw new InputError(`rate time must be "assigned" or "within-r-in", got "${String(opts.rateTime)}"`, { file: opts.file });
    this.jumps = new SiteJumpAnalysis(source, opts);
  }

  addFrame(frame: Frame, topology: Topology): void {
    this.jumps.addFrame(frame, topology);
    const C = this.jumps.currentCentres!,
      cell = frame.cell!;
    if (!this.n) {
      const nSites = C.length / 3;
      this.n = new Float64Array(nSites);
      this.su = new Float64Array(3 * nSites);
      this.su2 = new Float64Array(nSites);
      this.centre0 = C.slice();
      this.within = new Float64Array(nSites);
      this.mobile = indicesOf(topology, this.opts.mobile, { file: this.opts.file, frame: frame.index });
      let m = 0;
      for (const i of this.mobile) m += topology.masses[i];
      this.mass = m / this.mobile.length;
    }
    const a = this.jumps.assignedSite,
      nb = this.jumps.nearestSite,
      mi = this.mobile!,
      p = frame.positions,
      t = this.tmp;
    const n = this.n,
      su = this.su!,
      su2 = this.su2!,
      within = this.within!,
      d2n = this.jumps.nearestD2,
      r2 = this.jumps.rIn_A * this.jumps.rIn_A;
    this.cell = cell;
    for (let c = 0; c < mi.length; c++) {
      if (d2n[c] <= r2) within[nb[c]]++;
      const s = a[c];
      if (nb[c] !== s) continue; // in transit: not a vibration in the site
      const d2 = cell.minimumImage(p[3 * mi[c]] - C[3 * s], p[3 * mi[c] + 1] - C[3 * s + 1], p[3 * mi[c] + 2] - C[3 * s + 2], t);
      n[s]++;
      su[3 * s] += t[0];
      su[3 * s + 1] += t[1];
      su[3 * s + 2] += t[2];
      su2[s] += d2;
    }
  }

  result(): TransitionNetworkResult {
    const jr = this.jumps.result();
    return transitionNetworkFromJumps(jr, {
      temperature_K: this.opts.temperature_K,
      attemptFrequency_THz: this.opts.attemptFrequency_THz,
      collectiveWindow_fs: this.opts.collectiveWindow_fs,
      mobileMass_amu: this.mass,
      vibration: { n: this.n!, su: this.su!, su2: this.su2! },
      centres_A: this.centre0!,
      within: this.within!,
      rateTime: this.opts.rateTime,
      collectiveTiming: this.opts.collectiveTiming,
      collectiveSiteDistance_A: this.opts.collectiveSiteDistance_A,
      minimumImage: this.cell ? this.cell.minimumImage.bind(this.cell) : undefined,
    });
  }
}

/** Per-site vibration sums: samples, Σu (3 per site), Σ|u|² (Å, Å²). */
export interface SiteVibrationSums {
  n: Float64Array;
  su: Float64Array;
  su2: Float64Array;
}

/** Harmonic attempt frequency ν₀ = (1/2π)√(k_B T/(m σ²)), THz, from the per-component variance σ² (Å²). */
export function harmonicAttemptFrequency_THz(variance_A2: number, mass_amu: number, temperature_K: number): number {
  if (!(variance_A2 > 0) || !(mass_amu > 0) || !(temperature_K > 0))
    throw new InputError(
      `harmonic attempt frequency needs a positive variance, mass and temperature (got ${variance_A2} Å², ${mass_amu} amu, ${temperature_K} K)`,
    );
  const omega2 = ((KB_EV_PER_K * temperature_K) / (mass_amu * variance_A2)) * EV_PER_A_AMU_IN_A_PER_FS2; // fs⁻²
  return (Math.sqrt(omega2) / (2 * Math.PI)) * 1000;
}

/** E_a = −k_B T ln(k/ν₀), eV, for a rate in ns⁻¹ and ν₀ in THz. */
export function activationEnergyFromRate_eV(rate_per_ns: number, attempt_THz: number, temperature_K: number): number {
  if (!(rate_per_ns > 0) || !(attempt_THz > 0) || !(temperature_K > 0))
    throw new InputError(
      `activation energy needs a positive rate, attempt frequency and temperature (got ${rate_per_ns} ns⁻¹, ${attempt_THz} THz, ${temperature_K} K)`,
    );
  return -KB_EV_PER_K * temperature_K * Math.log(rate_per_ns / (attempt_THz * 1000));
}

/**
 * The transition network from a site-jump result (its visits and jumps) and, optionally, the per-site
 * vibration sums of the same run (see {@link TransitionNetworkAnalysis}, which collects both).
 */
export function transitionNetworkFromJumps(
  jr: SiteJumpResult,
  o: {
    temperature_K?: number;
    attemptFrequency_THz?: number;
    collectiveWindow_fs?: number;
    mobileMass_amu?: number;
    vibration?: SiteVibrationSums;
    centres_A?: ArrayLike<number>;
    /** Ion-frames within r_in per site (needed for rateTime 'within-r-in'). */
    within?: ArrayLike<number>;
    rateTime?: 'assigned' | 'within-r-in';
    collectiveTiming?: 'arrival' | 'interval';
    collectiveSiteDistance_A?: number;
    minimumImage?: (dx: number, dy: number, dz: number, out: number[]) => number;
  },
): TransitionNetworkResult {
  const net: SiteNetwork = jr.network,
    nS = net.nSites;
  const rateTime = o.rateTime ?? 'assigned';
  if (rateTime === 'within-r-in' && !o.within) throw new InputError('rates per time within r_in need the per-site counts of ion-frames within r_in');
  const dtFrame = jr.nFrames > 1 ? jr.duration_fs / (jr.nFrames - 1) : 0;
  const typeOf = (s: number) => net.typeNames[net.siteType[s]];
  const time = new Float64Array(nS),
    visits = new Int32Array(nS),
    complete = new Int32Array(nS),
    completeSum = new Float64Array(nS);
  for (const v of jr.visits) {
    const d = v.tEnd_fs - v.tStart_fs;
    time[v.site] += d;
    visits[v.site]++;
    if (v.complete) {
      complete[v.site]++;
      completeSum[v.site] += d;
    }
  }
  /** T_i in the rates, fs. */
  const rateT = rateTime === 'assigned' ? time : Float64Array.from(o.within!, (x) => x * dtFrame);
  const T = o.temperature_K ?? null,
    kT = T === null ? null : KB_EV_PER_K * T;
  const mass = o.mobileMass_amu ?? 0;
  const vib = o.vibration;
  const varianceOf = (s: number) => {
    if (!vib || vib.n[s] < 2) return null;
    const m = vib.n[s];
    const mx = vib.su[3 * s] / m,
      my = vib.su[3 * s + 1] / m,
      mz = vib.su[3 * s + 2] / m;
    return Math.max(0, vib.su2[s] / m - (mx * mx + my * my + mz * mz)) / 3;
  };
  // Edges.
  const edgeMap = new Map<number, { count: number; vec: [number, number, number] }>();
  for (const j of jr.jumps) {
    const key = j.from * nS + j.to,
      e = edgeMap.get(key);
    if (e) e.count++;
    else
      edgeMap.set(key, {
        count: 1,
        vec: [j.toCentre_A[0] - j.fromCentre_A[0], j.toCentre_A[1] - j.fromCentre_A[1], j.toCentre_A[2] - j.fromCentre_A[2]],
      });
  }
  const C0 = o.centres_A;
  const exitRate = new Float64Array(nS);
  // Attempt frequency per from-type.
  const typeNames = net.typeNames;
  const vibration: TransitionTypeVibration[] = typeNames.map((name, t) => {
    let samples = 0,
      wv = 0,
      r2 = 0,
      sites = 0;
    for (let s = 0; s < nS; s++) {
      if (net.siteType[s] !== t) continue;
      sites++;
      const v = varianceOf(s);
      if (v === null) continue;
      samples += vib!.n[s];
      wv += v * vib!.n[s];
      r2 += vib!.su2[s];
    }
    const variance = samples > 0 ? wv / samples : null;
    const nu = variance !== null && variance > 0 && T !== null && mass > 0 ? harmonicAttemptFrequency_THz(variance, mass, T) : null;
    return {
      type: name,
      sites,
      samples,
      variance_A2: variance,
      rms_A: samples > 0 ? Math.sqrt(r2 / samples) : null,
      harmonic_attempt_frequency_THz: nu,
    };
  });
  const given = o.attemptFrequency_THz ?? null;
  const nuOfType = (t: string): number | null => given ?? vibration.find((v) => v.type === t)?.harmonic_attempt_frequency_THz ?? null;
  let note: string | null = null;
  if (T === null) note = 'no temperature given: activation energies need the run temperature';
  else if (given === null && vibration.every((v) => v.harmonic_attempt_frequency_THz === null))
    note = 'no attempt frequency given and no site vibration to estimate it from';
  const ea = (rate: number, count: number, fromType: string) => {
    const nu = nuOfType(fromType);
    if (kT === null || nu === null || !(rate > 0)) return { e: null, err: null };
    return { e: activationEnergyFromRate_eV(rate, nu, T!), err: kT / Math.sqrt(count) };
  };
  const edges: TransitionEdge[] = [...edgeMap.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([key, { count, vec }]) => {
      const from = Math.floor(key / nS),
        to = key % nS;
      const Tns = rateT[from] * 1e-6;
      const rate = Tns > 0 ? count / Tns : 0;
      exitRate[from] += rate;
      const fromType = typeOf(from),
        toType = typeOf(to);
      const a = ea(rate, count, fromType);
      return {
        from,
        to,
        fromType,
        toType,
        count,
        rate_per_ns: rate,
        rate_error_per_ns: Tns > 0 ? Math.sqrt(count) / Tns : 0,
        distance_A: Math.hypot(vec[0], vec[1], vec[2]),
        vector_A: vec,
        activation_energy_eV: a.e,
        activation_energy_error_eV: a.err,
      };
    });
  // Type-pair rates.
  const typeTime = new Map<string, number>();
  for (let s = 0; s < nS; s++) typeTime.set(typeOf(s), (typeTime.get(typeOf(s)) ?? 0) + rateT[s]);
  const typeRates: TransitionTypeRate[] = jr.rates.map((r) => {
    const Tns = (typeTime.get(r.from) ?? 0) * 1e-6;
    const rate = Tns > 0 ? r.count / Tns : 0;
    const a = ea(rate, r.count, r.from);
    return {
      from: r.from,
      to: r.to,
      count: r.count,
      rate_per_ns: rate,
      rate_error_per_ns: Tns > 0 ? Math.sqrt(r.count) / Tns : 0,
      attempt_frequency_THz: nuOfType(r.from),
      activation_energy_eV: a.e,
      activation_energy_error_eV: a.err,
    };
  });
  const sites: TransitionSite[] = [];
  for (let s = 0; s < nS; s++) {
    const v = varianceOf(s);
    sites.push({
      index: s,
      type: typeOf(s),
      centre_A: C0 ? [C0[3 * s], C0[3 * s + 1], C0[3 * s + 2]] : [NaN, NaN, NaN],
      time_fs: time[s],
      occupancy: jr.duration_fs > 0 ? time[s] / jr.duration_fs : 0,
      frames_within_r_in: o.within ? o.within[s] : 0,
      occupancy_within_r_in: o.within && jr.nFrames > 0 ? o.within[s] / jr.nFrames : 0,
      visits: visits[s],
      complete_visits: complete[s],
      mean_residence_fs: complete[s] ? completeSum[s] / complete[s] : null,
      exit_rate_per_ns: exitRate[s],
      vibration_rms_A: vib && vib.n[s] > 0 ? Math.sqrt(vib.su2[s] / vib.n[s]) : null,
      vibration_variance_A2: v,
      vibration_samples: vib ? vib.n[s] : 0,
      mean_offset_A: vib && vib.n[s] > 0 ? Math.hypot(vib.su[3 * s], vib.su[3 * s + 1], vib.su[3 * s + 2]) / vib.n[s] : null,
    });
  }
  const window = o.collectiveWindow_fs ?? 500;
  return withKind(
    {
      sites,
      edges,
      typeRates,
      vibration,
      attempt_frequency_source:
        given !== null ? 'given' : vibration.some((v) => v.harmonic_attempt_frequency_THz !== null) ? 'site vibration (harmonic)' : null,
      attempt_frequency_THz: given,
      activation_energy_note: note,
      temperature_K: T,
      collective: collectiveJumps(jr.jumps, {
        window_fs: window,
        duration_fs: jr.duration_fs,
        timing: o.collectiveTiming,
        maxSiteDistance_A: o.collectiveSiteDistance_A,
        minimumImage: o.minimumImage,
      }),
      mobile_mass_amu: mass,
      rate_time: rateTime,
      jumps: jr,
      duration_fs: jr.duration_fs,
      nFrames: jr.nFrames,
    },
    'transitions',
  );
}

/**
 * Dense rate matrix Q (ns⁻¹, row-major nSites × nSites): Q_ij = k_ij, Q_ii = −Σ_j k_ij. Refused above
 * `maxSites` (default 4000) sites; use `edges` (the sparse form) for large networks.
 */
export function rateMatrix(r: TransitionNetworkResult, maxSites = 4000): Float64Array {
  const n = r.sites.length;
  if (n > maxSites)
    throw new InputError(`rate matrix of ${n} sites would hold ${n * n} numbers (limit ${maxSites} sites); use the edge list instead`);
  const Q = new Float64Array(n * n);
  for (const e of r.edges) {
    Q[e.from * n + e.to] += e.rate_per_ns;
    Q[e.from * n + e.from] -= e.rate_per_ns;
  }
  return Q;
}
