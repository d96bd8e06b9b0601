/**
 * Bin stencil of a periodic cell list: which bin offsets can hold a point within r of a point in a
 * given bin (Allen & Tildesley, "Computer Simulation of Liquids", §5.3, with the stencil pruned to
 * the bins whose closest approach is below r).
 *
 * The cell (rows a, b, c) is cut into n₀ × n₁ × n₂ parallelepiped bins with edge vectors
 * e_k = a_k / n_k. Two points in bins whose integer indices differ by o are separated by
 * (o + t)·E with t ∈ (−1, 1)³, so the smallest separation of the two bins is
 *
 *   d_min(o) = min_{t ∈ [−1, 1]³} |(o + t)·E|,
 *
 * a convex quadratic programme in three variables, solved exactly by enumerating the 27 faces of
 * the box (each coordinate at its lower bound, its upper bound, or free; the minimum lies in the
 * relative interior of exactly one face, where it is the unconstrained minimum over that face's
 * free coordinates). A bin offset is kept when d_min < r (with a 1e-9 relative margin for
 * rounding, so a pair at distance < r is never missed). Offsets run over |o_k| ≤ ⌈n_k r / w_k⌉
 * (w_k = perpendicular width), beyond which the perpendicular separation alone exceeds r; offsets
 * larger than n_k reach further periodic images, so the stencil is exact for any r, also beyond
 * half the cell width. d_min is convex in o, so the kept o₂ of each (o₀, o₁) form one interval.
 */
import type { Cell } from '../core/cell.js';

export interface BinStencil {
  /** Bins per lattice direction. */
  n: [number, number, number];
  /** Rows of the stencil: 4 integers each, (o₀, o₁, lo, hi) = offsets o₂ ∈ [lo, hi] kept. */
  rows: Int32Array;
  /** Number of rows. */
  nRows: number;
  /** Number of bin offsets kept (Σ hi − lo + 1). */
  nOffsets: number;
}

/** Bins per direction for bins of perpendicular width ≥ r / perCutoff, at most `maxBins` in total. */
export function binGrid(cell: Cell, r: number, perCutoff: number, maxBins: number): [number, number, number] {
  const w = cell.perpendicularWidths();
  const n = w.map((x) => Math.max(1, Math.floor((x * perCutoff) / r))) as [number, number, number];
  // Shrink the finest direction until the grid fits the budget (keeps bins roughly cubic).
  while (n[0] * n[1] * n[2] > maxBins) {
    let k = 0;
    for (let q = 1; q < 3; q++) if (n[q] / w[q] > n[k] / w[k]) k = q;
    if (n[k] === 1) break;
    n[k] = Math.max(1, Math.floor(n[k] * 0.8));
  }
  return n;
}

/** The pruned stencil of bin offsets for bins `n` of `cell` and distance r (Å). */
export function binStencil(cell: Cell, n: [number, number, number], r: number): BinStencil {
  const m = cell.matrix,
    w = cell.perpendicularWidths();
  const E = new Float64Array(9);
  for (let k = 0; k < 3; k++) for (let c = 0; c < 3; c++) E[3 * k + c] = m[3 * k + c] / n[k];
  // Gram matrix G_kl = e_k · e_l.
  const G = new Float64Array(9);
  for (let k = 0; k < 3; k++)
    for (let l = 0; l < 3; l++) G[3 * k + l] = E[3 * k] * E[3 * l] + E[3 * k + 1] * E[3 * l + 1] + E[3 * k + 2] * E[3 * l + 2];
  const R = [0, 1, 2].map((k) => Math.ceil((n[k] * r) / w[k]));
  const lim = r * (1 + 1e-9) + 1e-12,
    lim2 = lim * lim;
  // Cheap bounds first: d_min ≤ |o·E| (t = 0), and d_min ≥ |o·E| − (longest bin diagonal).
  let diag = 0;
  for (const [x, y, z] of [
    [1, 1, 1],
    [1, 1, -1],
    [1, -1, 1],
    [-1, 1, 1],
  ]) {
    diag = Math.max(diag, Math.hypot(x * E[0] + y * E[3] + z * E[6], x * E[1] + y * E[4] + z * E[7], x * E[2] + y * E[5] + z * E[8]));
  }
  const keep = (o0: number, o1: number, o2: number): boolean => {
    const v = Math.hypot(o0 * E[0] + o1 * E[3] + o2 * E[6], o0 * E[1] + o1 * E[4] + o2 * E[7], o0 * E[2] + o1 * E[5] + o2 * E[8]);
    if (v < lim) return true;
    if (v - diag > lim) return false;
    return minSquaredSeparation(G, o0, o1, o2) < lim2;
  };
  const rows: number[] = [];
  let nOffsets = 0;
  for (let o0 = -R[0]; o0 <= R[0]; o0++) {
    for (let o1 = -R[1]; o1 <= R[1]; o1++) {
      let lo = Infinity,
        hi = -Infinity;
      for (let o2 = -R[2]; o2 <= R[2]; o2++) {
        if (keep(o0, o1, o2)) {
          if (o2 < lo) lo = o2;
          hi = o2;
        }
      }
      if (hi >= lo) {
        rows.push(o0, o1, lo, hi);
        nOffsets += hi - lo + 1;
      }
    }
  }
  return { n: [n[0], n[1], n[2]], rows: Int32Array.from(rows), nRows: rows.length / 4, nOffsets };
}

const U = new Float64Array(3),
  O = new Float64Array(3),
  FREE = new Int32Array(3);

/** min over u ∈ [o − 1, o + 1]³ of uᵀ G u (exact: every face of the box; no allocation). */
export function minSquaredSeparation(G: Float64Array, o0: number, o1: number, o2: number): number {
  if (Math.abs(o0) <= 1 && Math.abs(o1) <= 1 && Math.abs(o2) <= 1) return 0;
  const u = U,
    o = O,
    free = FREE;
  o[0] = o0;
  o[1] = o1;
  o[2] = o2;
  let best = Infinity;
  // state per coordinate: 0 = lower bound, 1 = upper bound, 2 = free
  for (let code = 0; code < 26; code++) {
    // code 26 = all free: the interior (only when |o_k| ≤ 1, above)
    let nFree = 0,
      c = code;
    for (let k = 0; k < 3; k++) {
      const stk = c % 3;
      c = (c - stk) / 3;
      if (stk === 2) free[nFree++] = k;
      else u[k] = o[k] + (stk === 0 ? -1 : 1);
    }
    if (nFree === 1) {
      const f = free[0];
      let b = 0;
      for (let k = 0; k < 3; k++) if (k !== f) b += G[3 * f + k] * u[k];
      u[f] = -b / G[3 * f + f];
    } else if (nFree === 2) {
      const f = free[0],
        g = free[1],
        x = 3 - f - g;
      const b0 = G[3 * f + x] * u[x],
        b1 = G[3 * g + x] * u[x];
      const a00 = G[3 * f + f],
        a01 = G[3 * f + g],
        a11 = G[3 * g + g],
        det = a00 * a11 - a01 * a01;
      u[f] = (-b0 * a11 + b1 * a01) / det;
      u[g] = (-b1 * a00 + b0 * a01) / det;
    }
    let ok = true;
    for (let q = 0; q < nFree; q++) {
      const k = free[q];
      if (u[k] < o[k] - 1 || u[k] > o[k] + 1) ok = false;
    }
    if (!ok) continue;
    const q = u[0] * (G[0] * u[0] + 2 * G[1] * u[1] + 2 * G[2] * u[2]) + u[1] * (G[4] * u[1] + 2 * G[5] * u[2]) + G[8] * u[2] * u[2];
    if (q < best) best = q;
  }
  return Math.max(0, best);
}
