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
 */
import type { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import { NeighborSearch } from '../geometry/neighborList.js';

/** Bins per list cutoff along each lattice direction (2: bins of width ≥ r_list/2). */
export let BINS_PER_CUTOFF = 2;
/** For benchmarking the bin width only. */
export function setBinsPerCutoff(k: number): void { BINS_PER_CUTOFF = k; }

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

  build(x: Float64Array, cell: Cell): void {
    const s = this.search;
    const cnt = s.search(x, cell, this.cutoff + this.skin, { binsPerCutoff: BINS_PER_CUTOFF, displacements: false });
    const sh = s.shift, m = cell.matrix;
    if (this.translation.length < 3 * cnt) this.translation = new Float64Array(3 * s.neighbor.length);
    const tr = this.translation;
    for (let k = 0; k < 3 * cnt; k += 3) {
      const u0 = sh[k], u1 = sh[k + 1], u2 = sh[k + 2];
      tr[k] = u0 * m[0] + u1 * m[3] + u2 * m[6];
      tr[k + 1] = u0 * m[1] + u1 * m[4] + u2 * m[7];
      tr[k + 2] = u0 * m[2] + u1 * m[5] + u2 * m[8];
    }
    this.start = s.start;
    this.neighbor = s.neighbor;
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
