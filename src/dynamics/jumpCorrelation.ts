/**
 * Spatio-temporal correlation of cation jumps (Wood 2021, Fig. 6).
 *
 * For every pair of jumps (by different ions, unless `sameIon`), Δt = |t_b − t_a| and r = the
 * minimum-image distance between the jumps' midpoints. The 2D histogram H(Δt, r) is divided by the
 * number of time origins available at that separation (T − Δt), which for uncorrelated (Poisson)
 * jumps makes it independent of Δt, and then by its mean over the long-time window at each distance:
 *   g(Δt, r) = [H(Δt, r)/(T − Δt)] / ⟨H(Δt', r)/(T − Δt')⟩_{Δt' ∈ long window}.
 * g = 1 means uncorrelated; g > 1 marks correlated "hot spots" (e.g. cascades of nearby jumps).
 * Also the distribution of the angle between the two jump vectors for pairs within a short window
 * (default 140 fs, as in Wood 2021) vs distance: concerted (θ≈0) vs back-and-forth (θ≈180°) motion.
 */
import type { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import { withKind } from '../core/resultKind.js';

/** One jump of a mobile ion between sites. */
export interface JumpEvent {
  /** Time of the jump, fs. */
  t_fs: number;
  /** Index of the ion that jumped. */
  ion: number;
  /** Start position of the jump (site centre or ion position), Å. */
  from: [number, number, number];
  /** End position, Å. */
  to: [number, number, number];
}

export interface JumpCorrelationOptions {
  /** Total length of the run, fs (the time range jumps were looked for in). */
  duration_fs: number;
  /** Periodic cell for minimum-image distances (a representative frame's cell). */
  cell: Cell;
  /** Time bin width, fs (default duration/50). */
  dt_fs?: number;
  /** Largest time separation histogrammed, fs (default duration/2). */
  tMax_fs?: number;
  /** Distance bin width, Å (default 0.5). */
  dr_A?: number;
  /** Largest distance, Å (default half the smallest perpendicular cell width). */
  rMax_A?: number;
  /** Start of the long-time window that defines "uncorrelated", fs (default tMax/2). */
  longTimeFrom_fs?: number;
  /** Window for the jump-vector angle distribution, fs (default 140). */
  angleWindow_fs?: number;
  /** Angle bin width, degrees (default 15). */
  dTheta_deg?: number;
  /** Include pairs of jumps by the same ion (default false). */
  sameIon?: boolean;
}

export interface JumpCorrelationResult {
  /** What this result is ('jump-correlation'): `show(result)` draws its card and plot by it. Non-enumerable: not in JSON or spreads (core/resultKind.ts). */
  readonly kind?: 'jump-correlation';
  /** Time-separation bin centres, fs. */
  dt_fs: Float64Array;
  /** Distance bin centres, Å. */
  r_A: Float64Array;
  /** Normalised correlation g(Δt, r), row-major [time bin][distance bin]; null where the long-time limit is empty. */
  g: (number | null)[][];
  /** Raw pair counts, same layout. */
  counts: Float64Array;
  /** Angle bin centres, degrees. */
  theta_deg: Float64Array;
  /** Angle distribution per distance bin for pairs with Δt ≤ angleWindow, row-major [distance bin][angle bin], each row normalised to 1 (null rows where no pairs). */
  angleDistribution: (number[] | null)[];
  nJumps: number;
  nPairs: number;
  options: Required<Omit<JumpCorrelationOptions, 'cell'>>;
}

/** Jump–jump correlation in time and distance, and the jump-vector angle distribution. */
export function jumpCorrelation(jumps: JumpEvent[], opts: JumpCorrelationOptions): JumpCorrelationResult {
  const T = opts.duration_fs;
  if (!(T > 0)) throw new InputError(`run duration must be positive (fs), got ${T}`);
  if (jumps.length < 2) throw new InputError(`jump correlation needs at least two jumps, got ${jumps.length}`);
  const widths = opts.cell.perpendicularWidths();
  const o = {
    duration_fs: T,
    dt_fs: opts.dt_fs ?? T / 50,
    tMax_fs: opts.tMax_fs ?? T / 2,
    dr_A: opts.dr_A ?? 0.5,
    rMax_A: opts.rMax_A ?? Math.min(...widths) / 2,
    longTimeFrom_fs: 0,
    angleWindow_fs: opts.angleWindow_fs ?? 140,
    dTheta_deg: opts.dTheta_deg ?? 15,
    sameIon: opts.sameIon ?? false,
  };
  o.longTimeFrom_fs = opts.longTimeFrom_fs ?? o.tMax_fs / 2;
  if (!(o.dt_fs > 0) || !(o.tMax_fs > o.dt_fs) || o.tMax_fs >= T)
    throw new InputError(`need 0 < dt_fs < tMax_fs < duration (got ${o.dt_fs}, ${o.tMax_fs}, ${T})`);
  if (!(o.dr_A > 0) || !(o.rMax_A > o.dr_A)) throw new InputError(`need 0 < dr_A < rMax_A (got ${o.dr_A}, ${o.rMax_A})`);
  if (!(o.longTimeFrom_fs >= 0 && o.longTimeFrom_fs < o.tMax_fs))
    throw new InputError(`longTimeFrom_fs must lie in [0, tMax_fs), got ${o.longTimeFrom_fs}`);
  const nt = Math.floor(o.tMax_fs / o.dt_fs),
    nr = Math.floor(o.rMax_A / o.dr_A),
    na = Math.ceil(180 / o.dTheta_deg);
  const counts = new Float64Array(nt * nr),
    angles = new Float64Array(nr * na);
  const mid = jumps.map((j) => {
    for (const v of [...j.from, ...j.to, j.t_fs])
      if (!Number.isFinite(v)) throw new InputError(`jump of ion ${j.ion} at ${j.t_fs} fs has a non-finite coordinate or time`);
    return [(j.from[0] + j.to[0]) / 2, (j.from[1] + j.to[1]) / 2, (j.from[2] + j.to[2]) / 2];
  });
  const vec = jumps.map((j) => {
    const d = [0, 0, 0];
    opts.cell.minimumImage(j.to[0] - j.from[0], j.to[1] - j.from[1], j.to[2] - j.from[2], d);
    return d;
  });
  const order = jumps.map((_, k) => k).sort((a, b) => jumps[a].t_fs - jumps[b].t_fs);
  const d = [0, 0, 0];
  let nPairs = 0;
  for (let x = 0; x < order.length; x++) {
    const a = order[x];
    for (let y = x + 1; y < order.length; y++) {
      const b = order[y];
      const dt = jumps[b].t_fs - jumps[a].t_fs;
      if (dt >= o.tMax_fs) break;
      if (!o.sameIon && jumps[a].ion === jumps[b].ion) continue;
      const r = Math.sqrt(opts.cell.minimumImage(mid[b][0] - mid[a][0], mid[b][1] - mid[a][1], mid[b][2] - mid[a][2], d));
      const ir = Math.floor(r / o.dr_A);
      if (ir >= nr) continue;
      nPairs++;
      counts[Math.floor(dt / o.dt_fs) * nr + ir]++;
      if (dt <= o.angleWindow_fs) {
        const va = vec[a],
          vb = vec[b];
        const c = (va[0] * vb[0] + va[1] * vb[1] + va[2] * vb[2]) / (Math.hypot(va[0], va[1], va[2]) * Math.hypot(vb[0], vb[1], vb[2]));
        if (Number.isFinite(c)) {
          const th = (Math.acos(Math.max(-1, Math.min(1, c))) * 180) / Math.PI;
          angles[ir * na + Math.min(na - 1, Math.floor(th / o.dTheta_deg))]++;
        }
      }
    }
  }
  // Per-origin rate: divide by the number of time origins (T − Δt) at the bin centre.
  const rate = (it: number, ir: number) => counts[it * nr + ir] / (T - (it + 0.5) * o.dt_fs);
  const itLong = Math.floor(o.longTimeFrom_fs / o.dt_fs);
  const g: (number | null)[][] = [];
  const longMean = new Float64Array(nr);
  for (let ir = 0; ir < nr; ir++) {
    let s = 0;
    for (let it = itLong; it < nt; it++) s += rate(it, ir);
    longMean[ir] = s / (nt - itLong);
  }
  for (let it = 0; it < nt; it++) {
    const row: (number | null)[] = [];
    for (let ir = 0; ir < nr; ir++) row.push(longMean[ir] > 0 ? rate(it, ir) / longMean[ir] : null);
    g.push(row);
  }
  const angleDistribution: (number[] | null)[] = [];
  for (let ir = 0; ir < nr; ir++) {
    let s = 0;
    for (let ia = 0; ia < na; ia++) s += angles[ir * na + ia];
    angleDistribution.push(s > 0 ? Array.from(angles.subarray(ir * na, (ir + 1) * na), (v) => v / s) : null);
  }
  return withKind(
    {
      dt_fs: Float64Array.from({ length: nt }, (_, k) => (k + 0.5) * o.dt_fs),
      r_A: Float64Array.from({ length: nr }, (_, k) => (k + 0.5) * o.dr_A),
      g,
      counts,
      theta_deg: Float64Array.from({ length: na }, (_, k) => (k + 0.5) * o.dTheta_deg),
      angleDistribution,
      nJumps: jumps.length,
      nPairs,
      options: o,
    },
    'jump-correlation',
  );
}
