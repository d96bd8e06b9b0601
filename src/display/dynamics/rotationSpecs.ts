/**
 * Vega-Lite for anion rotation: autocorrelation functions vs lag (Kweon 2017 Fig. 6), θ projections on
 * the lattice axes vs time for chosen rotors (Li 2025 Fig. 2), and the polar orientation map (Wood 2021
 * Fig. 5) as a θ–φ heat map with the orientation states marked.
 */
import { VegaLiteSpec, rowsFromColumns, vegaLiteSpec } from '../spec.js';
import type { AnionRotationResult } from '../../dynamics/anionRotation.js';
import type { OrientationMap } from '../../dynamics/orientationMap.js';
import type { OrientationStates } from '../../dynamics/orientationStates.js';

/** Any correlation functions vs lag (fs), one line each. */
export function acfSpec(title: string, curves: Record<string, { t_fs: ArrayLike<number>; acf: ArrayLike<number> }>, yTitle = 'C(t)'): VegaLiteSpec {
  const rows = Object.entries(curves).flatMap(([label, c]) => rowsFromColumns({ t_fs: c.t_fs, acf: c.acf, curve: Array.from(c.t_fs, () => label) }));
  return vegaLiteSpec(title, {
    data: { values: rows },
    mark: { type: 'line' },
    encoding: {
      x: { field: 't_fs', type: 'quantitative', title: 'lag (fs)' },
      y: { field: 'acf', type: 'quantitative', title: yTitle },
      color: { field: 'curve', type: 'nominal', title: null },
    },
  });
}

/** θa, θb, θc (degrees) vs time for the given rotors (default the first), faceted by rotor. */
export function thetaProjectionSpec(r: AnionRotationResult, rotors: number[] = [0]): VegaLiteSpec {
  const R = r.n_rotors,
    T = r.t_fs.length,
    axes = ['θa', 'θb', 'θc'];
  const rows: Record<string, number | string>[] = [];
  for (const q of rotors)
    for (let f = 0; f < T; f++)
      for (let a = 0; a < 3; a++) rows.push({ t_fs: r.t_fs[f], theta_deg: r.theta_deg[f * 3 * R + 3 * q + a], axis: axes[a], rotor: q });
  return vegaLiteSpec(`${r.anion} orientation against the lattice axes`, {
    data: { values: rows },
    mark: { type: 'line', strokeWidth: 1 },
    encoding: {
      x: { field: 't_fs', type: 'quantitative', title: 'time (fs)' },
      y: { field: 'theta_deg', type: 'quantitative', title: 'θ (°)', scale: { domain: [0, 180] } },
      color: { field: 'axis', type: 'nominal', title: null },
      row: { field: 'rotor', type: 'ordinal' },
    },
  });
}

/** Polar orientation probability map (per sr) with the state centres as points. */
export function orientationMapSpec(map: OrientationMap, states?: OrientationStates): VegaLiteSpec {
  const rows: Record<string, number>[] = [];
  for (let i = 0; i < map.bins_theta; i++)
    for (let j = 0; j < map.bins_phi; j++)
      rows.push({ theta_deg: map.theta_deg[i], phi_deg: map.phi_deg[j], density: map.density_per_sr[i * map.bins_phi + j] });
  const layers: Record<string, unknown>[] = [
    {
      data: { values: rows },
      mark: { type: 'rect' },
      encoding: {
        x: { field: 'phi_deg', type: 'quantitative', bin: { maxbins: map.bins_phi, extent: [-180, 180] }, title: 'φ (°)' },
        y: { field: 'theta_deg', type: 'quantitative', bin: { maxbins: map.bins_theta, extent: [0, 180] }, title: 'θ (°)', scale: { reverse: true } },
        color: { field: 'density', type: 'quantitative', aggregate: 'sum', title: 'P (1/sr)', scale: { scheme: 'viridis' } },
      },
    },
  ];
  if (states) {
    layers.push({
      data: { values: rowsFromColumns({ theta_deg: states.theta_deg, phi_deg: states.phi_deg, occupancy: states.occupancy }) },
      mark: { type: 'point', shape: 'cross', color: 'white', size: 80 },
      encoding: {
        x: { field: 'phi_deg', type: 'quantitative' },
        y: { field: 'theta_deg', type: 'quantitative' },
        tooltip: [{ field: 'occupancy', format: '.3f' }],
      },
    });
  }
  return vegaLiteSpec('Orientation probability map', { layer: layers }, 480, 240);
}
