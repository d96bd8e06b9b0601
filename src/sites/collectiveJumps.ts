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
 *
 * GEMDAT's rule (`Jumps.collective`, reproduced with `timing: 'interval'` and `maxSiteDistance_A: 1`): each
 * jump spans [t_depart, t_arrive] (last frame on the old site, first on the new one); two jumps are collective
 * when these intervals come within w of each other (b.t_depart − a.t_arrive ≤ w and a.t_depart − b.t_arrive ≤ w)
 * and some site of one (from or to) lies closer than d to some site of the other (strictly, minimum image; a
 * shared site is at distance 0). Chance: M counts the pairs of different ions' jumps meeting the distance rule
 * (every pair examined; not computed above 20,000 jumps), p(w) as above with w + the mean transit time.
 */
import { InputError } from '../core/errors.js';

/** The fields of a jump this analysis needs (siteJumps.ts SiteJumpEvent has them). */
export interface CollectiveJumpInput {
  t_fs: number;
  ion: number;
  from: number;
  to: number;
  /** Last time on the old site, fs (needed for `timing: 'interval'`). */
  tDepart_fs?: number;
  /** Site centres, Å (needed with `maxSiteDistance_A`). */
  fromCentre_A?: ArrayLike<number>;
  toCentre_A?: ArrayLike<number>;
}

/** Options of {@link collectiveJumps}. */
export interface CollectiveJumpOptions {
  /** Time window w, fs. */
  window_fs: number;
  /** Run duration, fs (for the chance estimate). */
  duration_fs: number;
  /** Largest number of pairs kept in `pairs` (default 10,000; `nPairs` counts all). */
  maxPairs?: number;
  /** 'arrival' (default): |t₁ − t₂| ≤ w on arrival times; 'interval': GEMDAT's rule on [t_depart, t_arrive]. */
  timing?: 'arrival' | 'interval';
  /** Sites closer than this count as shared (strictly, Å; GEMDAT 1 Å); default: only the same site. Needs `minimumImage`. */
  maxSiteDistance_A?: number;
  /** Minimum-image squared distance of a displacement (e.g. a Cell's minimumImage), Å². */
  minimumImage?: (dx: number, dy: number, dz: number, out: number[]) => number;
}

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
  sharingPairs: number | null;
  expectedPairsByChance: number | null;
  /** nPairs / expectedPairsByChance (null when nothing is expected). */
  ratioToChance: number | null;
  /** Rule used: timing and the site distance (null = the same site). */
  timing: 'arrival' | 'interval';
  maxSiteDistance_A: number | null;
  /** Why the chance estimate is missing or approximate, if it is. */
  chanceNote: string | null;
}

/** Collective jumps within `window_fs` (see the file header). Jumps need not be sorted. */
export function collectiveJumps(jumps: CollectiveJumpInput[], opts: CollectiveJumpOptions): CollectiveJumpResult {
  const w = opts.window_fs,
    T = opts.duration_fs,
    maxPairs = opts.maxPairs ?? 10000;
  if (!(w >= 0) || !Number.isFinite(w)) throw new InputError(`collective-jump window must be a time ≥ 0 fs, got ${w}`);
  if (!(T >= 0) || !Number.isFinite(T)) throw new InputError(`run duration must be a time ≥ 0 fs, got ${T}`);
  const timing = opts.timing ?? 'arrival',
    dMax = opts.maxSiteDistance_A;
  if (timing !== 'arrival' && timing !== 'interval')
    throw new InputError(`collective-jump timing must be "arrival" or "interval", got "${String(timing)}"`);
  if (timing === 'interval' && jumps.some((j) => !Number.isFinite(j.tDepart_fs)))
    throw new InputError("collective jumps by interval need each jump's departure time (tDepart_fs)");
  if (dMax !== undefined) {
    if (!(dMax > 0) || !Number.isFinite(dMax)) throw new InputError(`collective-jump site distance must be a distance > 0 Å, got ${dMax}`);
    if (!opts.minimumImage || jumps.some((j) => !j.fromCentre_A || !j.toCentre_A))
      throw new InputError('collective jumps by site distance need the site centres of each jump and the cell (minimumImage)');
  }
  const n = jumps.length,
    interval = timing === 'interval';
  // Arrival timing is the interval rule with departure = arrival (transit 0): one loop serves both.
  const dep = (j: CollectiveJumpInput) => (interval ? j.tDepart_fs! : j.t_fs);
  let maxTransit = 0,
    sumTransit = 0;
  for (const j of jumps) {
    const d = j.t_fs - dep(j);
    maxTransit = Math.max(maxTransit, d);
    sumTransit += d;
  }
  const tmp = [0, 0, 0];
  /** A site the two jumps share (or, with dMax, one of a's sites within dMax of one of b's), else −1. */
  const near = (a: CollectiveJumpInput, b: CollectiveJumpInput): number => {
    if (a.from === b.from || a.from === b.to) return a.from;
    if (a.to === b.from || a.to === b.to) return a.to;
    if (dMax === undefined) return -1;
    const d2 = dMax * dMax;
    for (const [ca, sa] of [
      [a.fromCentre_A!, a.from],
      [a.toCentre_A!, a.to],
    ] as const) {
      for (const cb of [b.fromCentre_A!, b.toCentre_A!]) {
        if (opts.minimumImage!(cb[0] - ca[0], cb[1] - ca[1], cb[2] - ca[2], tmp) < d2) return sa;
      }
    }
    return -1;
  };
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => jumps[x].t_fs - jumps[y].t_fs || x - y);
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const pairs: CollectiveJumpPair[] = [];
  let nPairs = 0;
  for (let i = 0; i < n; i++) {
    const a = jumps[order[i]];
    for (let k = i + 1; k < n; k++) {
      const b = jumps[order[k]];
      if (b.t_fs - a.t_fs > w + maxTransit) break; // then dep(b) − a.t > w
      if (dep(b) - a.t_fs > w || dep(a) - b.t_fs > w || a.ion === b.ion) continue;
      const site = near(a, b);
      if (site < 0) continue;
      nPairs++;
      if (pairs.length < maxPairs) pairs.push({ a: order[i], b: order[k], dt_fs: b.t_fs - a.t_fs, site });
      const ra = find(order[i]),
        rb = find(order[k]);
      if (ra !== rb) parent[ra] = rb;
    }
  }
  const { events, eventSizes, nCollective } = eventsOf(n, find);
  // M: pairs of jumps of different ions meeting the site rule (shared site: counted exactly by site; site distance:
  // every pair examined, up to 20,000 jumps).
  let M: number | null = null,
    note: string | null = null;
  if (dMax === undefined) M = sharedSitePairs(jumps);
  else if (n <= 20000) {
    M = 0;
    for (let i = 0; i < n; i++) for (let k = i + 1; k < n; k++) if (jumps[i].ion !== jumps[k].ion && near(jumps[i], jumps[k]) >= 0) M++;
  } else note = `chance estimate not computed for ${n} jumps with the site-distance rule (every pair would be examined)`;
  if (interval && M !== null) note = 'chance estimate approximate: the window is widened by the mean transit time';
  const wEff = w + (interval && n ? sumTransit / n : 0);
  const x = T > 0 ? Math.min(1, wEff / T) : 1;
  const expected = M === null ? null : M * (2 * x - x * x);
  return {
    window_fs: w,
    nJumps: n,
    nPairs,
    pairs,
    events,
    nCollectiveJumps: nCollective,
    collectiveFraction: n ? nCollective / n : 0,
    eventSizes,
    sharingPairs: M,
    expectedPairsByChance: expected,
    ratioToChance: expected !== null && expected > 0 ? nPairs / expected : null,
    timing,
    maxSiteDistance_A: dMax ?? null,
    chanceNote: note,
  };
}

/**
 * Pairs of jumps of different ions sharing ≥ 1 site, counted by site in O(n): Σ over sites − Σ over undirected
 * edges (pairs sharing both sites were counted twice), each minus the same-ion pairs.
 */
function sharedSitePairs(jumps: CollectiveJumpInput[]): number {
  const pairsOf = (keyOf: (j: CollectiveJumpInput) => (number | string)[]) => {
    const total = new Map<number | string, number>(),
      perIon = new Map<string, number>();
    for (const j of jumps)
      for (const key of keyOf(j)) {
        total.set(key, (total.get(key) ?? 0) + 1);
        const ik = `${key}|${j.ion}`;
        perIon.set(ik, (perIon.get(ik) ?? 0) + 1);
      }
    let m = 0;
    for (const c of total.values()) m += (c * (c - 1)) / 2;
    for (const c of perIon.values()) m -= (c * (c - 1)) / 2;
    return m;
  };
  return (
    pairsOf((j) => (j.from === j.to ? [j.from] : [j.from, j.to])) -
    pairsOf((j) => (j.from === j.to ? [] : [j.from < j.to ? `${j.from}-${j.to}` : `${j.to}-${j.from}`]))
  );
}

/** Events (connected components of ≥ 2 jumps) from union–find parents, and their size histogram. */
function eventsOf(n: number, find: (x: number) => number) {
  const groups = new Map<number, number[]>();
  for (let j = 0; j < n; j++) {
    const r = find(j);
    const g = groups.get(r);
    if (g) g.push(j);
    else groups.set(r, [j]);
  }
  const events = [...groups.values()].filter((g) => g.length > 1).sort((x, y) => x[0] - y[0]);
  const eventSizes: Record<number, number> = {};
  let nCollective = 0;
  for (const e of events) {
    eventSizes[e.length] = (eventSizes[e.length] ?? 0) + 1;
    nCollective += e.length;
  }
  return { events, eventSizes, nCollective };
}
