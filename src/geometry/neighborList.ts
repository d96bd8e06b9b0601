/**
 * Neighbour search in periodic triclinic cells by a cell (bin) list.
 *
 * Atoms are binned on their wrapped fractional coordinates, n_k = max(1, ⌊w_k / r_c⌋) bins along
 * lattice direction k (w_k = perpendicular width of the cell). A sphere of radius r_c spans r_c / w_k in
 * fractional coordinate k, so each bin is compared with the bins within ⌈n_k·r_c / w_k⌉ along k, every
 * periodic image included. The search is therefore exact for any cutoff, also one larger than half
 * the cell width (several images of the same atom may then be neighbours, each listed once).
 *
 * Each pair carries the integer image shift s with respect to the positions as given (not wrapped):
 * d = r_j − r_i + s·M (M rows = lattice vectors). A Verlet list can keep (i, j, s) and recompute d
 * for moved positions while the list is valid.
 */
import { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';

export interface PairList {
  /** Number of pairs. */
  count: number;
  /** First atom of each pair (a centre when groups are given). */
  i: Int32Array;
  /** Second atom of each pair. */
  j: Int32Array;
  /** Image shift of j, 3 integers per pair, relative to the positions as given. */
  shift: Int32Array;
  /** Displacement r_j − r_i (+ image), Å, 3 per pair. */
  d: Float64Array;
  /** Distance |d|, Å. */
  r: Float64Array;
}

export interface NeighborOptions {
  /**
   * Atoms to use as centres. With `centers` and/or `neighbors` the list is a FULL list of every
   * (centre, neighbour) pair (an atom in both sets is not paired with itself unless through an image).
   * Without both, a HALF list over all atoms: each unordered pair (and image) appears once.
   */
  centers?: ArrayLike<number>;
  /** Atoms to search as neighbours (default: all atoms, or `centers`' complement is NOT assumed). */
  neighbors?: ArrayLike<number>;
}

class Grow {
  i = new Int32Array(1024); j = new Int32Array(1024); s = new Int32Array(3072); d = new Float64Array(3072); r = new Float64Array(1024);
  n = 0;
  push(a: number, b: number, s0: number, s1: number, s2: number, dx: number, dy: number, dz: number, r: number) {
    if (this.n === this.i.length) {
      const cap = this.i.length * 2;
      const gi = new Int32Array(cap); gi.set(this.i); this.i = gi;
      const gj = new Int32Array(cap); gj.set(this.j); this.j = gj;
      const gs = new Int32Array(3 * cap); gs.set(this.s); this.s = gs;
      const gd = new Float64Array(3 * cap); gd.set(this.d); this.d = gd;
      const gr = new Float64Array(cap); gr.set(this.r); this.r = gr;
    }
    const k = this.n++;
    this.i[k] = a; this.j[k] = b; this.r[k] = r;
    this.s[3 * k] = s0; this.s[3 * k + 1] = s1; this.s[3 * k + 2] = s2;
    this.d[3 * k] = dx; this.d[3 * k + 1] = dy; this.d[3 * k + 2] = dz;
  }
  done(): PairList {
    const n = this.n;
    return { count: n, i: this.i.slice(0, n), j: this.j.slice(0, n), shift: this.s.slice(0, 3 * n), d: this.d.slice(0, 3 * n), r: this.r.slice(0, n) };
  }
}

/**
 * All pairs within `cutoff` (Å) of each other under periodic boundary conditions.
 * @param positions Cartesian positions, 3N, Å (need not be wrapped).
 */
export function neighborPairs(positions: Float64Array, cell: Cell, cutoff: number, opts: NeighborOptions = {}): PairList {
  if (!(cutoff > 0) || !Number.isFinite(cutoff)) throw new InputError(`neighbour cutoff must be a positive number of Å, got ${cutoff}`);
  const nAtoms = positions.length / 3;
  const full = opts.centers !== undefined || opts.neighbors !== undefined;
  const all = () => Int32Array.from({ length: nAtoms }, (_, k) => k);
  const centers = opts.centers ? Int32Array.from(opts.centers) : all();
  const neigh = opts.neighbors ? Int32Array.from(opts.neighbors) : all();
  for (const idx of [centers, neigh]) for (let k = 0; k < idx.length; k++) {
    if (!(idx[k] >= 0 && idx[k] < nAtoms)) throw new InputError(`atom index ${idx[k]} out of range 0..${nAtoms - 1}`);
  }

  // Wrapped fractional coordinates and the integer translation t that wraps each atom.
  const frac = cell.toFractional(positions);
  const trans = new Int32Array(3 * nAtoms);
  for (let k = 0; k < frac.length; k++) {
    const f = Math.floor(frac[k]);
    trans[k] = f;
    frac[k] -= f;
    if (frac[k] >= 1) { frac[k] = 0; trans[k] += 1; } // guard rounding of values just below an integer
  }
  const widths = cell.perpendicularWidths();
  const nb = widths.map((w) => Math.max(1, Math.min(Math.floor(w / cutoff), 64))) as number[];
  const reach = widths.map((w, k) => Math.ceil((nb[k] * cutoff) / w)) as number[];
  const nBins = nb[0] * nb[1] * nb[2];

  // Counting sort of the neighbour atoms into bins.
  const binOf = (a: number) => {
    const b0 = Math.min(nb[0] - 1, Math.floor(frac[3 * a] * nb[0]));
    const b1 = Math.min(nb[1] - 1, Math.floor(frac[3 * a + 1] * nb[1]));
    const b2 = Math.min(nb[2] - 1, Math.floor(frac[3 * a + 2] * nb[2]));
    return (b0 * nb[1] + b1) * nb[2] + b2;
  };
  const start = new Int32Array(nBins + 1);
  const nbBin = new Int32Array(neigh.length);
  for (let k = 0; k < neigh.length; k++) { nbBin[k] = binOf(neigh[k]); start[nbBin[k] + 1]++; }
  for (let b = 0; b < nBins; b++) start[b + 1] += start[b];
  const fill = start.slice(0, nBins);
  const sorted = new Int32Array(neigh.length);
  for (let k = 0; k < neigh.length; k++) sorted[fill[nbBin[k]]++] = neigh[k];

  const m = cell.matrix;
  const rc2 = cutoff * cutoff;
  const out = new Grow();
  for (let ci = 0; ci < centers.length; ci++) {
    const a = centers[ci];
    const ba = binOf(a);
    const a0 = Math.floor(ba / (nb[1] * nb[2])), a1 = Math.floor(ba / nb[2]) % nb[1], a2 = ba % nb[2];
    const xa = frac[3 * a], ya = frac[3 * a + 1], za = frac[3 * a + 2];
    for (let o0 = -reach[0]; o0 <= reach[0]; o0++) {
      const t0 = a0 + o0, b0 = ((t0 % nb[0]) + nb[0]) % nb[0], s0 = Math.floor(t0 / nb[0]);
      for (let o1 = -reach[1]; o1 <= reach[1]; o1++) {
        const t1 = a1 + o1, b1 = ((t1 % nb[1]) + nb[1]) % nb[1], s1 = Math.floor(t1 / nb[1]);
        for (let o2 = -reach[2]; o2 <= reach[2]; o2++) {
          const t2 = a2 + o2, b2 = ((t2 % nb[2]) + nb[2]) % nb[2], s2 = Math.floor(t2 / nb[2]);
          const bin = (b0 * nb[1] + b1) * nb[2] + b2;
          for (let q = start[bin]; q < start[bin + 1]; q++) {
            const b = sorted[q];
            if (!full) {
              // Half list: keep each unordered (pair, image) once.
              if (b < a) continue;
              if (b === a && (s0 < 0 || (s0 === 0 && (s1 < 0 || (s1 === 0 && s2 <= 0))))) continue;
            } else if (b === a && s0 === 0 && s1 === 0 && s2 === 0) continue;
            const f0 = frac[3 * b] + s0 - xa, f1 = frac[3 * b + 1] + s1 - ya, f2 = frac[3 * b + 2] + s2 - za;
            const dx = f0 * m[0] + f1 * m[3] + f2 * m[6];
            const dy = f0 * m[1] + f1 * m[4] + f2 * m[7];
            const dz = f0 * m[2] + f1 * m[5] + f2 * m[8];
            const d2 = dx * dx + dy * dy + dz * dz;
            if (d2 <= rc2) {
              out.push(a, b,
                s0 - trans[3 * b] + trans[3 * a], s1 - trans[3 * b + 1] + trans[3 * a + 1], s2 - trans[3 * b + 2] + trans[3 * a + 2],
                dx, dy, dz, Math.sqrt(d2));
            }
          }
        }
      }
    }
  }
  return out.done();
}
