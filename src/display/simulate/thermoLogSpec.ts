/**
 * Vega-Lite view of an MD thermo log (simulate/thermoLog.ts): one panel per quantity against t (ps),
 * vertically concatenated (temperature, potential and conserved energy, pressure).
 */
import type { ThermoLog } from '../../simulate/thermoLog.js';
import { rowsFromColumns, vegaLiteSpec, VegaLiteSpec } from '../spec.js';

export function thermoLogSpec(log: ThermoLog, title = 'MD thermodynamics'): VegaLiteSpec {
  const values = rowsFromColumns({
    t_ps: log.t_fs.map((t) => t / 1000),
    T_K: log.T_K,
    potential_eV: log.potential_eV,
    conserved_eV: log.conserved_eV,
    pressure_bar: log.pressure_bar,
  });
  const panel = (field: string, label: string) => ({
    width: 420,
    height: 120,
    mark: { type: 'line', strokeWidth: 1 },
    encoding: {
      x: { field: 't_ps', type: 'quantitative', title: 't (ps)' },
      y: { field, type: 'quantitative', title: label, scale: { zero: false } },
    },
  });
  const spec = vegaLiteSpec(title, {
    data: { values },
    vconcat: [
      panel('T_K', 'T (K)'),
      panel('potential_eV', 'potential (eV)'),
      panel('conserved_eV', 'conserved (eV)'),
      panel('pressure_bar', 'P (bar)'),
    ],
  });
  delete (spec as Record<string, unknown>).width;
  delete (spec as Record<string, unknown>).height;
  return spec;
}
