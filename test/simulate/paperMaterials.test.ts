/**
 * Builders of the papers' materials (src/simulate/paperMaterials.ts, rigidAnions.ts), no model needed:
 * composition and formula units, charge neutrality, the cell of the cited paper, minimum interatomic distances
 * (no overlaps), anion geometry (P–S, B–H, B–B), space-group invariance of the ordered sites, determinism by seed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MDSystem } from '../../src/simulate/mdSystem';
import { latticeParameters } from '../../src/simulate/cellRelaxation';
import { buildMaterial, expandSites, materialDescription } from '../../src/simulate/paperMaterials';
import { rigidUnit } from '../../src/simulate/rigidAnions';

const symbolsOf = (s: MDSystem) => Array.from(s.topology.species, (k) => s.topology.symbols[k]);
function composition(s: MDSystem): Record<string, number> {
  const c: Record<string, number> = {};
  for (const x of symbolsOf(s)) c[x] = (c[x] ?? 0) + 1;
  return c;
}
function dist(s: MDSystem, i: number, j: number): number {
  const t = [0, 0, 0];
  return Math.sqrt(
    s.cell.minimumImage(
      s.positions[3 * j] - s.positions[3 * i],
      s.positions[3 * j + 1] - s.positions[3 * i + 1],
      s.positions[3 * j + 2] - s.positions[3 * i + 2],
      t,
    ),
  );
}
/** Smallest distance per species pair between atoms of different molecules (free atoms count as their own). */
function minDistances(s: MDSystem): Record<string, number> {
  const sym = symbolsOf(s),
    n = sym.length,
    mol = new Int32Array(n).fill(-1),
    out: Record<string, number> = {};
  if (s.molecules)
    for (let q = 0; q < s.molecules.count; q++)
      for (let a = s.molecules.offsets[q]; a < s.molecules.offsets[q + 1]; a++) mol[s.molecules.atoms[a]] = q;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      if (mol[i] >= 0 && mol[i] === mol[j]) continue;
      const k = [sym[i], sym[j]].sort().join('-');
      out[k] = Math.min(out[k] ?? Infinity, dist(s, i, j));
    }
  return out;
}
/** Distances between the atoms of each molecule, by sorted species pair. */
function intraDistances(s: MDSystem): Record<string, number[]> {
  const sym = symbolsOf(s),
    out: Record<string, number[]> = {};
  for (let q = 0; q < s.molecules!.count; q++) {
    const at = Array.from(s.molecules!.atoms.subarray(s.molecules!.offsets[q], s.molecules!.offsets[q + 1]));
    for (let a = 0; a < at.length; a++)
      for (let b = a + 1; b < at.length; b++) {
        const k = [sym[at[a]], sym[at[b]]].sort().join('-');
        (out[k] ??= []).push(dist(s, at[a], at[b]));
      }
  }
  return out;
}
function formalCharge(s: MDSystem, charges: Record<string, number>, unitCharge = 0): number {
  const c = composition(s);
  let q = s.molecules && unitCharge ? s.molecules.count * unitCharge : 0;
  for (const [x, k] of Object.entries(c)) if (charges[x] !== undefined) q += charges[x] * k;
  return q;
}
/** Is the set of fractional sites invariant (within tol) under the operations? */
function invariant(ops: string[], sites: { species: string; frac: [number, number, number] }[]): boolean {
  return expandSites(ops, sites).length === sites.length;
}

describe('paper materials: the new builders', () => {
  it('li3ps4-gamma: Pmn21 γ-Li3PS4, Z = 2 (Li6 P2 S8), Homma 2011 cell, P–S 2.05 Å, Pmn21-invariant, no overlaps', () => {
    const d = materialDescription('li3ps4-gamma');
    const s = buildMaterial('li3ps4-gamma');
    expect(composition(s)).toEqual({ P: 2, Li: 6, S: 8 });
    expect(latticeParameters(s.cell.matrix).map((v) => +v.toFixed(6))).toEqual([7.70829, 6.53521, 6.1365, 90, 90, 90]);
    // Density 1.93 g/cm³ as listed for this cell (ICSD 180318 from Homma 2011).
    const M = 3 * 6.941 + 30.974 + 4 * 32.06;
    expect((2 * M) / (0.602214076 * s.cell.volume)).toBeCloseTo(1.93, 2);
    expect(formalCharge(s, { Li: 1, P: 5, S: -2 })).toBe(0);
    expect(s.molecules!.count).toBe(2);
    for (const x of intraDistances(s)['P-S']) expect(x).toBeCloseTo(2.05, 9);
    const ops = ['x,y,z', '-x+1/2,-y,z+1/2', 'x+1/2,-y,z+1/2', '-x,y,z'];
    expect(invariant(ops, d.sites)).toBe(true);
    const md = minDistances(s);
    expect(md['Li-S']).toBeGreaterThan(2.2);
    expect(md['Li-Li']).toBeGreaterThan(3.0);
    expect(md['S-S']).toBeGreaterThan(3.0);
    expect(md['Li-P']).toBeGreaterThan(2.9);
    // All PS4 point the same way along c (polar enargite type): the apex S is straight above P.
    const sym = symbolsOf(s);
    for (let q = 0; q < 2; q++) {
      const at = Array.from(s.molecules!.atoms.subarray(s.molecules!.offsets[q], s.molecules!.offsets[q + 1]));
      const p = at.find((i) => sym[i] === 'P')!;
      const apex = at
        .filter((i) => i !== p)
        .map((i) => s.positions[3 * i + 2] - s.positions[3 * p + 2])
        .filter((dz) => dz > 2.0);
      expect(apex.length).toBe(1);
    }
  });

  it('libh4-ht: P63mc LiBH4, 2×2×1 default (Li8 B8 H32), Soulié 2002 cell, rigid BH4 (B–H 1.22 Å, one H along −c), no overlaps', () => {
    const s = buildMaterial('libh4-ht');
    expect(composition(s)).toEqual({ Li: 8, B: 8, H: 32 });
    const L = latticeParameters(s.cell.matrix);
    expect(L[0]).toBeCloseTo(2 * 4.27631, 9);
    expect(L[2]).toBeCloseTo(6.94844, 9);
    expect(L[5]).toBeCloseTo(120, 9);
    expect(s.molecules!.count).toBe(8);
    expect(formalCharge(s, { Li: 1 }, -1)).toBe(0);
    const intra = intraDistances(s);
    expect(intra['B-H'].length).toBe(32);
    for (const x of intra['B-H']) expect(x).toBeCloseTo(1.22, 9);
    for (const x of intra['H-H']) expect(x).toBeCloseTo(1.22 * Math.sqrt(8 / 3), 9);
    // One H of every BH4 straight below its B (−c).
    const sym = symbolsOf(s);
    for (let q = 0; q < 8; q++) {
      const at = Array.from(s.molecules!.atoms.subarray(s.molecules!.offsets[q], s.molecules!.offsets[q + 1]));
      const b = at.find((i) => sym[i] === 'B')!;
      const below = at.filter((i) => i !== b && Math.abs(s.positions[3 * i + 2] - s.positions[3 * b + 2] + 1.22) < 1e-9);
      expect(below.length).toBe(1);
    }
    const md = minDistances(s);
    expect(md['H-Li']).toBeGreaterThanOrEqual(1.75);
    expect(md['H-H']).toBeGreaterThanOrEqual(1.9);
    expect(md['B-Li']).toBeGreaterThan(2.4); // Li–B 2.47 Å in-plane (Soulié sites)
  });

  it('li2b12h12: Pa-3 cell of Her 2008, Z = 4 (Li8 B48 H48), icosahedra (30 B–B edges 1.78 Å, B–H 1.20 Å), no overlaps', () => {
    const s = buildMaterial('li2b12h12');
    expect(composition(s)).toEqual({ Li: 8, B: 48, H: 48 });
    expect(latticeParameters(s.cell.matrix).slice(0, 3)).toEqual([9.5771, 9.5771, 9.5771]);
    expect(s.molecules!.count).toBe(4);
    expect(formalCharge(s, { Li: 1 }, -2)).toBe(0);
    const intra = intraDistances(s);
    const edges = intra['B-B'].filter((x) => x < 2);
    expect(edges.length).toBe(4 * 30);
    for (const x of edges) expect(x).toBeCloseTo(1.78, 9);
    const bh = intra['B-H'].filter((x) => x < 1.5);
    expect(bh.length).toBe(48);
    for (const x of bh) expect(x).toBeCloseTo(1.2, 9);
    const md = minDistances(s);
    expect(md['H-Li']).toBeGreaterThanOrEqual(1.9);
    expect(md['H-H']).toBeGreaterThanOrEqual(2.0);
    expect(md['Li-Li']).toBeCloseTo(9.5771 / 2, 9);
  });

  it('na2b12h12: bcc cell (Kweon 2017), Z = 2 (Na4 B24 H24), Na on 4 of 12 tetrahedral sites ≥ 3.5 Å apart, no overlaps', () => {
    const s = buildMaterial('na2b12h12');
    expect(composition(s)).toEqual({ Na: 4, B: 24, H: 24 });
    expect(formalCharge(s, { Na: 1 }, -2)).toBe(0);
    const md = minDistances(s);
    expect(md['Na-Na']).toBeGreaterThanOrEqual(3.5);
    expect(md['H-Na']).toBeGreaterThanOrEqual(1.9);
    expect(md['H-H']).toBeGreaterThanOrEqual(1.8);
    // Every Na sits on a bcc tetrahedral site: 4 anion centres at a·√5/4.
    const sym = symbolsOf(s),
      a = 7.98;
    const centres = [
      [0, 0, 0],
      [a / 2, a / 2, a / 2],
    ];
    for (let i = 0; i < sym.length; i++)
      if (sym[i] === 'Na') {
        const x = Array.from(s.positions.subarray(3 * i, 3 * i + 3));
        const near = centres
          .flatMap((c) =>
            [-1, 0, 1].flatMap((u) =>
              [-1, 0, 1].flatMap((v) => [-1, 0, 1].map((w) => Math.hypot(x[0] - c[0] - u * a, x[1] - c[1] - v * a, x[2] - c[2] - w * a))),
            ),
          )
          .filter((r) => r < 5);
        expect(near.length).toBe(4);
        for (const r of near) expect(r).toBeCloseTo((a * Math.sqrt(5)) / 4, 9);
      }
    const big = buildMaterial('na2b12h12', { supercell: 2 });
    expect(composition(big)).toEqual({ Na: 32, B: 192, H: 192 });
    expect(minDistances(big)['Na-Na']).toBeGreaterThanOrEqual(3.5);
  });

  it('B10H10 rigid unit: D4d bicapped square antiprism with the stated B–B lengths (apex–ring 1.70, in-ring 1.83, ring–ring 1.81) and B–H 1.20 Å', () => {
    const u = rigidUnit('B10H10');
    expect(u.species.filter((x) => x === 'B').length).toBe(10);
    const p = (i: number) => u.positions.slice(3 * i, 3 * i + 3);
    const d = (i: number, j: number) => Math.hypot(...p(i).map((v, k) => v - p(j)[k]));
    const bb: number[] = [];
    for (let i = 0; i < 10; i++) for (let j = i + 1; j < 10; j++) bb.push(d(i, j));
    const count = (x: number) => bb.filter((v) => Math.abs(v - x) < 1e-9).length;
    expect(count(1.7)).toBe(8);
    expect(count(1.83)).toBe(8);
    expect(count(1.81)).toBe(8);
    for (let i = 0; i < 10; i++) expect(d(i, i + 10)).toBeCloseTo(1.2, 12);
    const c = [0, 1, 2].map((k) => u.positions.filter((_, q) => q % 3 === k).reduce((s, v) => s + v, 0));
    expect(Math.hypot(...c)).toBeLessThan(1e-12); // centred
  });

  it('determinism by seed: the same seed rebuilds identical disordered cells, another seed differs; supercells scale', () => {
    for (const name of ['libh4-ht', 'li2b12h12', 'na2b12h12']) {
      const a = buildMaterial(name, { seed: 7 }),
        b = buildMaterial(name, { seed: 7 }),
        c = buildMaterial(name, { seed: 8 });
      expect(Array.from(a.positions)).toEqual(Array.from(b.positions));
      expect(Array.from(a.positions)).not.toEqual(Array.from(c.positions));
      expect(composition(a)).toEqual(composition(c));
    }
    expect(buildMaterial('li3ps4-gamma', { supercell: [1, 1, 2] }).topology.species.length).toBe(32);
    expect(buildMaterial('libh4-ht', { supercell: 1 }).topology.species.length).toBe(12);
  });
});

/** The 48 operations of m-3m (signed permutations of x, y, z) as "x,y,z" strings, with optional centring translations. */
function cubicOps(centring: string[] = ['0,0,0']): string[] {
  const perms = [
    ['x', 'y', 'z'],
    ['y', 'z', 'x'],
    ['z', 'x', 'y'],
    ['y', 'x', 'z'],
    ['x', 'z', 'y'],
    ['z', 'y', 'x'],
  ];
  const ops: string[] = [];
  for (const t of centring.map((c) => c.split(',')))
    for (const p of perms)
      for (let signs = 0; signs < 8; signs++)
        ops.push(p.map((v, k) => `${(signs >> k) & 1 ? '-' : ''}${v}${t[k] === '0' ? '' : `+${t[k]}`}`).join(','));
  return ops;
}
/** Density in g/cm³ of `formulaUnits` of a formula of molar mass M (g/mol) in V Å³. */
const density = (formulaUnits: number, M: number, V: number) => (formulaUnits * M) / (0.602214076 * V);

describe('paper materials: Na2B10H10 and Na3OBH4 on the published Li 2025 simulation cells', () => {
  it("na2b10h10: Fm-3m-type cell a = 9.87 Å, Z = 4 (Na8 B40 H40), anions on 4a, Na on 8c, density of Li 2025's 1056-atom cell, no overlaps", () => {
    const d = materialDescription('na2b10h10');
    const s = buildMaterial('na2b10h10');
    expect(d.latticeSource).toBe('simulation');
    expect(composition(s)).toEqual({ Na: 8, B: 40, H: 40 });
    expect(latticeParameters(s.cell.matrix)).toEqual([9.87, 9.87, 9.87, 90, 90, 90]);
    expect(s.molecules!.count).toBe(4);
    expect(formalCharge(s, { Na: 1 }, -2)).toBe(0);
    // Density equals that of Li 2025's cell: 48 Na2B10H10 in 29.61 × 19.74 × 19.74 Å³ (CP2K &CELL of their inputs).
    const M = 2 * 22.98977 + 10 * 10.811 + 10 * 1.008;
    expect(density(4, M, s.cell.volume)).toBeCloseTo(density(48, M, 29.61 * 19.74 * 19.74), 6);
    expect(density(4, M, s.cell.volume)).toBeCloseTo(1.134, 3);
    // Site multiplicities of Fm-3m: Na sites = the 8c orbit, anion centres = the 4a orbit.
    const fm3m = cubicOps(['0,0,0', '0,1/2,1/2', '1/2,0,1/2', '1/2,1/2,0']);
    expect(expandSites(fm3m, [{ species: 'Na', frac: [0.25, 0.25, 0.25] }]).length).toBe(8);
    expect(invariant(fm3m, d.sites)).toBe(true);
    expect(d.sites.length).toBe(8);
    expect(expandSites(fm3m, [{ species: 'X', frac: [0, 0, 0] }]).length).toBe(d.rigidAnions!.centres.length);
    // Intramolecular geometry: the D4d cage of rigidAnions.ts, per anion 8 apex–ring 1.70, 8 in-ring 1.83,
    // 8 ring–ring 1.81 Å, 10 B–H 1.20 Å; Li 2025's start cell has 1.69–1.71, 1.79–1.84 and B–H 1.19–1.21 Å.
    const intra = intraDistances(s);
    const bb = intra['B-B'].filter((x) => x < 2.0);
    expect(bb.length).toBe(4 * 24);
    for (const [len, n] of [
      [1.7, 8],
      [1.83, 8],
      [1.81, 8],
    ])
      expect(bb.filter((x) => Math.abs(x - len) < 1e-9).length).toBe(4 * n);
    for (const x of bb) expect(x).toBeGreaterThan(1.69 - 0.01);
    for (const x of bb) expect(x).toBeLessThan(1.84 + 0.01);
    const bh = intra['B-H'].filter((x) => x < 1.5);
    expect(bh.length).toBe(40);
    for (const x of bh) expect(x).toBeCloseTo(1.2, 9);
    const md = minDistances(s);
    expect(md['Na-Na']).toBeCloseTo(9.87 / 2, 9);
    expect(md['H-Na']).toBeGreaterThanOrEqual(1.9);
    expect(md['B-Na']).toBeGreaterThanOrEqual(2.6);
    expect(md['H-H']).toBeGreaterThanOrEqual(2.0);
    const big = buildMaterial('na2b10h10', { supercell: 2, seed: 5 });
    expect(composition(big)).toEqual({ Na: 64, B: 320, H: 320 });
    expect(minDistances(big)['H-Na']).toBeGreaterThanOrEqual(1.9);
  });

  it("na3obh4: Pm-3m antiperovskite a = 4.57 Å (O 1a, Na 3d, BH4 on 1b), 2×2×2 default (Na24 O8 B8 H32), rigid BH4 1.22 Å, density of Li 2025's cell, no overlaps", () => {
    const d = materialDescription('na3obh4');
    const s = buildMaterial('na3obh4');
    expect(d.latticeSource).toBe('simulation');
    expect(composition(s)).toEqual({ O: 8, Na: 24, B: 8, H: 32 });
    const L = latticeParameters(s.cell.matrix);
    for (const k of [0, 1, 2]) expect(L[k]).toBeCloseTo(2 * 4.57, 9);
    expect(s.molecules!.count).toBe(8);
    expect(formalCharge(s, { Na: 1, O: -2 }, -1)).toBe(0);
    // Density of Li 2025's 3×3×3 VASP cell (13.71 Å) with all 81 Na (their input has one Na vacancy).
    const M = 3 * 22.98977 + 15.999 + 10.811 + 4 * 1.008;
    expect(density(8, M, s.cell.volume)).toBeCloseTo(density(27, M, 13.71 ** 3), 6);
    expect(density(8, M, s.cell.volume)).toBeCloseTo(1.737, 3);
    // Pm-3m multiplicities: O 1a, Na 3d, B 1b.
    const pm3m = cubicOps();
    expect(expandSites(pm3m, [{ species: 'O', frac: [0, 0, 0] }]).length).toBe(1);
    expect(expandSites(pm3m, [{ species: 'Na', frac: [0.5, 0, 0] }]).length).toBe(3);
    expect(expandSites(pm3m, [{ species: 'B', frac: [0.5, 0.5, 0.5] }]).length).toBe(1);
    expect(invariant(pm3m, d.sites)).toBe(true);
    const intra = intraDistances(s);
    expect(intra['B-H'].length).toBe(32);
    for (const x of intra['B-H']) expect(x).toBeCloseTo(1.22, 9);
    for (const x of intra['H-H']) expect(x).toBeCloseTo(1.22 * Math.sqrt(8 / 3), 9);
    const md = minDistances(s);
    expect(md['Na-O']).toBeCloseTo(4.57 / 2, 9); // NaO6 octahedron
    expect(md['Na-Na']).toBeCloseTo(4.57 / Math.SQRT2, 9);
    expect(md['B-Na']).toBeCloseTo(4.57 / Math.SQRT2, 9); // the 12-Na cage of the 1b site
    expect(md['B-O']).toBeCloseTo((4.57 * Math.sqrt(3)) / 2, 9);
    expect(md['H-Na']).toBeGreaterThanOrEqual(2.1);
    expect(md['H-O']).toBeGreaterThanOrEqual(2.3);
    expect(md['H-H']).toBeGreaterThanOrEqual(1.9);
  });

  it('determinism by seed for the new disordered cells', () => {
    for (const name of ['na2b10h10', 'na3obh4']) {
      const a = buildMaterial(name, { seed: 7 }),
        b = buildMaterial(name, { seed: 7 }),
        c = buildMaterial(name, { seed: 8 });
      expect(Array.from(a.positions)).toEqual(Array.from(b.positions));
      expect(Array.from(a.positions)).not.toEqual(Array.from(c.positions));
    }
  });
});

describe('CHGNet relaxations of the new builders (committed data of bench/simulate/builders-chgnet.mjs)', () => {
  // The runs take minutes each (not in npm test); this checks the committed numbers against the builders and the
  // tolerances the README states: lattice within 3 % of the reference, relaxations converged (or flagged, residual
  // force < 0.05 eV/Å), anions intact.
  const data = JSON.parse(readFileSync(join(__dirname, '../../bench/simulate/builders-results.json'), 'utf8')) as {
    model: string;
    materials: {
      material: string;
      atoms: number;
      supercell: number[];
      reference_lattice: number[];
      relaxed_lattice: number[];
      deviation_pct: number[];
      fixed_cell: { converged: boolean };
      cell_relax: { converged: boolean; max_force_eV_A: number };
      anions_intact: boolean;
    }[];
  };
  it('each row matches its builder and lies within 3 % of the reference lattice', () => {
    expect(data.model).toMatch(/^chgnet 0\.3\.0/);
    expect(data.materials.length).toBeGreaterThanOrEqual(2);
    for (const r of data.materials) {
      const d = materialDescription(r.material);
      expect(r.reference_lattice).toEqual(d.lattice);
      expect(buildMaterial(r.material).topology.species.length).toBe(r.atoms);
      // li2b12h12 stopped at 300 cell steps with fmax 0.040 eV/Å (> 0.03, flagged in the README): allow ≤ 0.05.
      expect(r.fixed_cell.converged && (r.cell_relax.converged || r.cell_relax.max_force_eV_A < 0.05), r.material).toBe(true);
      expect(r.anions_intact, r.material).toBe(true);
      for (let k = 0; k < 3; k++) {
        expect(r.deviation_pct[k]).toBeCloseTo((100 * (r.relaxed_lattice[k] - d.lattice[k])) / d.lattice[k], 1);
        expect(Math.abs(r.deviation_pct[k]), `${r.material} axis ${k}`).toBeLessThan(3);
      }
    }
  });
});
