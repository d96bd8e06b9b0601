/**
 * Verlet neighbour list with a skin, built by a cell (bin) list written straight into a CSR layout: the same
 * exact periodic search as geometry/neighborList.ts (any triclinic cell, any cutoff, several images of an atom
 * when the cutoff exceeds half the cell width; bins of width ≥ r_list on wrapped fractional coordinates, each
 * bin compared with the bins within ⌈n_k r_list / w_k⌉ along each lattice direction, every periodic image once),
 * specialised for the MD loop (no per-pair objects, reused buffers; test/simulate/verletList.test.ts checks it
 * pair for pair against geometry's neighborPairs).
 *
 * Pairs within r_c + skin are stored per first atom (CSR layout) with the Cartesian image translation
 * t = s·M, so the current displacement is r_j − r_i + t for moved (unwrapped) positions. The list stays valid
 * while no atom has moved more than skin/2 since it was built (then no pair can have crossed r_c unseen).
 */
import type { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';

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

  private frac = new Float64Array(0);
  private xw = new Float64Array(0);
  private trans = new Int32Array(0);
  private binStart = new Int32Array(0);
  private binAtoms = new Int32Array(0);
  private binX = new Float64Array(0);
  private atomBin = new Int32Array(0);

  build(x: Float64Array, cell: Cell): void {
    const n = this.nAtoms, rl = this.cutoff + this.skin, rl2 = rl * rl;
    const m = cell.matrix;
    if (this.frac.length !== 3 * n) {
      this.frac = new Float64Array(3 * n); this.xw = new Float64Array(3 * n); this.trans = new Int32Array(3 * n);
      this.binAtoms = new Int32Array(n); this.binX = new Float64Array(3 * n); this.atomBin = new Int32Array(n);
    }
    const frac = this.frac, xw = this.xw, trans = this.trans;
    cell.toFractional(x, frac);
    for (let k = 0; k < 3 * n; k++) {
      let t = Math.floor(frac[k]);
      let f = frac[k] - t;
      if (f >= 1) { f = 0; t += 1; }
      frac[k] = f; trans[k] = t;
    }
    cell.toCartesian(frac, xw);
    const widths = cell.perpendicularWidths();
    // Bins of width ≥ r_list / BINS_PER_CUTOFF: finer bins cut the candidates from 27 r_list³ towards the sphere.
    const bw = rl / BINS_PER_CUTOFF;
    const nb0 = Math.max(1, Math.min(Math.floor(widths[0] / bw), 128));
    const nb1 = Math.max(1, Math.min(Math.floor(widths[1] / bw), 128));
    const nb2 = Math.max(1, Math.min(Math.floor(widths[2] / bw), 128));
    const r0 = Math.ceil((nb0 * rl) / widths[0]), r1 = Math.ceil((nb1 * rl) / widths[1]), r2 = Math.ceil((nb2 * rl) / widths[2]);
    const nBins = nb0 * nb1 * nb2;
    if (this.binStart.length !== nBins + 1) this.binStart = new Int32Array(nBins + 1);
    const bs = this.binStart, ba = this.binAtoms, bx = this.binX, ab = this.atomBin;
    bs.fill(0);
    for (let i = 0; i < n; i++) {
      const b = (Math.min(nb0 - 1, Math.floor(frac[3 * i] * nb0)) * nb1 + Math.min(nb1 - 1, Math.floor(frac[3 * i + 1] * nb1))) * nb2
        + Math.min(nb2 - 1, Math.floor(frac[3 * i + 2] * nb2));
      ab[i] = b; bs[b + 1]++;
    }
    for (let b = 0; b < nBins; b++) bs[b + 1] += bs[b];
    const fill = bs.slice(0, nBins);
    for (let i = 0; i < n; i++) {
      const q = fill[ab[i]]++;
      ba[q] = i; bx[3 * q] = xw[3 * i]; bx[3 * q + 1] = xw[3 * i + 1]; bx[3 * q + 2] = xw[3 * i + 2];
    }
    const ptr = bs.slice(0, nBins);
    let cap = this.neighbor.length;
    if (cap === 0) { cap = Math.max(1024, n * 64); this.neighbor = new Int32Array(cap); this.translation = new Float64Array(3 * cap); }
    let nbr = this.neighbor, tr = this.translation;
    const start = this.start;
    let cnt = 0, minD2 = Infinity, mi = -1, mj = -1;
    for (let i = 0; i < n; i++) {
      start[i] = cnt;
      const b = ab[i];
      const a0 = Math.floor(b / (nb1 * nb2)), a1 = Math.floor(b / nb2) % nb1, a2 = b % nb2;
      const xi = xw[3 * i], yi = xw[3 * i + 1], zi = xw[3 * i + 2];
      const ti0 = trans[3 * i], ti1 = trans[3 * i + 1], ti2 = trans[3 * i + 2];
      for (let o0 = -r0; o0 <= r0; o0++) {
        const t0 = a0 + o0, c0 = ((t0 % nb0) + nb0) % nb0, s0 = Math.floor(t0 / nb0);
        for (let o1 = -r1; o1 <= r1; o1++) {
          const t1 = a1 + o1, c1 = ((t1 % nb1) + nb1) % nb1, s1 = Math.floor(t1 / nb1);
          for (let o2 = -r2; o2 <= r2; o2++) {
            const t2 = a2 + o2, c2 = ((t2 % nb2) + nb2) % nb2, s2 = Math.floor(t2 / nb2);
            const selfImageOk = s0 > 0 || (s0 === 0 && (s1 > 0 || (s1 === 0 && s2 > 0)));
            const shx = s0 * m[0] + s1 * m[3] + s2 * m[6] - xi;
            const shy = s0 * m[1] + s1 * m[4] + s2 * m[7] - yi;
            const shz = s0 * m[2] + s1 * m[5] + s2 * m[8] - zi;
            const bin = (c0 * nb1 + c1) * nb2 + c2;
            // Atoms in a bin are in increasing index order and i only grows: skip j < i with a per-bin cursor.
            let q = ptr[bin];
            const qe = bs[bin + 1];
            while (q < qe && ba[q] < i) q++;
            ptr[bin] = q;
            for (; q < qe; q++) {
              const j = ba[q];
              if (j === i && !selfImageOk) continue;
              const dx = bx[3 * q] + shx, dy = bx[3 * q + 1] + shy, dz = bx[3 * q + 2] + shz;
              const d2 = dx * dx + dy * dy + dz * dz;
              if (d2 > rl2) continue;
              if (cnt === cap) {
                cap = Math.ceil(cap * 1.5);
                const g = new Int32Array(cap); g.set(nbr); nbr = g;
                const h = new Float64Array(3 * cap); h.set(tr); tr = h;
                this.neighbor = nbr; this.translation = tr;
              }
              nbr[cnt] = j;
              const u0 = s0 - trans[3 * j] + ti0, u1 = s1 - trans[3 * j + 1] + ti1, u2 = s2 - trans[3 * j + 2] + ti2;
              tr[3 * cnt] = u0 * m[0] + u1 * m[3] + u2 * m[6];
              tr[3 * cnt + 1] = u0 * m[1] + u1 * m[4] + u2 * m[7];
              tr[3 * cnt + 2] = u0 * m[2] + u1 * m[5] + u2 * m[8];
              cnt++;
              if (d2 < minD2) { minD2 = d2; mi = i; mj = j; }
            }
          }
        }
      }
    }
    start[n] = cnt;
    this.minDistance = Math.sqrt(minD2); this.minPair = [mi, mj];
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
