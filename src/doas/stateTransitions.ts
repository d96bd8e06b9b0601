/**
 * Transitions between DOAS state classes along observed hops (Wang 2023 Fig. 3: which states exchange
 * ions before and after the transition).
 *
 * Input: consecutive (relaxed) snapshots of the same run, each ion's occupied site index and its DOAS
 * class label in each snapshot (snapshot-major, snapshot × ion), and optionally its per-atom energy. A hop
 * is a change of the site index of one ion between two consecutive snapshots; it counts one transition
 * from the ion's class before to its class after (energy change E_after − E_before when energies are given).
 * Snapshots must be close enough that an ion rarely makes two hops between them, or intermediate states are
 * missed (a caveat, not detectable from the snapshots themselves).
 */
import { InputError } from '../core/errors.js';

export interface StateTransitionInput {
  /** Site index per ion and snapshot (snapshot-major); −1 = unassigned (ignored). */
  sites: ArrayLike<number>;
  /** Class label per ion and snapshot (same layout). */
  classes: ArrayLike<string>;
  /** Per-atom energies, eV (same layout), optional. */
  energies_eV?: ArrayLike<number>;
  nIons: number;
}

export interface StateTransitionCount {
  from: string;
  to: string;
  count: number;
  /** Share of all hops. */
  fraction: number;
  /** Mean energy change E_to − E_from over these hops, eV (null without energies). */
  meanDeltaE_eV: number | null;
}

export interface StateTransitions {
  /** Hops counted (site changes between consecutive snapshots). */
  hops: number;
  /** Ion-snapshot pairs compared (ions × (snapshots − 1), minus unassigned ones). */
  pairs: number;
  /** Per (from, to) counts, most frequent first. */
  transitions: StateTransitionCount[];
  /** Class labels seen, sorted. */
  classes: string[];
}

/** Count class-to-class transitions along hops (see the header). */
export function doasStateTransitions(input: StateTransitionInput): StateTransitions {
  const { sites, classes, energies_eV: e, nIons } = input;
  if (!(Number.isInteger(nIons) && nIons >= 1)) throw new InputError(`state transitions: nIons must be a positive integer, got ${nIons}`);
  if (sites.length % nIons !== 0) throw new InputError(`state transitions: ${sites.length} site indices are not whole snapshots of ${nIons} ions`);
  if (classes.length !== sites.length) throw new InputError(`state transitions: ${classes.length} class labels for ${sites.length} site indices`);
  if (e && e.length !== sites.length) throw new InputError(`state transitions: ${e.length} energies for ${sites.length} site indices`);
  const F = sites.length / nIons;
  if (F < 2) throw new InputError(`state transitions need at least 2 consecutive snapshots; got ${F}`);
  const acc = new Map<string, { from: string; to: string; count: number; dE: number }>();
  const seen = new Set<string>();
  let hops = 0,
    pairs = 0;
  for (let f = 0; f < F; f++) for (let k = 0; k < nIons; k++) seen.add(classes[f * nIons + k]);
  for (let f = 1; f < F; f++)
    for (let k = 0; k < nIons; k++) {
      const a = (f - 1) * nIons + k,
        b = f * nIons + k;
      if (sites[a] < 0 || sites[b] < 0) continue;
      pairs++;
      if (sites[a] === sites[b]) continue;
      hops++;
      const key = `${classes[a]}\u0000${classes[b]}`;
      let r = acc.get(key);
      if (!r) {
        r = { from: classes[a], to: classes[b], count: 0, dE: 0 };
        acc.set(key, r);
      }
      r.count++;
      if (e) r.dE += e[b] - e[a];
    }
  const transitions = [...acc.values()]
    .map((r) => ({ from: r.from, to: r.to, count: r.count, fraction: r.count / hops, meanDeltaE_eV: e ? r.dE / r.count : null }))
    .sort((x, y) => y.count - x.count || x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
  return { hops, pairs, transitions, classes: [...seen].sort() };
}
