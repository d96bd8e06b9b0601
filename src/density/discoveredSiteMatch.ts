/**
 * Comparison of sites discovered from the density (siteDiscovery.ts) with the sites of a reference
 * analysis (a template such as the argyrodite tetrahedra, with each site's own position and occupancy).
 *
 * Mapping, many-to-one: every reference site r (position x_r, occupancy o_r, type t_r) is given to the
 * discovered site d nearest to x_r (minimum image), so a discovered site that merges several reference
 * sites (a pair of 48h sites resolved as one peak) is compared with all of them. For each discovered
 * site d with mapped set R_d:
 *   reference occupancy  O_d = Σ_{r∈R_d} o_r,
 *   reference position   X_d = x_d + Σ_{r∈R_d} o_r (x_r − x_d)_mic / O_d   (occupancy-weighted),
 *   position offset      |x_d − X_d|,   occupancy difference  o_d − O_d,
 * and the composition (reference types mapped to it). Discovered sites with no reference site mapped are
 * counted as `unmatched` (a peak the reference has no site for); reference sites farther than
 * `maxDistance_A` from every discovered site as `missed` (a site the discovery did not find).
 */
import type { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';

/** A reference site: its position (Å), occupancy (mean number of ions) and type name. */
export interface ReferenceSitePoint {
  position_A: ArrayLike<number>;
  occupancy: number;
  type: string;
}

/** One discovered site compared with the reference sites mapped to it. */
export interface DiscoveredSiteComparison {
  index: number;
  /** Reference site indices mapped to this site, and their types ("type 5", …). */
  reference: number[];
  types: string[];
  /** Σ o_r of the mapped reference sites, and the occupancy-weighted reference position (Å); null when none. */
  reference_occupancy: number;
  reference_position_A: [number, number, number] | null;
  /** |x_d − X_d|, Å (null when no reference site is mapped). */
  offset_A: number | null;
  /** o_d − O_d. */
  occupancy_difference: number;
}

export interface DiscoveredSiteMatch {
  sites: DiscoveredSiteComparison[];
  /** Discovered sites with one, several, or no mapped reference site. */
  oneToOne: number;
  manyToOne: number;
  unmatched: number;
  /** Reference sites (with occupancy ≥ minReferenceOccupancy) farther than maxDistance_A from every discovered site. */
  missed: number;
  /** Over discovered sites with a mapped reference: max and mean position offset (Å), max and mean |Δ occupancy|. */
  maxOffset_A: number;
  meanOffset_A: number;
  maxOccupancyDifference: number;
  meanOccupancyDifference: number;
}

/**
 * Map reference sites onto discovered sites (see the file header).
 * @param discovered discovered site centres, Å, with their occupancies.
 * @param reference  reference sites; those with occupancy below `minReferenceOccupancy` (default 0) are left out.
 */
export function matchDiscoveredSites(
  discovered: { cartesian_A: ArrayLike<number>; occupancy: number }[],
  reference: ReferenceSitePoint[],
  cell: Cell,
  opts: { maxDistance_A?: number; minReferenceOccupancy?: number } = {},
): DiscoveredSiteMatch {
  if (discovered.length === 0) throw new InputError('no discovered sites to compare');
  const maxD = opts.maxDistance_A ?? 1.0,
    minO = opts.minReferenceOccupancy ?? 0;
  const tmp = [0, 0, 0];
  const acc = discovered.map(() => ({ ref: [] as number[], w: 0, s: [0, 0, 0] }));
  let missed = 0;
  reference.forEach((r, ri) => {
    if (!(r.occupancy >= minO) || r.occupancy === 0) return;
    let best = -1,
      bd = Infinity,
      bv = [0, 0, 0];
    for (let q = 0; q < discovered.length; q++) {
      const c = discovered[q].cartesian_A;
      const d2 = cell.minimumImage(r.position_A[0] - c[0], r.position_A[1] - c[1], r.position_A[2] - c[2], tmp);
      if (d2 < bd) {
        bd = d2;
        best = q;
        bv = [tmp[0], tmp[1], tmp[2]];
      }
    }
    if (Math.sqrt(bd) > maxD) missed++;
    const a = acc[best];
    a.ref.push(ri);
    a.w += r.occupancy;
    for (let k = 0; k < 3; k++) a.s[k] += r.occupancy * bv[k];
  });
  const sites = discovered.map((d, q): DiscoveredSiteComparison => {
    const a = acc[q];
    const c = d.cartesian_A;
    const m = a.w > 0 ? a.s.map((x) => x / a.w) : null;
    return {
      index: q,
      reference: a.ref,
      types: [...new Set(a.ref.map((r) => reference[r].type))].sort(),
      reference_occupancy: a.w,
      reference_position_A: m ? [c[0] + m[0], c[1] + m[1], c[2] + m[2]] : null,
      offset_A: m ? Math.hypot(m[0], m[1], m[2]) : null,
      occupancy_difference: d.occupancy - a.w,
    };
  });
  const matched = sites.filter((s) => s.reference.length > 0);
  const mean = (x: number[]) => (x.length ? x.reduce((p, v) => p + v, 0) / x.length : NaN);
  const off = matched.map((s) => s.offset_A!),
    dOcc = matched.map((s) => Math.abs(s.occupancy_difference));
  return {
    sites,
    oneToOne: matched.filter((s) => s.reference.length === 1).length,
    manyToOne: matched.filter((s) => s.reference.length > 1).length,
    unmatched: sites.length - matched.length,
    missed,
    maxOffset_A: off.length ? Math.max(...off) : NaN,
    meanOffset_A: mean(off),
    maxOccupancyDifference: dOcc.length ? Math.max(...dOcc) : NaN,
    meanOccupancyDifference: mean(dOcc),
  };
}
