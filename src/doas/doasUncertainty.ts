/**
 * Per-temperature DOAS class metrics and their errors (Wang 2023 Fig. 2: narrow, distinct states below
 * T_c; broadened, overlapping states above).
 *
 * At one temperature, per class: peak (centre of the most populated bin), mean, width (standard
 * deviation) and, between every pair of classes, the Bhattacharyya overlap BC = Σ √(p_a p_b) Δ of their
 * normalised histograms (1 = identical, 0 = disjoint). Energies are referenced to one common state (the
 * lowest over every temperature given, as the DOAS itself).
 *
 * Errors: a block bootstrap over snapshots. Ions in one snapshot, and snapshots close in time, are
 * correlated; resampling whole snapshots in blocks of `blockLength` consecutive snapshots with
 * replacement keeps both correlations. The error of each metric is the standard deviation over
 * `nBoot` resamples (seeded). A class absent from a resample does not contribute to that metric's spread.
 */
import { InputError } from '../core/errors.js';
import { Random } from '../core/random.js';
import { bhattacharyyaCoefficient } from './bhattacharyya.js';

export interface DoasSnapshotSeries {
  temperature_K: number;
  /** Per-atom energies, eV, snapshot-major (snapshot × ion). */
  energies_eV: ArrayLike<number>;
  /** Class label of each state (same layout). */
  classes: ArrayLike<string>;
  /** Mobile ions per snapshot. */
  nIons: number;
}

export interface DoasMetric {
  value: number;
  err: number | null;
}

export interface DoasClassMetrics {
  count: number;
  fraction: number;
  peak_eV: DoasMetric;
  mean_eV: DoasMetric;
  width_eV: DoasMetric | null;
}

export interface DoasTemperatureMetrics {
  temperature_K: number;
  nSnapshots: number;
  classes: Record<string, DoasClassMetrics>;
  /** Bhattacharyya overlap between class pairs at this T (a < b), with bootstrap error. */
  overlaps: { a: string; b: string; bhattacharyya: number; err: number | null }[];
}

export interface DoasUncertaintyOptions {
  binWidth_eV?: number;
  /** Consecutive snapshots per bootstrap block (default 1). */
  blockLength?: number;
  /** Bootstrap resamples (default 200; 0 = no errors) and seed (default 1). */
  nBoot?: number;
  seed?: number;
  /** Reference energy, eV (default the lowest state over every series). */
  reference_eV?: number;
}

type Raw = { classes: Map<string, { count: number; peak: number; mean: number; width: number | null }>; overlaps: Map<string, number>; n: number };

function metricsOf(e: ArrayLike<number>, c: ArrayLike<string>, idx: number[], nIons: number, ref: number, w: number, nBins: number): Raw {
  const groups = new Map<string, number[]>();
  for (const f of idx)
    for (let k = 0; k < nIons; k++) {
      const j = f * nIons + k,
        lab = c[j];
      let g = groups.get(lab);
      if (!g) {
        g = [];
        groups.set(lab, g);
      }
      g.push(e[j]);
    }
  const dens = new Map<string, Float64Array>();
  const classes: Raw['classes'] = new Map();
  let n = 0;
  for (const [lab, v] of groups) {
    const h = new Float64Array(nBins);
    let s = 0;
    for (const x of v) {
      h[Math.min(nBins - 1, Math.max(0, Math.floor((x - ref) / w)))]++;
      s += x - ref;
    }
    let pk = 0;
    for (let b = 1; b < nBins; b++) if (h[b] > h[pk]) pk = b;
    const m = s / v.length;
    let ss = 0;
    for (const x of v) ss += (x - ref - m) ** 2;
    classes.set(lab, { count: v.length, peak: (pk + 0.5) * w, mean: m, width: v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : null });
    dens.set(
      lab,
      h.map((x) => x / (v.length * w)),
    );
    n += v.length;
  }
  const overlaps = new Map<string, number>();
  const names = [...groups.keys()].sort();
  for (let a = 0; a < names.length; a++)
    for (let b = a + 1; b < names.length; b++) {
      overlaps.set(`${names[a]}\u0000${names[b]}`, bhattacharyyaCoefficient(dens.get(names[a])!, dens.get(names[b])!));
    }
  return { classes, overlaps, n };
}

const sd = (v: number[]): number | null => {
  if (v.length < 2) return null;
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
};

/** Per-temperature class peaks, means, widths and overlaps with block-bootstrap errors (see the header). */
export function doasUncertainty(series: DoasSnapshotSeries[], opts: DoasUncertaintyOptions = {}): DoasTemperatureMetrics[] {
  if (series.length === 0) throw new InputError('DOAS metrics need at least one temperature series');
  const w = opts.binWidth_eV ?? 0.02;
  if (!(w > 0)) throw new InputError(`DOAS bin width must be a positive number of eV, got ${w}`);
  const B = Math.floor(opts.nBoot ?? 200),
    L = Math.floor(opts.blockLength ?? 1);
  if (!(B >= 0)) throw new InputError(`bootstrap resamples must be ≥ 0, got ${opts.nBoot}`);
  if (!(L >= 1)) throw new InputError(`bootstrap block length must be ≥ 1 snapshot, got ${opts.blockLength}`);
  let lo = Infinity,
    hi = -Infinity;
  for (const s of series) {
    if (!(s.nIons >= 1) || !Number.isInteger(s.nIons))
      throw new InputError(`DOAS at ${s.temperature_K} K: nIons must be a positive integer, got ${s.nIons}`);
    if (s.energies_eV.length % s.nIons !== 0 || s.energies_eV.length === 0)
      throw new InputError(`DOAS at ${s.temperature_K} K: ${s.energies_eV.length} energies are not whole snapshots of ${s.nIons} ions`);
    if (s.classes.length !== s.energies_eV.length)
      throw new InputError(`DOAS at ${s.temperature_K} K: ${s.classes.length} class labels for ${s.energies_eV.length} energies`);
    for (let k = 0; k < s.energies_eV.length; k++) {
      const x = s.energies_eV[k];
      if (!Number.isFinite(x)) throw new InputError(`DOAS at ${s.temperature_K} K: energy ${k} is not finite (${x})`);
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  const ref = opts.reference_eV ?? lo;
  if (ref > lo + 1e-12) throw new InputError(`reference energy ${ref} eV lies above the lowest state ${lo} eV`);
  const nBins = Math.max(1, Math.ceil((hi - ref) / w + 1e-9) + 1);
  const rng = new Random(opts.seed ?? 1);
  return [...series]
    .sort((a, b) => a.temperature_K - b.temperature_K)
    .map((s) => {
      const F = s.energies_eV.length / s.nIons;
      const all = Array.from({ length: F }, (_, f) => f);
      const base = metricsOf(s.energies_eV, s.classes, all, s.nIons, ref, w, nBins);
      const draws: Raw[] = [];
      const nBlocks = Math.ceil(F / L);
      for (let b = 0; b < B; b++) {
        const idx: number[] = [];
        for (let k = 0; k < nBlocks; k++) {
          const start = rng.int(Math.max(1, F - L + 1));
          for (let f = start; f < Math.min(F, start + L); f++) idx.push(f);
        }
        draws.push(metricsOf(s.energies_eV, s.classes, idx, s.nIons, ref, w, nBins));
      }
      const err = (get: (r: Raw) => number | null | undefined) =>
        B === 0 ? null : sd(draws.map(get).filter((v): v is number => v !== null && v !== undefined));
      const classes: Record<string, DoasClassMetrics> = {};
      for (const [lab, c] of [...base.classes].sort()) {
        classes[lab] = {
          count: c.count,
          fraction: c.count / base.n,
          peak_eV: { value: c.peak, err: err((r) => r.classes.get(lab)?.peak) },
          mean_eV: { value: c.mean, err: err((r) => r.classes.get(lab)?.mean) },
          width_eV: c.width === null ? null : { value: c.width, err: err((r) => r.classes.get(lab)?.width) },
        };
      }
      const overlaps = [...base.overlaps].map(([key, v]) => {
        const [a, b] = key.split('\u0000');
        return { a, b, bhattacharyya: v, err: err((r) => r.overlaps.get(key)) };
      });
      return { temperature_K: s.temperature_K, nSnapshots: F, classes, overlaps };
    });
}
