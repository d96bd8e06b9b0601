/**
 * Histogram of periodic pair distances between two point sets (the counting kernel of the RDF).
 *
 * Two exact paths:
 * - direct double loop with fractional rounding, when r_max ≤ w_min/2 (w = perpendicular cell widths)
 *   and the cell is too small for cell binning to pay off (fewer than 54 bins of width ≥ r_max): at
 *   most one image of each pair then lies within r_max, and since its fractional components obey
 *   |f_k| = |d·n̂_k| / w_k ≤ r_max / w_k ≤ ½, rounding the fractional displacement finds it, in any
 *   triclinic cell. No pair list is built, so this path allocates nothing per pair.
 * - otherwise the shared cell-list neighbour search (src/geometry/neighborList.ts), exact for any
 *   r_max, including several images of the same atom beyond half the cell width.
 */
import type { Cell } from '../core/cell.js';
import { neighborPairs } from '../geometry/neighborList.js';

/**
 * Add the counts of pair distances r < r_max to `hist` (bins of width r_max / hist.length).
 * With `same`, `pb` is ignored and each unordered pair i ≠ j of `pa` counts twice (i→j and j→i),
 * as a full neighbour list would. Returns the number of pairs counted.
 */
export function accumulatePairHistogram(
  pa: Float64Array, pb: Float64Array | null, cell: Cell, rmax: number, hist: Float64Array, same: boolean,
): number {
  const widths = cell.perpendicularWidths();
  const wmin = Math.min(...widths);
  const cellListBins = widths.reduce((p, w) => p * Math.max(1, Math.floor(w / rmax)), 1);
  if (2 * rmax <= wmin && cellListBins < 54) return directHistogram(pa, same ? pa : pb!, cell, rmax, hist, same);
  return neighbourListHistogram(pa, same ? pa : pb!, cell, rmax, hist, same);
}

function directHistogram(pa: Float64Array, pb: Float64Array, cell: Cell, rmax: number, hist: Float64Array, same: boolean): number {
  const fa = cell.toFractional(pa), fb = same ? fa : cell.toFractional(pb);
  const m = cell.matrix;
  const m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7], m8 = m[8];
  const rc2 = rmax * rmax, inv = hist.length / rmax, nb = hist.length;
  const nA = fa.length / 3, nB = fb.length / 3;
  const add = same ? 2 : 1;
  let counted = 0;
  for (let i = 0; i < nA; i++) {
    const xi = fa[3 * i], yi = fa[3 * i + 1], zi = fa[3 * i + 2];
    for (let j = same ? i + 1 : 0; j < nB; j++) {
      let a = fb[3 * j] - xi, b = fb[3 * j + 1] - yi, c = fb[3 * j + 2] - zi;
      a -= Math.round(a); b -= Math.round(b); c -= Math.round(c);
      const dx = a * m0 + b * m3 + c * m6, dy = a * m1 + b * m4 + c * m7, dz = a * m2 + b * m5 + c * m8;
      const d2 = dx * dx + dy * dy + dz * dz;
      if (d2 < rc2) {
        const k = Math.floor(Math.sqrt(d2) * inv);
        if (k < nb) { hist[k] += add; counted += add; }
      }
    }
  }
  return counted;
}

function neighbourListHistogram(pa: Float64Array, pb: Float64Array, cell: Cell, rmax: number, hist: Float64Array, same: boolean): number {
  const nA = pa.length / 3, nB = pb.length / 3;
  let pairs;
  if (same) {
    const idx = Int32Array.from({ length: nA }, (_, k) => k);
    pairs = neighborPairs(pa, cell, rmax, { centers: idx, neighbors: idx });
  } else {
    const both = new Float64Array(3 * (nA + nB));
    both.set(pa, 0); both.set(pb, 3 * nA);
    pairs = neighborPairs(both, cell, rmax, {
      centers: Int32Array.from({ length: nA }, (_, k) => k),
      neighbors: Int32Array.from({ length: nB }, (_, k) => nA + k),
    });
  }
  const inv = hist.length / rmax, nb = hist.length;
  let counted = 0;
  for (let p = 0; p < pairs.count; p++) {
    const k = Math.floor(pairs.r[p] * inv);
    if (k < nb) { hist[k]++; counted++; }
  }
  return counted;
}
