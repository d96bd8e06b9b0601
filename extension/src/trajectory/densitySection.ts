/**
 * A cross-section of the browser's density grid (Kweon 2017 Fig. 2 cross-sections): the grid plane k along
 * lattice axis a, b or c (fractional coordinate k/n of that axis, the plane of grid points), its values as
 * a 2D map, the plane's four corners in the cell (drawn in the 3D view) and a Vega-Lite heat map of it
 * (shown beside the view). Pure functions; no DOM, no three.js.
 */
import type { DensityGrid } from './bundle';

export type SectionAxis = 0 | 1 | 2;
export const AXIS_NAMES = ['a', 'b', 'c'] as const;

/** One grid plane of the density. */
export interface DensitySection {
  axis: SectionAxis;
  /** Plane index 0..n−1 and its fractional coordinate k/n along the axis. */
  index: number;
  fraction: number;
  /** Number of grid planes along the axis. */
  planes: number;
  /** In-plane axes (the other two lattice axes, in order) and their grid sizes. */
  inPlane: [SectionAxis, SectionAxis];
  nu: number;
  nv: number;
  /** values[i·nv + j] at in-plane grid point (i, j). */
  values: Float64Array;
  /** Lengths of the in-plane lattice vectors, Å. */
  lengths_A: [number, number];
  min: number;
  max: number;
}

/** The grid plane `index` (wrapped into 0..n−1) normal to lattice axis `axis`. */
export function densitySection(d: DensityGrid, axis: SectionAxis, index: number): DensitySection {
  const [, ny, nz] = d.shape;
  const n = d.shape[axis];
  const k = ((Math.round(index) % n) + n) % n;
  const inPlane = [0, 1, 2].filter((a) => a !== axis) as SectionAxis[] as [SectionAxis, SectionAxis];
  const nu = d.shape[inPlane[0]],
    nv = d.shape[inPlane[1]];
  const values = new Float64Array(nu * nv);
  let min = Infinity,
    max = -Infinity;
  const q = [0, 0, 0];
  for (let i = 0; i < nu; i++)
    for (let j = 0; j < nv; j++) {
      q[axis] = k;
      q[inPlane[0]] = i;
      q[inPlane[1]] = j;
      const v = d.values[(q[0] * ny + q[1]) * nz + q[2]];
      values[i * nv + j] = v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  const len = (a: number) => Math.hypot(d.cell[3 * a], d.cell[3 * a + 1], d.cell[3 * a + 2]);
  return { axis, index: k, fraction: k / n, planes: n, inPlane, nu, nv, values, lengths_A: [len(inPlane[0]), len(inPlane[1])], min, max };
}

/** The plane at `fraction` along `axis` as four Cartesian corners (12 numbers, Å) spanning the cell. */
export function sectionCorners(cell: ArrayLike<number>, axis: SectionAxis, fraction: number): Float64Array {
  const [u, v] = [0, 1, 2].filter((a) => a !== axis);
  const out = new Float64Array(12);
  [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
  ].forEach(([s, t], c) => {
    const f = [0, 0, 0];
    f[axis] = fraction;
    f[u] = s;
    f[v] = t;
    for (let x = 0; x < 3; x++) out[3 * c + x] = f[0] * cell[x] + f[1] * cell[3 + x] + f[2] * cell[6 + x];
  });
  return out;
}

const sig4 = (x: number) => (x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(4)));

/**
 * Vega-Lite 6 heat map of a section: each grid point drawn as the rectangle of its voxel face centred on it
 * (axes: in-plane lattice directions in Å, fractional coordinate × length), colour = value; `isoLevel` is
 * named in the title so the map reads against the isosurface.
 */
export function sectionHeatmapSpec(s: DensitySection, opts: { isoLevel?: number; size?: number; label?: string } = {}): Record<string, unknown> {
  const label = opts.label ?? 'density';
  const [Lu, Lv] = s.lengths_A;
  const su = Lu / s.nu,
    sv = Lv / s.nv;
  const size = opts.size ?? 260;
  const values: { i: number; j: number; value: number }[] = [];
  for (let i = 0; i < s.nu; i++) for (let j = 0; j < s.nv; j++) values.push({ i, j, value: sig4(s.values[i * s.nv + j]) });
  const xName = `${AXIS_NAMES[s.inPlane[0]]} (Å)`,
    yName = `${AXIS_NAMES[s.inPlane[1]]} (Å)`;
  const iso = opts.isoLevel === undefined ? '' : `; isosurface at ${opts.isoLevel.toPrecision(3)}`;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `density in the plane ${AXIS_NAMES[s.axis]} = ${s.fraction.toFixed(3)}`,
      subtitle: `grid plane ${s.index + 1} of ${s.planes}${iso}`,
      fontSize: 12,
    },
    width: size,
    height: Math.round(size * Math.min(2, Math.max(0.5, Lv / Lu))),
    data: { values },
    transform: [
      { calculate: `datum.i * ${su}`, as: xName },
      { calculate: `datum.j * ${sv}`, as: yName },
      // Each rectangle overlaps its neighbour by 4 % of a step, so anti-aliasing leaves no seams between them.
      { calculate: `(datum.i - 0.5) * ${su}`, as: 'u' },
      { calculate: `(datum.i + 0.54) * ${su}`, as: 'u2' },
      { calculate: `(datum.j - 0.5) * ${sv}`, as: 'v' },
      { calculate: `(datum.j + 0.54) * ${sv}`, as: 'v2' },
    ],
    mark: { type: 'rect' },
    encoding: {
      x: { field: 'u', type: 'quantitative', title: xName, scale: { domain: [-0.5 * su, Lu - 0.5 * su], nice: false, zero: false } },
      x2: { field: 'u2' },
      y: { field: 'v', type: 'quantitative', title: yName, scale: { domain: [-0.5 * sv, Lv - 0.5 * sv], nice: false, zero: false } },
      y2: { field: 'v2' },
      color: { field: 'value', type: 'quantitative', title: label, scale: { scheme: 'inferno' } },
      tooltip: [
        { field: xName, type: 'quantitative', format: '.2f' },
        { field: yName, type: 'quantitative', format: '.2f' },
        { field: 'value', type: 'quantitative', title: label, format: '.4g' },
      ],
    },
    config: {
      view: { stroke: null },
      axis: { labelFontSize: 10, titleFontSize: 11 },
      legend: { labelFontSize: 10, titleFontSize: 11, gradientLength: 120 },
    },
  };
}
