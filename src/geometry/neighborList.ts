/**
 * Neighbour search in periodic triclinic cells by a cell (bin) list.
 *
 * Atoms are binned on their wrapped fractional coordinates, n_k = max(1, ⌊b·w_k / r_c⌋) bins along
 * lattice direction k (w_k = perpendicular width of the cell; b bins per cutoff, default 1, 2 for the
 * MD Verlet list). A sphere of radius r_c spans r_c / w_k in
 * fractional coordinate k, so each bin is compared with the bins within ⌈n_k·r_c / w_k⌉ along k, every
 * periodic image included. The search is therefore exact for any cutoff, also one larger than half
 * the cell width (several images of the same atom may then be neighbours, each listed once).
 *
 * Each pair carries the integer image shift s with respect to the positions as given (not wrapped):
 * d = r_j − r_i + s·M (M rows = lattice vectors). A Verlet list can keep (i, j, s) and recompute d
 * for moved positions while the list is valid (src/simulate/verletList.ts does, through a reused
 * NeighborSearch: no allocation per rebuild, no displacement arrays).
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

export interface NeighborSearchOptions extends NeighborOptions {
  /**
   * Bins per cutoff along each lattice direction (default 1: bins of width ≥ the cutoff, at most 64
   * per direction). 2 (bins ≥ cutoff/2, at most 128) compares fewer candidates for dense lists such as
   * an MD Verlet list; the pairs found are the same, listed in another order.
   */
  binsPerCutoff?: number;
  /** Store each pair's displacement `d` and distance `r` (default true); false skips both. */
  displacements?: boolean;
}

/**
 * Reusable periodic neighbour search (the one cell-list engine: neighborPairs and the MD Verlet list
 * of src/simulate use it). Results are in compressed rows by centre, valid until the next `search`;
 * buffers are kept and grown, so repeated searches (MD rebuilds) allocate nothing once warm.
 * Arrays may be longer than `count`: read entries 0..count−1 only.
 */
export class NeighborSearch {
  /** Number of pairs found by the last search. */
  count = 0;
  /** Pairs of the c-th centre are start[c]..start[c+1] (c indexes the centre list: the atom itself in a half list). */
  start = new Int32Array(1);
  /** Centre atoms, in order (all atoms for a half list). */
  centers = new Int32Array(0);
  /** Second atom of each pair. */
  neighbor = new Int32Array(0);
  /** Image shift of the neighbour, 3 integers per pair, relative to the positions as given: d = r_j − r_i + s·M. */
  shift = new Int32Array(0);
  /** Displacement r_j − r_i (+ image), Å, 3 per pair (when `displacements` is on). */
  d = new Float64Array(0);
  /** Distance |d|, Å (when `displacements` is on). */
  r = new Float64Array(0);
  /** Smallest pair distance found (Å; Infinity when no pair) and its atoms. */
  minDistance = Infinity;
  minPair: [number, number] = [-1, -1];

  private frac = new Float64Array(0);
  private xw = new Float64Array(0);
  private trans = new Int32Array(0);
  private binStart = new Int32Array(0);
  private binAtoms = new Int32Array(0);
  private binX = new Float64Array(0);
  private atomBin = new Int32Array(0);
  private allAtoms = new Int32Array(0);

  /**
   * All pairs within `cutoff` (Å) under periodic boundary conditions; see {@link NeighborOptions}
   * for half and full lists. Returns the number of pairs.
   * @param positions Cartesian positions, 3N, Å (need not be wrapped).
   */
  search(positions: Float64Array, cell: Cell, cutoff: number, opts: NeighborSearchOptions = {}): number {
    if (!(cutoff > 0) || !Number.isFinite(cutoff)) throw new InputError(`neighbour cutoff must be a positive number of Å, got ${cutoff}`);
    const nAtoms = positions.length / 3;
    const full = opts.centers !== undefined || opts.neighbors !== undefined;
    const withD = opts.displacements ?? true;
    const perCut = opts.binsPerCutoff ?? 1;
    if (!(perCut > 0) || !Number.isFinite(perCut)) throw new InputError(`bins per cutoff must be a positive number, got ${perCut}`);
    const centers = this.indexList(opts.centers, nAtoms);
    const neigh = this.indexList(opts.neighbors, nAtoms);
    this.centers = centers;

    // Wrapped fractional coordinates, the integer translation t that wraps each atom, and the
    // wrapped Cartesian positions.
    if (this.frac.length !== 3 * nAtoms) {
      this.frac = new Float64Array(3 * nAtoms);
      this.xw = new Float64Array(3 * nAtoms);
      this.trans = new Int32Array(3 * nAtoms);
    }
    const frac = this.frac,
      xw = this.xw,
      trans = this.trans;
    cell.toFractional(positions, frac);
    for (let k = 0; k < 3 * nAtoms; k++) {
      let t = Math.floor(frac[k]);
      let f = frac[k] - t;
      if (f >= 1) {
        f = 0;
        t += 1;
      } // guard rounding of values just below an integer
      frac[k] = f;
      trans[k] = t;
    }
    cell.toCartesian(frac, xw);
    const widths = cell.perpendicularWidths();
    const bw = cutoff / perCut,
      maxBins = Math.max(1, Math.floor(64 * perCut));
    const nb0 = Math.max(1, Math.min(Math.floor(widths[0] / bw), maxBins));
    const nb1 = Math.max(1, Math.min(Math.floor(widths[1] / bw), maxBins));
    const nb2 = Math.max(1, Math.min(Math.floor(widths[2] / bw), maxBins));
    const r0 = Math.ceil((nb0 * cutoff) / widths[0]),
      r1 = Math.ceil((nb1 * cutoff) / widths[1]),
      r2 = Math.ceil((nb2 * cutoff) / widths[2]);
    const nBins = nb0 * nb1 * nb2;
    const binOf = (a: number) =>
      (Math.min(nb0 - 1, Math.floor(frac[3 * a] * nb0)) * nb1 + Math.min(nb1 - 1, Math.floor(frac[3 * a + 1] * nb1))) * nb2 +
      Math.min(nb2 - 1, Math.floor(frac[3 * a + 2] * nb2));

    // Counting sort of the neighbour atoms into bins (stable: a bin keeps the neighbours' order),
    // with a bin-ordered copy of their wrapped positions.
    const nN = neigh.length;
    if (this.binStart.length !== nBins + 1) this.binStart = new Int32Array(nBins + 1);
    if (this.binAtoms.length < nN) {
      this.binAtoms = new Int32Array(nN);
      this.binX = new Float64Array(3 * nN);
      this.atomBin = new Int32Array(nN);
    }
    const bs = this.binStart,
      ba = this.binAtoms,
      bx = this.binX,
      ab = this.atomBin;
    bs.fill(0);
    for (let k = 0; k < nN; k++) {
      ab[k] = binOf(neigh[k]);
      bs[ab[k] + 1]++;
    }
    for (let b = 0; b < nBins; b++) bs[b + 1] += bs[b];
    const fill = bs.slice(0, nBins);
    for (let k = 0; k < nN; k++) {
      const q = fill[ab[k]]++,
        a = neigh[k];
      ba[q] = a;
      bx[3 * q] = xw[3 * a];
      bx[3 * q + 1] = xw[3 * a + 1];
      bx[3 * q + 2] = xw[3 * a + 2];
    }
    // Half list: centres and bins are in increasing atom order, so j ≥ i starts at a per-bin cursor.
    const ptr = bs.slice(0, nBins);

    const m = cell.matrix,
      rc2 = cutoff * cutoff;
    const nC = centers.length;
    if (this.start.length < nC + 1) this.start = new Int32Array(nC + 1);
    if (this.neighbor.length === 0) this.grow(Math.max(1024, 16 * nC), withD);
    let cap = this.neighbor.length;
    if (withD && this.r.length < cap) {
      this.d = new Float64Array(3 * cap);
      this.r = new Float64Array(cap);
    }
    let nbr = this.neighbor,
      sh = this.shift,
      dd = this.d,
      rr = this.r;
    const start = this.start;
    let cnt = 0,
      minD2 = Infinity,
      mi = -1,
      mj = -1;
    for (let c = 0; c < nC; c++) {
      start[c] = cnt;
      const i = centers[c],
        b = binOf(i);
      const a0 = Math.floor(b / (nb1 * nb2)),
        a1 = Math.floor(b / nb2) % nb1,
        a2 = b % nb2;
      const xi = xw[3 * i],
        yi = xw[3 * i + 1],
        zi = xw[3 * i + 2];
      const ti0 = trans[3 * i],
        ti1 = trans[3 * i + 1],
        ti2 = trans[3 * i + 2];
      for (let o0 = -r0; o0 <= r0; o0++) {
        const t0 = a0 + o0,
          c0 = ((t0 % nb0) + nb0) % nb0,
          s0 = Math.floor(t0 / nb0);
        for (let o1 = -r1; o1 <= r1; o1++) {
          const t1 = a1 + o1,
            c1 = ((t1 % nb1) + nb1) % nb1,
            s1 = Math.floor(t1 / nb1);
          for (let o2 = -r2; o2 <= r2; o2++) {
            const t2 = a2 + o2,
              c2 = ((t2 % nb2) + nb2) % nb2,
              s2 = Math.floor(t2 / nb2);
            // The atom itself: only through an image, and in a half list each (pair, image) once.
            const selfOk = full ? s0 !== 0 || s1 !== 0 || s2 !== 0 : s0 > 0 || (s0 === 0 && (s1 > 0 || (s1 === 0 && s2 > 0)));
            const shx = s0 * m[0] + s1 * m[3] + s2 * m[6] - xi;
            const shy = s0 * m[1] + s1 * m[4] + s2 * m[7] - yi;
            const shz = s0 * m[2] + s1 * m[5] + s2 * m[8] - zi;
            const bin = (c0 * nb1 + c1) * nb2 + c2;
            let q = bs[bin];
            const qe = bs[bin + 1];
            if (!full) {
              q = ptr[bin];
              while (q < qe && ba[q] < i) q++;
              ptr[bin] = q;
            }
            for (; q < qe; q++) {
              const j = ba[q];
              if (j === i && !selfOk) continue;
              const dx = bx[3 * q] + shx,
                dy = bx[3 * q + 1] + shy,
                dz = bx[3 * q + 2] + shz;
              const d2 = dx * dx + dy * dy + dz * dz;
              if (d2 > rc2) continue;
              if (cnt === cap) {
                cap = Math.ceil(cap * 1.5);
                this.grow(cap, withD, cnt);
                nbr = this.neighbor;
                sh = this.shift;
                dd = this.d;
                rr = this.r;
              }
              nbr[cnt] = j;
              sh[3 * cnt] = s0 - trans[3 * j] + ti0;
              sh[3 * cnt + 1] = s1 - trans[3 * j + 1] + ti1;
              sh[3 * cnt + 2] = s2 - trans[3 * j + 2] + ti2;
              if (withD) {
                dd[3 * cnt] = dx;
                dd[3 * cnt + 1] = dy;
                dd[3 * cnt + 2] = dz;
                rr[cnt] = Math.sqrt(d2);
              }
              if (d2 < minD2) {
                minD2 = d2;
                mi = i;
                mj = j;
              }
              cnt++;
            }
          }
        }
      }
    }
    start[nC] = cnt;
    this.count = cnt;
    this.minDistance = Math.sqrt(minD2);
    this.minPair = [mi, mj];
    return cnt;
  }

  /** Validated atom indices, or all atoms in order (one shared array, rebuilt only when N changes). */
  private indexList(idx: ArrayLike<number> | undefined, nAtoms: number): Int32Array {
    if (idx === undefined) {
      if (this.allAtoms.length !== nAtoms) this.allAtoms = Int32Array.from({ length: nAtoms }, (_, k) => k);
      return this.allAtoms;
    }
    const out = Int32Array.from(idx);
    for (let k = 0; k < out.length; k++) {
      if (!(out[k] >= 0 && out[k] < nAtoms)) throw new InputError(`atom index ${out[k]} out of range 0..${nAtoms - 1}`);
    }
    return out;
  }

  /** Grow the pair arrays to `cap` entries, keeping the first `keep`. */
  private grow(cap: number, withD: boolean, keep = 0): void {
    const g = new Int32Array(cap);
    g.set(this.neighbor.subarray(0, keep));
    this.neighbor = g;
    const s = new Int32Array(3 * cap);
    s.set(this.shift.subarray(0, 3 * keep));
    this.shift = s;
    if (withD) {
      const d = new Float64Array(3 * cap);
      d.set(this.d.subarray(0, 3 * keep));
      this.d = d;
      const r = new Float64Array(cap);
      r.set(this.r.subarray(0, keep));
      this.r = r;
    }
  }
}

/**
 * All pairs within `cutoff` (Å) of each other under periodic boundary conditions.
 * @param positions Cartesian positions, 3N, Å (need not be wrapped).
 */
export function neighborPairs(positions: Float64Array, cell: Cell, cutoff: number, opts: NeighborOptions = {}): PairList {
  const s = new NeighborSearch();
  const n = s.search(positions, cell, cutoff, opts);
  const i = new Int32Array(n);
  for (let c = 0; c < s.centers.length; c++) i.fill(s.centers[c], s.start[c], s.start[c + 1]);
  return { count: n, i, j: s.neighbor.slice(0, n), shift: s.shift.slice(0, 3 * n), d: s.d.slice(0, 3 * n), r: s.r.slice(0, n) };
}
