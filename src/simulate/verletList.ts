/**
 * Verlet neighbour list with a skin, for the MD loop. The pairs within r_list = r_c + skin come from
 * geometry's reusable cell-list search (NeighborSearch in src/geometry/neighborList.ts: exact for any
 * triclinic cell and cutoff, several images of an atom when the cutoff exceeds half the cell width),
 * as a half list in compressed rows per first atom, with bins of width ≥ r_list/2 and no displacement
 * arrays; buffers are reused between rebuilds.
 *
 * Each pair keeps the Cartesian image translation t = s·M, so the current displacement is
 * r_j − r_i + t for moved (unwrapped) positions. The list stays valid while no atom has moved more
 * than skin/2 since it was built (then no pair can have crossed r_c unseen).
 *
 * Each row is ordered by distance at build time (counting sort on r², DISTANCE_BUCKETS buckets over
 * [0, r_list²]): the pair kernel's cutoff tests (r < r_list, r < r_c short-range, r < r_c Coulomb) then
 * change outcome about once per row instead of at random, which the CPU's branch predictor rewards
 * (about 20 % of the pair-force time on α-AgI). The set of pairs is unchanged; only the order of the sum.
 */
import type { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import { NeighborSearch } from '../geometry/neighborList.js';

/** Bins per list cutoff along each lattice direction (2: bins of width ≥ r_list/2). */
export let BINS_PER_CUTOFF = 2;
/** For benchmarking the bin width only. */
export function setBinsPerCutoff(k: number): void { BINS_PER_CUTOFF = k; }
/** Distance buckets of the per-row sort (by r², so a bucket is ~r_list²/64/(2r) wide in r: ≈ 0.13 Å at 10 Å). */
export const DISTANCE_BUCKETS = 64;

export class VerletList {
  readonly nAtoms: number;
  readonly cutoff: number;
  readonly skin: number;
  /** start[i]..start[i+1] index `neighbor` and `translation` for atom i. */
  start: Int32Array;
  neighbor: Int32Array = new Int32Array(0);
  /** Cartesian image translation of the neighbour, 3 per entry, Å. */
  translation: Float64Array = new Float64Array(0);
  /** Positions at the last build. */
  private readonly x0: Float64Array;
  /** Number of builds so far. */
  builds = 0;
  /** Smallest pair distance found at the last build, and its atoms. */
  minDistance = Infinity; minPair: [number, number] = [-1, -1];

  constructor(nAtoms: number, cutoff: number, skin: number) {
    if (!(skin >= 0)) throw new InputError(`neighbour skin must be ≥ 0 Å, got ${skin}`);
    this.nAtoms = nAtoms; this.cutoff = cutoff; this.skin = skin;
    this.start = new Int32Array(nAtoms + 1);
    this.x0 = new Float64Array(3 * nAtoms);
  }

  /** True when some atom moved more than skin/2 since the last build (or never built). */
  needsRebuild(x: Float64Array): boolean {
    if (this.builds === 0) return true;
    const lim = 0.25 * this.skin * this.skin;
    const x0 = this.x0;
    for (let k = 0; k < x.length; k += 3) {
      const dx = x[k] - x0[k], dy = x[k + 1] - x0[k + 1], dz = x[k + 2] - x0[k + 2];
      if (dx * dx + dy * dy + dz * dz > lim) return true;
    }
    return false;
  }

  private readonly search = new NeighborSearch();
  /** Translations in search order, and each entry's distance bucket (scratch of `build`). */
  private trSearch = new Float64Array(0);
  private bucket = new Uint8Array(0);
  private readonly bucketStart = new Int32Array(DISTANCE_BUCKETS + 1);

  build(x: Float64Array, cell: Cell): void {
    const s = this.search, n = this.nAtoms;
    const rl = this.cutoff + this.skin;
    const cnt = s.search(x, cell, rl, { binsPerCutoff: BINS_PER_CUTOFF, displacements: false });
    const sh = s.shift, m = cell.matrix, st = s.start, sNb = s.neighbor;
    if (this.neighbor.length < cnt) {
      const cap = s.neighbor.length;
      this.neighbor = new Int32Array(cap); this.translation = new Float64Array(3 * cap);
      this.trSearch = new Float64Array(3 * cap); this.bucket = new Uint8Array(cap);
    }
    const ts = this.trSearch, key = this.bucket, nb = this.neighbor, tr = this.translation, bs = this.bucketStart;
    const NB = DISTANCE_BUCKETS, scale = NB / (rl * rl);
    const m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7], m8 = m[8];
    for (let i = 0; i < n; i++) {
      const a = st[i], b = st[i + 1];
      const xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
      bs.fill(0);
      for (let q = a; q < b; q++) {
        const u0 = sh[3 * q], u1 = sh[3 * q + 1], u2 = sh[3 * q + 2], j = sNb[q];
        const t0 = u0 * m0 + u1 * m3 + u2 * m6, t1 = u0 * m1 + u1 * m4 + u2 * m7, t2 = u0 * m2 + u1 * m5 + u2 * m8;
        ts[3 * q] = t0; ts[3 * q + 1] = t1; ts[3 * q + 2] = t2;
        const dx = x[3 * j] - xi + t0, dy = x[3 * j + 1] - yi + t1, dz = x[3 * j + 2] - zi + t2;
        const k = Math.min(NB - 1, ((dx * dx + dy * dy + dz * dz) * scale) | 0);
        key[q] = k; bs[k + 1]++;
      }
      bs[0] = a;
      for (let k = 0; k < NB; k++) bs[k + 1] += bs[k];
      for (let q = a; q < b; q++) {
        const p = bs[key[q]]++;
        nb[p] = sNb[q];
        tr[3 * p] = ts[3 * q]; tr[3 * p + 1] = ts[3 * q + 1]; tr[3 * p + 2] = ts[3 * q + 2];
      }
    }
    this.start = st;
    this.minDistance = s.minDistance; this.minPair = s.minPair;
    this.x0.set(x);
    this.builds++;
  }

  /** Rebuild if needed; returns whether it rebuilt. */
  update(x: Float64Array, cell: Cell): boolean {
    if (!this.needsRebuild(x)) return false;
    this.build(x, cell);
    return true;
  }
}
