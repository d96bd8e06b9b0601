/**
 * Orientation states of whole rotors, and their entropy (Wood 2021 Fig. 5 and eq. 3.1; METHODS §4).
 *
 * The discrete orientation states (orientationStates.ts) are found from the COM → atom vectors of
 * every symmetry-equivalent pointer atom of each rotor (all four S of a PS4). Those per-vector
 * states are not the state of the rotor: the four S of one PS4 always fill four different states,
 * so per-vector occupancies are uniform by construction and their entropy says nothing about the
 * rotors (a perfectly ordered crystal of PS4 would show the maximum for four states).
 *
 * The state of a rotor in a frame is therefore the (unordered) set of per-vector states its k pointer
 * vectors occupy, written as the sorted list of state indices (a multiset: two vectors in one state
 * keep both entries). A rotor–frame with any pointer vector outside every state window is unassigned.
 * Occupancy p_s = rotor–frames in rotor state s / assigned rotor–frames, and the entropy per rotor is
 * the Shannon entropy of these mutually exclusive states, Wood eq. 3.1 in its exact chain form
 * (src/sites/exclusiveStateEntropy.ts) = −Σ p_s ln p_s: 0 when every rotor sits in one orientation,
 * ln 2 for rotors flipping equally between two distinct orientations. With one pointer atom per rotor
 * the rotor states are the per-vector states. `independent_entropy_kB` is eq. 3.1 with every rotor
 * state its own independent class (f = 1), the convention used before, which over-counts exclusive states.
 */
import { InputError } from '../core/errors.js';
import { exclusiveStateEntropy } from '../sites/exclusiveStateEntropy.js';
import { shannonEntropy } from '../sites/shannonEntropy.js';
import { assignOrientationStates, OrientationStates } from './orientationStates.js';
import type { VectorSeries } from './vectorAutocorrelation.js';

export interface RotorOrientationStates {
  /** Each rotor state as the sorted per-vector state indices (into OrientationStates) of its pointer vectors; most occupied first. */
  states: number[][];
  /** Occupancy of each rotor state among assigned rotor–frames (sums to 1). */
  occupancy: number[];
  /** Fraction of rotor–frames whose every pointer vector lies within the window of a state. */
  assigned_fraction: number;
  /** Entropy per rotor, −Σ p ln p (Wood eq. 3.1, chain form), k_B; null with `entropy_reason` when nothing is assigned. */
  entropy_kB: number | null;
  /** Eq. 3.1 with each rotor state an independent class (f_i = 1), k_B; null when nothing is assigned. */
  independent_entropy_kB: number | null;
  entropy_reason?: string;
  /** Pointer vectors per rotor. */
  pointers_per_rotor: number;
  n_rotors: number;
  /** Rotor–frames (rotors × frames). */
  n_samples: number;
}

/**
 * Rotor-level orientation states (see the file header).
 * @param vectors   pointer vectors, items rotor-major: item q·k + a is pointer a of rotor q
 * @param pointersPerRotor k
 * @param states    the per-vector states found from `vectors` (orientationStates)
 */
export function rotorOrientationStates(vectors: VectorSeries, pointersPerRotor: number, states: OrientationStates): RotorOrientationStates {
  const k = pointersPerRotor,
    T = vectors.nFrames,
    items = vectors.nItems;
  if (!(Number.isInteger(k) && k >= 1) || items % k !== 0)
    throw new InputError(`${items} pointer vectors do not split into rotors of ${k} pointer(s) each`);
  const R = items / k;
  const labels = assignOrientationStates(vectors, states.direction, states.window_deg);
  const counts = new Map<string, { set: number[]; n: number }>();
  let assigned = 0;
  const set = new Array<number>(k);
  for (let f = 0; f < T; f++) {
    for (let q = 0; q < R; q++) {
      let ok = true;
      for (let a = 0; a < k; a++) {
        const l = labels[f * items + q * k + a];
        if (l < 0) {
          ok = false;
          break;
        }
        set[a] = l;
      }
      if (!ok) continue;
      const sorted = set.slice().sort((x, y) => x - y);
      const key = sorted.join(',');
      const e = counts.get(key);
      if (e) e.n++;
      else counts.set(key, { set: sorted, n: 1 });
      assigned++;
    }
  }
  const list = [...counts.values()].sort((a, b) => b.n - a.n);
  const occupancy = list.map((e) => e.n / assigned);
  const out: RotorOrientationStates = {
    states: list.map((e) => e.set),
    occupancy,
    assigned_fraction: T * R > 0 ? assigned / (T * R) : 0,
    entropy_kB: null,
    independent_entropy_kB: null,
    pointers_per_rotor: k,
    n_rotors: R,
    n_samples: T * R,
  };
  if (assigned > 0) {
    // renormalise against rounding so the probabilities sum to 1 exactly enough for the chain form
    const s = occupancy.reduce((x, y) => x + y, 0);
    out.entropy_kB = exclusiveStateEntropy(occupancy.map((p) => p / s));
    out.independent_entropy_kB = shannonEntropy(
      occupancy,
      occupancy.map(() => 1),
    );
  } else {
    out.entropy_reason =
      states.direction.length === 0
        ? (states.entropy_reason ?? 'no orientation state found')
        : `no rotor–frame has all ${k} pointer vectors within ${states.window_deg}° of a state`;
  }
  return out;
}
