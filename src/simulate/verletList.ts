/**
 * Verlet neighbour list with a skin, for the MD loop: a half list of the pairs within r_list = r_c + skin,
 * in compressed rows per atom (CSR), built by a cell (bin) list with ghost atoms, as LAMMPS does it
 * (`neighbor … bin`, half list with newton on).
 *
 * Build (any triclinic cell, any cutoff, also larger than the cell: several images of an atom are then
 * neighbours, each once):
 * - atoms are wrapped into the cell (fractional f ∈ [0,1)) and binned, n_k = max(1, ⌊b·w_k/r_list⌋) bins along
 *   lattice direction k (w_k perpendicular width, b = BINS_PER_CUTOFF); a bin reaches R_k = ⌈r_list·n_k/w_k⌉ bins;
 * - ghost atoms are the periodic images f + s (s ≠ 0 integer) that fall in the R_k bins around the cell (only
 *   above it along direction 3): a non-periodic grid of bins aligned with the periodic one;
 * - atom i is paired with the atoms of its own bin with a larger index and with every atom (owned or ghost)
 *   of the "upper half" stencil bins o (o₃ > 0, or o₃ = 0 and o₂ > 0, or o₃ = o₂ = 0 and o₁ > 0) whose
 *   nearest points are within r_list (exact bin–bin distance in orthorhombic cells, a per-direction bound
 *   otherwise). The mirror of a pair (i, j + s) is (j, i − s), at stencil offset −o: each pair, image
 *   included, is listed exactly once; a ghost never shares a bin with an atom of the cell.
 * Each row is ordered by distance at build time (counting sort on r², DISTANCE_BUCKETS buckets over
 * [0, r_list²]): the pair kernel's cutoff tests then change outcome about once per row instead of at random,
 * which the CPU's branch predictor rewards, and its table reads walk forward. The set of pairs is unchanged;
 * only the order of the sum.
 *
 * Extended atoms: the atoms of the cell and the ghosts, numbered in bin order (neighbours in space are neighbours
 * in memory; `owner` = the atom, Cartesian `imageTranslation` T_e); rows (one per atom, `centre[r]` its extended
 * index) in the same order. Every extended atom e sits at x[owner(e)] + T_e for the positions as given (unwrapped:
 * for an atom of the cell T_e undoes its wrap at build time), so the pair kernel reads r_j directly from extended positions
 * (`extendPositions`, once per step) and scatters forces onto extended atoms, folded back onto the owners
 * afterwards (`foldImages`): no per-pair translation. `neighbor` and `translation` give (j, t) per entry on demand
 * (d = r_j − r_i + t for the positions as given). The list stays valid while no atom has moved more than skin/2
 * since it was built (then no pair can have crossed r_c unseen).
 */
import type { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';

/** Bins per list cutoff along each lattice direction (3: bins of width ≥ r_list/3; measured fastest for 1,372 and 4,000-atom α-AgI). */
export let BINS_PER_CUTOFF = 3;
/** For benchmarking the bin width only. */
export function setBinsPerCutoff(k: number): void {
  BINS_PER_CUTOFF = k;
}
/** Distance buckets of the per-row sort (by r², so a bucket is ~r_list²/64/(2r) wide in r: ≈ 0.13 Å at 10 Å). */
export const DISTANCE_BUCKETS = 64;

export class VerletList {
  readonly nAtoms: number;
  readonly cutoff: number;
  readonly skin: number;
  /** Rows: start[r]..start[r+1] index `image` (and `neighbor`, `translation`) for row r, whose atom is owner[centre[r]]. */
  start: Int32Array;
  /** Extended index of each row's atom (rows are in bin order, not atom order). */
  centre: Int32Array;
  /** Neighbour of each entry in the extended numbering (atoms and ghosts in bin order; see the header). */
  image: Int32Array = new Int32Array(0);
  /** Number of ghost (image) atoms. */
  nImages = 0;
  /** Atom (owner) of every extended atom. */
  owner: Int32Array = new Int32Array(0);
  /** Cartesian translation T_e of every extended atom e (atoms included), 3 per extended atom, Å: it sits at x[owner] + T_e. */
  imageTranslation: Float64Array = new Float64Array(0);
  /** Positions at the last build. */
  private readonly x0: Float64Array;
  /** Number of builds so far. */
  builds = 0;
  /** Smallest pair distance found at the last build, and its atoms. */
  minDistance = Infinity;
  minPair: [number, number] = [-1, -1];

  constructor(nAtoms: number, cutoff: number, skin: number) {
    if (!(skin >= 0)) throw new InputError(`neighbour skin must be ≥ 0 Å, got ${skin}`);
    if (!(cutoff > 0) || !Number.isFinite(cutoff)) throw new InputError(`neighbour cutoff must be a positive number of Å, got ${cutoff}`);
    this.nAtoms = nAtoms;
    this.cutoff = cutoff;
    this.skin = skin;
    this.start = new Int32Array(nAtoms + 1);
    this.centre = new Int32Array(nAtoms);
    this.x0 = new Float64Array(3 * nAtoms);
    this.frac = new Float64Array(3 * nAtoms);
    this.wrap = new Int32Array(3 * nAtoms);
  }

  /** True when some atom moved more than skin/2 since the last build (or never built). */
  needsRebuild(x: Float64Array): boolean {
    if (this.builds === 0) return true;
    const lim = 0.25 * this.skin * this.skin;
    const x0 = this.x0;
    for (let k = 0; k < x.length; k += 3) {
      const dx = x[k] - x0[k],
        dy = x[k + 1] - x0[k + 1],
        dz = x[k + 2] - x0[k + 2];
      if (dx * dx + dy * dy + dz * dz > lim) return true;
    }
    return false;
  }

  // Scratch of `build`, reused between builds.
  private readonly frac: Float64Array;
  private readonly wrap: Int32Array;
  /** Per extended atom: bin, and (ghosts) integer shift s. */
  private extBin = new Int32Array(0);
  private extShift = new Int32Array(0);
  /** Owner and translation in creation order (atoms, then ghosts by owner), before the bin ordering. */
  private ownTmp = new Int32Array(0);
  private transTmp = new Float64Array(0);
  /** Extended atoms in bin order with their wrapped-frame positions. */
  private binStart = new Int32Array(0);
  private binAtom = new Int32Array(0);
  private binX = new Float64Array(0);
  /** One row's candidates: extended atom, r², distance bucket. */
  private rowCand = new Int32Array(0);
  private rowD2 = new Float64Array(0);
  private rowKey = new Uint8Array(0);
  private readonly bucketStart = new Int32Array(DISTANCE_BUCKETS + 1);

  build(x: Float64Array, cell: Cell): void {
    const n = this.nAtoms;
    if (x.length !== 3 * n) throw new InputError(`Verlet list for ${n} atoms got ${x.length / 3} positions`);
    const rl = this.cutoff + this.skin,
      rl2 = rl * rl;
    const m = cell.matrix;
    const m0 = m[0],
      m1 = m[1],
      m2 = m[2],
      m3 = m[3],
      m4 = m[4],
      m5 = m[5],
      m6 = m[6],
      m7 = m[7],
      m8 = m[8];
    // Wrapped fractional coordinates and the integer wrap of each atom.
    const frac = this.frac,
      wrap = this.wrap;
    cell.toFractional(x, frac);
    for (let k = 0; k < 3 * n; k++) {
      let t = Math.floor(frac[k]);
      let fk = frac[k] - t;
      if (fk >= 1) {
        fk = 0;
        t += 1;
      } // rounding of values just below an integer
      frac[k] = fk;
      wrap[k] = t;
    }
    // Bins of the cell and the ghost region: direction k has n_k bins in the cell, reach R_k; grid index
    // g_k = bin_k + R_k (directions 1, 2) or bin_k (direction 3: ghosts only above the cell).
    const w = cell.perpendicularWidths(),
      perCut = BINS_PER_CUTOFF;
    const nb = [0, 1, 2].map((k) => Math.max(1, Math.min(Math.floor((w[k] * perCut) / rl), 256)));
    const R = [0, 1, 2].map((k) => Math.ceil((rl * nb[k]) / w[k]));
    const lo = [-R[0], -R[1], 0],
      hi = [nb[0] + R[0], nb[1] + R[1], nb[2] + R[2]]; // bin range [lo, hi) per direction
    const G0 = hi[0] - lo[0],
      G1 = hi[1] - lo[1],
      G2 = hi[2] - lo[2];
    const nBins = G0 * G1 * G2;
    // Ghosts: every (atom, s ≠ 0) whose bin falls in the grid. Count first.
    const binIn = (a: number, k: number) => Math.min(nb[k] - 1, Math.floor(frac[3 * a + k] * nb[k]));
    let nGhost = 0;
    for (let a = 0; a < n; a++) {
      let c = 1;
      for (let k = 0; k < 3; k++) {
        const b = binIn(a, k);
        c *= Math.floor((hi[k] - 1 - b) / nb[k]) - Math.ceil((lo[k] - b) / nb[k]) + 1;
      }
      nGhost += c - 1;
    }
    const nExt = n + nGhost;
    if (this.extBin.length < nExt) {
      const cap = Math.ceil(1.2 * nExt);
      this.extBin = new Int32Array(cap);
      this.extShift = new Int32Array(3 * cap);
      this.binAtom = new Int32Array(cap);
      this.binX = new Float64Array(3 * cap);
      this.owner = new Int32Array(cap);
      this.imageTranslation = new Float64Array(3 * cap);
      this.ownTmp = new Int32Array(cap);
      this.transTmp = new Float64Array(3 * cap);
    }
    const eb = this.extBin,
      es = this.extShift,
      own = this.ownTmp,
      it = this.transTmp;
    let e = n;
    for (let a = 0; a < n; a++) {
      const b0 = binIn(a, 0),
        b1 = binIn(a, 1),
        b2 = binIn(a, 2);
      const w0 = wrap[3 * a],
        w1 = wrap[3 * a + 1],
        w2 = wrap[3 * a + 2];
      own[a] = a;
      es[3 * a] = 0;
      es[3 * a + 1] = 0;
      es[3 * a + 2] = 0;
      eb[a] = ((b0 - lo[0]) * G1 + (b1 - lo[1])) * G2 + (b2 - lo[2]);
      it[3 * a] = -(w0 * m0 + w1 * m3 + w2 * m6);
      it[3 * a + 1] = -(w0 * m1 + w1 * m4 + w2 * m7);
      it[3 * a + 2] = -(w0 * m2 + w1 * m5 + w2 * m8);
      const s0a = Math.ceil((lo[0] - b0) / nb[0]),
        s0b = Math.floor((hi[0] - 1 - b0) / nb[0]);
      const s1a = Math.ceil((lo[1] - b1) / nb[1]),
        s1b = Math.floor((hi[1] - 1 - b1) / nb[1]);
      const s2a = Math.ceil((lo[2] - b2) / nb[2]),
        s2b = Math.floor((hi[2] - 1 - b2) / nb[2]);
      for (let s0 = s0a; s0 <= s0b; s0++)
        for (let s1 = s1a; s1 <= s1b; s1++)
          for (let s2 = s2a; s2 <= s2b; s2++) {
            if (s0 === 0 && s1 === 0 && s2 === 0) continue;
            own[e] = a;
            es[3 * e] = s0;
            es[3 * e + 1] = s1;
            es[3 * e + 2] = s2;
            eb[e] = ((b0 + s0 * nb[0] - lo[0]) * G1 + (b1 + s1 * nb[1] - lo[1])) * G2 + (b2 + s2 * nb[2] - lo[2]);
            const u0 = s0 - w0,
              u1 = s1 - w1,
              u2 = s2 - w2;
            it[3 * e] = u0 * m0 + u1 * m3 + u2 * m6;
            it[3 * e + 1] = u0 * m1 + u1 * m4 + u2 * m7;
            it[3 * e + 2] = u0 * m2 + u1 * m5 + u2 * m8;
            e++;
          }
    }
    this.nImages = nGhost;
    // Counting sort of the extended atoms into bins: the extended numbering is this bin order (neighbours in
    // space are neighbours in memory), with wrapped-frame positions f·M + s·M for the search.
    if (this.binStart.length < nBins + 1) this.binStart = new Int32Array(nBins + 1);
    const bs = this.binStart,
      ba = this.binAtom,
      bx = this.binX,
      owner = this.owner,
      trans = this.imageTranslation;
    bs.fill(0, 0, nBins + 1);
    for (let k = 0; k < nExt; k++) bs[eb[k] + 1]++;
    for (let b = 0; b < nBins; b++) bs[b + 1] += bs[b];
    for (let k = 0; k < nExt; k++) {
      const q = bs[eb[k]]++,
        a = own[k];
      const f0 = frac[3 * a] + es[3 * k],
        f1 = frac[3 * a + 1] + es[3 * k + 1],
        f2 = frac[3 * a + 2] + es[3 * k + 2];
      ba[q] = k < n ? 1 : 0; // 1: an atom of the cell (a row centre)
      owner[q] = a;
      trans[3 * q] = it[3 * k];
      trans[3 * q + 1] = it[3 * k + 1];
      trans[3 * q + 2] = it[3 * k + 2];
      bx[3 * q] = f0 * m0 + f1 * m3 + f2 * m6;
      bx[3 * q + 1] = f0 * m1 + f1 * m4 + f2 * m7;
      bx[3 * q + 2] = f0 * m2 + f1 * m5 + f2 * m8;
    }
    for (let b = nBins; b > 0; b--) bs[b] = bs[b - 1];
    bs[0] = 0;
    // Upper-half stencil, pruned by the bins' smallest possible separation, as runs of bins contiguous in memory
    // (direction 3 varies fastest): run k covers linear bin offsets st[2k]..st[2k+1].
    const ortho = m1 === 0 && m2 === 0 && m3 === 0 && m5 === 0 && m6 === 0 && m7 === 0;
    const h = [0, 1, 2].map((k) => w[k] / nb[k]);
    const runs: number[] = [];
    for (let o0 = -R[0]; o0 <= R[0]; o0++)
      for (let o1 = -R[1]; o1 <= R[1]; o1++) {
        let first = Infinity,
          last = -Infinity;
        for (let o2 = 0; o2 <= R[2]; o2++) {
          if (!(o2 > 0 || o1 > 0 || (o1 === 0 && o0 > 0))) continue;
          const g = [o0, o1, o2].map((o, k) => Math.max(0, Math.abs(o) - 1) * h[k]);
          const d2 = ortho ? g[0] * g[0] + g[1] * g[1] + g[2] * g[2] : Math.max(g[0], g[1], g[2]) ** 2;
          if (d2 < rl2) {
            first = Math.min(first, o2);
            last = Math.max(last, o2);
          }
        }
        if (first <= last) runs.push((o0 * G1 + o1) * G2 + first, (o0 * G1 + o1) * G2 + last);
      }
    const st = Int32Array.from(runs),
      nSt = st.length / 2;
    // Rows, one per atom of the cell, in bin order.
    const start = this.start,
      centre = this.centre;
    let img = this.image,
      cap = img.length;
    if (cap === 0) {
      cap = Math.max(1024, 64 * n);
      img = new Int32Array(cap);
    }
    let rowCap = this.rowCand.length;
    const NB = DISTANCE_BUCKETS,
      scale = NB / rl2,
      bkt = this.bucketStart;
    let cnt = 0,
      minD2 = Infinity,
      mi = -1,
      mj = -1,
      r = 0;
    for (let bi = 0; bi < nBins; bi++) {
      for (let c = bs[bi], ce = bs[bi + 1]; c < ce; c++) {
        if (ba[c] === 0) continue; // ghost: not a centre
        start[r] = cnt;
        centre[r] = c;
        const xi = bx[3 * c],
          yi = bx[3 * c + 1],
          zi = bx[3 * c + 2];
        let len = 0;
        let ra = this.rowCand,
          rd = this.rowD2;
        for (let sIdx = -1; sIdx < nSt; sIdx++) {
          // Own bin: the atoms after c (all atoms of the cell), each pair once; then the upper-half stencil's runs.
          const q0 = sIdx < 0 ? c + 1 : bs[bi + st[2 * sIdx]],
            qe = sIdx < 0 ? bs[bi + 1] : bs[bi + st[2 * sIdx + 1] + 1];
          if (len + qe - q0 > rowCap) {
            rowCap = Math.max(256, 2 * (len + qe - q0));
            const na = new Int32Array(rowCap);
            na.set(ra);
            this.rowCand = ra = na;
            const nd = new Float64Array(rowCap);
            nd.set(rd);
            this.rowD2 = rd = nd;
          }
          // Branch-free compaction: every candidate is written, the count advances only for those within r_list
          // (a hit rate of ~30 % would make the branch unpredictable).
          for (let q = q0; q < qe; q++) {
            const dx = bx[3 * q] - xi,
              dy = bx[3 * q + 1] - yi,
              dz = bx[3 * q + 2] - zi;
            const d2 = dx * dx + dy * dy + dz * dz;
            ra[len] = q;
            rd[len] = d2;
            len += +(d2 <= rl2);
          }
        }
        for (let q = 0; q < len; q++) {
          const d2 = rd[q];
          if (d2 < minD2) {
            minD2 = d2;
            mi = owner[c];
            mj = owner[ra[q]];
          }
        }
        if (cnt + len > cap) {
          cap = Math.ceil(1.5 * (cnt + len)) + 1024;
          const g = new Int32Array(cap);
          g.set(img.subarray(0, cnt));
          img = g;
        }
        bkt.fill(0);
        const rk = this.rowKey.length >= len ? this.rowKey : (this.rowKey = new Uint8Array(rowCap));
        for (let q = 0; q < len; q++) {
          const kk = Math.min(NB - 1, (rd[q] * scale) | 0);
          rk[q] = kk;
          bkt[kk + 1]++;
        }
        bkt[0] = cnt;
        for (let b = 0; b < NB; b++) bkt[b + 1] += bkt[b];
        for (let q = 0; q < len; q++) img[bkt[rk[q]]++] = ra[q];
        cnt += len;
        r++;
      }
    }
    start[n] = cnt;
    this.image = img;
    this.views = false;
    this.minDistance = Math.sqrt(minD2);
    this.minPair = [mi, mj];
    this.x0.set(x);
    this.builds++;
  }

  private views = false;
  private neighborView = new Int32Array(0);
  private translationView = new Float64Array(0);

  /** Atom (owner) of each entry's neighbour (derived from `image` on first use after a build; the MD kernel does not need it). */
  get neighbor(): Int32Array {
    this.makeViews();
    return this.neighborView;
  }
  /** Cartesian image translation t of each entry's neighbour (d = r_j − r_i + t), 3 per entry, Å (derived like `neighbor`). */
  get translation(): Float64Array {
    this.makeViews();
    return this.translationView;
  }

  private makeViews(): void {
    if (this.views) return;
    const n = this.nAtoms,
      cnt = this.start[n],
      img = this.image,
      own = this.owner,
      it = this.imageTranslation;
    if (this.neighborView.length < cnt) {
      this.neighborView = new Int32Array(cnt);
      this.translationView = new Float64Array(3 * cnt);
    }
    const nb = this.neighborView,
      tr = this.translationView;
    for (let r = 0; r < n; r++) {
      const c = this.centre[r];
      for (let q = this.start[r]; q < this.start[r + 1]; q++) {
        const e = img[q];
        nb[q] = own[e];
        for (let k = 0; k < 3; k++) tr[3 * q + k] = it[3 * e + k] - it[3 * c + k];
      }
    }
    this.views = true;
  }

  /** Atom of row r. */
  rowAtom(r: number): number {
    return this.owner[this.centre[r]];
  }

  /** Number of extended atoms (atoms plus ghost atoms). */
  get nExtended(): number {
    return this.nAtoms + this.nImages;
  }

  /** Extended positions into `xe` (≥ 3·nExtended): each extended atom's owner position plus its translation. */
  extendPositions(x: Float64Array, xe: Float64Array): void {
    const own = this.owner,
      it = this.imageTranslation;
    for (let e = 0, ne = this.nExtended; e < ne; e++) {
      const a = 3 * own[e],
        k = 3 * e;
      xe[k] = x[a] + it[k];
      xe[k + 1] = x[a + 1] + it[k + 1];
      xe[k + 2] = x[a + 2] + it[k + 2];
    }
  }

  /** Add per-extended-atom vectors (`width` numbers each: 3 for forces, 1 for energies) onto the owners in `out`. */
  foldImages(ext: Float64Array, out: Float64Array, width: number): void {
    const own = this.owner;
    if (width === 3) {
      for (let e = 0, ne = this.nExtended; e < ne; e++) {
        const a = 3 * own[e],
          k = 3 * e;
        out[a] += ext[k];
        out[a + 1] += ext[k + 1];
        out[a + 2] += ext[k + 2];
      }
      return;
    }
    for (let e = 0, ne = this.nExtended; e < ne; e++) {
      const a = width * own[e];
      for (let c = 0; c < width; c++) out[a + c] += ext[width * e + c];
    }
  }

  /** Rebuild if needed; returns whether it rebuilt. */
  update(x: Float64Array, cell: Cell): boolean {
    if (!this.needsRebuild(x)) return false;
    this.build(x, cell);
    return true;
  }
}
