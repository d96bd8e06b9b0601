import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { InputError } from '../../src/core/errors';
import { Random } from '../../src/core/random';
import { topologyFromSymbols } from '../../src/core/topology';
import { CoordinationNumbers } from '../../src/structure/coordination';
import { CationAnionCationAngles } from '../../src/structure/cationAnionCationAngles';
import { ICOSAHEDRAL_C3_ANGLES_DEG, icosahedronFaceNormals, idealSiteAngles } from '../../src/structure/referenceAngles';
import { frame, rocksalt, unitIcosahedron } from './helpers';

describe('instantaneous coordination numbers', () => {
  it('rocksalt: every Cl has 6 Na within 3.5 Å (mean 6, std 0)', () => {
    const sys = rocksalt(5.64, 2);
    const acc = new CoordinationNumbers({ centre: 'Cl', neighbor: 'Na', cutoff_A: 3.5 });
    acc.addFrame(sys.frames[0], sys.topology);
    const r = acc.result();
    expect(r.mean).toBe(6);
    expect(r.std).toBe(0);
    expect(r.histogram.counts[6]).toBe(32);
    expect(r.histogram.probability[6]).toBe(1);
  });

  it('distribution, mean and std match a brute-force minimum-image count', () => {
    const rng = new Random(12);
    const cell = Cell.fromParameters(12, 13, 11, 85, 95, 100);
    const sym = [...Array(20).fill('Cl'), ...Array(60).fill('Li')];
    const top = topologyFromSymbols(sym);
    const acc = new CoordinationNumbers({ centre: 'Cl', neighbor: 'Li', cutoff_A: 3.2 });
    const all: number[] = [];
    for (let f = 0; f < 3; f++) {
      const p = cell.toCartesian(Float64Array.from({ length: 3 * sym.length }, () => rng.uniform()));
      acc.addFrame(frame(p, cell, f), top);
      for (let c = 0; c < 20; c++) {
        let n = 0;
        for (let j = 20; j < 80; j++) if (cell.distance(p, c, p, j) <= 3.2) n++;
        all.push(n);
      }
    }
    const r = acc.result();
    const mean = all.reduce((s, x) => s + x, 0) / all.length;
    const std = Math.sqrt(all.reduce((s, x) => s + (x - mean) ** 2, 0) / all.length);
    expect(r.mean).toBeCloseTo(mean, 12);
    expect(r.std).toBeCloseTo(std, 12);
    for (let k = 0; k < r.histogram.cn.length; k++) expect(r.histogram.counts[k]).toBe(all.filter((x) => x === k).length);
    expect(r.per_frame_mean.length).toBe(3);
  });

  it('bad input: cutoff ≤ 0, missing species', () => {
    const sys = rocksalt(5.64, 2);
    expect(() => new CoordinationNumbers({ centre: 'Cl', neighbor: 'Na', cutoff_A: 0 })).toThrow(InputError);
    expect(() => new CoordinationNumbers({ centre: 'Cl', neighbor: 'Na', cutoff_A: NaN })).toThrow(/positive number/);
    const acc = new CoordinationNumbers({ centre: 'Cl', neighbor: 'Li', cutoff_A: 3 });
    expect(() => acc.addFrame(sys.frames[0], sys.topology)).toThrow(/neither a species|Li/);
  });
});

describe('cation–anion–cation angles', () => {
  it('20 cations on the C3 axes of an icosahedron give the reference peaks with the right weights', () => {
    const L = 30,
      cell = Cell.orthorhombic(L, L, L);
    const n = icosahedronFaceNormals();
    expect(n.length).toBe(60);
    const centre = [15, 15, 15],
      R = 4;
    const pos = [...centre];
    for (let k = 0; k < 20; k++) pos.push(centre[0] + R * n[3 * k], centre[1] + R * n[3 * k + 1], centre[2] + R * n[3 * k + 2]);
    const top = topologyFromSymbols(['Cl', ...Array(20).fill('Li')]);
    const acc = new CationAnionCationAngles({
      centre: 'Cl',
      cation: 'Li',
      shells_A: [
        [3, 5],
        [5, 8],
      ],
      bins: 180,
    });
    acc.addFrame(frame(pos, cell), top);
    const r = acc.result();
    const sh = r.shells[0];
    expect(sh.pairs).toBe(190);
    expect(sh.mean_cations).toBe(20);
    // Face normals of an icosahedron: per normal 3 at 41.8°, 6 at 70.5°, 6 at 109.5°, 3 at 138.2°, 1 at 180°.
    const expected = [30, 60, 60, 30, 10];
    ICOSAHEDRAL_C3_ANGLES_DEG.forEach((a, i) => {
      const k = Math.min(179, Math.floor(a)); // 1° bins
      expect(sh.density_per_deg[k] * 1).toBeCloseTo(expected[i] / 190, 12);
    });
    const total = Array.from(sh.density_per_deg).reduce((s, x) => s + x, 0);
    expect(total).toBeCloseTo(1, 12);
    expect(r.shells[1].pairs).toBe(0);
    expect(Array.from(r.shells[1].density_per_deg).every((x) => x === 0)).toBe(true);
  });

  it('anion frame: cations over the B3 faces of B12 sit 37.38° from the nearest vertex', () => {
    const L = 30,
      cell = Cell.orthorhombic(L, L, L);
    const ico = unitIcosahedron(),
      rB = 1.69;
    const centre = [15, 15, 15];
    const items: [string, number[]][] = ico.map((v) => ['B', v.map((x, k) => centre[k] + rB * x)]);
    const n = icosahedronFaceNormals();
    for (let k = 0; k < 20; k++) items.push(['Li', [0, 1, 2].map((q) => centre[q] + 4 * n[3 * k + q])]);
    const top = topologyFromSymbols(items.map((x) => x[0]));
    const acc = new CationAnionCationAngles({ centre: 'B12', cation: 'Li', shells_A: [[0, 5]], bins: 180, anionFrame: true });
    acc.addFrame(
      frame(
        items.flatMap((x) => x[1]),
        cell,
      ),
      top,
    );
    const v = acc.result().shells[0].vertex_density_per_deg!;
    // Angle between a face normal and its vertices: arccos(0.7947) = 37.38°, all 20 in the 37° bin.
    expect(v[37]).toBeCloseTo(1, 12);
  });

  it('ideal-lattice reference site angles (fcc tet/oct worked by hand)', () => {
    const tet = idealSiteAngles('fcc', 'tetrahedral');
    // 8 tetrahedral sites along the cube diagonals around an fcc anion: 28 pairs, 12 at 70.53°, 12 at 109.47°, 4 at 180°.
    expect(tet.sitesAroundAnion).toBe(8);
    expect(tet.angles_deg).toEqual([70.53, 109.47, 180]);
    expect(tet.weights.map((w) => w * 28)).toEqual([12, 12, 4].map((x) => expect.closeTo(x, 10)));
    expect(tet.distances_a[0]).toBeCloseTo(Math.sqrt(3) / 4, 4);
    const oct = idealSiteAngles('fcc', 'octahedral');
    expect(oct.sitesAroundAnion).toBe(6);
    expect(oct.angles_deg).toEqual([90, 180]);
    const bccT = idealSiteAngles('bcc', 'tetrahedral');
    // bcc: 24 tetrahedral sites share each anion (12 per cell × 4 vertices / 2 anions per cell).
    expect(bccT.sitesAroundAnion).toBe(24);
    const bccO = idealSiteAngles('bcc', 'octahedral');
    expect(bccO.sitesAroundAnion).toBe(18); // 6 per cell × 6 vertices / 2 anions
    const hcpT = idealSiteAngles('hcp', 'tetrahedral');
    expect(hcpT.sitesAroundAnion).toBe(8); // 4 per cell × 4 vertices / 2 anions
    const hcpO = idealSiteAngles('hcp', 'octahedral');
    expect(hcpO.sitesAroundAnion).toBe(6);
    expect(() => idealSiteAngles('sc' as never, 'tetrahedral')).toThrow(InputError);
  });

  it('bad shells and bins are refused', () => {
    expect(() => new CationAnionCationAngles({ centre: 'Cl', cation: 'Li', shells_A: [] })).toThrow(/at least one distance shell/);
    expect(() => new CationAnionCationAngles({ centre: 'Cl', cation: 'Li', shells_A: [[5, 3]] })).toThrow(/r_in < r_out/);
    expect(() => new CationAnionCationAngles({ centre: 'Cl', cation: 'Li', shells_A: [[0, 3]], bins: 0 })).toThrow(/whole number/);
  });
});

describe('reference site sets agree with the textbook counts per host atom', () => {
  it('sites around one anion = sites per host × vertices per site (fcc/hcp: 2 tet, 1 oct, 8 trig, 6 lin; bcc: 6, 3, 12, 4)', () => {
    const perHost: Record<string, Record<string, number>> = {
      fcc: { tetrahedral: 2, octahedral: 1, trigonal: 8, linear: 6 },
      hcp: { tetrahedral: 2, octahedral: 1, trigonal: 8, linear: 6 },
      bcc: { tetrahedral: 6, octahedral: 3, trigonal: 12, linear: 4 },
    };
    const vertices: Record<string, number> = { tetrahedral: 4, octahedral: 6, trigonal: 3, linear: 2 };
    for (const lattice of ['fcc', 'bcc', 'hcp'] as const) {
      for (const site of ['tetrahedral', 'octahedral', 'trigonal', 'linear'] as const) {
        expect([lattice, site, idealSiteAngles(lattice, site).sitesAroundAnion]).toEqual([lattice, site, perHost[lattice][site] * vertices[site]]);
      }
    }
    // fcc linear sites around an anion are its 12 nearest-neighbour edge midpoints: cuboctahedron angles.
    expect(idealSiteAngles('fcc', 'linear').angles_deg).toEqual([60, 90, 120, 180]);
  });
});
