/**
 * Vega-Lite specs for site analyses (METHODS §3): P1/P2 bars per site type, entropy vs temperature,
 * sublattice relative occupancy vs temperature and vs time (Wood 2021 Fig. 4c), and table columns
 * for DataFrame views. Pure data: specs are plain JSON.
 */
import { rowsFromColumns, vegaLiteSpec, VegaLiteSpec } from '../spec.js';
import type { Columns } from '../table.js';
import type { GaussianOccupancyResult } from '../../sites/gaussianSiteOccupancy.js';
import type { SiteJumpResult } from '../../sites/siteJumps.js';
import type { SublatticeOccupancyResult } from '../../sites/sublattices.js';

/** Per-site-type table: name, kind, N_i, n_i, P1, P2. */
export function siteOccupancyColumns(r: GaussianOccupancyResult): Columns {
  return {
    site_type: r.types.map((t) => t.name), kind: r.types.map((t) => t.kind), sites: r.types.map((t) => t.sites),
    occupancy: r.types.map((t) => t.occupancy), P1: r.types.map((t) => t.P1), P2: r.types.map((t) => t.P2),
  };
}

/** Grouped bars of P1 (fraction of cations) and P2 (mean occupancy of one site) per site type. */
export function siteOccupancyBarsSpec(r: GaussianOccupancyResult, title = 'Site occupancy (Gaussian-weighted, Kweon 2017)'): VegaLiteSpec {
  const values = r.types.flatMap((t) => [
    { site_type: t.name, quantity: 'P1 (fraction of cations)', value: t.P1 },
    { site_type: t.name, quantity: 'P2 (occupancy per site)', value: t.P2 },
  ]);
  return vegaLiteSpec(title, {
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'site_type', type: 'nominal', title: 'site type', sort: r.types.map((t) => t.name) },
      xOffset: { field: 'quantity', type: 'nominal' },
      y: { field: 'value', type: 'quantitative', title: 'probability', scale: { domain: [0, 1] } },
      color: { field: 'quantity', type: 'nominal', title: null },
    },
  });
}

/** One point of entropy vs temperature. */
export interface EntropyPoint { T_K: number; entropy_kB: number | null; label?: string }

/** S̃ per cation (k_B) vs temperature, one line per label (e.g. material). */
export function entropyVsTemperatureSpec(points: EntropyPoint[], title = 'Configurational entropy per cation'): VegaLiteSpec {
  const values = points.filter((p) => p.entropy_kB !== null).map((p) => ({ T_K: p.T_K, entropy_kB: p.entropy_kB, label: p.label ?? '' }));
  return vegaLiteSpec(title, {
    data: { values },
    mark: { type: 'line', point: true, tooltip: true },
    encoding: {
      x: { field: 'T_K', type: 'quantitative', title: 'T (K)', scale: { zero: false } },
      y: { field: 'entropy_kB', type: 'quantitative', title: 'S̃ (k_B per cation)' },
      color: { field: 'label', type: 'nominal', title: null },
    },
  });
}

/** Relative sublattice occupancy r_k(t) vs time (1 = even spread). */
export function sublatticeOccupancyVsTimeSpec(r: SublatticeOccupancyResult, title = 'Sublattice relative occupancy'): VegaLiteSpec {
  const values = r.relative.flatMap((series, k) => Array.from(series, (v, f) => ({ t_fs: r.t[f], sublattice: r.names[k], relative: v })));
  return vegaLiteSpec(title, {
    data: { values },
    layer: [
      { mark: { type: 'line' }, encoding: {
        x: { field: 't_fs', type: 'quantitative', title: 't (fs)' },
        y: { field: 'relative', type: 'quantitative', title: 'relative occupancy' },
        color: { field: 'sublattice', type: 'nominal' },
      } },
      { data: { values: [{ even: 1 }] }, mark: { type: 'rule', strokeDash: [4, 4] }, encoding: { y: { field: 'even', type: 'quantitative' } } },
    ],
  });
}

/** One temperature's time-mean relative occupancy per sublattice. */
export interface SublatticeTemperaturePoint { T_K: number; result: SublatticeOccupancyResult }

/** Time-mean relative occupancy of each sublattice and ⟨max_k r_k⟩ vs temperature (Wood 2021 Fig. 4c). */
export function sublatticeOccupancyVsTemperatureSpec(points: SublatticeTemperaturePoint[], title = 'Sublattice occupancy vs temperature'): VegaLiteSpec {
  const values = points.flatMap((p) => [
    ...Array.from(p.result.meanRelative, (v, k) => ({ T_K: p.T_K, series: `sublattice ${p.result.names[k]}`, relative: v })),
    { T_K: p.T_K, series: '⟨max_k r_k(t)⟩', relative: p.result.meanMaxRelative },
  ]);
  return vegaLiteSpec(title, {
    data: { values },
    layer: [
      { mark: { type: 'line', point: true, tooltip: true }, encoding: {
        x: { field: 'T_K', type: 'quantitative', title: 'T (K)', scale: { zero: false } },
        y: { field: 'relative', type: 'quantitative', title: 'relative occupancy (1 = even)' },
        color: { field: 'series', type: 'nominal', title: null },
      } },
      { data: { values: [{ even: 1 }] }, mark: { type: 'rule', strokeDash: [4, 4] }, encoding: { y: { field: 'even', type: 'quantitative' } } },
    ],
  });
}

/** Jump events as columns (time, ion, from/to site and type). */
export function jumpEventColumns(r: SiteJumpResult): Columns {
  return {
    t_fs: r.jumps.map((j) => j.t_fs), ion: r.jumps.map((j) => j.ion), from: r.jumps.map((j) => j.from), to: r.jumps.map((j) => j.to),
    from_type: r.jumps.map((j) => j.fromType), to_type: r.jumps.map((j) => j.toType),
  };
}

/** Jump rates per site-type pair as columns. */
export function jumpRateColumns(r: SiteJumpResult): Columns {
  return {
    from_type: r.rates.map((x) => x.from), to_type: r.rates.map((x) => x.to), count: r.rates.map((x) => x.count),
    rate_per_ns: r.rates.map((x) => x.rate_per_ns), rate_per_ion_per_ns: r.rates.map((x) => x.rate_per_ion_per_ns),
  };
}

/** Heat map of jump rates (per ion per ns) from site type to site type. */
export function jumpRateMatrixSpec(r: SiteJumpResult, title = 'Jump rates between site types'): VegaLiteSpec {
  return vegaLiteSpec(title, {
    data: { values: rowsFromColumns({ from: r.rates.map((x) => x.from), to: r.rates.map((x) => x.to), rate: r.rates.map((x) => x.rate_per_ion_per_ns) }) },
    mark: { type: 'rect', tooltip: true },
    encoding: {
      x: { field: 'to', type: 'nominal', title: 'to site type' },
      y: { field: 'from', type: 'nominal', title: 'from site type' },
      color: { field: 'rate', type: 'quantitative', title: 'ns⁻¹ per ion' },
    },
  }, 320, 320);
}
