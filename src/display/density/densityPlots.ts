/**
 * Vega-Lite specs for density analyses (src/density, src/pathways): linear density along an axis
 * (Li 2025 Fig. 6a), a heat map of a planar cut or projection (Kweon 2017 Fig. 2; F cross-section), and
 * the free-energy profile F(s) along a minimum free-energy path. Pure data: specs are plain JSON.
 */
import { InputError } from '../../core/errors.js';
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
 * Heat map of a planar map (cut or projection of a density, or a cut of F). Axes are the two in-plane lattice
 * directions in Å (fractional coordinate × lattice length; for a map without lengths, fractional coordinates).
 * `label` names the quantity (default from the map's units).
 */
export function planarMapSpec(m: PlanarMap, title?: string, label?: string): VegaLiteSpec {
  const [nu, nv] = m.shape;
  const [Lu, Lv] = m.lengths_A ?? [1, 1];
  const unit = m.lengths_A ? 'Å' : 'fractional';
  // Each grid point (i, j) is drawn as the rectangle of its voxel face centred on it (the first half-voxel
  // wraps to the far edge, so the map spans [−½, n − ½] grid steps); rows carry only (i, j, value) and the
  // coordinates in Å are computed in the spec (keeps a 40×40 map's data small).
  const su = Lu / nu,
    sv = Lv / nv;
  const values: { i: number; j: number; value: number }[] = [];
  for (let i = 0; i < nu; i++) for (let j = 0; j < nv; j++) values.push({ i, j, value: sig4(m.values[i * nv + j]) });
  const name = label ?? (m.units === 'per_A2' ? 'atoms per Å²' : 'atoms per Å³');
  const where = m.fraction === null ? `projected along ${m.normal}` : `cut at ${m.normal} = ${m.fraction.toFixed(3)}`;
  const xTitle = `${m.axes[0]} (${unit})`,
    yTitle = `${m.axes[1]} (${unit})`;
  return vegaLiteSpec(
    title ?? `${name}, ${where}`,
    {
      data: { values },
      transform: [
        { calculate: `datum.i * ${su}`, as: xTitle },
        { calculate: `datum.j * ${sv}`, as: yTitle },
        { calculate: `(datum.i - 0.5) * ${su}`, as: 'u' },
        { calculate: `(datum.i + 0.5) * ${su}`, as: 'u2' },
        { calculate: `(datum.j - 0.5) * ${sv}`, as: 'v' },
        { calculate: `(datum.j + 0.5) * ${sv}`, as: 'v2' },
      ],
      mark: { type: 'rect', aria: false },
      encoding: {
        x: { field: 'u', type: 'quantitative', title: xTitle, scale: { domain: [-0.5 * su, Lu - 0.5 * su], nice: false, zero: false } },
        x2: { field: 'u2' },
        y: { field: 'v', type: 'quantitative', title: yTitle, scale: { domain: [-0.5 * sv, Lv - 0.5 * sv], nice: false, zero: false } },
        y2: { field: 'v2' },
        color: { field: 'value', type: 'quantitative', title: name, scale: { scheme: label ? 'viridis' : 'inferno' } },
        tooltip: [
          { field: xTitle, type: 'quantitative', format: '.2f' },
          { field: yTitle, type: 'quantitative', format: '.2f' },
          { field: 'value', type: 'quantitative', title: name, format: '.4g' },
        ],
      },
    },
    360,
    360,
  );
}

/** Plot precision (keeps specs small): values to 4 significant digits. */
const sig4 = (x: number) => (x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(4)));

/** Several linear densities (e.g. one per run) overlaid, one colour per label (Li 2025 Fig. 6a). */
export function linearDensitiesSpec(series: { label: string; result: LinearDensityResult }[], title?: string): VegaLiteSpec {
  if (series.length === 0) throw new InputError('linear densities plot: no series given');
  const axis = series[0].result.axis;
  if (series.some((s) => s.result.axis !== axis)) throw new InputError(`linear densities plot: every series must be along the same axis (${axis})`);
  const values = series.flatMap((s) =>
    Array.from(s.result.position_A, (x, k) => ({ run: s.label, position_A: x, density_per_A: s.result.density_per_A[k] })),
  );
  return vegaLiteSpec(title ?? `Linear density along ${axis}`, {
    data: { values },
    mark: { type: 'line', interpolate: 'step-after', tooltip: true },
    encoding: {
      x: { field: 'position_A', type: 'quantitative', title: `${axis} (Å${series[0].result.fractional ? ', along the plane normal' : ''})` },
      y: { field: 'density_per_A', type: 'quantitative', title: 'atoms per Å' },
      color: { field: 'run', type: 'nominal', title: null, sort: series.map((s) => s.label) },
    },
  });
}

/** Several F(s) profiles overlaid (e.g. the path across the cell in each run), one colour per label. */
export function pathProfilesSpec(
  series: { label: string; path: FreeEnergyPath }[],
  title = 'Free energy along the minimum free-energy paths',
): VegaLiteSpec {
  if (series.length === 0) throw new InputError('path profiles plot: no paths given');
  const values = series.flatMap((x) =>
    x.path.s_A.map((s, k) => ({ path: `${x.label} (barrier ${x.path.barrier_forward.toFixed(3)} eV)`, s_A: s, F_eV: x.path.F[k] })),
  );
  return vegaLiteSpec(title, {
    data: { values },
    mark: { type: 'line', tooltip: true },
    encoding: {
      x: { field: 's_A', type: 'quantitative', title: 'path length s (Å)' },
      y: { field: 'F_eV', type: 'quantitative', title: 'F (eV)' },
      color: { field: 'path', type: 'nominal', title: null },
    },
  });
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
