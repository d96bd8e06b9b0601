import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { topologyFromSymbols } from '../../src/core/topology';
import { radialDistribution } from '../../src/structure/rdf';
import { CoordinationNumbers } from '../../src/structure/coordination';
import { CationAnionCationAngles } from '../../src/structure/cationAnionCationAngles';
import { ICOSAHEDRAL_C3_ANGLES_DEG, icosahedronFaceNormals } from '../../src/structure/referenceAngles';
import { AnionPolarization, anionDipoles } from '../../src/structure/anionPolarization';
import { paulingRatio } from '../../src/structure/paulingRatio';
import {
  angleColumns,
  angleDistributionSpec,
  coordinationColumns,
  coordinationHistogramSpec,
  dipoleDistributionSpec,
  paulingColumns,
  rdfColumns,
  rdfPlotSpec,
  rdfRows,
} from '../../src/display/structure';
import { frame, rocksalt } from './helpers';

async function compiles(spec: object): Promise<void> {
  const vl = await import('vega-lite');
  const out = vl.compile(spec as never);
  expect(out.spec).toBeTruthy();
}

describe('structure display', () => {
  const sys = rocksalt(5.64, 2, 0.05, 3);
  const rdf = radialDistribution(sys.frames, sys.topology, { a: 'Na', b: 'Cl', rmax_A: 6, bins: 120, temperature_K: 300 });

  it('RDF spec: g and n layers on independent y axes, first-shell rule, valid Vega-Lite', async () => {
    const spec = rdfPlotSpec([{ label: 'Na–Cl', result: rdf }]) as Record<string, any>;
    expect(spec.$schema).toMatch(/vega-lite\/v6/);
    expect(spec.layer.length).toBe(3);
    expect(spec.layer[1].encoding.y.field).toBe('n');
    expect(spec.layer[1].encoding.y.axis.orient).toBe('right');
    expect(spec.resolve.scale.y).toBe('independent');
    expect(spec.layer[2].data.values[0].first_min_A).toBeCloseTo(rdf.first_min_A!, 12);
    expect(spec.data.values.length).toBe(120);
    // n at the bin centre is the mean of the edges around it.
    const rows = rdfRows([rdf]);
    expect(rows[10].n).toBeCloseTo((rdf.n[9] + rdf.n[10]) / 2, 12);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
    await compiles(spec);
    const cols = rdfColumns(rdf);
    expect(Object.keys(cols)).toEqual(['r_A', 'g', 'g_stderr', 'n_r_A', 'n', 'counts', 'free_energy_eV']);
  });

  it('CN histogram and angle specs are valid and carry the data', async () => {
    const cn = new CoordinationNumbers({ centre: 'Cl', neighbor: 'Na', cutoff_A: 3.5 });
    cn.addFrame(sys.frames[0], sys.topology);
    const c = cn.result();
    const hs = coordinationHistogramSpec(c) as Record<string, any>;
    expect(hs.data.values[6]).toEqual({ cn: 6, probability: 1, samples: 32 });
    expect(hs.title).toMatch(/mean 6.00, std 0.00/);
    await compiles(hs);
    expect(coordinationColumns(c).cn.length).toBe(7);

    const n = icosahedronFaceNormals(),
      pos = [10, 10, 10];
    for (let k = 0; k < 20; k++) pos.push(10 + 4 * n[3 * k], 10 + 4 * n[3 * k + 1], 10 + 4 * n[3 * k + 2]);
    const acc = new CationAnionCationAngles({
      centre: 'Cl',
      cation: 'Li',
      shells_A: [
        [0, 5],
        [5, 7],
      ],
      bins: 90,
    });
    acc.addFrame(frame(pos, Cell.orthorhombic(20, 20, 20)), topologyFromSymbols(['Cl', ...Array(20).fill('Li')]));
    const ar = acc.result();
    const as = angleDistributionSpec(ar, [{ label: 'icosahedral C3', angles_deg: ICOSAHEDRAL_C3_ANGLES_DEG }]) as Record<string, any>;
    expect(as.data.values.length).toBe(180);
    expect(as.layer[1].data.values.map((v: any) => v.angle_deg)).toEqual([...ICOSAHEDRAL_C3_ANGLES_DEG]);
    await compiles(as);
    expect(Object.keys(angleColumns(ar))).toEqual(['theta_deg', 'P_0-5A', 'P_5-7A']);
  });

  it('dipole distribution spec and Pauling table', async () => {
    const cell = Cell.orthorhombic(10, 10, 10);
    const acc = new AnionPolarization();
    acc.add(anionDipoles(new Float64Array([0, 0, 0, 5, 5, 5]), new Float64Array([0.2, 0, 0, 5, 5, 5.5, -0.1, 0, 0]), cell));
    const spec = dipoleDistributionSpec(acc.result(5)) as Record<string, any>;
    expect(spec.data.values.length).toBe(5);
    await compiles(spec);
    const t = paulingColumns([paulingRatio('fcc', 10, 1), paulingRatio('bcc', 5.07, 1)]);
    expect(t.predictedSite).toEqual(['tetrahedral', 'octahedral']);
  });
});
