/**
 * A bin grid over site centres for exact periodic searches around a point: all sites within r_max
 * (Gaussian occupancy, Kweon 2017 SI) and the nearest site (jump assignment).
 *
 * Site centres are binned on their wrapped fractional coordinates, n_k = ⌊w_k / b⌋ bins along
 * lattice direction k (w_k = perpendicular width, b = target bin width in Å). A sphere of radius r
 * spans r / w_k in fractional coordinate k, so the sites within r of a point lie in the bins within
 * reach_k = ⌈n_k·r / w_k⌉ of the point's bin, each visited with the periodic image its bin offset
 * implies; the distance is computed for that image. As long as 2·reach_k + 1 ≤ n_k no bin is
 * visited twice, and for r ≤ half the smallest width (the only case the occupancy allows) the image
 * found is the minimum image: the search returns exactly the brute-force minimum-image set.
 * Otherwise (small cells) it falls back to the direct scan of every site.
 *
 * Nearest site: bins within reach 1, 2, … are searched; a site in an unvisited bin is at least
 * reach · min_k(w_k / n_k) away, so the search stops as soon as the best distance found is within
 * that bound (exact), falling back to the direct scan when the reach would wrap.
 */
import type { Cell } from '../core/cell.js';
import { roundingIsExact, squaredDistancesTo } from './minimumImageScan.js';

export class SiteBinGrid {
  private nb = [1, 1, 1];
  private widths: [number, number, number] = [0, 0, 0];
  private start = new Int32Array(2);
  private sorted = new Int32Array(0);
  private binOfSite = new Int32Array(0);
  private frac = new Float64Array(0);
  private centres = new Float64Array(0);
  private cell: Cell | null = null;
  private fast = true;
  private scratch = new Float64Array(0);
  private nSites = 0;
  /** Squared distance of the last `nearest` result, Å². */
  lastNearestD2 = Infinity;

  /** @param binWidth_A target bin width, Å (e.g. r_max / 2 for the occupancy, ~2 Å for nearest sites). */
  constructor(private readonly binWidth_A: number) {}

  /** Bin the current site centres (Cartesian, Å, 3 per site) in `cell`. Call once per frame. */
  update(centres: Float64Array, cell: Cell): void {
    const n = centres.length / 3;
    this.nSites = n;
    this.cell = cell;
    this.centres = centres;
    this.fast = roundingIsExact(cell);
    if (this.frac.length !== 3 * n) {
      this.frac = new Float64Array(3 * n);
      this.binOfSite = new Int32Array(n);
      this.sorted = new Int32Array(n);
      this.scratch = new Float64Array(n);
    }
    const f = cell.toFractional(centres, this.frac);
    for (let k = 0; k < f.length; k++) {
      let v = f[k] - Math.floor(f[k]);
      if (v >= 1) v = 0;
      f[k] = v;
    }
    this.widths = cell.perpendicularWidths();
    const nb = this.nb;
    for (let k = 0; k < 3; k++) nb[k] = Math.max(1, Math.min(64, Math.floor(this.widths[k] / this.binWidth_A)));
    const nBins = nb[0] * nb[1] * nb[2];
    if (this.start.length !== nBins + 1) this.start = new Int32Array(nBins + 1);
    else this.start.fill(0);
    const st = this.start,
      bos = this.binOfSite;
    for (let s = 0; s < n; s++) {
      const b0 = Math.min(nb[0] - 1, Math.floor(f[3 * s] * nb[0]));
      const b1 = Math.min(nb[1] - 1, Math.floor(f[3 * s + 1] * nb[1]));
      const b2 = Math.min(nb[2] - 1, Math.floor(f[3 * s + 2] * nb[2]));
      bos[s] = (b0 * nb[1] + b1) * nb[2] + b2;
      st[bos[s] + 1]++;
    }
    for (let b = 0; b < nBins; b++) st[b + 1] += st[b];
    const fill = st.slice(0, nBins);
    for (let s = 0; s < n; s++) this.sorted[fill[bos[s]]++] = s;
  }

  private reachFor(r: number): number[] | null {
    const nb = this.nb,
      w = this.widths;
    const reach = [0, 1, 2].map((k) => Math.ceil((nb[k] * r) / w[k]));
    for (let k = 0; k < 3; k++) if (2 * reach[k] + 1 > nb[k]) return null;
    return reach;
  }

  /**
   * Sites within `rmax` (Å) of the point: writes their indices and squared distances into
   * `idx` / `d2` (length ≥ number of sites) and returns how many. Requires rmax ≤ half the
   * smallest perpendicular width of the cell (minimum image).
   */
  within(x: number, y: number, z: number, rmax: number, idx: Int32Array, d2: Float64Array): number {
    const cell = this.cell!;
    const r2 = rmax * rmax;
    const reach = this.reachFor(rmax);
    if (!reach) {
      const all = this.scratch;
      squaredDistancesTo(x, y, z, this.centres, this.frac, cell, this.fast, all);
      let c = 0;
      for (let s = 0; s < this.nSites; s++)
        if (all[s] <= r2) {
          idx[c] = s;
          d2[c] = all[s];
          c++;
        }
      return c;
    }
    return this.scan(x, y, z, reach, r2, idx, d2);
  }

  /** Sites in the bins within `reach` of the point's bin with squared distance ≤ r2. */
  private scan(x: number, y: number, z: number, reach: number[], r2: number, idx: Int32Array | null, d2: Float64Array | null): number {
    const cell = this.cell!,
      m = cell.matrix,
      v = cell.inverse,
      nb = this.nb,
      f = this.frac,
      st = this.start,
      so = this.sorted;
    let px = x * v[0] + y * v[3] + z * v[6],
      py = x * v[1] + y * v[4] + z * v[7],
      pz = x * v[2] + y * v[5] + z * v[8];
    px -= Math.floor(px);
    py -= Math.floor(py);
    pz -= Math.floor(pz);
    const a0 = Math.min(nb[0] - 1, Math.floor(px * nb[0])),
      a1 = Math.min(nb[1] - 1, Math.floor(py * nb[1])),
      a2 = Math.min(nb[2] - 1, Math.floor(pz * nb[2]));
    let count = 0,
      best = Infinity,
      bestSite = -1;
    for (let o0 = -reach[0]; o0 <= reach[0]; o0++) {
      const t0 = a0 + o0,
        b0 = t0 < 0 ? t0 + nb[0] : t0 >= nb[0] ? t0 - nb[0] : t0,
        s0 = t0 < 0 ? -1 : t0 >= nb[0] ? 1 : 0;
      for (let o1 = -reach[1]; o1 <= reach[1]; o1++) {
        const t1 = a1 + o1,
          b1 = t1 < 0 ? t1 + nb[1] : t1 >= nb[1] ? t1 - nb[1] : t1,
          s1 = t1 < 0 ? -1 : t1 >= nb[1] ? 1 : 0;
        for (let o2 = -reach[2]; o2 <= reach[2]; o2++) {
          const t2 = a2 + o2,
            b2 = t2 < 0 ? t2 + nb[2] : t2 >= nb[2] ? t2 - nb[2] : t2,
            s2 = t2 < 0 ? -1 : t2 >= nb[2] ? 1 : 0;
          const bin = (b0 * nb[1] + b1) * nb[2] + b2;
          for (let q = st[bin]; q < st[bin + 1]; q++) {
            const s = so[q];
            const f0 = f[3 * s] + s0 - px,
              f1 = f[3 * s + 1] + s1 - py,
              f2 = f[3 * s + 2] + s2 - pz;
            const dx = f0 * m[0] + f1 * m[3] + f2 * m[6],
              dy = f0 * m[1] + f1 * m[4] + f2 * m[7],
              dz = f0 * m[2] + f1 * m[5] + f2 * m[8];
            const dd = dx * dx + dy * dy + dz * dz;
            if (idx) {
              if (dd <= r2) {
                idx[count] = s;
                d2![count] = dd;
                count++;
              }
            } else if (dd < best || (dd === best && s < bestSite)) {
              best = dd;
              bestSite = s;
            }
          }
        }
      }
    }
    if (!idx) {
      this.lastNearestD2 = best;
      return bestSite;
    }
    return count;
  }

  /** Index of the site nearest to the point (minimum image; lowest index on a tie); distance² in `lastNearestD2`. */
  nearest(x: number, y: number, z: number): number {
    const nb = this.nb,
      w = this.widths;
    const binMin = Math.min(w[0] / nb[0], w[1] / nb[1], w[2] / nb[2]);
    for (let r = 1; 2 * r + 1 <= Math.min(nb[0], nb[1], nb[2]); r++) {
      const s = this.scan(x, y, z, [r, r, r], Infinity, null, null);
      const bound = r * binMin;
      if (s >= 0 && this.lastNearestD2 < bound * bound) return s;
    }
    const all = this.scratch;
    squaredDistancesTo(x, y, z, this.centres, this.frac, this.cell!, this.fast, all);
    let best = -1,
      bd = Infinity;
    for (let s = 0; s < this.nSites; s++)
      if (all[s] < bd) {
        bd = all[s];
        best = s;
      }
    this.lastNearestD2 = bd;
    return best;
  }
}
