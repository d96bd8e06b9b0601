/**
 * Classification of each mobile ion's state for the DOAS (Wang 2023, Figs 3–4): the interstitial site
 * type it sits on (nearest site centre), how many other mobile ions and how many vacant sites are in its
 * neighbourhood, and — for mixed-anion hosts — which anion species coordinate it. The label is a short
 * string such as "Tet|2Li|1vac|Cl1S3", so per-class DOAS histograms can be compared.
 */
import type { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import type { Topology } from '../core/topology.js';
import { neighborPairs } from '../geometry/neighborList.js';

export interface StateClassifierOptions {
  /** Indices of the mobile ions. */
  mobile: ArrayLike<number>;
  /** Site centres for this frame, Å, 3 per site (e.g. from src/sites, recomputed per frame). */
  sitePositions?: Float64Array;
  /** Type label of each site (e.g. "Tet", "Oct"). */
  siteTypes?: ArrayLike<string>;
  /** A site is occupied when a mobile ion is within this distance of its centre, Å (default 1.0). */
  occupiedWithin_A?: number;
  /** Neighbourhood radius for counting other mobile ions and vacant sites, Å (default 3.0). */
  neighbourCutoff_A?: number;
  /** Indices of the anions whose species are listed (omit to skip the anion part of the label). */
  anions?: ArrayLike<number>;
  /** Coordination radius for the anion part, Å (default 3.0). */
  anionCutoff_A?: number;
  /** Which parts build the label (default all that have inputs). */
  parts?: ('site' | 'cations' | 'vacancies' | 'anions')[];
}

/** Label each mobile ion's state in one frame. Returns one label per entry of `opts.mobile`. */
export function classifyMobileStates(positions: Float64Array, cell: Cell, topology: Topology, opts: StateClassifierOptions): string[] {
  const mobile = Int32Array.from(opts.mobile);
  const haveSites = !!opts.sitePositions && !!opts.siteTypes;
  if (opts.sitePositions && opts.siteTypes && opts.sitePositions.length !== 3 * opts.siteTypes.length) {
    throw new InputError(`${opts.sitePositions.length / 3} site centres but ${opts.siteTypes.length} site types`);
  }
  const parts =
    opts.parts ??
    (['site', 'cations', 'vacancies', 'anions'] as const).filter((p) =>
      p === 'site' || p === 'vacancies' ? haveSites : p === 'anions' ? !!opts.anions : true,
    );
  for (const p of parts) {
    if ((p === 'site' || p === 'vacancies') && !haveSites) throw new InputError(`state label part "${p}" needs site positions and types`);
    if (p === 'anions' && !opts.anions) throw new InputError('state label part "anions" needs the anion indices');
  }
  const rNb = opts.neighbourCutoff_A ?? 3.0,
    rOcc = opts.occupiedWithin_A ?? 1.0,
    rAn = opts.anionCutoff_A ?? 3.0;
  for (const [name, v] of [
    ['neighbourCutoff_A', rNb],
    ['occupiedWithin_A', rOcc],
    ['anionCutoff_A', rAn],
  ] as const) {
    if (!(v > 0)) throw new InputError(`${name} must be a positive distance in Å, got ${v}`);
  }
  const n = mobile.length;
  const labels: string[][] = Array.from({ length: n }, () => []);
  const slot = new Map<number, number>();
  mobile.forEach((a, k) => slot.set(a, k));
  const mobSym = topology.symbols[topology.species[mobile[0]]] ?? 'ion';

  if (haveSites) {
    const nSites = opts.siteTypes!.length;
    // Site and mobile positions in one array: sites first, then mobile ions.
    const both = new Float64Array(3 * (nSites + n));
    both.set(opts.sitePositions!, 0);
    mobile.forEach((a, k) => both.set(positions.subarray(3 * a, 3 * a + 3), 3 * (nSites + k)));
    const ions = Int32Array.from({ length: n }, (_, k) => nSites + k);
    const siteIdx = Int32Array.from({ length: nSites }, (_, k) => k);
    const reach = Math.max(rNb, rOcc);
    const pairs = neighborPairs(both, cell, reach, { centers: ions, neighbors: siteIdx });
    const nearest = new Int32Array(n).fill(-1),
      nearestD = new Float64Array(n).fill(Infinity);
    const occupied = new Uint8Array(nSites);
    for (let p = 0; p < pairs.count; p++) {
      const k = pairs.i[p] - nSites,
        s = pairs.j[p],
        r = pairs.r[p];
      if (r < nearestD[k]) {
        nearestD[k] = r;
        nearest[k] = s;
      }
      if (r <= rOcc) occupied[s] = 1;
    }
    if (parts.includes('site')) for (let k = 0; k < n; k++) labels[k].push(nearest[k] >= 0 ? String(opts.siteTypes![nearest[k]]) : 'none');
    if (parts.includes('vacancies')) {
      const vac = new Int32Array(n);
      for (let p = 0; p < pairs.count; p++) {
        const k = pairs.i[p] - nSites,
          s = pairs.j[p];
        if (pairs.r[p] <= rNb && !occupied[s] && s !== nearest[k]) vac[k]++;
      }
      for (let k = 0; k < n; k++) labels[k].push(`${vac[k]}vac`);
    }
  }
  if (parts.includes('cations')) {
    const cnt = new Int32Array(n);
    const pairs = neighborPairs(positions, cell, rNb, { centers: mobile, neighbors: mobile });
    for (let p = 0; p < pairs.count; p++) cnt[slot.get(pairs.i[p])!]++;
    // label order: site, cations, vacancies, anions
    for (let k = 0; k < n; k++) labels[k].splice(parts.includes('site') ? 1 : 0, 0, `${cnt[k]}${mobSym}`);
  }
  if (parts.includes('anions')) {
    const per: Map<string, number>[] = Array.from({ length: n }, () => new Map());
    const pairs = neighborPairs(positions, cell, rAn, { centers: mobile, neighbors: opts.anions! });
    for (let p = 0; p < pairs.count; p++) {
      const sym = topology.symbols[topology.species[pairs.j[p]]];
      const m = per[slot.get(pairs.i[p])!];
      m.set(sym, (m.get(sym) ?? 0) + 1);
    }
    for (let k = 0; k < n; k++)
      labels[k].push(
        [...per[k]]
          .sort()
          .map(([s, c]) => `${s}${c}`)
          .join('') || 'none',
      );
  }
  return labels.map((l) => l.join('|'));
}
