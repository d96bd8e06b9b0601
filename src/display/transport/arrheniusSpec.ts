/**
 * Vega-Lite spec of an Arrhenius plot: ln y vs 1000/T with the single fit, and, when given, the
 * two segments and the transition T_c (Wang 2023; METHODS §1) when the kink is significant.
 */
import { vegaLiteSpec, type VegaLiteSpec } from '../spec.js';
import type { ArrheniusFit } from '../../transport/arrhenius.js';
import type { ArrheniusBreakpoint } from '../../transport/arrheniusBreakpoint.js';

function lineRows(fit: ArrheniusFit, label: string, Tlo: number, Thi: number) {
  return [Tlo, Thi].map((T) => ({ inv_T_1000_K: 1000 / T, ln_y: fit.intercept + fit.slope_K / T, fit: label }));
}

/** Points (T, D or σ), the one-line fit, the two segments and a rule at T_c. */
export function arrheniusSpec(
  T_K: ArrayLike<number>,
  y: ArrayLike<number>,
  fit: ArrheniusFit,
  breakpoint?: ArrheniusBreakpoint | null,
  title?: string,
  relErr?: ArrayLike<number | null>,
): VegaLiteSpec {
  const sigma = fit.quantity === 'sigma_mS_cm';
  const points = Array.from(T_K, (T, i) => ({ T_K: T, inv_T_1000_K: 1000 / T, ln_y: sigma ? Math.log(y[i] * T) : Math.log(y[i]), value: y[i] }));
  const yTitle = sigma ? 'ln(σT / mS·K·cm⁻¹)' : 'ln(D / cm²·s⁻¹)';
  const lines = [...lineRows(fit, `one line: Eₐ = ${fit.Ea_eV.toFixed(3)} eV`, fit.T_range_K[0], fit.T_range_K[1])];
  const layer: Record<string, unknown>[] = [
    {
      data: { values: points },
      mark: { type: 'point', filled: true, size: 60 },
      encoding: {
        x: { field: 'inv_T_1000_K', type: 'quantitative', title: '1000/T (K⁻¹)', scale: { zero: false } },
        y: { field: 'ln_y', type: 'quantitative', title: yTitle, scale: { zero: false } },
        tooltip: [
          { field: 'T_K', type: 'quantitative' },
          { field: 'value', type: 'quantitative' },
        ],
      },
    },
  ];
  if (relErr) {
    // ±1σ error bars: ln(y) ± σ_y/y
    const bars = points.flatMap((p, i) =>
      relErr[i] === null || !Number.isFinite(relErr[i] as number)
        ? []
        : [{ inv_T_1000_K: p.inv_T_1000_K, lo: p.ln_y - (relErr[i] as number), hi: p.ln_y + (relErr[i] as number) }],
    );
    layer.push({
      data: { values: bars },
      mark: { type: 'rule' },
      encoding: { x: { field: 'inv_T_1000_K', type: 'quantitative' }, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
    });
  }
  if (breakpoint && breakpoint.Tc_K !== null) {
    // only a significant kink (see arrheniusBreakpoint)
    const Tc = breakpoint.Tc_K;
    lines.push(...lineRows(breakpoint.low, `T < T_c: Eₐ = ${breakpoint.low.Ea_eV.toFixed(3)} eV`, breakpoint.low.T_range_K[0], Tc));
    lines.push(...lineRows(breakpoint.high, `T > T_c: Eₐ = ${breakpoint.high.Ea_eV.toFixed(3)} eV`, Tc, breakpoint.high.T_range_K[1]));
    layer.push({
      data: { values: [{ inv_T_1000_K: 1000 / Tc, label: `T_c = ${Tc.toFixed(0)} K` }] },
      mark: { type: 'rule', strokeDash: [2, 3], color: 'gray' },
      encoding: { x: { field: 'inv_T_1000_K', type: 'quantitative' } },
    });
  }
  layer.push({
    data: { values: lines },
    mark: { type: 'line' },
    encoding: {
      x: { field: 'inv_T_1000_K', type: 'quantitative' },
      y: { field: 'ln_y', type: 'quantitative' },
      color: { field: 'fit', type: 'nominal', title: null },
      detail: { field: 'fit' },
    },
  });
  return vegaLiteSpec(title ?? 'Arrhenius plot', { layer });
}
