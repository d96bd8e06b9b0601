/**
 * Vega-Lite specs for the density of atomistic states (Wang 2023, Figs 2–4): DOAS per class with
 * several temperatures overlaid (or faceted), and the mean energy of the mobile sublattice vs T.
 * Data carry `temperature_K` and `class` fields, so the notebook widget can filter by both.
 */
import type { DoasResult } from '../../doas/densityOfAtomisticStates.js';
import { vegaLiteSpec, type VegaLiteSpec } from '../spec.js';

/** Long-form rows: one per (temperature, class, bin) with density per eV. */
export function doasRows(res: DoasResult): { temperature_K: number; class: string; E_eV: number; density_per_eV: number }[] {
  const rows: { temperature_K: number; class: string; E_eV: number; density_per_eV: number }[] = [];
  for (const s of res.series) {
    const classes = Object.keys(s.classes).length ? s.classes : { all: { density: s.density, fraction: 1 } };
    for (const [c, st] of Object.entries(classes)) {
      // weight each class by its fraction so the classes add up to the total DOAS
      for (let k = 0; k < res.bins_eV.length; k++)
        rows.push({ temperature_K: s.temperature_K, class: c, E_eV: res.bins_eV[k], density_per_eV: st.density[k] * st.fraction });
    }
  }
  return rows;
}

/** DOAS per class; temperatures overlaid as line dash or faceted in rows. */
export function doasPlotSpec(res: DoasResult, opts: { facet?: boolean; title?: string } = {}): VegaLiteSpec {
  const enc = {
    x: { field: 'E_eV', type: 'quantitative', title: `E − E_ref (eV), E_ref = ${res.reference_eV.toFixed(3)} eV` },
    y: { field: 'density_per_eV', type: 'quantitative', title: 'DOAS (states / eV, per ion)' },
    color: { field: 'class', type: 'nominal', title: 'state class (site | neighbours …)' },
    tooltip: [
      { field: 'temperature_K', title: 'T (K)' },
      { field: 'class' },
      { field: 'E_eV', format: '.3f', title: 'E (eV)' },
      { field: 'density_per_eV', format: '.3f', title: 'DOAS' },
    ],
  };
  const layer = {
    mark: { type: 'line', interpolate: 'step' },
    encoding: opts.facet ? enc : { ...enc, strokeDash: { field: 'temperature_K', type: 'ordinal', title: 'T (K)' } },
  };
  const base = { data: { values: doasRows(res) } };
  if (opts.facet) {
    // Short y title (a 120 px row has no room for the long one) and row headers that read "600 K".
    const facetLayer = { ...layer, encoding: { ...layer.encoding, y: { ...enc.y, title: 'states / eV / ion' } } };
    const row = {
      field: 'temperature_K',
      type: 'ordinal',
      title: null,
      header: { labelExpr: "datum.value + ' K'", labelAngle: 0, labelAlign: 'left', labelFontSize: 12 },
    };
    const spec = vegaLiteSpec(opts.title ?? 'Density of atomistic states', {
      ...base,
      facet: { row },
      spec: { width: 420, height: 120, ...facetLayer },
    });
    delete spec.width;
    delete spec.height; // sizes belong to the inner spec of a facet
    return spec;
  }
  return vegaLiteSpec(opts.title ?? 'Density of atomistic states', { ...base, ...layer });
}

/** Mean energy of the mobile sublattice vs temperature, with ± width bars. */
export function doasMeanEnergySpec(res: DoasResult, title = 'Mean energy of the mobile sublattice'): VegaLiteSpec {
  const values = res.series.map((s) => ({
    temperature_K: s.temperature_K,
    mean_eV: s.mean_eV,
    lo: s.width_eV === null ? null : s.mean_eV - s.width_eV,
    hi: s.width_eV === null ? null : s.mean_eV + s.width_eV,
  }));
  return vegaLiteSpec(title, {
    data: { values },
    layer: [
      {
        mark: { type: 'rule' },
        encoding: {
          x: { field: 'temperature_K', type: 'quantitative', title: 'T (K)' },
          y: { field: 'lo', type: 'quantitative' },
          y2: { field: 'hi' },
        },
      },
      {
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'temperature_K', type: 'quantitative' },
          y: { field: 'mean_eV', type: 'quantitative', title: '⟨E − E_ref⟩ (eV)' },
          tooltip: [{ field: 'temperature_K' }, { field: 'mean_eV', format: '.4f' }],
        },
      },
    ],
  });
}

/** Per-class table rows (pooled over temperatures): count, fraction, peak, mean, width. */
export function doasClassTable(res: DoasResult): Record<string, (string | number | boolean | null)[]> {
  const names = Object.keys(res.classes);
  return {
    class: names,
    count: names.map((c) => res.classes[c].count),
    fraction: names.map((c) => res.classes[c].fraction),
    peak_eV: names.map((c) => res.classes[c].peak_eV),
    mean_eV: names.map((c) => res.classes[c].mean_eV),
    width_eV: names.map((c) => res.classes[c].width_eV),
    few_states: names.map((c) => res.classes[c].few_states),
  };
}
