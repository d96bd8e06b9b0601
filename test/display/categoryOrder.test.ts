/** Categories that start with a number are ordered numerically (Vega-Lite sorts them as text); the RDF legend is titled by what the series are. */
import { describe, expect, it } from 'vitest';
import { vegaLiteSpec, withNumericCategoryOrder } from '../../src/display/spec';
import { rdfPlotSpec } from '../../src/display/structure/structurePlots';
import { vegaLiteToSVG } from '../../src/display/render';

describe('numeric order of categories', () => {
  it('sorts "0 %, 100 %, 50 %" as 0, 50, 100 on every nominal channel without a sort, at any level', async () => {
    const spec = vegaLiteSpec('t', {
      data: {
        values: [
          { d: '100 %', y: 1 },
          { d: '0 %', y: 2 },
          { d: '50 %', y: 3 },
          { d: '100 %', y: 4 },
        ],
      },
      layer: [
        {
          mark: 'bar',
          encoding: { x: { field: 'd', type: 'nominal' }, y: { field: 'y', type: 'quantitative' }, color: { field: 'd', type: 'nominal' } },
        },
      ],
    });
    const out = withNumericCategoryOrder(spec) as any;
    expect(out.layer[0].encoding.x.sort).toEqual(['0 %', '50 %', '100 %']);
    expect(out.layer[0].encoding.color.sort).toEqual(['0 %', '50 %', '100 %']);
    expect((spec as any).layer[0].encoding.x.sort).toBeUndefined(); // input unchanged
    // The rendered axis reads 0 %, 50 %, 100 % left to right.
    const svg = await vegaLiteToSVG(out);
    const labels = [...svg.matchAll(/>(\d+ %)</g)].map((m) => m[1]);
    expect(labels.slice(0, 3)).toEqual(['0 %', '50 %', '100 %']);
  });
  it('leaves text categories, explicit sorts and quantitative fields alone', () => {
    const spec = vegaLiteSpec('t', {
      data: {
        values: [
          { c: 'b', n: 2 },
          { c: 'a', n: 10 },
        ],
      },
      mark: 'point',
      encoding: {
        x: { field: 'c', type: 'nominal' },
        y: { field: 'n', type: 'quantitative' },
        color: { field: 'c', type: 'nominal', sort: ['b', 'a'] },
      },
    });
    const out = withNumericCategoryOrder(spec) as any;
    expect(out.encoding.x.sort).toBeUndefined();
    expect(out.encoding.y.sort).toBeUndefined();
    expect(out.encoding.color.sort).toEqual(['b', 'a']);
  });
  it('RDF legend: "pair" for pair-named series, the common pair for disorder labels', () => {
    const rdf = (pair: string) => ({
      pair,
      r_A: Float64Array.from([1, 2]),
      edges_A: Float64Array.from([0.5, 1.5, 2.5]),
      g: Float64Array.from([0, 1]),
      g_stderr: new Float64Array(2),
      n: Float64Array.from([0, 1]),
      n_r_A: Float64Array.from([1.5, 2.5]),
      counts: new Float64Array(2),
      density_b_per_A3: 0.1,
      n_a: 1,
      n_b: 1,
      frames: 1,
      rmax_A: 2.5,
      bins: 2,
      first_peak_A: null,
      first_peak_g: null,
      first_min_A: null,
      first_min_g: null,
    });
    const legend = (s: any) => s.layer[0].encoding.color.title;
    expect(legend(rdfPlotSpec([rdf('Li-S'), rdf('Li-Cl')] as any))).toBe('pair');
    expect(
      legend(
        rdfPlotSpec([
          { label: '0 %', result: rdf('Li-S') },
          { label: '50 %', result: rdf('Li-S') },
        ] as any),
      ),
    ).toBe('Li-S');
  });
});
