import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { InputError } from '../../src/core/errors';
import { Random } from '../../src/core/random';
import { paulingRatio, paulingRatioFromRdf, hardSphereAnionRadius, latticeConstantFromNearestNeighbour } from '../../src/structure/paulingRatio';
import { radialDistribution } from '../../src/structure/rdf';
import { rocksalt } from './helpers';
import { anionDipoles, AnionPolarization, E_ANGSTROM_IN_DEBYE, wannierAnionPolarization } from '../../src/structure/anionPolarization';
import { distributionShape } from '../../src/structure/distributionShape';
import { parseWannierCentresXyz } from '../../src/io/wannier';

describe('Pauling radius ratio (hand-worked)', () => {
  it('fcc, bcc and hcp anion packings', () => {
    // fcc a = 10 Å: R− = 10/(2√2) = 3.5355 Å; R+ = 1.0 → 0.2828 ≥ 0.225 → tetrahedral.
    const f = paulingRatio('fcc', 10, 1.0);
    expect(f.anionRadius_A).toBeCloseTo(3.5355339, 6);
    expect(f.ratio).toBeCloseTo(0.2828427, 6);
    expect(f.predictedSite).toBe('tetrahedral');
    // α-AgI: bcc I, a = 5.07 Å: R− = 5.07·√3/4 = 2.1954 Å; Ag+ 1.00 Å → 0.4555 → octahedral.
    const b = paulingRatio('bcc', 5.07, 1.0);
    expect(b.anionRadius_A).toBeCloseTo(2.19537, 4);
    expect(b.predictedSite).toBe('octahedral');
    // hcp a = 4: R− = 2; R+ = 0.3 → 0.15 < 0.155 → linear; 0.32 → 0.16 → trigonal; 1.5 → 0.75 → cubic.
    expect(paulingRatio('hcp', 4, 0.3).predictedSite).toBe('linear');
    expect(paulingRatio('hcp', 4, 0.32).predictedSite).toBe('trigonal');
    expect(paulingRatio('hcp', 4, 1.5).coordination).toBe(8);
    // Touching spheres: R− = d_nn / 2 for every packing.
    for (const l of ['fcc', 'bcc', 'hcp'] as const)
      expect(hardSphereAnionRadius(l, latticeConstantFromNearestNeighbour(l, 3.7))).toBeCloseTo(1.85, 12);
    expect(() => paulingRatio('fcc', -1, 1)).toThrow(InputError);
    expect(() => paulingRatio('fcc', 5, 0)).toThrow(/cation radius/);
  });
});

describe('anion polarization from Wannier centres (hand-worked)', () => {
  const text = [
    '10',
    'Wannier centres, written by Wannier90',
    'X   0.5 0.0 0.0',
    'X  -0.5 0.0 0.0',
    'X   0.0 0.5 0.0',
    'X   0.0 -0.4 0.0',
    'X   5.0 5.0 5.4',
    'X   5.0 5.0 4.6',
    'X   5.3 5.0 5.0',
    'X   9.6 0.0 0.0',
    'S   0.0 0.0 0.0',
    'S   5.0 5.0 5.0',
    '',
  ].join('\n');

  it('parses X centres and atoms', () => {
    const [f] = parseWannierCentresXyz(text, 'test_centres.xyz');
    expect(f.centres.length).toBe(24);
    expect(f.atomSymbols).toEqual(['S', 'S']);
    expect(() => parseWannierCentresXyz('3\nc\nX 0 0 0\n', 'bad.xyz')).toThrow(/bad.xyz.*announces 3 entries but has only 1/);
    expect(() => parseWannierCentresXyz('2\nc\nX 0 zero 0\nS 0 0 0\n', 'bad.xyz')).toThrow(/line 3.*three numbers/);
  });

  it('dipole per anion p = Σ q (r_w − R), centres assigned by the minimum image', () => {
    const [f] = parseWannierCentresXyz(text);
    const cell = Cell.orthorhombic(10, 10, 10);
    const d = anionDipoles(f.atomPositions, f.centres, cell, { centreCharge_e: -2, coreCharge_e: 6 });
    // Anion 0: centres at ±0.5x, +0.5y, −0.4y and 9.6x ≡ −0.4x (image): Σ r = (−0.4, 0.1, 0) → p = −2·Σ r = (0.8, −0.2, 0).
    expect(d.centresPerAnion[0]).toBe(5);
    expect(d.p_eA[0]).toBeCloseTo(0.8, 12);
    expect(d.p_eA[1]).toBeCloseTo(-0.2, 12);
    expect(d.p_eA[2]).toBeCloseTo(0, 12);
    // Anion 1: ±0.4z cancel, +0.3x → p = (−0.6, 0, 0).
    expect(d.p_eA[3]).toBeCloseTo(-0.6, 12);
    expect(d.magnitude_eA[1]).toBeCloseTo(0.6, 12);
    expect(d.magnitude_D[1]).toBeCloseTo(0.6 * E_ANGSTROM_IN_DEBYE, 12);
    expect(Array.from(d.netCharge_e!)).toEqual([6 - 10, 6 - 6]);
    const acc = new AnionPolarization();
    acc.add(d);
    const r = acc.result(10);
    expect(r.shape.mean).toBeCloseTo((Math.hypot(0.8, 0.2) + 0.6) / 2, 12);
    expect(() => anionDipoles(new Float64Array(0), f.centres, cell)).toThrow(/no anion nuclei/);
  });

  it('distribution shape: symmetric sample has zero skewness; a two-peak sample has BC > 5/9', () => {
    const s = distributionShape([1, 2, 3, 4, 5, 6, 7]);
    expect(s.skewness).toBeCloseTo(0, 12);
    expect(s.std).toBeCloseTo(Math.sqrt(28 / 6), 12);
    // Hand-worked: [0,0,0,1] — m2 = 3/16, m3 = 3/32·(…): G1 = 2 (textbook value for this sample).
    expect(distributionShape([0, 0, 0, 1]).skewness).toBeCloseTo(2, 12);
    const rng = new Random(3);
    const bimodal = Array.from({ length: 4000 }, (_, i) => (i % 2 ? 3 : -3) + 0.5 * rng.normal());
    const unimodal = Array.from({ length: 4000 }, () => rng.normal());
    // Gaussian: BC ≈ 1/3; two well-separated Gaussians: BC ≈ 0.9. Sampling error ≈ 0.02 at n = 4000.
    expect(distributionShape(bimodal).bimodalityCoefficient!).toBeGreaterThan(0.8);
    expect(distributionShape(unimodal).bimodalityCoefficient!).toBeLessThan(0.4);
    expect(distributionShape([2, 2, 2, 2]).skewness).toBeNull();
    expect(() => distributionShape([])).toThrow(InputError);
  });
});

describe('measured-lattice Pauling ratio and multi-frame Wannier files', () => {
  it('Pauling ratio from the anion–anion RDF of rocksalt NaCl (fcc Cl, a = 5.64 Å)', () => {
    const sys = rocksalt(5.64, 2, 0.02, 5);
    const clcl = radialDistribution(sys.frames, sys.topology, { a: 'Cl', b: 'Cl', rmax_A: 5, bins: 250 });
    // Na+ (Shannon VI) 1.02 Å; R− = d_nn/2 = 5.64/(2√2) = 1.994 Å → 0.512 → octahedral, as in rocksalt.
    const p = paulingRatioFromRdf('fcc', clcl, 1.02);
    expect(p.a_A).toBeCloseTo(5.64, 1); // first peak located within 0.02 Å (bin width) of a/√2
    expect(p.predictedSite).toBe('octahedral');
    expect(() => paulingRatioFromRdf('fcc', { first_peak_A: null }, 1)).toThrow(/no first peak/);
  });

  it('CP2K-style multi-frame file: one dipole set per frame', () => {
    const block = (dx: number) => ['3', 'i = 1', `X ${dx} 0 0`, 'X 0 0 0', 'I 0 0 0'].join('\n');
    const frames = parseWannierCentresXyz([block(0.1), block(0.3)].join('\n') + '\n', 'w.xyz');
    const r = wannierAnionPolarization(frames, ['I'], Cell.orthorhombic(8, 8, 8));
    expect(r.perFrame.map((d) => d.magnitude_eA[0])).toEqual([expect.closeTo(0.2, 12), expect.closeTo(0.6, 12)]);
    expect(r.distribution.frames).toBe(2);
    expect(() => wannierAnionPolarization(frames, ['Br'], Cell.orthorhombic(8, 8, 8))).toThrow(/no atoms of Br/);
  });
});
