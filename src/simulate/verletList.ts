/**
 * Verlet neighbour list with a skin, on top of the exact periodic cell-list search of
 * geometry/neighborList.ts (any triclinic cell, any cutoff, several images of an atom if needed).
 *
 * Pairs within r_c + skin are stored per first atom (CSR layout) with the Cartesian image translation
 * t = s·M, so the current displacement is r_j − r_i + t for moved (unwrapped) positions. The list stays valid
 * while no atom has moved more than skin/2 since it was built (then no pair can have crossed r_c unseen).
 */
import type { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import { neighborPairs } from '../geometry/neighborList.js';

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

  build(x: Float64Array, cell: Cell): void {
    const pl = neighborPairs(x, cell, this.cutoff + this.skin);
    const n = this.nAtoms, cnt = pl.count;
    const start = this.start;
    start.fill(0);
    for (let p = 0; p < cnt; p++) start[pl.i[p] + 1]++;
    for (let i = 0; i < n; i++) start[i + 1] += start[i];
    if (this.neighbor.length < cnt) {
      this.neighbor = new Int32Array(Math.ceil(cnt * 1.2));
      this.translation = new Float64Array(3 * this.neighbor.length);
    }
    const fill = start.slice(0, n);
    const m = cell.matrix, nb = this.neighbor, tr = this.translation;
    let minD = Infinity, mi = -1, mj = -1;
    for (let p = 0; p < cnt; p++) {
      const i = pl.i[p], q = fill[i]++;
      nb[q] = pl.j[p];
      const s0 = pl.shift[3 * p], s1 = pl.shift[3 * p + 1], s2 = pl.shift[3 * p + 2];
      tr[3 * q] = s0 * m[0] + s1 * m[3] + s2 * m[6];
      tr[3 * q + 1] = s0 * m[1] + s1 * m[4] + s2 * m[7];
      tr[3 * q + 2] = s0 * m[2] + s1 * m[5] + s2 * m[8];
      if (pl.r[p] < minD) { minD = pl.r[p]; mi = pl.i[p]; mj = pl.j[p]; }
    }
    this.minDistance = minD; this.minPair = [mi, mj];
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
