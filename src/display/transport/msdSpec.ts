/**
 * Vega-Lite spec of an MSD curve with the fit window shaded and the fitted line
 * MSD = slope·t + intercept (D* = slope/6, METHODS §1).
 */
import { vegaLiteSpec, type VegaLiteSpec } from '../spec.js';
import type { DiffusionFit } from '../../transport/diffusionFit.js';
import type { MeanSquaredDisplacement } from '../../transport/meanSquaredDisplacement.js';

/** At most `maxPoints` evenly strided rows (plots of 20,000 lags need no more). */
function stride(n: number, maxPoints: number): number[] {
  const s = Math.max(1, Math.ceil(n / maxPoints));
  const idx: number[] = [];
  for (let i = 0; i < n; i += s) idx.push(i);
  if (idx[idx.length - 1] !== n - 1) idx.push(n - 1);
  return idx;
}

/** MSD (total and x/y/z) vs t in ps, fit window shaded, fit line dashed. */
export function msdSpec(
  msd: MeanSquaredDisplacement,
  fit: DiffusionFit,
  opts: { title?: string; maxPoints?: number; components?: boolean } = {},
): VegaLiteSpec {
  const idx = stride(msd.t_fs.length, opts.maxPoints ?? 1000);
  const series: [string, Float64Array][] = [['total', msd.msd_A2]];
  if (opts.components !== false) series.push(['x', msd.components_A2[0]], ['y', msd.components_A2[1]], ['z', msd.components_A2[2]]);
  const curve = series.flatMap(([name, arr]) => idx.map((i) => ({ t_ps: msd.t_fs[i] / 1000, msd_A2: arr[i], series: name })));
  const [w0, w1] = fit.fit_window_fs;
  const line = [w0, w1].map((t) => ({ t_ps: t / 1000, msd_A2: fit.slope_A2_fs * t + fit.intercept_A2 }));
  return vegaLiteSpec(opts.title ?? `MSD — D* = ${fit.D_cm2_s.toExponential(3)} cm²/s`, {
    layer: [
      {
        data: { values: [{ start_ps: w0 / 1000, end_ps: w1 / 1000 }] },
        mark: { type: 'rect', opacity: 0.12, color: '#888' },
        encoding: { x: { field: 'start_ps', type: 'quantitative' }, x2: { field: 'end_ps' } },
      },
      {
        data: { values: curve },
        mark: { type: 'line' },
        encoding: {
          x: { field: 't_ps', type: 'quantitative', title: 't (ps)' },
          y: { field: 'msd_A2', type: 'quantitative', title: 'MSD (Å²)' },
          color: { field: 'series', type: 'nominal', title: null },
        },
      },
      {
        data: { values: line },
        mark: { type: 'line', strokeDash: [6, 4], color: 'black' },
        encoding: { x: { field: 't_ps', type: 'quantitative' }, y: { field: 'msd_A2', type: 'quantitative' } },
      },
    ],
  });
}

/** MSD columns for a table (t_fs, msd_A2, msd_x_A2, msd_y_A2, msd_z_A2). */
export function msdColumns(msd: MeanSquaredDisplacement): Record<string, Float64Array> {
  return { t_fs: msd.t_fs, msd_A2: msd.msd_A2, msd_x_A2: msd.components_A2[0], msd_y_A2: msd.components_A2[1], msd_z_A2: msd.components_A2[2] };
}
