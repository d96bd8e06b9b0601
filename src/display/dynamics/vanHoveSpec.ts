/**
 * Vega-Lite heat maps of the van Hove functions (Kweon 2017 SI Fig. S3): r on x, lag time on y, colour
 * 4πr²G_s(r,t) (self) or G_d(r,t)/ρ (distinct), side by side.
 */
import { VegaLiteSpec, vegaLiteSpec } from '../spec.js';
import type { VanHoveResult } from '../../dynamics/vanHoveCorrelation.js';

/** Self and distinct van Hove heat maps. */
export function vanHoveSpec(r: VanHoveResult): VegaLiteSpec {
  const rows: Record<string, number | string | null>[] = [];
  r.t_fs.forEach((t, k) => {
    for (let b = 0; b < r.r_A.length; b++) {
      const x = r.r_A[b];
      rows.push({ r_A: x, t: t ?? r.lag_frames[k], part: 'self 4πr²G_s', value: 4 * Math.PI * x * x * r.self[k][b] });
      if (r.distinct && r.density_A3) rows.push({ r_A: x, t: t ?? r.lag_frames[k], part: 'distinct G_d/ρ', value: r.distinct[k][b] / r.density_A3 });
    }
  });
  return vegaLiteSpec('Van Hove correlation', {
    data: { values: rows },
    facet: { column: { field: 'part', type: 'nominal', title: null } },
    spec: {
      width: 300, height: 200, mark: { type: 'rect' },
      encoding: {
        x: { field: 'r_A', type: 'quantitative', bin: { maxbins: r.r_A.length, step: r.dr_A }, title: 'r (Å)' },
        y: { field: 't', type: 'ordinal', title: r.t_fs[0] === null ? 'lag (frames)' : 'lag (fs)', sort: 'descending' },
        color: { field: 'value', type: 'quantitative', aggregate: 'sum', scale: { scheme: 'inferno' }, title: null },
      },
    },
    resolve: { scale: { color: 'independent' } },
  });
}
