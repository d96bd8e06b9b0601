/**
 * Nearest-site assignment (Wood 2021, Fig. 4a/4c and 5c): each cation in each frame belongs to the
 * one site, of any type, whose centre is nearest (minimum image). Occupancies are then integer
 * counts per site, in contrast with the Gaussian weights of Kweon 2017 SI (gaussianSiteOccupancy.ts),
 * which share a cation between nearby sites. Including every site type (tetrahedral, octahedral,
 * trigonal, linear) matters: a cation between two tetrahedral sites is counted on the trigonal or
 * linear site it passes, so the fraction on tetrahedral sites falls with T (Wood's dotted average
 * line in Fig. 4c) instead of being 1 by construction.
 * The distance to the nearest site is kept too: its distribution per site type is Wood Fig. 5c.
 */
import type { Cell } from '../core/cell.js';
import { roundingIsExact, squaredDistancesTo } from './minimumImageScan.js';
import { SiteBinGrid } from './siteBinGrid.js';

/**
 * Assign each cation (Cartesian Å, 3 per cation) to its nearest site centre (3 per site) and add 1 to
 * `siteCount` of that site. Writes the site index of each cation to `site` and its distance (Å) to
 * `distance_A` when given. Exact (bin-grid search with a direct-scan fallback; `nearestSitesDirect` is
 * the oracle).
 */
export function addNearestSiteCounts(
  centres: Float64Array,
  cations: Float64Array,
  cell: Cell,
  siteCount: Float64Array,
  grid: SiteBinGrid = new SiteBinGrid(2),
  site?: Int32Array,
  distance_A?: Float64Array,
): void {
  const nC = cations.length / 3;
  grid.update(centres, cell);
  for (let c = 0; c < nC; c++) {
    const s = grid.nearest(cations[3 * c], cations[3 * c + 1], cations[3 * c + 2]);
    siteCount[s] += 1;
    if (site) site[c] = s;
    if (distance_A) distance_A[c] = Math.sqrt(grid.lastNearestD2);
  }
}

/** Nearest site of each cation by scanning every site (the oracle of `addNearestSiteCounts`). */
export function nearestSitesDirect(centres: Float64Array, cations: Float64Array, cell: Cell): { site: Int32Array; distance_A: Float64Array } {
  const nS = centres.length / 3,
    nC = cations.length / 3;
  const frac = cell.toFractional(centres),
    fast = roundingIsExact(cell);
  const d2 = new Float64Array(nS),
    site = new Int32Array(nC),
    distance_A = new Float64Array(nC);
  for (let c = 0; c < nC; c++) {
    squaredDistancesTo(cations[3 * c], cations[3 * c + 1], cations[3 * c + 2], centres, frac, cell, fast, d2);
    let best = 0;
    for (let s = 1; s < nS; s++) if (d2[s] < d2[best]) best = s;
    site[c] = best;
    distance_A[c] = Math.sqrt(d2[best]);
  }
  return { site, distance_A };
}
