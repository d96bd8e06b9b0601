/**
 * Vega-Lite specs for the site-to-site transition network (src/sites/transitionNetwork.ts): the network
 * drawn in a Cartesian projection (sites as points sized by occupancy and coloured by type, jumps as
 * segments from a site to the image of its neighbour, width by rate), the rate matrix as a heat map,
 * and table columns of the edges. Pure data: specs are plain JSON.
 */
import { rowsFromColumns, vegaLiteSpec, VegaLiteSpec } from '../spec.js';
import type { Columns } from '../table.js';
import type { TransitionNetworkResult } from '../../sites/transitionNetwork.js';

const AXES = { x: 0, y: 1, z: 2 } as const;

/** Edges as columns (from, to, types, count, rate ± error, E_a ± error, distance). */
export function transitionEdgeColumns(r: TransitionNetworkResult): Columns {
  const e = r.edges;
  return {
    from: e.map((x) => x.from),
    to: e.map((x) => x.to),
    from_type: e.map((x) => x.fromType),
    to_type: e.map((x) => x.toType),
    count: e.map((x) => x.count),
    rate_per_ns: e.map((x) => x.rate_per_ns),
    rate_error_per_ns: e.map((x) => x.rate_error_per_ns),
    Ea_eV: e.map((x) => x.activation_energy_eV ?? NaN),
    Ea_error_eV: e.map((x) => x.activation_energy_error_eV ?? NaN),
    distance_A: e.map((x) => x.distance_A),
  };
}

/**
 * The network in the plane of two Cartesian axes (default x, y): one segment per undirected site pair
 * that saw jumps (width ∝ total rate both ways), one point per site (size ∝ occupancy, colour = type).
 */
export function transitionNetworkSpec(r: TransitionNetworkResult, opts: { plane?: 'xy' | 'xz' | 'yz'; title?: string } = {}): VegaLiteSpec {
  const plane = opts.plane ?? 'xy';
  const [h, v] = [AXES[plane[0] as 'x' | 'y' | 'z'], AXES[plane[1] as 'x' | 'y' | 'z']];
  const pairs = new Map<string, { a: number; b: number; rate: number; count: number; vec: number[]; Ea: (number | null)[] }>();
  for (const e of r.edges) {
    const [a, b, sign] = e.from < e.to ? [e.from, e.to, 1] : [e.to, e.from, -1];
    const key = `${a}-${b}`;
    let p = pairs.get(key);
    if (!p) {
      p = { a, b, rate: 0, count: 0, vec: e.vector_A.map((x) => sign * x), Ea: [] };
      pairs.set(key, p);
    }
    p.rate += e.rate_per_ns;
    p.count += e.count;
    p.Ea.push(e.activation_energy_eV);
  }
  const edges = [...pairs.values()].map((p) => {
    const c = r.sites[p.a].centre_A;
    return { x: c[h], y: c[v], x2: c[h] + p.vec[h], y2: c[v] + p.vec[v], rate: p.rate, jumps: p.count, sites: `${p.a}–${p.b}` };
  });
  const sites = r.sites.map((s) => ({
    x: s.centre_A[h],
    y: s.centre_A[v],
    type: s.type,
    site: s.index,
    occupancy: s.occupancy,
    residence_ps: s.mean_residence_fs === null ? null : s.mean_residence_fs / 1000,
  }));
  const ax = (i: number) => `${plane[i]} (Å)`;
  return vegaLiteSpec(
    opts.title ?? `Transition network (${r.edges.reduce((a, e) => a + e.count, 0)} jumps, ${plane} projection)`,
    {
      layer: [
        {
          data: { values: edges },
          mark: { type: 'rule', tooltip: true, color: '#888' },
          encoding: {
            x: { field: 'x', type: 'quantitative', title: ax(0) },
            y: { field: 'y', type: 'quantitative', title: ax(1) },
            x2: { field: 'x2' },
            y2: { field: 'y2' },
            strokeWidth: { field: 'rate', type: 'quantitative', title: 'rate both ways (ns⁻¹ per ion)', scale: { range: [0.5, 6] } },
          },
        },
        {
          data: { values: sites },
          mark: { type: 'circle', tooltip: true, opacity: 0.9 },
          encoding: {
            x: { field: 'x', type: 'quantitative' },
            y: { field: 'y', type: 'quantitative' },
            color: { field: 'type', type: 'nominal', title: 'site type' },
            size: { field: 'occupancy', type: 'quantitative', title: 'occupancy (ions)' },
          },
        },
      ],
    },
    420,
    420,
  );
}

/** Rate matrix heat map, site × site (per ion on the from site, ns⁻¹); for small networks. */
export function transitionRateMatrixSpec(r: TransitionNetworkResult, title = 'Rate matrix k_ij (ns⁻¹ per ion on i)'): VegaLiteSpec {
  return vegaLiteSpec(
    title,
    {
      data: {
        values: rowsFromColumns({
          from: r.edges.map((e) => e.from),
          to: r.edges.map((e) => e.to),
          rate: r.edges.map((e) => e.rate_per_ns),
          count: r.edges.map((e) => e.count),
        }),
      },
      mark: { type: 'rect', tooltip: true },
      encoding: {
        x: { field: 'to', type: 'ordinal', title: 'to site' },
        y: { field: 'from', type: 'ordinal', title: 'from site' },
        color: { field: 'rate', type: 'quantitative', title: 'k_ij (ns⁻¹)', scale: { type: 'log' } },
      },
    },
    360,
    360,
  );
}
