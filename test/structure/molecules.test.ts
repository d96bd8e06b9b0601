import { describe, expect, it } from 'vitest';
import { Cell } from '../../src/core/cell';
import { InputError } from '../../src/core/errors';
import { Random } from '../../src/core/random';
import { topologyFromSymbols } from '../../src/core/topology';
import {
  findMolecules,
  moleculeCentres,
  MoleculeCentreTrajectory,
  moleculeFormulaCounts,
  parseFormula,
  selectMolecules,
  wholeMoleculePositions,
} from '../../src/geometry/molecules';
import { inertiaTensor, moleculeInertia, principalAxes, symmetricEigen3 } from '../../src/geometry/inertiaTensor';
import { resolveCentres } from '../../src/structure/centres';
import { unitIcosahedron } from './helpers';

/** Build atoms from (symbol, xyz) lists. */
function build(items: [string, number[]][]) {
  return { topology: topologyFromSymbols(items.map((x) => x[0])), positions: Float64Array.from(items.flatMap((x) => x[1])) };
}

function tetrahedron(centre: number[], r: number): number[][] {
  const s = r / Math.sqrt(3);
  return [
    [1, 1, 1],
    [1, -1, -1],
    [-1, 1, -1],
    [-1, -1, 1],
  ].map((v) => v.map((x, k) => centre[k] + s * x));
}

function b12h12(centre: number[]): [string, number[]][] {
  // B–B 1.78 Å (icosahedron circumradius = edge × 0.9511), B–H 1.20 Å radially outward.
  const rB = 1.78 * 0.9510565,
    ico = unitIcosahedron();
  return [
    ...ico.map((v) => ['B', v.map((x, k) => centre[k] + rB * x)] as [string, number[]]),
    ...ico.map((v) => ['H', v.map((x, k) => centre[k] + (rB + 1.2) * x)] as [string, number[]]),
  ];
}

describe('molecules as bonded clusters', () => {
  it('a PS4 tetrahedron split across the boundary is reassembled with the right COM', () => {
    const L = 10;
    const cell = Cell.orthorhombic(L, L, L);
    const trueCom = [0.3, 9.9, 0.1]; // near a corner: the S atoms land on both sides of three faces
    const S = tetrahedron(trueCom, 2.05);
    const items: [string, number[]][] = [['P', trueCom], ...S.map((p) => ['S', p] as [string, number[]]), ['Li', [5, 5, 5]], ['Cl', [5, 2, 7]]];
    const sys = build(items);
    const wrapped = cell.wrap(sys.positions);
    const set = findMolecules(sys.topology, wrapped, cell, { species: ['P', 'S', 'Cl'] });
    expect(moleculeFormulaCounts(set)).toEqual({ PS4: 1, Cl: 1 });
    const ps4 = selectMolecules(set, 'PS4');
    const com = moleculeCentres(wrapped, cell, ps4, sys.topology.masses);
    // P sits at the centroid and the S are symmetric about it, so COM = P position (wrapped), to rounding.
    const expected = cell.wrap(Float64Array.from(trueCom));
    for (let k = 0; k < 3; k++) expect(com[k]).toBeCloseTo(expected[k], 10);
    // Whole molecule: every S within 2.05 Å of the P, as in the input.
    const whole = wholeMoleculePositions(wrapped, cell, ps4);
    for (let q = 1; q < 5; q++)
      expect(Math.hypot(whole[3 * q] - whole[0], whole[3 * q + 1] - whole[1], whole[3 * q + 2] - whole[2])).toBeCloseTo(2.05, 10);
  });

  it('finds B12H12, B10H10-like, BH4, P2S6 and monatomic anions by formula', () => {
    const L = 20,
      cell = Cell.orthorhombic(L, L, L);
    const ph = tetrahedron([15, 15, 15], 1.22);
    const items: [string, number[]][] = [
      ...b12h12([0.5, 0.5, 19.6]), // straddles the boundary
      ['B', [10, 3, 3]],
      ...ph.map((p) => ['H', p.map((x, k) => x - [15, 15, 15][k] + [10, 3, 3][k])] as [string, number[]]),
      ['Li', [10, 10, 10]],
      ['I', [4, 12, 8]],
    ];
    const sys = build(items);
    const wrapped = cell.wrap(sys.positions);
    const set = findMolecules(sys.topology, wrapped, cell, { species: ['B', 'H', 'I'] });
    expect(moleculeFormulaCounts(set)).toEqual({ B12H12: 1, BH4: 1, I: 1 });
    const ico = resolveCentres('B12H12', sys.topology, wrapped, cell);
    expect(ico.kind).toBe('molecules');
    const com = moleculeCentres(wrapped, cell, ico.molecules!, sys.topology.masses);
    const exp = cell.wrap(Float64Array.from([0.5, 0.5, 19.6]));
    for (let k = 0; k < 3; k++) expect(com[k]).toBeCloseTo(exp[k], 9);
    expect(resolveCentres('I', sys.topology, wrapped, cell).kind).toBe('atoms');

    // P2S6: two PS3 units bonded by P–P 2.2 Å (ethane-like).
    const p1 = [5, 5, 5],
      p2 = [5, 5, 7.2];
    const s1 = [
      [1, 0, 0],
      [-0.5, 0.866, 0],
      [-0.5, -0.866, 0],
    ].map((v) => [p1[0] + 1.95 * v[0], p1[1] + 1.95 * v[1], p1[2] - 0.7]);
    const s2 = [
      [-1, 0, 0],
      [0.5, 0.866, 0],
      [0.5, -0.866, 0],
    ].map((v) => [p2[0] + 1.95 * v[0], p2[1] + 1.95 * v[1], p2[2] + 0.7]);
    const p2s6 = build([['P', p1], ['P', p2], ...[...s1, ...s2].map((p) => ['S', p] as [string, number[]]), ['Li', [1, 1, 1]]]);
    const c2 = resolveCentres('P2S6', p2s6.topology, p2s6.positions, cell);
    expect(c2.count).toBe(1);
    expect(c2.molecules!.formulas[0]).toBe('P2S6');
  });

  it('COM trajectory stays continuous when the anion crosses the boundary', () => {
    const L = 10,
      cell = Cell.orthorhombic(L, L, L);
    const frames = [9.5, 9.9, 10.3, 10.8].map((x, f) => {
      const items: [string, number[]][] = [['P', [x, 5, 5]], ...tetrahedron([x, 5, 5], 2.05).map((p) => ['S', p] as [string, number[]])];
      const s = build(items);
      return { s, frame: { index: f, cell, positions: cell.wrap(s.positions) } };
    });
    const set = findMolecules(frames[0].s.topology, frames[0].frame.positions, cell, {});
    const acc = new MoleculeCentreTrajectory(set);
    for (const f of frames) acc.addFrame(f.frame, f.s.topology);
    const r = acc.result();
    expect(r.count).toBe(1);
    expect([0, 1, 2, 3].map((f) => r.centres_A[3 * f])).toEqual([9.5, 9.9, 10.3, 10.8].map((x) => expect.closeTo(x, 9)));
  });

  it('parses formulas and rejects junk', () => {
    expect(parseFormula('B12H12')).toEqual({ B: 12, H: 12 });
    expect(parseFormula('PS4')).toEqual({ P: 1, S: 4 });
    expect(() => parseFormula('ps4')).toThrow(InputError);
    expect(() => parseFormula('P-S')).toThrow(/not a formula/);
  });

  it('rejects bond cutoffs that make no sense', () => {
    const cell = Cell.orthorhombic(6, 6, 6);
    const sys = build([
      ['P', [1, 1, 1]],
      ['S', [3, 1, 1]],
    ]);
    expect(() => findMolecules(sys.topology, sys.positions, cell, { cutoffs: { 'P-S': -1 } })).toThrow(/non-negative/);
    expect(() => findMolecules(sys.topology, sys.positions, cell, { cutoffs: { 'P-S': 3.5 } })).toThrow(/half the cell width/);
    expect(() => findMolecules(sys.topology, sys.positions, cell, { tolerance: 0 })).toThrow(/tolerance/);
    expect(() => findMolecules(sys.topology, sys.positions, cell, { species: ['Li'] })).toThrow(/no atoms of species "Li"/);
    expect(() => resolveCentres('PS4', sys.topology, sys.positions, cell, { cutoffs: { 'P-S': 1 } })).toThrow(/no "PS4" anions found/);
  });
});

describe('inertia tensor and principal axes', () => {
  it('dumbbell: moments 0, 2md², 2md² with the first axis along the bond', () => {
    const d = 1.5,
      m = 2;
    const u = [1, 2, 2].map((x) => x / 3);
    const xyz = [...u.map((x) => 4 + d * x), ...u.map((x) => 4 - d * x)];
    const pa = principalAxes(inertiaTensor(xyz, [m, m]));
    expect(pa.moments[0]).toBeCloseTo(0, 10);
    expect(pa.moments[1]).toBeCloseTo(2 * m * d * d, 10);
    expect(pa.moments[2]).toBeCloseTo(2 * m * d * d, 10);
    expect(Math.abs(pa.axes[0] * u[0] + pa.axes[1] * u[1] + pa.axes[2] * u[2])).toBeCloseTo(1, 10);
  });

  it('eigen-decomposition of a random symmetric matrix: A v = λ v, orthonormal right-handed axes', () => {
    const rng = new Random(4);
    for (let t = 0; t < 20; t++) {
      const b = Array.from({ length: 9 }, () => rng.normal());
      const A = [0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => b[3 * i + j] + b[3 * j + i]));
      const { values, vectors } = symmetricEigen3(A);
      expect(values[0]).toBeLessThanOrEqual(values[1]);
      expect(values[1]).toBeLessThanOrEqual(values[2]);
      for (let r = 0; r < 3; r++)
        for (let i = 0; i < 3; i++) {
          const Av = A[3 * i] * vectors[3 * r] + A[3 * i + 1] * vectors[3 * r + 1] + A[3 * i + 2] * vectors[3 * r + 2];
          expect(Av).toBeCloseTo(values[r] * vectors[3 * r + i], 9);
        }
      const v = vectors;
      const det = v[0] * (v[4] * v[8] - v[5] * v[7]) - v[1] * (v[3] * v[8] - v[5] * v[6]) + v[2] * (v[3] * v[7] - v[4] * v[6]);
      expect(det).toBeCloseTo(1, 10);
    }
  });

  it('B12H12 across the boundary is a spherical top; PS4 too', () => {
    const L = 15,
      cell = Cell.orthorhombic(L, L, L);
    const sys = build(b12h12([14.5, 0.2, 7]));
    const wrapped = cell.wrap(sys.positions);
    const set = findMolecules(sys.topology, wrapped, cell);
    const { moments } = moleculeInertia(wrapped, cell, set, sys.topology.masses);
    // Icosahedral symmetry: isotropic tensor, I = (2/3) Σ m r².
    const rB = 1.78 * 0.9510565,
      rH = rB + 1.2;
    const I = (2 / 3) * 12 * (10.81 * rB * rB + 1.008 * rH * rH);
    for (let k = 0; k < 3; k++) expect(moments[k]).toBeCloseTo(I, 8);
  });
});
