/**
 * Minimum free-energy path on a periodic grid (the migration path an ion takes through its density;
 * GEMDAT's `optimal_path`, the paths of Wang 2023 S15): among all grid paths (26-connectivity) from a
 * start point to a target, the path whose highest F is lowest (minimax: it crosses the lowest saddle),
 * and among those the shortest in Å. Two Dijkstra searches on the grid with periodic images tracked
 * (a state is a grid point and its image):
 *   1. bottleneck E* = min over paths of max F along the path (cost = running maximum);
 *   2. shortest Cartesian path restricted to points with F ≤ E*.
 * The profile F(s) along the path (s = arc length, Å) gives the barrier E* − F(start).
 *
 * Targets: another point (any periodic image of it), or the start point's own image one lattice vector
 * along a, b or c ("across the cell": the path that makes an ion percolate along that direction; its
 * bottleneck from the global minimum is at least the percolation threshold of that direction).
 */
import { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import type { VolumetricGrid } from '../density/probabilityDensity.js';
import { NEIGHBOURS_26, percolationThresholds, PercolationResult } from './percolationThreshold.js';

export interface PathEndpoints {
  /** Start, fractional coordinates (nearest grid point is used). Default: the lowest point of the landscape. */
  from?: [number, number, number];
  /** Target point, fractional; any periodic image of it ends the path. */
  to?: [number, number, number];
  /** Or: the start point's image one lattice vector further along this axis. */
  across?: 'a' | 'b' | 'c';
}

export interface FreeEnergyPath {
  /** Grid points along the path, unwrapped fractional coordinates (3 per point; may leave [0,1)). */
  fractional: number[][];
  /** Arc length at each point, Å. */
  s_A: number[];
  /** F (landscape value) at each point. */
  F: number[];
  /** Highest F along the path (the bottleneck E*). */
  max_F: number;
  /** Barrier from the start: max F − F(start); and from the end: max F − F(end). */
  barrier_forward: number;
  barrier_backward: number;
  /** Where the maximum is, fractional (unwrapped). */
  saddle_fractional: number[];
  length_A: number;
}

/** Minimax, then shortest, path on the periodic grid between the endpoints. */
export function minimumFreeEnergyPath(grid: VolumetricGrid, ends: PathEndpoints, sweep?: PercolationResult): FreeEnergyPath {
  const [na, nb, nc] = grid.shape;
  const N = na * nb * nc;
  const F = grid.values;
  if (F.length !== N) throw new InputError(`path: grid has ${F.length} values, expected ${N}`);
  if (!ends.to && !ends.across) throw new InputError('path: give a target point (to) or a direction (across a, b or c)');
  if (ends.to && ends.across) throw new InputError('path: give either a target point or a direction to cross, not both');
  const cell = new Cell(grid.cell);
  const pointOf = (f: number[], what: string): number => {
    if (f.length !== 3 || f.some((x) => !Number.isFinite(x)))
      throw new InputError(`path: ${what} must be three fractional coordinates, got ${f.join(',')}`);
    const q = f.map((x, a) => Math.round((x - Math.floor(x)) * grid.shape[a]) % grid.shape[a]);
    return (q[0] * nb + q[1]) * nc + q[2];
  };
  let start = 0;
  if (ends.from) start = pointOf(ends.from, 'the start');
  else for (let v = 1; v < N; v++) if (F[v] < F[start]) start = v;
  const target = ends.to ? pointOf(ends.to, 'the target') : start;
  const acrossAxis = ends.across ? { a: 0, b: 1, c: 2 }[ends.across] : -1;
  if (ends.across && acrossAxis === undefined) throw new InputError(`path: direction must be a, b or c, got ${ends.across}`);
  const acrossAxisOk = acrossAxis;
  // Image box: the start is image (0,0,0). Across a_i: images −1..2 along i and −side..side along the others
  // (side 1, widened to 2 if the wrapping loop needs it), and the path ends at the start point's image with
  // component +1 along i and any sideways component (the cluster may wrap along a_i only together with a
  // sideways step, e.g. by the vector (1, 1, 0)); to a point: images are not tracked (any image of it ends the path).
  const tracked = acrossAxisOk >= 0;
  let lo = [0, 0, 0],
    hi = [0, 0, 0],
    span = [1, 1, 1],
    K = 1;
  const setBox = (side: number): void => {
    lo = tracked ? [0, 1, 2].map((a) => (a === acrossAxisOk ? -1 : -side)) : [0, 0, 0];
    hi = tracked ? [0, 1, 2].map((a) => (a === acrossAxisOk ? 2 : side)) : [0, 0, 0];
    span = [0, 1, 2].map((a) => hi[a] - lo[a] + 1);
    K = span[0] * span[1] * span[2];
  };
  setBox(1);
  const imgIndex = (x: number, y: number, z: number) => ((x - lo[0]) * span[1] + (y - lo[1])) * span[2] + (z - lo[2]);
  let goalKey = -1;
  if (!ends.across && target === start) throw new InputError('path: start and target are the same grid point');

  const m = cell.matrix;
  const stepLen = NEIGHBOURS_26.map(([a, b, c]) => {
    const fa = a / na,
      fb = b / nb,
      fc = c / nc;
    return Math.hypot(fa * m[0] + fb * m[3] + fc * m[6], fa * m[1] + fb * m[4] + fc * m[7], fa * m[2] + fb * m[5] + fc * m[8]);
  });

  let dist = new Float64Array(0),
    prev = new Int32Array(0),
    points = new Int32Array(0);
  // Stage 1 bottleneck E*: across the cell, the level at which the start's cluster wraps along the axis
  // (union–find sweep, percolationThreshold.ts); to a point, a minimax Dijkstra on the periodic grid.
  let Estar: number;
  if (tracked) {
    const sw = sweep?.from_threshold && sweep.from_point === start ? sweep : percolationThresholds(grid, start);
    Estar = sw.from_threshold![acrossAxisOk];
  } else {
    Estar = dijkstra(1, Infinity);
    if (Number.isNaN(Estar)) throw new InputError('path: the target cannot be reached on the grid');
  }
  const limit = Estar + 1e-12 * Math.max(1, Math.abs(Estar));
  let len = dijkstra(2, limit);
  if (Number.isNaN(len) && tracked) {
    setBox(2);
    len = dijkstra(2, limit);
  }
  if (Number.isNaN(len)) throw new InputError('path: the target cannot be reached within one cell of the start below the bottleneck');

  // Dijkstra over (point, image) states restricted to points with F ≤ limit (compact index);
  // cost combine = max F (stage 1) or + step length (stage 2).
  function dijkstra(stage: 1 | 2, limit: number): number {
    const compact = new Int32Array(N).fill(-1);
    let M = 0;
    for (let v = 0; v < N; v++) if (F[v] <= limit) compact[v] = M++;
    points = new Int32Array(M);
    for (let v = 0; v < N; v++) if (compact[v] >= 0) points[compact[v]] = v;
    if (M * K > 2 ** 31 - 1) throw new InputError(`path: grid too large for the search (${M} points × ${K} images)`);
    dist = new Float64Array(M * K).fill(Infinity);
    prev = new Int32Array(M * K).fill(-1);
    const done = new Uint8Array(M * K);
    const heap = new MinHeap();
    const s0 = compact[start] * K + imgIndex(0, 0, 0);
    // Stage 2 is A*: priority = length so far + straight-line distance to the target (admissible, consistent).
    const tk = target % nc,
      tj = Math.floor(target / nc) % nb,
      ti = Math.floor(target / (nb * nc));
    const tf = [ti / na, tj / nb, tk / nc];
    // Goal images (fractional offsets of the target): across a_i, every sideways image in the box with +1 along i.
    const goals: number[][] = [];
    if (tracked) {
      for (let x = lo[0]; x <= hi[0]; x++)
        for (let y = lo[1]; y <= hi[1]; y++)
          for (let z = lo[2]; z <= hi[2]; z++) {
            if ([x, y, z][acrossAxisOk] === 1) goals.push([x, y, z]);
          }
    } else goals.push([0, 0, 0]);
    const isGoal = new Uint8Array(K);
    if (tracked) for (const g of goals) isGoal[imgIndex(g[0], g[1], g[2])] = 1;
    const h = (i: number, j: number, k: number, ax: number, ay: number, az: number): number => {
      if (stage === 1) return 0;
      let best = Infinity;
      for (const g of goals) {
        let fa = i / na + ax - tf[0] - g[0],
          fb = j / nb + ay - tf[1] - g[1],
          fc = k / nc + az - tf[2] - g[2];
        if (!tracked) {
          fa -= Math.round(fa);
          fb -= Math.round(fb);
          fc -= Math.round(fc);
        }
        const x = fa * m[0] + fb * m[3] + fc * m[6],
          y = fa * m[1] + fb * m[4] + fc * m[7],
          z = fa * m[2] + fb * m[5] + fc * m[8];
        best = Math.min(best, x * x + y * y + z * z);
      }
      // The minimum of admissible, consistent straight-line distances is admissible and consistent.
      return Math.sqrt(best) * (1 - 1e-12);
    };
    dist[s0] = stage === 1 ? F[start] : 0;
    {
      const sk = start % nc,
        sj = Math.floor(start / nc) % nb,
        si = Math.floor(start / (nb * nc));
      heap.push(dist[s0] + h(si, sj, sk, 0, 0, 0), s0);
    }
    if (compact[target] < 0) return NaN;
    const goalPoint = compact[target];
    while (heap.size > 0) {
      const [, key] = heap.pop();
      if (done[key]) continue;
      done[key] = 1;
      const cost = dist[key];
      if (Math.floor(key / K) === goalPoint && (!tracked || isGoal[key % K] === 1)) {
        goalKey = key;
        return cost;
      }
      const v = points[Math.floor(key / K)],
        im = key % K;
      const iz = (im % span[2]) + lo[2],
        iy = (Math.floor(im / span[2]) % span[1]) + lo[1],
        ix = Math.floor(im / (span[1] * span[2])) + lo[0];
      const k = v % nc,
        j = Math.floor(v / nc) % nb,
        i = Math.floor(v / (nb * nc));
      for (let q = 0; q < 26; q++) {
        const [di, dj, dk] = NEIGHBOURS_26[q];
        let ii = i + di,
          jj = j + dj,
          kk = k + dk,
          ax = ix,
          ay = iy,
          az = iz;
        if (ii < 0) {
          ii += na;
          ax--;
        } else if (ii >= na) {
          ii -= na;
          ax++;
        }
        if (jj < 0) {
          jj += nb;
          ay--;
        } else if (jj >= nb) {
          jj -= nb;
          ay++;
        }
        if (kk < 0) {
          kk += nc;
          az--;
        } else if (kk >= nc) {
          kk -= nc;
          az++;
        }
        if (!tracked) {
          ax = 0;
          ay = 0;
          az = 0;
        } else if (ax < lo[0] || ax > hi[0] || ay < lo[1] || ay > hi[1] || az < lo[2] || az > hi[2]) continue;
        const w = (ii * nb + jj) * nc + kk;
        const cw = compact[w];
        if (cw < 0) continue;
        const nk = cw * K + imgIndex(ax, ay, az);
        const nd = stage === 1 ? Math.max(cost, F[w]) : cost + stepLen[q];
        if (nd < dist[nk]) {
          dist[nk] = nd;
          prev[nk] = key;
          heap.push(nd + h(ii, jj, kk, ax, ay, az), nk);
        }
      }
    }
    return NaN;
  }
  // Walk back; unwrap by minimum-image grid steps (each step moves at most one point per axis).
  const pts: number[] = [];
  for (let key = goalKey; key >= 0; key = prev[key]) pts.push(points[Math.floor(key / K)]);
  pts.reverse();
  const fractional: number[][] = [],
    s_A: number[] = [],
    Fs: number[] = [];
  let s = 0;
  let cur: number[] = [];
  for (let q = 0; q < pts.length; q++) {
    const v = pts[q];
    const k = v % nc,
      j = Math.floor(v / nc) % nb,
      i = Math.floor(v / (nb * nc));
    const g = [i, j, k];
    if (q === 0) cur = g.slice();
    else {
      const step = [0, 1, 2].map((a) => {
        let d = g[a] - (((cur[a] % grid.shape[a]) + grid.shape[a]) % grid.shape[a]);
        if (d > 1) d -= grid.shape[a];
        if (d < -1) d += grid.shape[a];
        return d;
      });
      const qn = NEIGHBOURS_26.findIndex(([a, b, c]) => a === step[0] && b === step[1] && c === step[2]);
      s += stepLen[qn];
      cur = cur.map((x, a) => x + step[a]);
    }
    fractional.push([cur[0] / na, cur[1] / nb, cur[2] / nc]);
    s_A.push(s);
    Fs.push(F[v]);
  }
  let top = 0;
  for (let q = 1; q < Fs.length; q++) if (Fs[q] > Fs[top]) top = q;
  return {
    fractional,
    s_A,
    F: Fs,
    max_F: Estar,
    barrier_forward: Estar - Fs[0],
    barrier_backward: Estar - Fs[Fs.length - 1],
    saddle_fractional: fractional[top],
    length_A: s,
  };
}

/** Binary min-heap of (cost, key) pairs. */
class MinHeap {
  private c: number[] = [];
  private k: number[] = [];
  get size(): number {
    return this.c.length;
  }
  push(cost: number, key: number): void {
    const c = this.c,
      k = this.k;
    let i = c.length;
    c.push(cost);
    k.push(key);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (c[p] <= cost) break;
      c[i] = c[p];
      k[i] = k[p];
      i = p;
    }
    c[i] = cost;
    k[i] = key;
  }
  pop(): [number, number] {
    const c = this.c,
      k = this.k;
    const top: [number, number] = [c[0], k[0]];
    const lc = c.pop()!,
      lk = k.pop()!;
    if (c.length > 0) {
      let i = 0;
      const n = c.length;
      for (;;) {
        const l = 2 * i + 1,
          r = l + 1;
        let s = i,
          sc = lc;
        if (l < n && c[l] < sc) {
          s = l;
          sc = c[l];
        }
        if (r < n && c[r] < sc) {
          s = r;
          sc = c[r];
        }
        if (s === i) break;
        c[i] = c[s];
        k[i] = k[s];
        i = s;
      }
      c[i] = lc;
      k[i] = lk;
    }
    return top;
  }
}
