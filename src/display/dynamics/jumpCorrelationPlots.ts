/**
 * Vega-Lite views of the jump–jump correlation (Wood 2021 Fig. 6): the heat map of the normalised
 * g(Δt, r) (Δt on x, distance between jump midpoints on y, colour g with 1 = uncorrelated; cells
 * where the long-time limit is empty are left out), and the distribution of the angle between jump
 * vectors of pairs within the short window vs distance (θ ≈ 0: concerted, θ ≈ 180°: back-and-forth).
 */
import type { JumpCorrelationResult } from '../../dynamics/jumpCorrelation.js';
import { VegaLiteSpec, vegaLiteSpec } from '../spec.js';

/** Heat map of g(Δt, r), diverging colour centred on 1. */
export function jumpCorrelationHeatmapSpec(r: JumpCorrelationResult, system?: string): VegaLiteSpec {
  const rows: { dt_fs: number; r_A: number; g: number; pairs: number }[] = [];
  const nr = r.r_A.length;
  r.g.forEach((row, it) =>
    row.forEach((g, ir) => {
      if (g !== null) rows.push({ dt_fs: r.dt_fs[it], r_A: r.r_A[ir], g, pairs: r.counts[it * nr + ir] });
    }),
  );
  const gMax = Math.max(2, ...rows.map((x) => x.g));
  return vegaLiteSpec(`${system ? `${system}: ` : ''}jump–jump correlation g(Δt, r) (${r.nJumps} jumps, ${r.nPairs} pairs)`, {
    data: { values: rows },
    mark: { type: 'rect' },
    encoding: {
      x: { field: 'dt_fs', type: 'quantitative', bin: { step: r.options.dt_fs }, title: 'Δt (fs)' },
      y: { field: 'r_A', type: 'quantitative', bin: { step: r.options.dr_A }, title: 'distance between jumps (Å)' },
      color: {
        field: 'g',
        type: 'quantitative',
        aggregate: 'mean',
        title: 'g (1 = uncorrelated)',
        scale: { scheme: 'redblue', reverse: true, domainMid: 1, domain: [0, gMax] },
      },
      tooltip: [{ field: 'dt_fs', title: 'Δt (fs)' }, { field: 'r_A', title: 'r (Å)' }, { field: 'g', format: '.2f' }, { field: 'pairs' }],
    },
  });
}

/** Jump-vector angle distribution vs distance: one line per distance bin with pairs (Δt ≤ window). */
export function jumpAngleDistributionSpec(r: JumpCorrelationResult): VegaLiteSpec {
  const rows: { theta_deg: number; r_A: number; probability: number }[] = [];
  r.angleDistribution.forEach((row, ir) => {
    if (!row) return;
    row.forEach((p, ia) => rows.push({ theta_deg: r.theta_deg[ia], r_A: r.r_A[ir], probability: p }));
  });
  return vegaLiteSpec(`Angle between jump vectors, pairs within ${r.options.angleWindow_fs} fs`, {
    data: { values: rows },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'theta_deg', type: 'quantitative', title: 'θ between jump vectors (°)', scale: { domain: [0, 180] } },
      y: { field: 'probability', type: 'quantitative', title: 'probability' },
      color: { field: 'r_A', type: 'ordinal', title: 'r (Å)', scale: { scheme: 'viridis' } },
    },
  });
}
