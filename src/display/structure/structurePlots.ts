/**
 * Vega-Lite specs for the structural analyses (METHODS §2): g(r) with the running coordination n(r)
 * on a second axis and the first-shell cutoff (Kweon 2017 Fig. 4); the coordination-number histogram
 * with mean ± std (Wood 2021 Fig. 2); cation–anion–cation angle distributions per distance shell with
 * reference angles (Kweon 2017 Fig. 5, Wood 2021 Fig. 3); the anion dipole |p| distribution.
 */
import type { AnionPolarization } from '../../structure/anionPolarization.js';
import type { AngleResult } from '../../structure/cationAnionCationAngles.js';
import type { CoordinationResult } from '../../structure/coordination.js';
import type { RdfResult } from '../../structure/rdf.js';
import type { RadialAngularResult } from '../../structure/radialAngularDistribution.js';
import type { VolumeFluctuationResult } from '../../structure/volumeFluctuation.js';
import { vegaLiteSpec, type VegaLiteSpec } from '../spec.js';

/** One RDF or several (e.g. the 0/50/100 % files), each labelled. */
export type LabelledRdf = RdfResult | { label: string; result: RdfResult };

function asLabelled(x: LabelledRdf): { label: string; result: RdfResult } {
  return 'result' in x ? x : { label: x.pair, result: x };
}

/** Long-form rows of g(r) and n(r): one per (series, bin); n interpolated to the bin centre. */
export function rdfRows(series: LabelledRdf[]): { series: string; r_A: number; g: number; g_stderr: number; n: number }[] {
  const rows: { series: string; r_A: number; g: number; g_stderr: number; n: number }[] = [];
  for (const s of series.map(asLabelled)) {
    const r = s.result;
    for (let k = 0; k < r.bins; k++) {
      const nLo = k === 0 ? 0 : r.n[k - 1];
      rows.push({ series: s.label, r_A: r.r_A[k], g: r.g[k], g_stderr: r.g_stderr[k], n: (nLo + r.n[k]) / 2 });
    }
  }
  return rows;
}

/**
 * g(r) (left axis, solid) and n(r) (right axis, dashed) with a vertical rule at each series'
 * first-shell cutoff (first minimum) labelled with n at that distance.
 */
export function rdfPlotSpec(input: LabelledRdf | LabelledRdf[], title?: string, opts: { legendTitle?: string | null } = {}): VegaLiteSpec {
  const series = (Array.isArray(input) ? input : [input]).map(asLabelled);
  // Legend title: "pair" when the series are named by their pairs; the common pair when they are
  // labelled otherwise (e.g. disorder levels "0 %", "50 %" of Li-S); else "series".
  const pairs = [...new Set(series.map((s) => s.result.pair))];
  const legendTitle =
    opts.legendTitle !== undefined
      ? opts.legendTitle
      : series.every((s) => s.label === s.result.pair)
        ? 'pair'
        : pairs.length === 1
          ? pairs[0]
          : 'series';
  const rules = series
    .filter((s) => s.result.first_min_A !== null)
    .map((s) => ({
      series: s.label,
      first_min_A: s.result.first_min_A!,
      first_peak_A: s.result.first_peak_A,
    }));
  const x = { field: 'r_A', type: 'quantitative', title: 'r (Å)' };
  const color = { field: 'series', type: 'nominal', title: legendTitle };
  return vegaLiteSpec(title ?? `Radial distribution ${series.map((s) => s.label).join(', ')}`, {
    data: { values: rdfRows(series) },
    layer: [
      {
        mark: { type: 'line', interpolate: 'monotone' },
        encoding: {
          x,
          color,
          y: { field: 'g', type: 'quantitative', title: 'g(r)' },
          tooltip: [
            { field: 'series' },
            { field: 'r_A', format: '.3f', title: 'r (Å)' },
            { field: 'g', format: '.3f' },
            { field: 'g_stderr', format: '.3f', title: 'σ_g' },
            { field: 'n', format: '.2f', title: 'n(r)' },
          ],
        },
      },
      {
        mark: { type: 'line', strokeDash: [5, 3] },
        encoding: { x, color, y: { field: 'n', type: 'quantitative', title: 'n(r) (running coordination)', axis: { orient: 'right' } } },
      },
      {
        data: { values: rules },
        mark: { type: 'rule', strokeDash: [2, 2] },
        encoding: {
          x: { field: 'first_min_A', type: 'quantitative' },
          color,
          tooltip: [
            { field: 'series' },
            { field: 'first_min_A', format: '.3f', title: 'first-shell cutoff (Å)' },
            { field: 'first_peak_A', format: '.3f', title: 'first peak (Å)' },
          ],
        },
      },
    ],
    resolve: { scale: { y: 'independent' } },
  });
}

/** Coordination-number histogram with the mean ± std in the title. */
export function coordinationHistogramSpec(res: CoordinationResult, title?: string): VegaLiteSpec {
  const values = res.histogram.cn.map((cn, k) => ({ cn, probability: res.histogram.probability[k], samples: res.histogram.counts[k] }));
  return vegaLiteSpec(
    title ?? `${res.neighbor} around ${res.centre} (r < ${res.cutoff_A.toFixed(2)} Å): mean ${res.mean.toFixed(2)}, std ${res.std.toFixed(2)}`,
    {
      data: { values },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            x: { field: 'cn', type: 'ordinal', title: 'coordination number' },
            y: { field: 'probability', type: 'quantitative', title: 'fraction of (centre, frame) samples' },
            tooltip: [{ field: 'cn', title: 'CN' }, { field: 'probability', format: '.3f' }, { field: 'samples' }],
          },
        },
      ],
    },
  );
}

/** Reference angle set for an angle plot. */
export interface AngleReference {
  label: string;
  angles_deg: readonly number[];
}

/** Angle distributions, one line per shell, with vertical reference rules per reference set. */
export function angleDistributionSpec(
  res: AngleResult,
  references: AngleReference[] = [],
  opts: { vertex?: boolean; title?: string } = {},
): VegaLiteSpec {
  const rows: { shell: string; theta_deg: number; density_per_deg: number }[] = [];
  for (const s of res.shells) {
    const d = opts.vertex ? s.vertex_density_per_deg : s.density_per_deg;
    if (!d) continue;
    const shell = `${s.r_in_A}–${s.r_out_A} Å`;
    for (let k = 0; k < res.theta_deg.length; k++) rows.push({ shell, theta_deg: res.theta_deg[k], density_per_deg: d[k] });
  }
  const refs = references.flatMap((r) => r.angles_deg.map((a) => ({ reference: r.label, angle_deg: a })));
  const layers: Record<string, unknown>[] = [
    {
      mark: { type: 'line', interpolate: 'step' },
      encoding: {
        x: {
          field: 'theta_deg',
          type: 'quantitative',
          title: opts.vertex ? 'angle to nearest anion vertex (°)' : `${res.cation}–${res.centre}–${res.cation} angle θ (°)`,
          scale: { domain: [0, 180] },
        },
        y: { field: 'density_per_deg', type: 'quantitative', title: 'P(θ) (per degree, per shell)' },
        color: { field: 'shell', type: 'nominal', title: 'distance shell' },
        tooltip: [{ field: 'shell' }, { field: 'theta_deg', format: '.1f' }, { field: 'density_per_deg', format: '.4f' }],
      },
    },
  ];
  if (refs.length) {
    layers.push({
      data: { values: refs },
      mark: { type: 'rule', strokeDash: [4, 3], opacity: 0.7 },
      encoding: {
        x: { field: 'angle_deg', type: 'quantitative' },
        strokeDash: { field: 'reference', type: 'nominal', title: 'reference' },
        tooltip: [{ field: 'reference' }, { field: 'angle_deg', format: '.1f' }],
      },
    });
  }
  return vegaLiteSpec(opts.title ?? `${res.cation}–${res.centre}–${res.cation} angles by shell`, { data: { values: rows }, layer: layers });
}

/** Histogram of the anion dipole magnitude |p| with its shape statistics in the title. */
export function dipoleDistributionSpec(res: ReturnType<AnionPolarization['result']>, title?: string): VegaLiteSpec {
  const values = Array.from(res.histogram.centres_eA, (p, k) => ({ p_eA: p, density: res.histogram.density[k] }));
  const s = res.shape;
  const f = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));
  return vegaLiteSpec(title ?? `Anion dipole |p|: mean ${s.mean.toFixed(3)} e·Å, skew ${f(s.skewness)}, BC ${f(s.bimodalityCoefficient)}`, {
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'p_eA', type: 'quantitative', title: '|p| (e·Å)' },
      y: { field: 'density', type: 'quantitative', title: 'probability density (1/(e·Å))' },
    },
  });
}

/** Cell volume V(t) over the frames with ⟨V⟩ as a rule; the title gives κ_T and B when resolved. */
export function volumePlotSpec(r: VolumeFluctuationResult, dt_fs?: number): VegaLiteSpec {
  const x = dt_fs ? 't_fs' : 'frame';
  const values = Array.from(r.volume_A3, (v, f) => ({ [x]: dt_fs ? f * dt_fs : f, volume_A3: v }));
  const kappa =
    r.compressibility_per_GPa === null
      ? `κ_T: — (${r.reason})`
      : `κ_T = ${r.compressibility_per_GPa.toPrecision(3)} GPa⁻¹, B = ${r.bulk_modulus_GPa!.toPrecision(3)} GPa`;
  return vegaLiteSpec(`Cell volume (⟨V⟩ = ${r.mean_volume_A3.toFixed(1)} Å³; ${kappa})`, {
    layer: [
      {
        data: { values },
        mark: { type: 'line' },
        encoding: {
          x: { field: x, type: 'quantitative', title: dt_fs ? 't (fs)' : 'frame' },
          y: { field: 'volume_A3', type: 'quantitative', title: 'V (Å³)', scale: { zero: false } },
        },
      },
      {
        data: { values: [{ mean: r.mean_volume_A3 }] },
        mark: { type: 'rule', strokeDash: [4, 3] },
        encoding: { y: { field: 'mean', type: 'quantitative' } },
      },
    ],
  });
}

/** Heat map of g(r, θ) around molecular anions (Wood 2021 Fig. 3): r (Å) across, θ to the anion axis (°) up; 1 = ideal gas. */
export function radialAngularMapSpec(res: RadialAngularResult, title?: string): VegaLiteSpec {
  const nt = res.theta_deg.length,
    values: { r_A: number; theta_deg: number; g: number }[] = [];
  for (let i = 0; i < res.r_A.length; i++)
    for (let j = 0; j < nt; j++) values.push({ r_A: res.r_A[i], theta_deg: res.theta_deg[j], g: Number(res.g[i * nt + j].toPrecision(4)) });
  return vegaLiteSpec(
    title ?? `g(r, θ) of ${res.cation} around ${res.centre} (axis ${res.axis})`,
    {
      data: { values },
      transform: [
        { calculate: `datum.r_A - ${res.dr_A / 2}`, as: 'r0' },
        { calculate: `datum.r_A + ${res.dr_A / 2}`, as: 'r1' },
        { calculate: `datum.theta_deg - ${res.dtheta_deg / 2}`, as: 't0' },
        { calculate: `datum.theta_deg + ${res.dtheta_deg / 2}`, as: 't1' },
      ],
      mark: { type: 'rect', aria: false },
      encoding: {
        x: { field: 'r0', type: 'quantitative', title: `${res.centre}–${res.cation} distance r (Å)` },
        x2: { field: 'r1' },
        y: { field: 't0', type: 'quantitative', title: `angle to the ${res.axis} axis θ (°)`, scale: { domain: [0, 180] } },
        y2: { field: 't1' },
        color: { field: 'g', type: 'quantitative', title: 'g(r, θ)', scale: { scheme: 'viridis' } },
        tooltip: [
          { field: 'r_A', format: '.2f' },
          { field: 'theta_deg', format: '.1f' },
          { field: 'g', format: '.3g' },
        ],
      },
    },
    420,
    300,
  );
}
