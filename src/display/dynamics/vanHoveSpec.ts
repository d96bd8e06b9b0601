/**
 * Vega-Lite heat maps of the van Hove functions (Kweon 2017 SI Fig. S3): r on x, lag time on y, colour
 * 4πr²G_s(r,t) (self, Å⁻¹: the probability density of a displacement r) or G_d(r,t)/ρ (distinct,
 * dimensionless: 1 for an uncorrelated liquid), side by side, each with its own colour scale.
 *
 * G_d/ρ = g_d(r, t) divides a pair count by 4πr²·dr·ρ, so its bins at r ≲ 0.5 Å hold a handful of
 * pairs over a tiny volume and can be orders of magnitude above the rest (one ion that moved into
 * another's former place). The colour scale of G_d therefore spans the 99th percentile of the
 * bins at r ≥ 0.5 Å and clamps above it (those bins show in the top colour; the tooltip gives the
 * value), so the structure at r ≈ 1–6 Å stays visible.
 */
import { VegaLiteSpec, vegaLiteSpec } from '../spec.js';
import type { VanHoveResult } from '../../dynamics/vanHoveCorrelation.js';

/** r below which G_d bins are left out of the colour scale's range, Å. */
const SMALL_R_A = 0.5;

/** The q-quantile (0…1) of finite values, or null. */
function quantile(values: number[], q: number): number | null {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return null;
  return v[Math.min(v.length - 1, Math.max(0, Math.floor(q * (v.length - 1))))];
}

/** Self and distinct van Hove heat maps. */
export function vanHoveSpec(r: VanHoveResult, title = 'Van Hove correlation'): VegaLiteSpec {
  const self: Record<string, number | null>[] = [];
  const distinct: Record<string, number | null>[] = [];
  r.t_fs.forEach((t, k) => {
    for (let b = 0; b < r.r_A.length; b++) {
      const x = r.r_A[b];
      self.push({ r_A: x, t: t ?? r.lag_frames[k], value: 4 * Math.PI * x * x * r.self[k][b] });
      if (r.distinct && r.density_A3) distinct.push({ r_A: x, t: t ?? r.lag_frames[k], value: r.distinct[k][b] / r.density_A3 });
    }
  });
  const yTitle = r.t_fs[0] === null ? 'lag (frames)' : 'lag (fs)';
  const panel = (rows: Record<string, number | null>[], title: string, legend: string, domainMax: number | null) => ({
    title,
    data: { values: rows },
    width: 300,
    height: 200,
    mark: { type: 'rect' },
    encoding: {
      x: { field: 'r_A', type: 'quantitative', bin: { maxbins: r.r_A.length, step: r.dr_A }, title: 'r (Å)' },
      y: { field: 't', type: 'ordinal', title: yTitle, sort: 'descending' },
      color: {
        field: 'value',
        type: 'quantitative',
        aggregate: 'sum',
        title: legend,
        scale: domainMax !== null && domainMax > 0 ? { scheme: 'inferno', domain: [0, domainMax], clamp: true } : { scheme: 'inferno' },
      },
      tooltip: [
        { field: 'r_A', format: '.2f', title: 'r (Å)' },
        { field: 't', title: yTitle },
        { field: 'value', format: '.3g', title: legend },
      ],
    },
  });
  const panels: Record<string, unknown>[] = [panel(self, 'self 4πr²G_s(r, t)', 'Å⁻¹', null)];
  if (distinct.length) {
    const top = quantile(
      distinct.filter((d) => (d.r_A as number) >= SMALL_R_A).map((d) => d.value as number),
      0.99,
    );
    panels.push(panel(distinct, `distinct G_d(r, t)/ρ (scale to the 99th percentile at r ≥ ${SMALL_R_A} Å)`, 'G_d/ρ', top));
  }
  return vegaLiteSpec(title, { hconcat: panels, resolve: { scale: { color: 'independent' } } });
}
