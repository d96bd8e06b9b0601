/**
 * Density of atomistic states (DOAS), Wang, Liu & Mo, Angew. Chem. 2023.
 *
 * The per-atom potential energies E_i of the mobile ions (from a potential that partitions the energy
 * per atom, evaluated on MD snapshots after a static relaxation that removes thermal vibration) are
 * histogrammed across snapshots. All temperatures share one reference: the lowest state over every
 * series given, so E − E_ref ≥ 0 and distributions at different T are comparable. Each state may carry
 * a class label (site type, neighbour configuration, coordinating anions); per class we report the
 * normalised histogram, peak position, mean, width (standard deviation) and the pairwise overlap
 * (Bhattacharyya coefficient). The mean energy of the mobile sublattice vs T marks the transition.
 */
import { InputError } from '../core/errors.js';
import { bhattacharyyaCoefficient } from './bhattacharyya.js';
import { withKind } from '../core/resultKind.js';

/** Per-atom energies of the mobile ions at one temperature (all snapshots pooled). */
export interface AtomisticStates {
  /** Temperature of the run, K. */
  temperature_K: number;
  /** Per-atom energies, eV (one value per ion per snapshot). */
  energies_eV: ArrayLike<number>;
  /** Optional class label of each state (same length as energies_eV). */
  classes?: ArrayLike<string>;
  /** Where the energies came from (file name), for error messages. */
  source?: string;
}

export interface DoasOptions {
  /** Bin width, eV (default 0.02). */
  binWidth_eV?: number;
  /** Reference energy, eV; default: the lowest state over all series. */
  reference_eV?: number;
}

/** Below this many states a class's peak, mean and width are flagged `few_states` (noisy). */
export const DOAS_FEW_STATES = 10;

export interface DoasClassStats {
  /** Number of states in the class (all temperatures); an integer. */
  count: number;
  /** Fewer than {@link DOAS_FEW_STATES} states: peak, mean and width rest on very few samples. */
  few_states: boolean;
  /** Fraction of all states. */
  fraction: number;
  /** Normalised histogram (density per eV, integrates to 1) on the common bins. */
  density: Float64Array;
  /** Centre of the most populated bin, eV (relative to the reference). */
  peak_eV: number;
  mean_eV: number;
  /** Standard deviation of the class's energies, eV (broadening); null with fewer than 2 states. */
  width_eV: number | null;
  /** Why width_eV is null (absent when it is a number). */
  width_reason?: string;
}

export interface DoasSeries {
  temperature_K: number;
  /** Normalised histogram (density per eV) of all mobile-ion states at this T. */
  density: Float64Array;
  /** Counts per bin (integers: number of states in each bin). */
  counts: Float64Array;
  /** Number of states at this temperature. */
  count: number;
  /** Mean energy of the mobile sublattice, eV relative to the reference. */
  mean_eV: number;
  /** Standard deviation of the energies, eV; null with fewer than 2 states (see width_reason). */
  width_eV: number | null;
  width_reason?: string;
  /** Per-class statistics at this temperature (when classes are given). */
  classes: Record<string, DoasClassStats>;
}

export interface DoasResult {
  /** What this result is ('doas'): `show(result)` draws its card and plot by it. Non-enumerable: not in JSON or spreads (core/resultKind.ts). */
  readonly kind?: 'doas';
  /** Bin centres, eV relative to `reference_eV`. */
  bins_eV: Float64Array;
  binWidth_eV: number;
  /** Absolute energy of the reference state, eV. */
  reference_eV: number;
  /** One entry per temperature, in increasing T. */
  series: DoasSeries[];
  /** Per-class statistics pooled over all temperatures. */
  classes: Record<string, DoasClassStats>;
  /** Bhattacharyya overlap between every pair of classes (pooled), a < b alphabetically. */
  overlaps: { a: string; b: string; bhattacharyya: number }[];
}

/**
 * The density of atomistic states (Wang 2023; METHODS §8) of one or more temperatures on common bins
 * with a common reference: histograms of per-atom energies (relaxed states in Wang 2023), per class
 * when the states carry class labels, with each class's count, mean, peak and width, and the
 * Bhattacharyya overlap between classes.
 * @param input one {@link AtomisticStates} per temperature: `temperature_K`, `energies_eV`, optional `classes`.
 * @param opts {@link DoasOptions}: `binWidth_eV` (default 0.02), `reference_eV` (default the lowest state).
 * @returns a {@link DoasResult}: `bins_eV`, `series` (per T), `classes` (stats), `overlaps`.
 *   `show(result)` displays the card and the interactive DOAS plot (temperature and class filters).
 */
export function densityOfAtomisticStates(input: AtomisticStates[], opts: DoasOptions = {}): DoasResult {
  if (input.length === 0) throw new InputError('DOAS needs at least one temperature series of per-atom energies; got an empty series');
  const w = opts.binWidth_eV ?? 0.02;
  if (!(w > 0)) throw new InputError(`DOAS bin width must be a positive number of eV, got ${w}`);
  let lo = Infinity,
    hi = -Infinity;
  for (const s of input) {
    if (!(s.temperature_K > 0)) throw new InputError(`temperature must be positive (K), got ${s.temperature_K}`, { file: s.source });
    if (s.energies_eV.length === 0) throw new InputError(`no per-atom energies at ${s.temperature_K} K`, { file: s.source });
    if (s.classes && s.classes.length !== s.energies_eV.length) {
      throw new InputError(`${s.classes.length} class labels for ${s.energies_eV.length} energies at ${s.temperature_K} K`, { file: s.source });
    }
    for (let k = 0; k < s.energies_eV.length; k++) {
      const e = s.energies_eV[k];
      if (!Number.isFinite(e)) throw new InputError(`per-atom energy ${k} is not finite (${e}) at ${s.temperature_K} K`, { file: s.source });
      if (e < lo) lo = e;
      if (e > hi) hi = e;
    }
  }
  const ref = opts.reference_eV ?? lo;
  if (ref > lo + 1e-12) throw new InputError(`reference energy ${ref} eV lies above the lowest state ${lo} eV`);
  const nBins = Math.max(1, Math.ceil((hi - ref) / w + 1e-9) + 1);
  const bins = Float64Array.from({ length: nBins }, (_, k) => (k + 0.5) * w);
  const binOf = (e: number) => Math.min(nBins - 1, Math.floor((e - ref) / w));

  const stats = (values: number[]): DoasClassStats & { counts: Float64Array } => {
    const counts = new Float64Array(nBins);
    let sum = 0;
    for (const v of values) {
      counts[binOf(v)]++;
      sum += v - ref;
    }
    const mean = sum / values.length;
    let ss = 0;
    for (const v of values) ss += (v - ref - mean) ** 2;
    let peak = 0;
    for (let k = 1; k < nBins; k++) if (counts[k] > counts[peak]) peak = k;
    const n = values.length;
    return {
      count: n,
      few_states: n < DOAS_FEW_STATES,
      fraction: 0,
      counts,
      density: counts.map((c) => c / (n * w)),
      peak_eV: bins[peak],
      mean_eV: mean,
      width_eV: n > 1 ? Math.sqrt(ss / (n - 1)) : null,
      ...(n > 1 ? {} : { width_reason: 'one state: the spread of energies is undefined (needs ≥ 2 states)' }),
    };
  };
  const classStats = (values: number[], fraction: number): DoasClassStats => {
    const { counts: _c, ...st } = stats(values);
    return { ...st, fraction };
  };

  const pooled = new Map<string, number[]>();
  let total = 0;
  const series: DoasSeries[] = [...input]
    .sort((a, b) => a.temperature_K - b.temperature_K)
    .map((s) => {
      const all = Array.from(s.energies_eV);
      const byClass = new Map<string, number[]>();
      if (s.classes)
        all.forEach((e, k) => {
          const c = s.classes![k];
          if (!byClass.has(c)) byClass.set(c, []);
          byClass.get(c)!.push(e);
          if (!pooled.has(c)) pooled.set(c, []);
          pooled.get(c)!.push(e);
        });
      total += all.length;
      const st = stats(all);
      const classes: Record<string, DoasClassStats> = {};
      for (const [c, v] of [...byClass].sort()) classes[c] = classStats(v, v.length / all.length);
      return {
        temperature_K: s.temperature_K,
        density: st.density,
        counts: st.counts,
        count: all.length,
        mean_eV: st.mean_eV,
        width_eV: st.width_eV,
        ...(st.width_reason ? { width_reason: st.width_reason } : {}),
        classes,
      };
    });
  const classes: Record<string, DoasClassStats> = {};
  for (const [c, v] of [...pooled].sort()) classes[c] = classStats(v, v.length / total);
  const names = Object.keys(classes).sort();
  const overlaps: DoasResult['overlaps'] = [];
  for (let a = 0; a < names.length; a++)
    for (let b = a + 1; b < names.length; b++) {
      overlaps.push({ a: names[a], b: names[b], bhattacharyya: bhattacharyyaCoefficient(classes[names[a]].density, classes[names[b]].density) });
    }
  return withKind({ bins_eV: bins, binWidth_eV: w, reference_eV: ref, series, classes, overlaps }, 'doas');
}
