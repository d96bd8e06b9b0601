/**
 * Van Hove correlation functions of one species (Kweon 2017 SI Fig. S3), at chosen lag times t,
 * averaged over time origins t0 = 0, s, 2s, … (origin stride s, default 1 = all origins):
 *
 *   G_s(r,t) = 1/N Σ_i ⟨δ(r − |r_i(t0+t) − r_i(t0)|)⟩ / (4πr²)
 *       normalised so ∫ G_s(r,t) 4πr² dr = 1 (the fraction of displacements below r_max);
 *       displacements from unwrapped positions (wrapped input is unwrapped frame to frame by the
 *       minimum image);
 *   G_d(r,t) = 1/(N−1) Σ_i Σ_{j≠i} ⟨δ(r − |r_j(t0+t) − r_i(t0)|_mi)⟩ / (4πr²)
 *       i.e. the pair histogram per shell volume scaled so that uncorrelated positions give exactly
 *       ρ = N/V at every r (G_d(r,0) = ρ g(r)). Every periodic image of every other atom j ≠ i is
 *       counted (cell of frame t0+t), images of i itself are not (they belong to no other atom):
 *       up to half the smallest perpendicular cell width by the minimum image (at most one image
 *       lies that close), beyond it by the exact periodic cell-list search of src/geometry/
 *       neighborList.ts (as the RDF does), so G_d is correct for any r_max.
 * Histogram counts are divided by the exact shell volume 4π(r_hi³ − r_lo³)/3.
 * r_max defaults to half the smallest perpendicular cell width.
 */
import { InputError } from '../core/errors.js';
import type { Trajectory } from '../core/trajectory.js';
import { NeighborSearch } from '../geometry/neighborList.js';
import { withKind } from '../core/resultKind.js';

export interface VanHoveOptions {
  /** Species whose atoms are correlated (e.g. "Li"). */
  species: string | string[];
  /** Lag times in fs (rounded to whole frames); or give `lagFrames`. */
  lags_fs?: number[];
  lagFrames?: number[];
  dt_fs?: number;
  /** Largest r (Å). Default half the smallest perpendicular width of frame 0's cell. */
  rMax_A?: number;
  /** Bin width (Å), default 0.05. */
  dr_A?: number;
  /** Use every s-th time origin (default 1 = all). */
  originStride?: number;
  /** Average over at most this many origins per lag (the first ones); default all. */
  maxOrigins?: number;
  /** Compute the distinct part too (default true). */
  distinct?: boolean;
}

export interface VanHoveResult {
  /** What this result is ('vanhove'): `show(result)` draws its card and plot by it. Non-enumerable: not in JSON or spreads (core/resultKind.ts). */
  readonly kind?: 'vanhove';
  /** Bin centres, Å. */
  r_A: Float64Array;
  /** Lag times actually used, fs (whole frames); null when the frame interval is unknown. */
  t_fs: (number | null)[];
  lag_frames: number[];
  /** G_s(r,t) per lag, Å⁻³. */
  self: Float64Array[];
  /** G_d(r,t) per lag, Å⁻³ (null when not computed). */
  distinct: Float64Array[] | null;
  /** Number density ρ = N/V of the species (mean over frames), Å⁻³; null without a cell. */
  density_A3: number | null;
  /** Time origins averaged per lag. */
  origins: number[];
  n_atoms: number;
  dr_A: number;
  origin_stride: number;
}

/** Continuous positions of a (sub)trajectory: unwrapped as given, else by minimum-image steps. */
function continuousPositions(traj: Trajectory): Float64Array {
  if (traj.info.unwrapped || !traj.cells) return traj.positions;
  const n3 = 3 * traj.nAtoms,
    out = Float64Array.from(traj.positions),
    d = new Float64Array(3);
  for (let f = 1; f < traj.nFrames; f++) {
    const cell = traj.cell(f),
      a = (f - 1) * n3,
      b = f * n3;
    for (let j = 0; j < n3; j += 3) {
      cell.minimumImage(
        traj.positions[b + j] - traj.positions[a + j],
        traj.positions[b + j + 1] - traj.positions[a + j + 1],
        traj.positions[b + j + 2] - traj.positions[a + j + 2],
        d,
      );
      out[b + j] = out[a + j] + d[0];
      out[b + j + 1] = out[a + j + 1] + d[1];
      out[b + j + 2] = out[a + j + 2] + d[2];
    }
  }
  return out;
}

/** Self and distinct van Hove functions (see file header for the normalisation). */
export function vanHoveCorrelation(traj: Trajectory, opts: VanHoveOptions): VanHoveResult {
  const where = { file: traj.info.source };
  if (traj.nFrames < 2) throw new InputError(`van Hove functions need at least 2 frames, got ${traj.nFrames}`, where);
  const atoms = traj.indicesOf(opts.species);
  const N = atoms.length;
  if (N === 0) throw new InputError(`no atoms of ${String(opts.species)}`, where);
  const doDistinct = opts.distinct ?? true;
  if (doDistinct && !traj.cells) throw new InputError('the distinct van Hove function needs a periodic cell', where);
  if (doDistinct && N < 2) throw new InputError('the distinct van Hove function needs at least 2 atoms of the species', where);
  let lags: number[];
  let dt = NaN;
  if (opts.lagFrames) lags = opts.lagFrames.slice();
  else {
    dt = traj.frameInterval_fs(opts.dt_fs);
    const ls = opts.lags_fs ?? [0.1, 0.25, 0.5].map((x) => x * (traj.nFrames - 1) * dt);
    lags = ls.map((t) => Math.round(t / dt));
  }
  if (lags.length === 0) throw new InputError('no lag times given', where);
  for (const L of lags) {
    if (!(Number.isInteger(L) && L >= 0 && L < traj.nFrames)) {
      throw new InputError(
        `lag ${Number.isFinite(dt) ? `${L * dt} fs (${L} frames)` : `${L} frames`} is outside the trajectory (0..${traj.nFrames - 1} frames); expected lags (CLI --lags) within the run`,
        where,
      );
    }
  }
  if (Number.isNaN(dt) && (opts.dt_fs !== undefined || traj.times_fs || traj.info.timestep_fs)) dt = traj.frameInterval_fs(opts.dt_fs);
  const stride = opts.originStride ?? 1;
  if (!(Number.isInteger(stride) && stride >= 1)) throw new InputError(`origin stride must be a whole number ≥ 1, got ${stride}`, where);
  const maxOrigins = opts.maxOrigins ?? Infinity;
  if (!(maxOrigins >= 1)) throw new InputError(`maxOrigins must be ≥ 1, got ${opts.maxOrigins}`, where);
  const dr = opts.dr_A ?? 0.05;
  let rMax = opts.rMax_A;
  if (rMax === undefined) {
    if (!traj.cells) throw new InputError('give r_max: the trajectory has no cell', where);
    rMax = 0.5 * Math.min(...traj.cell(0).perpendicularWidths());
  }
  if (!(dr > 0 && rMax > dr)) throw new InputError(`need 0 < dr < r_max, got dr = ${dr} Å, r_max = ${rMax} Å`, where);
  const nb = Math.floor(rMax / dr);
  const sub = traj.selectAtoms(atoms);
  const pos = continuousPositions(sub);
  const raw = sub.positions;
  const n3 = 3 * N;
  let vol = 0;
  if (traj.cells) {
    for (let f = 0; f < traj.nFrames; f++) vol += traj.cell(f).volume;
    vol /= traj.nFrames;
  }
  const rho = traj.cells ? N / vol : NaN;
  const shell = Float64Array.from({ length: nb }, (_, b) => (4 * Math.PI * (((b + 1) * dr) ** 3 - (b * dr) ** 3)) / 3);
  const selfOut: Float64Array[] = [],
    distOut: Float64Array[] | null = doDistinct ? [] : null;
  const origins: number[] = [];
  const d = new Float64Array(3);
  const rMax2 = nb * dr * nb * dr;
  const search = new NeighborSearch(),
    both = new Float64Array(2 * n3);
  const centreIdx = Int32Array.from({ length: N }, (_, k) => k),
    neighbourIdx = Int32Array.from({ length: N }, (_, k) => N + k);
  for (const L of lags) {
    const hs = new Float64Array(nb),
      hd = new Float64Array(nb);
    let no = 0;
    for (let t0 = 0; t0 + L < sub.nFrames && no < maxOrigins; t0 += stride) {
      no++;
      const a = t0 * n3,
        b = (t0 + L) * n3;
      for (let j = 0; j < n3; j += 3) {
        const dx = pos[b + j] - pos[a + j],
          dy = pos[b + j + 1] - pos[a + j + 1],
          dz = pos[b + j + 2] - pos[a + j + 2];
        const r2 = dx * dx + dy * dy + dz * dz;
        if (r2 < rMax2) {
          const k = Math.floor(Math.sqrt(r2) / dr);
          if (k < nb) hs[k]++;
        }
      }
      if (doDistinct && nb * dr > 0.5 * Math.min(...sub.cell(t0 + L).perpendicularWidths())) {
        // beyond half the cell: all images, by the periodic cell list (centres = frame t0, neighbours = frame t0+t)
        both.set(raw.subarray(a, a + n3), 0);
        both.set(raw.subarray(b, b + n3), n3);
        search.search(both, sub.cell(t0 + L), nb * dr, { centers: centreIdx, neighbors: neighbourIdx });
        for (let c = 0; c < N; c++) {
          for (let p = search.start[c]; p < search.start[c + 1]; p++) {
            if (search.neighbor[p] - N === search.centers[c]) continue; // an image of i itself
            const k = Math.floor(search.r[p] / dr);
            if (k < nb) hd[k]++;
          }
        }
      } else if (doDistinct) {
        const cell = sub.cell(t0 + L);
        for (let i = 0; i < n3; i += 3) {
          const xi = raw[a + i],
            yi = raw[a + i + 1],
            zi = raw[a + i + 2];
          for (let j = 0; j < n3; j += 3) {
            if (j === i) continue;
            const r2 = cell.minimumImage(raw[b + j] - xi, raw[b + j + 1] - yi, raw[b + j + 2] - zi, d);
            if (r2 < rMax2) {
              const k = Math.floor(Math.sqrt(r2) / dr);
              if (k < nb) hd[k]++;
            }
          }
        }
      }
    }
    origins.push(no);
    // Uncorrelated positions put N(N−1)·shell/V pairs in a shell per origin, so dividing by (N−1)·shell gives ρ = N/V.
    for (let k = 0; k < nb; k++) {
      hs[k] /= N * no * shell[k];
      hd[k] /= (N - 1) * no * shell[k];
    }
    selfOut.push(hs);
    if (distOut) distOut.push(hd);
  }
  return withKind(
    {
      r_A: Float64Array.from({ length: nb }, (_, k) => (k + 0.5) * dr),
      t_fs: lags.map((L) => (Number.isFinite(dt) ? L * dt : null)),
      lag_frames: lags,
      self: selfOut,
      distinct: distOut,
      density_A3: Number.isFinite(rho) ? rho : null,
      origins,
      n_atoms: N,
      dr_A: dr,
      origin_stride: stride,
    },
    'vanhove',
  );
}
