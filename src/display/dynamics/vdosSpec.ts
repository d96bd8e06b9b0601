/**
 * Vega-Lite: vibrational density of states, total and projected on species, with each curve's phonon
 * band centre (Li 2025 SI eq. 8) as a vertical rule in the curve's colour.
 */
import { VegaLiteSpec, rowsFromColumns, vegaLiteSpec } from '../spec.js';
import type { VdosResult } from '../../dynamics/vibrationalDensityOfStates.js';

/** One spec for several VDOS results (e.g. {total, Li, S}); frequencies in THz up to `maxFreq_THz`. */
export function vdosSpec(curves: Record<string, VdosResult>, maxFreq_THz = 25, title = 'Vibrational density of states'): VegaLiteSpec {
  const rows: Record<string, number | string>[] = [];
  const rules: Record<string, number | string>[] = [];
  for (const [label, r] of Object.entries(curves)) {
    const keep = Array.from(r.freq_THz.keys()).filter((k) => r.freq_THz[k] <= maxFreq_THz);
    rows.push(...rowsFromColumns({ freq_THz: keep.map((k) => r.freq_THz[k]), pdos: keep.map((k) => r.pdos[k]), curve: keep.map(() => label) }));
    if (r.band_centre_THz !== null) rules.push({ curve: label, band_centre_THz: r.band_centre_THz });
  }
  return vegaLiteSpec(title, {
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: {
          x: { field: 'freq_THz', type: 'quantitative', title: 'frequency (THz)' },
          y: { field: 'pdos', type: 'quantitative', title: 'PDOS (1/THz)' },
          color: { field: 'curve', type: 'nominal', title: 'species' },
        },
      },
      {
        data: { values: rules },
        mark: { type: 'rule', strokeDash: [4, 3] },
        encoding: {
          x: { field: 'band_centre_THz', type: 'quantitative' },
          color: { field: 'curve', type: 'nominal' },
          tooltip: [{ field: 'curve' }, { field: 'band_centre_THz', format: '.2f', title: 'band centre (THz)' }],
        },
      },
    ],
  });
}
