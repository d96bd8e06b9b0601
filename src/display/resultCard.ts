/**
 * Result cards: how every analysis result shows itself in a notebook.
 *
 * `resultCard(x)` recognises a result record (diffusion, RDF, Gaussian site occupancy, site jumps,
 * VDOS, anion rotation, rotation-and-hopping, van Hove, jump correlation, DOAS, MD run, Trajectory)
 * by the `kind` it carries (core/resultKind.ts), else by its fields, or by `kind` when given, and gives its headline numbers with errors and units,
 * its flags in words (not resolved, not measurable, sub-diffusive, …), its default plot (a
 * Vega-Lite spec from src/display) and the scalar fields for an expandable table.
 * `cardBundle` turns a card into `text/html` (a compact card; the table in a `<details>`) and a
 * short `text/plain` summary, instead of a dump of typed arrays. Pure data, no I/O: the kernel's
 * `show(result)` and a cell's last value use it (kernel/show.js).
 */
import type { VegaLiteSpec } from './spec.js';
import { escapeHTML, type MimeBundle } from './show.js';
import { msdSpec } from './transport/msdSpec.js';
import { rdfPlotSpec, volumePlotSpec } from './structure/structurePlots.js';
import { jumpRateMatrixSpec, siteOccupancyBarsSpec } from './sites/sitePlots.js';
import { transitionNetworkSpec } from './sites/transitionPlots.js';
import { vdosSpec } from './dynamics/vdosSpec.js';
import { vanHoveSpec } from './dynamics/vanHoveSpec.js';
import { acfSpec } from './dynamics/rotationSpecs.js';
import { jumpCorrelationHeatmapSpec } from './dynamics/jumpCorrelationPlots.js';
import { doasPlotSpec } from './doas/doasPlots.js';
import { thermoLogSpec } from './simulate/thermoLogSpec.js';

/** The result types a card knows. */
export type ResultKind =
  | 'diffusion'
  | 'rdf'
  | 'sites'
  | 'jumps'
  | 'vdos'
  | 'rotation'
  | 'rotation-hopping'
  | 'vanhove'
  | 'jump-correlation'
  | 'doas'
  | 'md'
  | 'trajectory'
  | 'transitions'
  | 'volume';

/** One headline number: `value ± error unit`, or a text value, with an optional note. */
export interface CardRow {
  label: string;
  value: number | string | null;
  /** One standard error in the unit of `value` (omitted when none). */
  error?: number | null;
  unit?: string;
  /** Why the value is null, or how it was obtained. */
  note?: string;
}

/** What a result shows: see {@link resultCard}. */
export interface ResultCard {
  kind: ResultKind;
  title: string;
  /** The numbers a reader looks for first, with errors and units. */
  headline: CardRow[];
  /** Flags in words ("not measurable: …", "sub-diffusive: …"): empty when the result is clean. */
  flags: string[];
  /** The default plot (Vega-Lite v6), or null. */
  plot: VegaLiteSpec | null;
  /** True when `plot` is best shown with the interactive widget (DOAS filters). */
  interactive?: boolean;
  /** Scalar fields (numbers, strings, booleans) for the expandable table; arrays by their length. */
  details: Record<string, string>;
}

type Rec = Record<string, any>;

const has = (x: Rec, ...keys: string[]) => keys.every((k) => k in x);

/** Recognise a result by its fields; null for anything else. */
export function resultKind(x: unknown): ResultKind | null {
  if (!x || typeof x !== 'object') return null;
  const r = x as Rec;
  if (r.kind === 'volume-fluctuation') return 'volume';
  // Results carry their kind (core/resultKind.ts); a copy made by spreading does not: recognise it by its fields.
  if (typeof r.kind === 'string' && Object.prototype.hasOwnProperty.call(BUILDERS, r.kind)) return r.kind as ResultKind;
  if (has(r, 'D_cm2_s', 'msd', 'fit', 'linearity')) return 'diffusion';
  if (has(r, 'pair', 'g', 'r_A', 'first_peak_A')) return 'rdf';
  if (has(r, 'types', 'siteOccupancy', 'sigma2_A2')) return 'sites';
  if (has(r, 'jumps', 'rates', 'hop_frequency_per_ns')) return 'jumps';
  if (has(r, 'edges', 'sites', 'typeRates', 'collective')) return 'transitions';
  if (has(r, 'pdos', 'freq_THz', 'vacf')) return 'vdos';
  if (has(r, 'rotation', 'hopping', 'reorientation_to_hop_ratio')) return 'rotation-hopping';
  if (has(r, 'anion', 'reorientation_per_ns', 'acf')) return 'rotation';
  if (has(r, 'self', 'lag_frames', 'r_A')) return 'vanhove';
  if (has(r, 'nJumps', 'nPairs', 'theta_deg')) return 'jump-correlation';
  if (has(r, 'bins_eV', 'series', 'classes')) return 'doas';
  if (has(r, 'thermo', 'stepsDone', 'final')) return 'md';
  if (has(r, 'topology', 'positions', 'nFrames', 'nAtoms') && typeof r.framePositions === 'function') return 'trajectory';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Number formatting

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
const sup = (n: number) =>
  String(n)
    .split('')
    .map((c) => SUPERSCRIPT[c] ?? c)
    .join('');

/**
 * `value ± error` with the error to two significant figures and the value to the same decimal;
 * a common power of ten (× 10⁻⁵) for numbers below 1e-3 or from 1e5 up. Without an error, four
 * significant figures.
 */
export function formatWithError(value: number, error?: number | null): string {
  if (!Number.isFinite(value)) return String(value);
  const a = Math.abs(value);
  const exp = a !== 0 && (a < 1e-3 || a >= 1e5) ? Math.floor(Math.log10(a)) : 0;
  const scale = 10 ** exp;
  const v = value / scale;
  const tail = exp !== 0 ? ` × 10${sup(exp)}` : '';
  if (error === undefined || error === null || !Number.isFinite(error) || error <= 0) {
    return `${Number(v.toPrecision(4))}${tail}`;
  }
  const e = error / scale;
  const decimals = Math.max(0, Math.min(12, 1 - Math.floor(Math.log10(e))));
  const body = `${v.toFixed(decimals)} ± ${e.toFixed(decimals)}`;
  return exp !== 0 ? `(${body})${tail}` : body;
}

function rowText(r: CardRow): string {
  let v: string;
  if (r.value === null || r.value === undefined) v = '—';
  else if (typeof r.value === 'number') v = formatWithError(r.value, r.error);
  else v = r.value;
  return `${v}${r.value !== null && r.unit ? ' ' + r.unit : ''}`;
}

function detailValue(v: unknown): string | null {
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : formatWithError(v);
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (ArrayBuffer.isView(v) || Array.isArray(v)) {
    const arr = v as unknown as ArrayLike<unknown>;
    if (arr.length <= 4 && Array.from(arr).every((x) => typeof x === 'number' || typeof x === 'string')) {
      return `[${Array.from(arr)
        .map((x) => (typeof x === 'number' ? formatWithError(x) : String(x)))
        .join(', ')}]`;
    }
    return `${v.constructor?.name ?? 'array'}(${arr.length})`;
  }
  return null;
}

/** Scalar fields of a record (nested records one level deep as `a.b`). */
function scalarDetails(x: Rec, skip: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(x)) {
    if (skip.includes(k) || v === undefined || typeof v === 'function') continue;
    const d = detailValue(v);
    if (d !== null) out[k] = d;
    else if (v && typeof v === 'object' && !ArrayBuffer.isView(v) && !Array.isArray(v)) {
      for (const [k2, v2] of Object.entries(v as Rec)) {
        const d2 = detailValue(v2);
        if (d2 !== null && !(v2 && typeof v2 === 'object' && !ArrayBuffer.isView(v2) && !Array.isArray(v2))) out[`${k}.${k2}`] = d2;
      }
    }
  }
  return out;
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

// ---------------------------------------------------------------------------------------------
// Cards per result type

function diffusionCard(r: Rec): ResultCard {
  const sp = (r.species as string[]).join('+');
  const span_ps = ((r.nFrames - 1) * r.dt_fs) / 1000;
  const flags: string[] = [];
  if (!r.measurable) flags.push(`not measurable: ${r.measurable_reason ?? 'D* is not above its uncertainty'}`);
  if (r.run_resolution && !r.run_resolution.resolved)
    flags.push(`not resolved by this run: ${r.run_resolution.reason ?? `D* below ${formatWithError(r.run_resolution.D_min_cm2_s)} cm²/s`}`);
  const reg = r.linearity?.regime;
  if (reg === 'sub-diffusive')
    flags.push(`sub-diffusive: the MSD bends over the fit window, so D* is a chord${r.linearity.reason ? ` (${r.linearity.reason})` : ''}`);
  else if (reg === 'super-diffusive')
    flags.push(`super-diffusive: the MSD steepens over the fit window${r.linearity.reason ? ` (${r.linearity.reason})` : ''}`);
  if (!r.D_sigma_significant) flags.push('D_σ not significantly above zero: no Haven ratio, no σ from D_σ');
  const rows: CardRow[] = [
    { label: 'D* (tracer)', value: r.D_cm2_s, error: r.D_uncertainty_cm2_s, unit: 'cm²/s', note: 'error: the largest of OLS, block and random-walk' },
    { label: 'D_σ (charge)', value: r.D_sigma_cm2_s, error: r.D_sigma_uncertainty_cm2_s, unit: 'cm²/s' },
    { label: 'Haven ratio H_R', value: r.haven_ratio, error: r.haven_stderr, note: r.haven_ratio === null ? r.haven_reason : undefined },
    {
      label: 'σ (Nernst–Einstein, from D*)',
      value: r.sigma_mS_cm,
      error: r.sigma_mS_cm !== null && r.D_cm2_s > 0 ? (r.sigma_mS_cm * r.D_uncertainty_cm2_s) / r.D_cm2_s : null,
      unit: 'mS/cm',
      note: r.sigma_mS_cm === null ? r.sigma_reason : r.temperature_K ? `at ${r.temperature_K} K` : undefined,
    },
    { label: 'σ from D_σ', value: r.sigma_charge_mS_cm, unit: 'mS/cm', note: r.sigma_charge_mS_cm === null ? r.sigma_charge_reason : undefined },
    { label: 'MSD linearity (slope 2nd/1st half)', value: r.linearity?.ratio ?? null, error: r.linearity?.ratio_stderr, note: reg },
    {
      label: 'fit window',
      value: `${(r.fit_window_fs[0] / 1000).toFixed(2)}–${(r.fit_window_fs[1] / 1000).toFixed(2)} ps${r.fit_window_default ? ' (default 10–80 %)' : ''}`,
    },
  ];
  return {
    kind: 'diffusion',
    title: `Diffusion of ${sp}: ${plural(r.nIons, 'ion')}, ${plural(r.nFrames, 'frame')} (${span_ps.toFixed(1)} ps)${r.drift_corrected ? ', drift-corrected' : ''}`,
    headline: rows,
    flags,
    plot: msdSpec(r.msd, r.fit, { title: `MSD of ${sp}` }),
    details: scalarDetails(r, ['msd', 'chargeMsd', 'block', 'chargeBlock', 'haven', 'conductivity', 'diagnostics']),
  };
}

function volumeCard(r: Rec): ResultCard {
  return {
    kind: 'volume',
    title: `Cell volume over ${plural(r.frames, 'frame')}`,
    headline: [
      { label: '⟨V⟩', value: r.mean_volume_A3, error: r.mean_volume_stderr_A3, unit: 'Å³' },
      { label: 'compressibility κ_T', value: r.compressibility_per_GPa ?? '—', unit: r.compressibility_per_GPa === null ? undefined : 'GPa⁻¹' },
      { label: 'bulk modulus B', value: r.bulk_modulus_GPa ?? '—', unit: r.bulk_modulus_GPa === null ? undefined : 'GPa' },
    ],
    flags: r.reason ? [r.reason] : [],
    plot: volumePlotSpec(r as never),
    details: scalarDetails(r),
  };
}

function rdfCard(r: Rec): ResultCard {
  const flags = r.reason ? [r.reason] : [];
  return {
    kind: 'rdf',
    title: `RDF ${r.pair}: ${plural(r.frames, 'frame')}, r ≤ ${r.rmax_A} Å in ${r.bins} bins`,
    headline: [
      { label: 'first peak', value: r.first_peak_A, unit: 'Å', note: r.first_peak_g !== null ? `g = ${formatWithError(r.first_peak_g)}` : undefined },
      { label: 'first minimum', value: r.first_min_A, unit: 'Å', note: r.first_min_g !== null ? `g = ${formatWithError(r.first_min_g)}` : undefined },
      { label: 'density of the second species', value: r.density_b_per_A3, unit: 'Å⁻³' },
      { label: 'atoms (centre, neighbour)', value: `${r.n_a}, ${r.n_b}` },
    ],
    flags,
    plot: rdfPlotSpec(r as never, `g(r) ${r.pair}`),
    details: scalarDetails(r),
  };
}

function sitesCard(r: Rec): ResultCard {
  const flags: string[] = [];
  if (r.entropy_kB === null) flags.push(`entropy not defined${r.entropyNote ? ': ' + r.entropyNote : ''}`);
  if (r.unassignedFraction > 0.2)
    flags.push(`${(100 * r.unassignedFraction).toFixed(0)} % of the ions are farther than ${r.rmax_A} Å from every site`);
  const rows: CardRow[] = [
    {
      label: 'configurational entropy S̃',
      value: r.entropy_kB,
      unit: 'k_B per ion',
      note: r.entropy_kB === null ? r.entropyNote : 'Kweon 2017 eq. 1',
    },
    ...(r.types as Rec[]).map((t) => ({
      label: `${t.name} (${t.sites} sites)`,
      value: `P1 = ${formatWithError(t.P1)}, P2 = ${formatWithError(t.P2)}`,
    })),
    { label: 'unassigned', value: r.unassignedFraction, note: 'fraction of ion-frames' },
  ];
  return {
    kind: 'sites',
    title: `Gaussian site occupancy: ${plural(r.nMobile, 'ion')}, ${plural(r.nFrames, 'frame')}, σ² = ${r.sigma2_A2} Å²`,
    headline: rows,
    flags,
    plot: siteOccupancyBarsSpec(r as never),
    details: scalarDetails(r, ['network']),
  };
}

function jumpsCard(r: Rec): ResultCard {
  const flags = r.rIn_note ? [r.rIn_note] : [];
  if (r.jumps.length === 0) flags.push('no jump in this run: rates are upper bounds at best');
  const res = Object.entries(r.mean_residence_fs as Record<string, number | null>).map(([k, v]) => ({
    label: `mean residence on ${k}`,
    value: v === null ? null : v / 1000,
    unit: 'ps',
    note: v === null ? 'never left' : undefined,
  }));
  return {
    kind: 'jumps',
    title: `Site jumps: ${plural(r.jumps.length, 'jump')} over ${(r.duration_fs / 1000).toFixed(1)} ps (${plural(r.nFrames, 'frame')})`,
    headline: [
      { label: 'hop frequency', value: r.hop_frequency_per_ns, unit: 'ns⁻¹' },
      ...res,
      { label: 'capture radius r_in', value: r.rIn_A, unit: 'Å' },
    ],
    flags,
    plot: r.rates.length ? jumpRateMatrixSpec(r as never) : null,
    details: scalarDetails(r, ['network']),
  };
}

function transitionsCard(r: Rec): ResultCard {
  const flags: string[] = [];
  if (r.jumps.rIn_note) flags.push(r.jumps.rIn_note);
  if (r.edges.length === 0) flags.push('no jump in this run: no rate is resolved');
  if (r.activation_energy_note) flags.push(`activation energies not computed: ${r.activation_energy_note}`);
  const few = r.edges.filter((e: Rec) => e.count < 10).length;
  if (few) flags.push(`${few} of ${r.edges.length} site pairs saw fewer than 10 jumps: their rates are uncertain by more than 30 %`);
  const typeRows: CardRow[] = r.typeRates.map((t: Rec) => ({
    label: `${t.from} → ${t.to}`,
    value: t.rate_per_ns,
    error: t.rate_error_per_ns,
    unit: 'ns⁻¹ per ion',
    note:
      t.activation_energy_eV === null
        ? `${t.count} jumps`
        : `${t.count} jumps; E_a = ${formatWithError(t.activation_energy_eV, t.activation_energy_error_eV)} eV (ν₀ ${formatWithError(t.attempt_frequency_THz)} THz)`,
  }));
  const c = r.collective;
  return {
    kind: 'transitions',
    title: `Transition network: ${plural(r.sites.length, 'site')}, ${plural(r.edges.length, 'site pair')} with jumps, ${plural(r.jumps.jumps.length, 'jump')} over ${(r.duration_fs / 1000).toFixed(1)} ps`,
    headline: [
      ...typeRows,
      {
        label: 'collective jump pairs',
        value: c.nPairs,
        note: c.ratioToChance === null ? undefined : `${formatWithError(c.ratioToChance)} × chance within ${c.window_fs} fs`,
      },
    ],
    flags,
    plot: r.sites.length ? transitionNetworkSpec(r as never) : null,
    details: scalarDetails(r, ['jumps', 'collective']),
  };
}

function vdosCard(r: Rec): ResultCard {
  const flags = [
    r.warning,
    r.temperature_caution,
    r.band_centre_THz === null ? `band centre not defined: ${r.band_centre_reason ?? ''}` : undefined,
  ].filter(Boolean) as string[];
  return {
    kind: 'vdos',
    title: `VDOS of ${r.selection}: ${plural(r.n_items, 'item')}, Δt = ${r.dt_fs} fs, velocities ${r.velocity_source === 'file' ? 'from the file' : 'by central differences'}`,
    headline: [
      {
        label: 'band centre',
        value: r.band_centre_THz,
        unit: 'THz',
        note:
          r.band_centre_meV !== null
            ? `${formatWithError(r.band_centre_meV)} meV, ${formatWithError(r.band_centre_cm1)} cm⁻¹ (Li 2025)`
            : r.band_centre_reason,
      },
      { label: 'kinetic temperature', value: r.kinetic_temperature_K, unit: 'K', note: r.temperature_K ? `run at ${r.temperature_K} K` : undefined },
      { label: 'resolution', value: r.resolution_THz, unit: 'THz' },
      { label: 'Nyquist frequency', value: r.nyquist_THz, unit: 'THz' },
    ],
    flags,
    plot: vdosSpec({ [r.selection]: r as never }),
    details: scalarDetails(r),
  };
}

function rotationCard(r: Rec): ResultCard {
  const flags: string[] = [];
  if (r.reorientation_per_ns_upper_bound !== null && r.reorientation_per_ns === 0)
    flags.push(`no reorientation seen: rate below ${formatWithError(r.reorientation_per_ns_upper_bound)} ns⁻¹`);
  if (r.hop_per_ns === null && r.hop_reason) flags.push(r.hop_reason);
  return {
    kind: 'rotation',
    title: `Rotation of ${plural(r.n_rotors, r.anion + ' anion')} (pointer ${r.pointer_species}), Δt = ${r.dt_fs} fs`,
    headline: [
      {
        label: 'reorientations',
        value: r.reorientation_per_ns,
        unit: 'ns⁻¹ per anion',
        note: r.reorientation_per_ns_upper_bound !== null ? `upper bound ${formatWithError(r.reorientation_per_ns_upper_bound)}` : undefined,
      },
      { label: 'cation hops', value: r.hop_per_ns, unit: 'ns⁻¹', note: r.hop_per_ns === null ? r.hop_reason : undefined },
      { label: 'orientation entropy', value: r.orientation_entropy_kB, unit: 'k_B' },
    ],
    flags,
    plot: acfSpec(`Orientation autocorrelation of ${r.anion}`, { [r.anion]: { t_fs: r.acf_t_fs, acf: r.acf } }),
    details: scalarDetails(r, ['rotor_atoms', 'map', 'states', 'rotor_states']),
  };
}

function rotationHoppingCard(r: Rec): ResultCard {
  const base = rotationCard(r.rotation);
  const flags = [...base.flags];
  if (r.reorientation_to_hop_ratio === null && r.ratio_reason) flags.push(r.ratio_reason);
  return {
    ...base,
    kind: 'rotation-hopping',
    title: `Rotation and hopping: ${base.title}`,
    headline: [
      {
        label: 'reorientations per hop',
        value: r.reorientation_to_hop_ratio,
        note:
          r.reorientation_to_hop_ratio_upper_bound !== null
            ? `upper bound ${formatWithError(r.reorientation_to_hop_ratio_upper_bound)}`
            : r.ratio_reason,
      },
      ...base.headline,
    ],
    flags,
    details: { ...scalarDetails(r, ['rotation', 'hopping']), ...base.details },
  };
}

function vanHoveCard(r: Rec): ResultCard {
  const t = (r.t_fs as (number | null)[]).map((x, k) => (x === null ? `${r.lag_frames[k]} frames` : `${x / 1000} ps`));
  return {
    kind: 'vanhove',
    title: `van Hove correlation: ${plural(r.n_atoms, 'atom')}, ${plural(r.t_fs.length, 'lag')}`,
    headline: [
      { label: 'lags', value: t.join(', ') },
      { label: 'time origins per lag', value: (r.origins as number[]).join(', ') },
      { label: 'bin width', value: r.dr_A, unit: 'Å' },
      { label: 'distinct part G_d', value: r.distinct ? 'computed' : 'not computed' },
    ],
    flags: [],
    plot: vanHoveSpec(r as never),
    details: scalarDetails(r),
  };
}

function jumpCorrelationCard(r: Rec): ResultCard {
  return {
    kind: 'jump-correlation',
    title: `Jump correlations: ${plural(r.nJumps, 'jump')}, ${plural(r.nPairs, 'pair')}`,
    headline: [
      { label: 'jumps', value: r.nJumps },
      { label: 'jump pairs within the window', value: r.nPairs },
    ],
    flags: r.nPairs < 10 ? [`only ${r.nPairs} jump pairs: the correlation map is noise`] : [],
    plot: jumpCorrelationHeatmapSpec(r as never),
    details: scalarDetails(r),
  };
}

function doasCard(r: Rec): ResultCard {
  const temps = [...new Set((r.series as Rec[]).map((s) => s.temperature_K))].sort((a, b) => a - b);
  const rows: CardRow[] = Object.entries(r.classes as Record<string, Rec>).map(([name, c]) => ({
    label: `${name} (${c.count} states, ${(100 * c.fraction).toFixed(0)} %)`,
    value: c.mean_eV,
    unit: 'eV (mean)',
    note: c.width_eV !== null ? `width ${formatWithError(c.width_eV)} eV` : c.width_reason,
  }));
  const flags = Object.entries(r.classes as Record<string, Rec>)
    .filter(([, c]) => c.few_states)
    .map(([n, c]) => `class ${n} has only ${c.count} states`);
  return {
    kind: 'doas',
    title: `DOAS: ${plural(r.series.length, 'series')} at ${temps.join(', ')} K; energies relative to ${formatWithError(r.reference_eV)} eV`,
    headline: rows,
    flags,
    plot: doasPlotSpec(r as never),
    interactive: true,
    details: scalarDetails(r, ['series', 'classes']),
  };
}

function mdCard(r: Rec): ResultCard {
  const th = r.thermo as Rec;
  const n = th.T_K.length;
  const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / Math.max(1, a.length);
  const half = th.T_K.slice(Math.floor(n / 2));
  return {
    kind: 'md',
    title: `MD run: ${plural(r.stepsDone, 'step')}${r.stopped ? ' (stopped early)' : ''} in ${r.wallTime_s.toFixed(1)} s`,
    headline: [
      { label: 'mean T (second half)', value: half.length ? mean(half) : null, unit: 'K' },
      { label: 'simulated time', value: n ? th.t_fs[n - 1] / 1000 : null, unit: 'ps' },
      { label: 'frames kept', value: r.trajectory ? r.trajectory.nFrames : 0 },
      { label: 'degrees of freedom', value: r.degreesOfFreedom },
    ],
    flags: r.stopped ? ['stopped before the requested number of steps'] : [],
    plot: n > 1 ? thermoLogSpec(th as never) : null,
    details: scalarDetails(r, ['trajectory', 'thermo', 'final']),
  };
}

function trajectoryCard(t: Rec): ResultCard {
  const top = t.topology as Rec;
  const counts = (top.symbols as string[])
    .map((s, c) => `${s}${Array.from(top.species as ArrayLike<number>).filter((x) => x === c).length}`)
    .join(' ');
  const times = t.times_fs as Float64Array | undefined;
  const span =
    times && t.nFrames > 1 ? (times[t.nFrames - 1] - times[0]) / 1000 : t.info?.timestep_fs ? ((t.nFrames - 1) * t.info.timestep_fs) / 1000 : null;
  const cell = t.cells ? Array.from((t.cells as Float64Array).subarray(0, 9)) : null;
  const len = (k: number) => (cell ? Math.hypot(cell[3 * k], cell[3 * k + 1], cell[3 * k + 2]) : 0);
  return {
    kind: 'trajectory',
    title: `Trajectory${t.info?.source ? ' ' + String(t.info.source).split('/').pop() : ''}: ${counts}`,
    headline: [
      { label: 'atoms', value: t.nAtoms },
      { label: 'frames', value: t.nFrames },
      { label: 'time span', value: span, unit: 'ps', note: span === null ? 'no times in the file: give dt_fs' : undefined },
      {
        label: 'cell a, b, c (frame 0)',
        value: cell ? `${len(0).toFixed(3)}, ${len(1).toFixed(3)}, ${len(2).toFixed(3)}` : null,
        unit: 'Å',
        note: cell ? undefined : 'not periodic',
      },
      { label: 'unwrapped', value: String(!!t.info?.unwrapped) },
    ],
    flags: [],
    plot: null,
    details: scalarDetails({ ...(t.info ?? {}) }),
  };
}

const BUILDERS: Record<ResultKind, (r: Rec) => ResultCard> = {
  volume: volumeCard,
  diffusion: diffusionCard,
  rdf: rdfCard,
  sites: sitesCard,
  jumps: jumpsCard,
  vdos: vdosCard,
  rotation: rotationCard,
  'rotation-hopping': rotationHoppingCard,
  vanhove: vanHoveCard,
  'jump-correlation': jumpCorrelationCard,
  doas: doasCard,
  md: mdCard,
  trajectory: trajectoryCard,
  transitions: transitionsCard,
};

/**
 * The card of a result: headline numbers with errors and units, flags in words, the default
 * plot and the scalar fields. `kind` overrides recognition by fields; null when not a result.
 */
export function resultCard(x: unknown, kind?: ResultKind): ResultCard | null {
  const k = kind ?? resultKind(x);
  if (!k || !x || typeof x !== 'object') return null;
  return BUILDERS[k](x as Rec);
}

/** A short text summary of a card (the `text/plain` of its bundle): title, headline, flags. */
export function cardText(card: ResultCard): string {
  const lines = [`<${card.title}>`];
  const short = (t: string) => (t.length > 90 ? t.slice(0, 88).replace(/\s+\S*$/, '') + ' …' : t);
  for (const r of card.headline) lines.push(`  ${r.label}: ${rowText(r)}${r.note && r.value === null ? ` (${short(r.note)})` : ''}`);
  for (const f of card.flags) lines.push(`  ! ${short(f)}`);
  lines.push('  (details: the card in a notebook, or the fields of the result)');
  return lines.join('\n');
}

/** A card as a MIME bundle: a compact HTML card (fields in an expandable table) and its text summary. */
export function cardBundle(card: ResultCard): MimeBundle {
  const h: string[] = [];
  h.push(
    `<div class="superionic-card superionic-card-${card.kind}" data-kind="${card.kind}" style="border:1px solid #c8ccd2;border-radius:6px;padding:6px 10px;margin:2px 0;max-width:60em">`,
  );
  h.push(`<div style="font-weight:bold;margin-bottom:4px">${escapeHTML(card.title)}</div>`);
  h.push('<table style="border-collapse:collapse"><tbody>');
  for (const r of card.headline) {
    h.push(
      `<tr><td style="padding:1px 10px 1px 0;color:#555;text-align:left">${escapeHTML(r.label)}</td>` +
        `<td style="padding:1px 10px 1px 0;text-align:left;white-space:nowrap;font-weight:600">${escapeHTML(rowText(r))}</td>` +
        `<td style="padding:1px 0;text-align:left;color:#777">${r.note ? escapeHTML(r.note) : ''}</td></tr>`,
    );
  }
  h.push('</tbody></table>');
  for (const f of card.flags) {
    h.push(
      `<div class="superionic-flag" style="margin:3px 0;padding:2px 6px;border-left:3px solid #d97706;background:#fff7e6;color:#7a4a00">⚠ ${escapeHTML(f)}</div>`,
    );
  }
  const names = Object.keys(card.details);
  if (names.length) {
    h.push(`<details style="margin-top:4px"><summary style="cursor:pointer;color:#555">all fields (${names.length})</summary>`);
    h.push('<table style="border-collapse:collapse;font-size:90%"><tbody>');
    for (const k of names)
      h.push(
        `<tr><td style="padding:0 10px 0 0;text-align:left;font-family:monospace">${escapeHTML(k)}</td><td style="text-align:left;white-space:nowrap">${escapeHTML(card.details[k])}</td></tr>`,
      );
    h.push('</tbody></table></details>');
  }
  h.push('</div>');
  return { data: { 'text/html': h.join(''), 'text/plain': cardText(card) }, metadata: {} };
}
