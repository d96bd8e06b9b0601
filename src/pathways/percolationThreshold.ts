/**
 * Percolation of a free-energy landscape across the periodic cell (Wang 2023 Fig. 1b/S15; GEMDAT
 * percolating paths): the lowest level E such that the accessible region {F ≤ E} contains a connected
 * path that wraps around the cell, per lattice direction and per dimensionality (1D channel, 2D sheet,
 * 3D network).
 *
 * Algorithm (one pass, O(N α(N))): grid points are switched on in order of increasing F and joined to
 * their switched-on neighbours (26-connectivity: faces, edges and corners of the voxel) in a
 * union–find that also stores each point's periodic image relative to its cluster root. Joining two
 * points already in one cluster through a step whose images disagree closes a loop around the torus:
 * its image difference w ∈ ℤ³ is a wrapping vector of that cluster. A cluster percolates in d
 * dimensions when its wrapping vectors span d dimensions; it percolates along a_i when one of them
 * has a non-zero i-component. The level of the point whose addition first achieves each is the
 * threshold. Thresholds are exact for the grid: any wrapping path must visit a point at or above them.
 */
import { InputError } from '../core/errors.js';
import type { VolumetricGrid } from '../density/probabilityDensity.js';

export interface PercolationResult {
  /** Lowest level at which the accessible region wraps along a, b, c, in the landscape's units (eV for F). */
  threshold_a: number;
  threshold_b: number;
  threshold_c: number;
  /** Lowest level of a 1D (channel), 2D (sheet) and 3D (network) percolating cluster. */
  threshold_1d: number;
  threshold_2d: number;
  threshold_3d: number;
  /** Fraction of grid points accessible at each threshold (same order as the thresholds above). */
  accessible_fraction: { a: number; b: number; c: number; d1: number; d2: number; d3: number };
  /**
   * The grid point (C-order index) whose switching on achieved each threshold: a bottleneck voxel of the
   * wrapping path (-1 if never achieved). Its sampling says how well the run resolves that threshold.
   */
  critical_point: { a: number; b: number; c: number; d1: number; d2: number; d3: number };
  /** The minimum of the landscape (thresholds are absolute levels; subtract this for barriers). */
  minimum: number;
  /** With `from`: the lowest level at which the cluster holding that grid point wraps along a, b, c. */
  from_threshold?: [number, number, number];
  /** The grid point `from_threshold` refers to. */
  from_point?: number;
}

/** 26 neighbour offsets (13 of them suffice for a sweep, but points switch on in any order). */
export const NEIGHBOURS_26: [number, number, number][] = (() => {
  const o: [number, number, number][] = [];
  for (let a = -1; a <= 1; a++) for (let b = -1; b <= 1; b++) for (let c = -1; c <= 1; c++) if (a || b || c) o.push([a, b, c]);
  return o;
})();

/** Grid points sorted by value (ascending). */
export function sortedPoints(values: Float64Array): Uint32Array {
  const idx = new Uint32Array(values.length);
  for (let v = 0; v < idx.length; v++) idx[v] = v;
  return idx.sort((x, y) => values[x] - values[y] || x - y);
}

/** Percolation thresholds of a periodic scalar field (typically F in eV). */
export function percolationThresholds(grid: VolumetricGrid, from?: number): PercolationResult {
  const [na, nb, nc] = grid.shape;
  const N = na * nb * nc;
  if (grid.values.length !== N) throw new InputError(`percolation: grid has ${grid.values.length} values, expected ${N}`);
  if (na < 2 || nb < 2 || nc < 2) throw new InputError(`percolation needs at least 2 grid points along each axis, got ${grid.shape.join('×')}`);
  for (let v = 0; v < N; v++) if (!Number.isFinite(grid.values[v])) throw new InputError(`percolation: grid value ${v} is not finite`);
  const F = grid.values;
  const order = sortedPoints(F);
  const parent = new Int32Array(N).fill(-1); // -1 = not switched on
  const size = new Int32Array(N);
  const off = new Int32Array(3 * N); // image of a point relative to its parent
  const wraps = new Map<number, number[][]>(); // root → independent wrapping vectors
  const th = { a: NaN, b: NaN, c: NaN, d1: NaN, d2: NaN, d3: NaN };
  const frac = { a: NaN, b: NaN, c: NaN, d1: NaN, d2: NaN, d3: NaN };
  const img = [0, 0, 0];
  const stack: number[] = [];
  const fromTh = [NaN, NaN, NaN];
  if (from !== undefined && !(Number.isInteger(from) && from >= 0 && from < N))
    throw new InputError(`percolation: start point ${from} is not a grid point`);

  // Root of x and x's image relative to it (written to img); path compression keeps offsets consistent.
  const find = (x: number): number => {
    stack.length = 0;
    let r = x;
    while (parent[r] !== r) {
      stack.push(r);
      r = parent[r];
    }
    // Compress from the top of the path down.
    let ax = 0,
      ay = 0,
      az = 0;
    for (let q = stack.length - 1; q >= 0; q--) {
      const y = stack[q];
      ax += off[3 * y];
      ay += off[3 * y + 1];
      az += off[3 * y + 2];
      parent[y] = r;
      off[3 * y] = ax;
      off[3 * y + 1] = ay;
      off[3 * y + 2] = az;
    }
    img[0] = x === r ? 0 : off[3 * x];
    img[1] = x === r ? 0 : off[3 * x + 1];
    img[2] = x === r ? 0 : off[3 * x + 2];
    return r;
  };
  let active = 0,
    current = -1;
  const crit = { a: -1, b: -1, c: -1, d1: -1, d2: -1, d3: -1 };
  const record = (key: keyof typeof th, level: number) => {
    if (Number.isNaN(th[key])) {
      th[key] = level;
      frac[key] = active / N;
      crit[key] = current;
    }
  };
  const noteWraps = (root: number, level: number) => {
    const W = wraps.get(root);
    if (!W) return;
    if (W.some((w) => w[0] !== 0)) record('a', level);
    if (W.some((w) => w[1] !== 0)) record('b', level);
    if (W.some((w) => w[2] !== 0)) record('c', level);
    if (W.length >= 1) record('d1', level);
    if (W.length >= 2) record('d2', level);
    if (W.length >= 3) record('d3', level);
  };
  const addWrap = (root: number, w: number[]) => {
    const W = wraps.get(root) ?? [];
    if (W.length < 3 && independent(W, w)) {
      W.push(w);
      wraps.set(root, W);
    }
  };

  for (let t = 0; t < N; t++) {
    const u = order[t];
    const level = F[u];
    parent[u] = u;
    size[u] = 1;
    active++;
    current = u;
    const k = u % nc,
      j = Math.floor(u / nc) % nb,
      i = Math.floor(u / (nb * nc));
    for (const [di, dj, dk] of NEIGHBOURS_26) {
      let ii = i + di,
        jj = j + dj,
        kk = k + dk,
        sa = 0,
        sb = 0,
        sc = 0;
      if (ii < 0) {
        ii += na;
        sa = -1;
      } else if (ii >= na) {
        ii -= na;
        sa = 1;
      }
      if (jj < 0) {
        jj += nb;
        sb = -1;
      } else if (jj >= nb) {
        jj -= nb;
        sb = 1;
      }
      if (kk < 0) {
        kk += nc;
        sc = -1;
      } else if (kk >= nc) {
        kk -= nc;
        sc = 1;
      }
      const v = (ii * nb + jj) * nc + kk;
      if (parent[v] < 0) continue;
      const ru = find(u);
      const ou0 = img[0],
        ou1 = img[1],
        ou2 = img[2];
      const rv = find(v);
      const ov0 = img[0],
        ov1 = img[1],
        ov2 = img[2];
      // Wanted: image(v) = image(u) + s.
      const w0 = ou0 + sa - ov0,
        w1 = ou1 + sb - ov1,
        w2 = ou2 + sc - ov2;
      if (ru === rv) {
        if (w0 || w1 || w2) {
          addWrap(ru, [w0, w1, w2]);
          noteWraps(ru, level);
        }
        continue;
      }
      // Attach the smaller cluster under the larger one.
      let big = ru,
        small = rv,
        s0 = w0,
        s1 = w1,
        s2 = w2;
      if (size[rv] > size[ru]) {
        big = rv;
        small = ru;
        s0 = -w0;
        s1 = -w1;
        s2 = -w2;
      }
      parent[small] = big;
      off[3 * small] = s0;
      off[3 * small + 1] = s1;
      off[3 * small + 2] = s2;
      size[big] += size[small];
      const Ws = wraps.get(small);
      if (Ws) {
        for (const w of Ws) addWrap(big, w);
        wraps.delete(small);
        noteWraps(big, level);
      }
    }
    if (from !== undefined && parent[from] >= 0 && fromTh.some(Number.isNaN)) {
      const W = wraps.get(find(from));
      if (W) for (let a = 0; a < 3; a++) if (Number.isNaN(fromTh[a]) && W.some((w) => w[a] !== 0)) fromTh[a] = level;
    }
    if (!Number.isNaN(th.d3) && (from === undefined || !fromTh.some(Number.isNaN))) break;
  }
  return {
    threshold_a: th.a,
    threshold_b: th.b,
    threshold_c: th.c,
    threshold_1d: th.d1,
    threshold_2d: th.d2,
    threshold_3d: th.d3,
    accessible_fraction: frac,
    critical_point: crit,
    minimum: F[order[0]],
    ...(from !== undefined ? { from_threshold: fromTh as [number, number, number], from_point: from } : {}),
  };
}

/** Whether w is linearly independent of the vectors in W (|W| ≤ 2), exactly in integers. */
function independent(W: number[][], w: number[]): boolean {
  if (W.length === 0) return true;
  const cross = (p: number[], q: number[]) => [p[1] * q[2] - p[2] * q[1], p[2] * q[0] - p[0] * q[2], p[0] * q[1] - p[1] * q[0]];
  if (W.length === 1) {
    const c = cross(W[0], w);
    return c[0] !== 0 || c[1] !== 0 || c[2] !== 0;
  }
  const c = cross(W[0], W[1]);
  return c[0] * w[0] + c[1] * w[1] + c[2] * w[2] !== 0;
}
