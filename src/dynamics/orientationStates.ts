/**
 * Discrete orientation states and their Shannon entropy (Wood 2021 Fig. 5).
 *
 * States: the maxima of the polar orientation map (orientationMap.ts), taken greedily from the
 * densest bin down: a bin becomes a state centre if its density is ≥ `minRelativeDensity` (default
 * 0.25) of the global maximum and it is more than 2·window from every centre already taken. Each
 * orientation sample is assigned to the nearest centre within `window_deg` (default 20°), else left
 * unassigned. Occupancy p_i = samples in state i / assigned samples.
 * Entropy (Wood 2021 eq. 3.1, via src/sites/shannonEntropy.ts, each state its own class, f_i = 1,
 * P_i = p_i): S/k_B = −Σ_i [p_i ln p_i + (1 − p_i) ln(1 − p_i)]. Also the plain Gibbs–Shannon form
 * −Σ_i p_i ln p_i (ln n for n equally populated states).
 */
import { InputError } from '../core/errors.js';
import { shannonEntropy } from '../sites/shannonEntropy.js';
import type { OrientationMap } from './orientationMap.js';
import type { VectorSeries } from './vectorAutocorrelation.js';

export interface OrientationStates {
  /** State centres (map maxima), degrees. */
  theta_deg: number[];
  phi_deg: number[];
  /** Occupancy of each state among assigned samples (sums to 1). */
  occupancy: number[];
  /** Fraction of all samples within the window of some state. */
  assigned_fraction: number;
  /** Shannon entropy of the occupancy (Wood 2021 eq. 3.1, f_i = 1), units of k_B. */
  entropy_kB: number;
  /** −Σ p_i ln p_i, units of k_B. */
  gibbs_entropy_kB: number;
  window_deg: number;
}

export interface OrientationStateOptions {
  window_deg?: number;
  minRelativeDensity?: number;
}

const rad = Math.PI / 180;
function unit(thDeg: number, phDeg: number): [number, number, number] {
  const t = thDeg * rad, p = phDeg * rad;
  return [Math.sin(t) * Math.cos(p), Math.sin(t) * Math.sin(p), Math.cos(t)];
}

/** Find orientation states on `map` and assign the samples of `orientations` (see file header). */
export function orientationStates(orientations: VectorSeries, map: OrientationMap, opts: OrientationStateOptions = {}): OrientationStates {
  const window = opts.window_deg ?? 20;
  const minRel = opts.minRelativeDensity ?? 0.25;
  if (!(window > 0 && window < 90)) throw new InputError(`state window must be in (0°, 90°), got ${window}`);
  const { values: u, nFrames: T, nItems: R } = orientations;
  if (T * R === 0) throw new InputError('orientation states need at least one orientation sample');
  const order = Array.from(map.density_per_sr.keys()).sort((a, b) => map.density_per_sr[b] - map.density_per_sr[a]);
  const top = map.density_per_sr[order[0]];
  const centres: [number, number, number][] = [];
  const th: number[] = [], ph: number[] = [];
  const cosSep = Math.cos(2 * window * rad);
  for (const b of order) {
    if (map.density_per_sr[b] < minRel * top || !(top > 0)) break;
    const t = map.theta_deg[Math.floor(b / map.bins_phi)], p = map.phi_deg[b % map.bins_phi];
    const c = unit(t, p);
    if (centres.every((d) => d[0] * c[0] + d[1] * c[1] + d[2] * c[2] < cosSep)) { centres.push(c); th.push(t); ph.push(p); }
  }
  const cosW = Math.cos(window * rad);
  const n = new Float64Array(centres.length);
  let assigned = 0;
  for (let s = 0; s < T * R; s++) {
    let best = -1, bestDot = cosW;
    for (let k = 0; k < centres.length; k++) {
      const d = u[3 * s] * centres[k][0] + u[3 * s + 1] * centres[k][1] + u[3 * s + 2] * centres[k][2];
      if (d >= bestDot) { bestDot = d; best = k; }
    }
    if (best >= 0) { n[best]++; assigned++; }
  }
  const occupancy = Array.from(n, (x) => (assigned > 0 ? x / assigned : 0));
  let S = 0;
  for (const p of occupancy) if (p > 0) S -= p * Math.log(p);
  const eq31 = shannonEntropy(occupancy, occupancy.map(() => 1));
  return { theta_deg: th, phi_deg: ph, occupancy, assigned_fraction: assigned / (T * R), entropy_kB: eq31, gibbs_entropy_kB: S, window_deg: window };
}
