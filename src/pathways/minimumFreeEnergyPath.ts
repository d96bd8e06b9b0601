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
import { NEIGHBOURS_26 } from './percolationThreshold.js';

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

const IMG_BITS = 5, IMG_OFF = 16, IMG_MAX = 15; // image components in [−15, 15]

/** Minimax, then shortest, path on the periodic grid between the endpoints. */
export function minimumFreeEnergyPath(grid: VolumetricGrid, ends: PathEndpoints): FreeEnergyPath {
  const [na, nb, nc] = grid.shape;
  const N = na * nb * nc;
  const F = grid.values;
  if (F.length !== N) throw new InputError(`path: grid has ${F.length} values, expected ${N}`);
  if (!ends.to && !ends.across) throw new InputError('path: give a target point (to) or a direction (across a, b or c)');
  if (ends.to && ends.across) throw new InputError('path: give either a target point or a direction to cross, not both');
  const cell = new Cell(grid.cell);
  const pointOf = (f: number[], what: string): number => {
    if (f.length !== 3 || f.some((x) => !Number.isFinite(x))) throw new InputError(`path: ${what} must be three fractional coordinates, got ${f.join(',')}`);
    const q = f.map((x, a) => Math.round((x - Math.floor(x)) * grid.shape[a]) % grid.shape[a]);
    return (q[0] * nb + q[1]) * nc + q[2];
  };
  let start = 0;
  if (ends.from) start = pointOf(ends.from, 'the start');
  else for (let v = 1; v < N; v++) if (F[v] < F[start]) start = v;
  const target = ends.to ? pointOf(ends.to, 'the target') : start;
  const acrossAxis = ends.across ? { a: 0, b: 1, c: 2 }[ends.across] : -1;
  if (ends.across && acrossAxis === undefined) throw new InputError(`path: direction must be a, b or c, got ${ends.across}`);
  const imgCode = (x: number, y: number, z: number) => ((x + IMG_OFF) << (2 * IMG_BITS)) | ((y + IMG_OFF) << IMG_BITS) | (z + IMG_OFF);
  const targetImg = acrossAxis >= 0 ? imgCode(acrossAxis === 0 ? 1 : 0, acrossAxis === 1 ? 1 : 0, acrossAxis === 2 ? 1 : 0) : -1;
  const isTarget = (v: number, code: number) => v === target && (targetImg < 0 || code === targetImg);
  if (!ends.across && target === start) throw new InputError('path: start and target are the same grid point');

  const m = cell.matrix;
  const stepLen = NEIGHBOURS_26.map(([a, b, c]) => {
    const fa = a / na, fb = b / nb, fc = c / nc;
    return Math.hypot(fa * m[0] + fb * m[3] + fc * m[6], fa * m[1] + fb * m[4] + fc * m[7], fa * m[2] + fb * m[5] + fc * m[8]);
  });

  // Generic Dijkstra over (point, image) states; cost combine = max (stage 1) or + length (stage 2).
  const search = (stage: 1 | 2, limit: number) => {
    const SCALE = 1 << (3 * IMG_BITS);
    const dist = new Map<number, number>();
    const prev = new Map<number, number>();
    const heap = new MinHeap();
    const s0 = start * SCALE + imgCode(0, 0, 0);
    const c0 = stage === 1 ? F[start] : 0;
    dist.set(s0, c0); heap.push(c0, s0);
    while (heap.size > 0) {
      const [cost, key] = heap.pop();
      if (cost > (dist.get(key) ?? Infinity)) continue;
      const v = Math.floor(key / SCALE), code = key % SCALE;
      if (isTarget(v, code)) return { cost, key, prev };
      const ix = (code >> (2 * IMG_BITS)) - IMG_OFF, iy = ((code >> IMG_BITS) & 31) - IMG_OFF, iz = (code & 31) - IMG_OFF;
      const k = v % nc, j = Math.floor(v / nc) % nb, i = Math.floor(v / (nb * nc));
      for (let q = 0; q < 26; q++) {
        const [di, dj, dk] = NEIGHBOURS_26[q];
        let ii = i + di, jj = j + dj, kk = k + dk, ax = ix, ay = iy, az = iz;
        if (ii < 0) { ii += na; ax--; } else if (ii >= na) { ii -= na; ax++; }
        if (jj < 0) { jj += nb; ay--; } else if (jj >= nb) { jj -= nb; ay++; }
        if (kk < 0) { kk += nc; az--; } else if (kk >= nc) { kk -= nc; az++; }
        if (Math.abs(ax) > IMG_MAX || Math.abs(ay) > IMG_MAX || Math.abs(az) > IMG_MAX) continue;
        const w = (ii * nb + jj) * nc + kk;
        if (stage === 2 && F[w] > limit) continue;
        const nk = w * SCALE + imgCode(ax, ay, az);
        const nd = stage === 1 ? Math.max(cost, F[w]) : cost + stepLen[q];
        if (nd < (dist.get(nk) ?? Infinity)) { dist.set(nk, nd); prev.set(nk, key); heap.push(nd, nk); }
      }
    }
    return null;
  };
  const first = search(1, Infinity);
  if (!first) throw new InputError('path: the target cannot be reached on the grid');
  const Estar = first.cost;
  const second = search(2, Estar + 1e-12 * Math.max(1, Math.abs(Estar)));
  if (!second) throw new InputError('path: internal inconsistency (no path below the bottleneck)');
  // Walk back.
  const SCALE = 1 << (3 * IMG_BITS);
  const keys: number[] = [];
  for (let key: number | undefined = second.key; key !== undefined; key = second.prev.get(key)) keys.push(key);
  keys.reverse();
  const fractional: number[][] = [], s_A: number[] = [], Fs: number[] = [];
  let s = 0;
  let prevCart: number[] | null = null;
  for (const key of keys) {
    const v = Math.floor(key / SCALE), code = key % SCALE;
    const ix = (code >> (2 * IMG_BITS)) - IMG_OFF, iy = ((code >> IMG_BITS) & 31) - IMG_OFF, iz = (code & 31) - IMG_OFF;
    const k = v % nc, j = Math.floor(v / nc) % nb, i = Math.floor(v / (nb * nc));
    const f = [i / na + ix, j / nb + iy, k / nc + iz];
    const cart = [0, 1, 2].map((d) => f[0] * m[d] + f[1] * m[3 + d] + f[2] * m[6 + d]);
    if (prevCart) s += Math.hypot(cart[0] - prevCart[0], cart[1] - prevCart[1], cart[2] - prevCart[2]);
    prevCart = cart;
    fractional.push(f); s_A.push(s); Fs.push(F[v]);
  }
  let top = 0;
  for (let q = 1; q < Fs.length; q++) if (Fs[q] > Fs[top]) top = q;
  return {
    fractional, s_A, F: Fs, max_F: Estar, barrier_forward: Estar - Fs[0], barrier_backward: Estar - Fs[Fs.length - 1],
    saddle_fractional: fractional[top], length_A: s,
  };
}

/** Binary min-heap of (cost, key) pairs. */
class MinHeap {
  private c: number[] = [];
  private k: number[] = [];
  get size(): number { return this.c.length; }
  push(cost: number, key: number): void {
    const c = this.c, k = this.k;
    let i = c.length;
    c.push(cost); k.push(key);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (c[p] <= cost) break;
      c[i] = c[p]; k[i] = k[p]; i = p;
    }
    c[i] = cost; k[i] = key;
  }
  pop(): [number, number] {
    const c = this.c, k = this.k;
    const top: [number, number] = [c[0], k[0]];
    const lc = c.pop()!, lk = k.pop()!;
    if (c.length > 0) {
      let i = 0;
      const n = c.length;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let s = i, sc = lc;
        if (l < n && c[l] < sc) { s = l; sc = c[l]; }
        if (r < n && c[r] < sc) { s = r; sc = c[r]; }
        if (s === i) break;
        c[i] = c[s]; k[i] = k[s]; i = s;
      }
      c[i] = lc; k[i] = lk;
    }
    return top;
  }
}
