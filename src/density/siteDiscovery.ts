/**
 * Sites discovered from the density (GEMDAT / pymatgen `generate_stable_sites` idea, without a template):
 * local maxima of the (smeared) density on the periodic grid (26 neighbours), kept in order of height if
 * farther than `minSeparation_A` from every kept site; each voxel's counts then go to the nearest site
 * (periodic Voronoi cells of the sites), giving per site
 *   occupancy  = Σ_voxels C / N_frames            (mean number of atoms in the site's cell),
 *   centre     = count-weighted mean position (minimum image around the peak),
 *   spread     = √(count-weighted mean |r − centre|²)   (3D RMS vibration, Å),
 * and, given host atoms, the host polyhedron: the coordination number n at the largest relative gap
 * d_{n+1}/d_n among the 8 nearest hosts, labelled 2 linear, 3 trigonal, 4 tetrahedral, 6 octahedral.
 * Sites with occupancy below `minOccupancy` are dropped (their counts stay unassigned).
 */
import { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import type { ProbabilityDensityResult } from './probabilityDensity.js';

export interface SiteDiscoveryOptions {
  /** Smallest distance between two sites, Å (default 1.0). */
  minSeparation_A?: number;
  /** Smallest occupancy (atoms per frame) a site must hold (default 0.01). */
  minOccupancy?: number;
  /** Host atoms (Cartesian, Å) in the grid cell, for the polyhedron label. */
  hostPositions?: ArrayLike<number>;
}

export interface DiscoveredSite {
  /** Centre, fractional (wrapped to [0,1)) and Cartesian (Å). */
  fractional: [number, number, number];
  cartesian_A: [number, number, number];
  /** Mean number of atoms in the site's Voronoi cell per frame. */
  occupancy: number;
  /** RMS distance of the counts from the centre, Å. */
  spread_A: number;
  /** Host coordination number and polyhedron (null without hosts). */
  host_coordination: number | null;
  polyhedron: 'linear' | 'trigonal' | 'tetrahedral' | 'octahedral' | 'other' | null;
}

export function discoverSites(d: ProbabilityDensityResult, opts: SiteDiscoveryOptions = {}): DiscoveredSite[] {
  const sep = opts.minSeparation_A ?? 1.0,
    minOcc = opts.minOccupancy ?? 0.01;
  if (!(sep > 0)) throw new InputError(`minimum site separation must be a positive distance in Å, got ${opts.minSeparation_A}`);
  if (!(minOcc >= 0)) throw new InputError(`minimum occupancy must be ≥ 0, got ${opts.minOccupancy}`);
  const [na, nb, nc] = d.shape;
  const C = d.counts,
    cell = new Cell(d.cell);
  const tmp = [0, 0, 0];
  const fracOf = (v: number) => [Math.floor(v / (nb * nc)) / na, (Math.floor(v / nc) % nb) / nb, (v % nc) / nc];
  const cartOf = (f: number[]) => Array.from(cell.toCartesian(f));
  // Local maxima.
  const peaks: number[] = [];
  for (let i = 0; i < na; i++)
    for (let j = 0; j < nb; j++)
      for (let k = 0; k < nc; k++) {
        const v = (i * nb + j) * nc + k,
          c = C[v];
        if (!(c > 0)) continue;
        let isMax = true;
        for (let a = -1; a <= 1 && isMax; a++)
          for (let b = -1; b <= 1 && isMax; b++)
            for (let e = -1; e <= 1; e++) {
              if (!a && !b && !e) continue;
              const w = (((((i + a) % na) + na) % na) * nb + ((((j + b) % nb) + nb) % nb)) * nc + ((((k + e) % nc) + nc) % nc);
              if (C[w] > c || (C[w] === c && w < v)) {
                isMax = false;
                break;
              }
            }
        if (isMax) peaks.push(v);
      }
  peaks.sort((x, y) => C[y] - C[x] || x - y);
  const kept: number[][] = [];
  for (const v of peaks) {
    const p = cartOf(fracOf(v));
    if (kept.every((q) => cell.minimumImage(p[0] - q[0], p[1] - q[1], p[2] - q[2], tmp) >= sep * sep)) kept.push(p);
  }
  // Voronoi assignment of every visited voxel; weighted centre and spread about the peak (minimum image).
  const n = kept.length;
  const w = new Float64Array(n),
    s1 = new Float64Array(3 * n),
    s2 = new Float64Array(n);
  for (let v = 0; v < C.length; v++) {
    if (!(C[v] > 0)) continue;
    const p = cartOf(fracOf(v));
    let best = -1,
      bd = Infinity,
      bx = 0,
      by = 0,
      bz = 0;
    for (let s = 0; s < n; s++) {
      const d2 = cell.minimumImage(p[0] - kept[s][0], p[1] - kept[s][1], p[2] - kept[s][2], tmp);
      if (d2 < bd) {
        bd = d2;
        best = s;
        bx = tmp[0];
        by = tmp[1];
        bz = tmp[2];
      }
    }
    w[best] += C[v];
    s1[3 * best] += C[v] * bx;
    s1[3 * best + 1] += C[v] * by;
    s1[3 * best + 2] += C[v] * bz;
    s2[best] += C[v] * bd;
  }
  const out: DiscoveredSite[] = [];
  for (let s = 0; s < n; s++) {
    const occ = w[s] / d.frames;
    if (occ < minOcc || w[s] === 0) continue;
    const m = [s1[3 * s] / w[s], s1[3 * s + 1] / w[s], s1[3 * s + 2] / w[s]];
    const c = [kept[s][0] + m[0], kept[s][1] + m[1], kept[s][2] + m[2]];
    const f = Array.from(cell.toFractional(c)).map((x) => x - Math.floor(x)) as [number, number, number];
    const spread = Math.sqrt(Math.max(0, s2[s] / w[s] - (m[0] ** 2 + m[1] ** 2 + m[2] ** 2)));
    const cart = cartOf(f) as [number, number, number];
    const poly = opts.hostPositions ? hostPolyhedron(cart, opts.hostPositions, cell) : { cn: null, label: null };
    out.push({ fractional: f, cartesian_A: cart, occupancy: occ, spread_A: spread, host_coordination: poly.cn, polyhedron: poly.label });
  }
  return out;
}

/** Coordination of a point by host atoms: n at the largest relative gap among the 8 nearest. */
export function hostPolyhedron(p: ArrayLike<number>, hosts: ArrayLike<number>, cell: Cell): { cn: number; label: DiscoveredSite['polyhedron'] } {
  const tmp = [0, 0, 0];
  const ds: number[] = [];
  for (let h = 0; h < hosts.length / 3; h++)
    ds.push(Math.sqrt(cell.minimumImage(hosts[3 * h] - p[0], hosts[3 * h + 1] - p[1], hosts[3 * h + 2] - p[2], tmp)));
  ds.sort((a, b) => a - b);
  const top = ds.slice(0, Math.min(9, ds.length));
  if (top.length < 3) throw new InputError(`host polyhedron needs at least 3 host atoms, got ${ds.length}`);
  let cn = 1,
    gap = 0;
  for (let k = 1; k < top.length; k++) {
    const g = top[k] / Math.max(top[k - 1], 1e-9);
    if (g > gap) {
      gap = g;
      cn = k;
    }
  }
  const label = ({ 2: 'linear', 3: 'trigonal', 4: 'tetrahedral', 6: 'octahedral' } as Record<number, DiscoveredSite['polyhedron']>)[cn] ?? 'other';
  return { cn, label };
}
