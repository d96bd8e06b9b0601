/**
 * Collective jumps (GEMDAT "collective jumps"; concerted migration, He et al. 2017): two jumps of
 * DIFFERENT ions are collective when they share a site (one's from or to site is the other's from or to
 * site) and happen within a time window |t₁ − t₂| ≤ w. Collective pairs are joined into events
 * (connected components). Against chance: if the same jumps were spread independently and uniformly over
 * the run of length t, a pair would fall within the window with probability
 *   p(w) = 2w/t − (w/t)²,
 * so the expected number of collective pairs is M·p(w), M = the number of pairs of jumps of different
 * ions that share a site (counted exactly). observed / expected ≫ 1 means correlated (concerted) jumps;
 * ≈ 1 means coincidence. (Uniform times ignore the jumps' clustering within an ion's history.)
 */
import { InputError } from '../core/errors.js';

/** The fields of a jump this analysis needs (siteJumps.ts SiteJumpEvent has them). */
export interface CollectiveJumpInput { t_fs: number; ion: number; from: number; to: number }

export interface CollectiveJumpPair {
  /** Indices into the jump list (a earlier or equal in time). */
  a: number;
  b: number;
  dt_fs: number;
  /** A site the two jumps share. */
  site: number;
}

export interface CollectiveJumpResult {
  window_fs: number;
  nJumps: number;
  /** Collective pairs (capped at `maxPairs` in `pairs`; `nPairs` counts all). */
  nPairs: number;
  pairs: CollectiveJumpPair[];
  /** Events: groups of ≥ 2 jump indices linked by collective pairs. */
  events: number[][];
  /** Number of jumps in some event, and their fraction of all jumps. */
  nCollectiveJumps: number;
  collectiveFraction: number;
  /** Number of events of each size (size → count). */
  eventSizes: Record<number, number>;
  /** Pairs of jumps of different ions sharing a site, and the pairs expected within the window by chance. */
  sharingPairs: number;
  expectedPairsByChance: number;
  /** nPairs / expectedPairsByChance (null when nothing is expected). */
  ratioToChance: number | null;
}

/** Collective jumps within `window_fs` (see the file header). Jumps need not be sorted. */
export function collectiveJumps(jumps: CollectiveJumpInput[], opts: { window_fs: number; duration_fs: number; maxPairs?: number }): CollectiveJumpResult {
  const w = opts.window_fs, T = opts.duration_fs, maxPairs = opts.maxPairs ?? 10000;
  if (!(w >= 0) || !Number.isFinite(w)) throw new InputError(`collective-jump window must be a time ≥ 0 fs, got ${w}`);
  if (!(T >= 0) || !Number.isFinite(T)) throw new InputError(`run duration must be a time ≥ 0 fs, got ${T}`);
  const n = jumps.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => jumps[x].t_fs - jumps[y].t_fs || x - y);
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => { while (parent[x] !== x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; };
  const pairs: CollectiveJumpPair[] = [];
  let nPairs = 0;
  for (let i = 0; i < n; i++) {
    const a = jumps[order[i]];
    for (let k = i + 1; k < n; k++) {
      const b = jumps[order[k]];
      const dt = b.t_fs - a.t_fs;
      if (dt > w) break;
      if (a.ion === b.ion) continue;
      const site = a.from === b.from || a.from === b.to ? a.from : a.to === b.from || a.to === b.to ? a.to : -1;
      if (site < 0) continue;
      nPairs++;
      if (pairs.length < maxPairs) pairs.push({ a: order[i], b: order[k], dt_fs: dt, site });
      const ra = find(order[i]), rb = find(order[k]);
      if (ra !== rb) parent[ra] = rb;
    }
  }
  const groups = new Map<number, number[]>();
  for (let j = 0; j < n; j++) { const r = find(j); const g = groups.get(r); if (g) g.push(j); else groups.set(r, [j]); }
  const events = [...groups.values()].filter((g) => g.length > 1).sort((x, y) => x[0] - y[0]);
  const eventSizes: Record<number, number> = {};
  let nCollective = 0;
  for (const e of events) { eventSizes[e.length] = (eventSizes[e.length] ?? 0) + 1; nCollective += e.length; }
  // M = pairs of different ions sharing ≥ 1 site = Σ_sites − Σ_undirected edges (pairs sharing both sites were counted twice).
  const pairsOf = (keyOf: (j: CollectiveJumpInput) => (number | string)[]) => {
    const total = new Map<number | string, number>(), perIon = new Map<string, number>();
    for (const j of jumps) for (const key of keyOf(j)) {
      total.set(key, (total.get(key) ?? 0) + 1);
      const ik = `${key}|${j.ion}`;
      perIon.set(ik, (perIon.get(ik) ?? 0) + 1);
    }
    let m = 0;
    for (const c of total.values()) m += (c * (c - 1)) / 2;
    for (const c of perIon.values()) m -= (c * (c - 1)) / 2;
    return m;
  };
  const M = pairsOf((j) => (j.from === j.to ? [j.from] : [j.from, j.to])) - pairsOf((j) => (j.from === j.to ? [] : [j.from < j.to ? `${j.from}-${j.to}` : `${j.to}-${j.from}`]));
  const x = T > 0 ? Math.min(1, w / T) : 1;
  const expected = M * (2 * x - x * x);
  return {
    window_fs: w, nJumps: n, nPairs, pairs, events, nCollectiveJumps: nCollective, collectiveFraction: n ? nCollective / n : 0,
    eventSizes, sharingPairs: M, expectedPairsByChance: expected, ratioToChance: expected > 0 ? nPairs / expected : null,
  };
}
