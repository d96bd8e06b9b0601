/**
 * Verlet neighbour list with a skin, for the MD loop. The pairs within r_list = r_c + skin come from
 * geometry's reusable cell-list search (NeighborSearch in src/geometry/neighborList.ts: exact for any
 * triclinic cell and cutoff, several images of an atom when the cutoff exceeds half the cell width),
 * as a half list in compressed rows per first atom, with bins of width ≥ r_list/2 and no displacement
 * arrays; buffers are reused between rebuilds.
 *
 * Each pair has a Cartesian image translation t = s·M, so the current displacement is
 * r_j − r_i + t for moved (unwrapped) positions (stored as an image atom, below; `neighbor` and
 * `translation` give (j, t) per entry on demand). The list stays valid while no atom has moved more
 * than skin/2 since it was built (then no pair can have crossed r_c unseen).
 *
 * Each row is ordered by distance at build time (counting sort on r², DISTANCE_BUCKETS buckets over
 * [0, r_list²]): the pair kernel's cutoff tests (r < r_list, r < r_c short-range, r < r_c Coulomb) then
 * change outcome about once per row instead of at random, which the CPU's branch predictor rewards
 * (about 20 % of the pair-force time on α-AgI). The set of pairs is unchanged; only the order of the sum.
 *
 * Image atoms: every distinct (atom a, translation t ≠ 0) in the list becomes an extra atom n, n+1, …
 * (`owner` = a, `imageTranslation` = t), and `image[q]` is the entry's neighbour in that extended
 * numbering (the atom itself when t = 0). The pair kernel then reads r_j directly from extended positions
 * (`extendPositions`, once per step: x of the owners plus t) and scatters forces onto extended atoms, folded
 * back onto the owners afterwards (`foldImages`): no translation stream and no per-pair addition in the loop.
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
  /** start[i]..start[i+1] index `image` (and `neighbor`, `translation`) for atom i. */
  start: Int32Array;
  /** Neighbour of each entry in the extended numbering: atoms 0..n−1, then image atoms (see the header). */
  image: Int32Array = new Int32Array(0);
  /** Number of image atoms. */
  nImages = 0;
  /** Owner atom of every extended atom (k itself for k < n). */
  owner: Int32Array = new Int32Array(0);
  /** Cartesian translation of image atom g (extended index n + g), 3 per image, Å. */
  imageTranslation: Float64Array = new Float64Array(0);
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
    this.imageHead = new Int32Array(nAtoms);
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
  /** Scratch of `build`: per entry in search order its distance bucket and extended neighbour. */
  private bucket = new Uint8Array(0);
  private imgSearch = new Int32Array(0);
  private readonly bucketStart = new Int32Array(DISTANCE_BUCKETS + 1);
  /** Image atoms of each atom as a linked list (head per atom, next per image) with their integer shifts. */
  private imageHead: Int32Array;
  private imageNext = new Int32Array(0);
  private imageShift = new Int32Array(0);

  build(x: Float64Array, cell: Cell): void {
    const s = this.search, n = this.nAtoms;
    const rl = this.cutoff + this.skin;
    const cnt = s.search(x, cell, rl, { binsPerCutoff: BINS_PER_CUTOFF, displacements: false });
    const sh = s.shift, m = cell.matrix, st = s.start, sNb = s.neighbor;
    if (this.image.length < cnt) {
      const cap = s.neighbor.length;
      this.image = new Int32Array(cap); this.bucket = new Uint8Array(cap); this.imgSearch = new Int32Array(cap);
    }
    this.views = false;
    const key = this.bucket, ims = this.imgSearch, img = this.image, bs = this.bucketStart;
    const head = this.imageHead;
    head.fill(-1);
    let nImg = 0;
    const NB = DISTANCE_BUCKETS, scale = NB / (rl * rl);
    const m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7], m8 = m[8];
    for (let i = 0; i < n; i++) {
      const a = st[i], b = st[i + 1];
      const xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
      bs.fill(0);
      for (let q = a; q < b; q++) {
        const u0 = sh[3 * q], u1 = sh[3 * q + 1], u2 = sh[3 * q + 2], j = sNb[q];
        let e = j;
        if (u0 !== 0 || u1 !== 0 || u2 !== 0) {
          e = head[j];
          const ish = this.imageShift;
          while (e >= 0 && !(ish[3 * e] === u0 && ish[3 * e + 1] === u1 && ish[3 * e + 2] === u2)) e = this.imageNext[e];
          if (e < 0) { e = this.addImage(j, u0, u1, u2, nImg); nImg++; }
          e += n;
        }
        ims[q] = e;
        const dx = x[3 * j] - xi + (u0 * m0 + u1 * m3 + u2 * m6);
        const dy = x[3 * j + 1] - yi + (u0 * m1 + u1 * m4 + u2 * m7);
        const dz = x[3 * j + 2] - zi + (u0 * m2 + u1 * m5 + u2 * m8);
        const k = Math.min(NB - 1, ((dx * dx + dy * dy + dz * dz) * scale) | 0);
        key[q] = k; bs[k + 1]++;
      }
      bs[0] = a;
      for (let k = 0; k < NB; k++) bs[k + 1] += bs[k];
      for (let q = a; q < b; q++) {
        img[bs[key[q]]++] = ims[q];
      }
    }
    // Owners and Cartesian translations of the image atoms.
    this.nImages = nImg;
    if (this.owner.length < n + nImg) {
      this.owner = new Int32Array(n + this.imageNext.length);
      this.imageTranslation = new Float64Array(3 * this.imageNext.length);
    }
    const own = this.owner, it = this.imageTranslation, ish = this.imageShift;
    for (let k = 0; k < n; k++) own[k] = k;
    for (let a = 0; a < n; a++) {
      for (let g = head[a]; g >= 0; g = this.imageNext[g]) {
        own[n + g] = a;
        const u0 = ish[3 * g], u1 = ish[3 * g + 1], u2 = ish[3 * g + 2];
        it[3 * g] = u0 * m0 + u1 * m3 + u2 * m6; it[3 * g + 1] = u0 * m1 + u1 * m4 + u2 * m7; it[3 * g + 2] = u0 * m2 + u1 * m5 + u2 * m8;
      }
    }
    this.start = st;
    this.minDistance = s.minDistance; this.minPair = s.minPair;
    this.x0.set(x);
    this.builds++;
  }

  private views = false;
  private neighborView = new Int32Array(0);
  private translationView = new Float64Array(0);

  /** Atom (owner) of each entry's neighbour (derived from `image` on first use after a build; the MD kernel does not need it). */
  get neighbor(): Int32Array { this.makeViews(); return this.neighborView; }
  /** Cartesian image translation of each entry's neighbour, 3 per entry, Å (derived like `neighbor`). */
  get translation(): Float64Array { this.makeViews(); return this.translationView; }

  private makeViews(): void {
    if (this.views) return;
    const cnt = this.start[this.nAtoms], n = this.nAtoms, img = this.image, own = this.owner, it = this.imageTranslation;
    if (this.neighborView.length < cnt) { this.neighborView = new Int32Array(cnt); this.translationView = new Float64Array(3 * cnt); }
    const nb = this.neighborView, tr = this.translationView;
    for (let q = 0; q < cnt; q++) {
      const e = img[q];
      nb[q] = own[e];
      const g = e - n;
      for (let c = 0; c < 3; c++) tr[3 * q + c] = g >= 0 ? it[3 * g + c] : 0;
    }
    this.views = true;
  }

  /** Register image `g` of atom `a` with integer shift u (growing the image arrays); returns g. */
  private addImage(a: number, u0: number, u1: number, u2: number, g: number): number {
    if (g === this.imageNext.length) {
      const cap = Math.max(64, 2 * g);
      const nx = new Int32Array(cap); nx.set(this.imageNext); this.imageNext = nx;
      const us = new Int32Array(3 * cap); us.set(this.imageShift); this.imageShift = us;
    }
    this.imageShift[3 * g] = u0; this.imageShift[3 * g + 1] = u1; this.imageShift[3 * g + 2] = u2;
    this.imageNext[g] = this.imageHead[a]; this.imageHead[a] = g;
    return g;
  }

  /** Number of extended atoms (atoms plus image atoms). */
  get nExtended(): number { return this.nAtoms + this.nImages; }

  /** Extended positions into `xe` (≥ 3·nExtended): the atoms' positions, then each image's owner plus its translation. */
  extendPositions(x: Float64Array, xe: Float64Array): void {
    const n = this.nAtoms, own = this.owner, it = this.imageTranslation;
    xe.set(x.subarray(0, 3 * n));
    for (let g = 0, G = this.nImages; g < G; g++) {
      const a = own[n + g], k = 3 * (n + g);
      xe[k] = x[3 * a] + it[3 * g]; xe[k + 1] = x[3 * a + 1] + it[3 * g + 1]; xe[k + 2] = x[3 * a + 2] + it[3 * g + 2];
    }
  }

  /** Add per-extended-atom vectors (`width` numbers each: 3 for forces, 1 for energies) onto the owners in `out`. */
  foldImages(ext: Float64Array, out: Float64Array, width: number): void {
    const n = this.nAtoms, own = this.owner;
    for (let k = 0; k < width * n; k++) out[k] += ext[k];
    for (let e = n, ne = n + this.nImages; e < ne; e++) {
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
