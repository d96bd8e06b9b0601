/**
 * Vega-Lite specs for density analyses (src/density, src/pathways): linear density along an axis
 * (Li 2025 Fig. 6a), a heat map of a planar cut or projection (Kweon 2017 Fig. 2; F cross-section), and
 * the free-energy profile F(s) along a minimum free-energy path. Pure data: specs are plain JSON.
 */
import { vegaLiteSpec, VegaLiteSpec } from '../spec.js';
import type { LinearDensityResult, PlanarMap } from '../../density/densityProjections.js';
import type { FreeEnergyPath } from '../../pathways/minimumFreeEnergyPath.js';

/** Linear density λ (atoms per Å) vs position along the axis. */
export function linearDensitySpec(r: LinearDensityResult, title = `Linear density along ${r.axis}`): VegaLiteSpec {
  const values = Array.from(r.position_A, (x, k) => ({ position_A: x, density_per_A: r.density_per_A[k] }));
  return vegaLiteSpec(title, {
    data: { values },
    mark: { type: 'line', interpolate: 'step-after', tooltip: true },
    encoding: {
      x: { field: 'position_A', type: 'quantitative', title: `${r.axis} (Å${r.fractional ? ', along the plane normal' : ''})` },
      y: { field: 'density_per_A', type: 'quantitative', title: 'atoms per Å' },
    },
  });
}

/**
 * Heat map of a planar map (cut or projection of a density, or a cut of F). Axes are fractional
 * coordinates of the two in-plane lattice vectors. `label` names the quantity (default from the map's units).
 */
export function planarMapSpec(m: PlanarMap, title?: string, label?: string): VegaLiteSpec {
  const [nu, nv] = m.shape;
  const values: { u: number; v: number; value: number }[] = [];
  for (let i = 0; i < nu; i++) for (let j = 0; j < nv; j++) values.push({ u: i / nu, v: j / nv, value: m.values[i * nv + j] });
  const name = label ?? (m.units === 'per_A2' ? 'atoms per Å²' : 'atoms per Å³');
  const where = m.fraction === null ? `projected along ${m.normal}` : `cut at ${m.normal} = ${m.fraction.toFixed(3)}`;
  return vegaLiteSpec(title ?? `${name}, ${where}`, {
    data: { values },
    mark: { type: 'rect', tooltip: true },
    encoding: {
      x: { field: 'u', type: 'quantitative', bin: { maxbins: nu, step: 1 / nu }, title: `${m.axes[0]} (fractional)` },
      y: { field: 'v', type: 'quantitative', bin: { maxbins: nv, step: 1 / nv }, title: `${m.axes[1]} (fractional)` },
      color: { field: 'value', type: 'quantitative', title: name, scale: { scheme: label ? 'viridis' : 'inferno' } },
    },
  }, 360, 360);
}

/** F(s) along a minimum free-energy path, with the barrier in the title. */
export function pathProfileSpec(p: FreeEnergyPath, title = `Free energy along the path (barrier ${p.barrier_forward.toFixed(3)} eV)`): VegaLiteSpec {
  const values = p.s_A.map((s, k) => ({ s_A: s, F_eV: p.F[k] }));
  return vegaLiteSpec(title, {
    data: { values },
    mark: { type: 'line', point: false, tooltip: true },
    encoding: {
      x: { field: 's_A', type: 'quantitative', title: 'path length s (Å)' },
      y: { field: 'F_eV', type: 'quantitative', title: 'F (eV)' },
    },
  });
}
