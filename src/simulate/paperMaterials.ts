/**
 * Builders for the papers' materials (for ML-potential runs): a crystal from its space-group sites (fractional
 * coordinates of the full conventional cell), replicated into a supercell, with polyatomic anions found as
 * bonded clusters (findMolecules) and made whole so the UC/RC/RTC/RTVC constraints can act on them.
 *
 * - `li3ycl6` — Li3YCl6, P-3m1 (No. 164), Z = 3 (Bohnsack et al., Z. Anorg. Allg. Chem. 623, 1067 (1997);
 *   Asano et al., Adv. Mater. 30, 1803075 (2018); the phase of Wang 2023). Experimental a = 11.21, c = 6.04 Å
 *   (Asano 2018, room temperature). Cl forms an hcp array; the cell is a 3 × 3 × 1 supercell of the hcp cell
 *   and the cations fill 2/3 of the octahedral sites: Y on 1a (0,0,0) and 2d (1/3,2/3,½); Li on 6g (1/3,0,0)
 *   (full) and 6h (1/3,0,½) (half occupied in the refinement; this ordered cell takes the three 6h sites
 *   related by the threefold axis, (1/3,0,½), (0,1/3,½), (2/3,2/3,½)). Cl sits on the ideal hcp positions
 *   (6i-type, x = 1/9, 4/9, 7/9 and z = ¼, ¾); the refined Cl displacements (≲ 0.2 Å) are left to a relaxation.
 * - `na3ps4-cubic` — cubic Na3PS4, I-43m (No. 217), Z = 2 (Jansen & Henseler, J. Solid State Chem. 99, 110
 *   (1992); Hayashi et al., Nat. Commun. 3, 856 (2012)): a = 6.9965 Å; Na 6b (0,½,½), P 2a (0,0,0),
 *   S 8c (x,x,x) with x = 0.1695 (P–S = 2.054 Å). PS4 anions as molecules.
 *
 * - `na3ps4-tetragonal` — tetragonal Na3PS4, P-421c (No. 114), Z = 2, room-temperature phase (Jansen & Henseler 1992:
 *   a = 6.952, c = 7.076 Å). Sites from the Rietveld refinement of Chu et al., Sci. Rep. 6, 33733 (2016), Table 3
 *   (pristine, a = 6.956, c = 7.088 Å): Na1 4d (0,½,0.426), Na2 2a (0,0,0), P 2b (0,0,½), S 8e (0.315, 0.345,
 *   0.167); orbits generated with the eight operations of P-421c. PS4 anions as molecules.
 * - `li3ybr1.5cl4.5` — Li3YBr1.5Cl4.5 as in Wang 2023 Fig. 4: the P-3m1 Li3YCl6 cell with 25 % of the Cl replaced
 *   by Br at random (seeded, `seed`, default 1; speciesSubstitution.ts), on the Li3YCl6 lattice (the cell relaxes
 *   with the potential). Default supercell 1 × 1 × 2 (36 Cl → 9 Br); a supercell whose Cl count × 0.25 is not a
 *   whole number is refused. Experimental reference lattice: that of Li3YCl6 (there is no refined P-3m1 cell of
 *   the mixed-anion compound to compare with; Br expands it).
 *
 * - `li3ps4-gamma` — γ-Li3PS4, Pmn21 (No. 31), Z = 2, the room-temperature phase (Homma et al., Solid State Ionics
 *   182, 53 (2011): a = 7.70829, b = 6.53521, c = 6.1365 Å at 297 K; enargite (Cu3AsS4) type, ICSD 180318). Sites
 *   are those of the ideal enargite = ordered wurtzite superstructure (a = 2a_w, b = √3 a_w): P 2a (0, ⅓, 0),
 *   Li 2a (0, ⅔, ½), Li 4b (¼, ⅚, 0), each S ⅜ c above its cation (all PS4 point along +c), and the four S of each
 *   P pulled onto the refined P–S length 2.05 Å; the refined displacements (≲ 0.2 Å) are left to a relaxation.
 * - `libh4-ht` — high-temperature LiBH4, P63mc (No. 186), Z = 2 (Soulié et al., J. Alloys Compd. 346, 200 (2002),
 *   408 K: a = 4.27631, c = 6.94844 Å; Li 2b (⅓, ⅔, 0.1047), B 2b (⅓, ⅔, 0.5526)). BH4 as rigid tetrahedra (B–H
 *   1.22 Å) with one B–H along −c as refined and a random (seeded) turn about c: the orientational disorder of
 *   the phase. Default supercell 2 × 2 × 1 (8 BH4).
 * - `li2b12h12` — α-Li2B12H12, Pa-3 (No. 205), Z = 4 (Her et al., Inorg. Chem. 47, 9757 (2008): a = 9.5771 Å):
 *   B12H12 centres on the fcc 4a sites, Li on the 8c line at the tetrahedral centre x = ¼ (the refined x is
 *   not used; Li relaxes). Rigid icosahedra (B–B 1.78, B–H 1.20 Å) in random (seeded) overlap-free orientations:
 *   the orientationally disordered state, not the ordered α refinement.
 * - `na2b12h12` — superionic bcc Na2B12H12 as simulated by Kweon et al., Chem. Mater. 29, 9142 (2017), doi:10.1021/acs.chemmater.7b02902 (a = 7.98 Å,
 *   their cell; `latticeSource: 'simulation'`), Z = 2: anions on (0,0,0), (½,½,½) with random overlap-free
 *   orientations; Na on 4 of the 12 tetrahedral (½, ¼, 0)-type sites per cell (Kweon Table 1: Na mostly
 *   tetrahedral), chosen at random (seeded) no closer than 3.5 Å.
 * - `na2b10h10` — superionic Na2B10H10 as simulated by Li 2025 (their published CP2K inputs, GitHub
 *   KeouLee/Analysis, MD_init_final_inp/Na2B10H10: &CELL 29.61 × 19.74 × 19.74 Å = 3 × 2 × 2 cubic cells of
 *   a = 9.87 Å; `latticeSource: 'simulation'`, no experimental cell was readable here), Z = 4: B10H10 on the fcc
 *   4a sites, Na on all eight 8c tetrahedral sites (¼, ¼, ¼)… (Li 2025's start cell has them within 0.2–0.9 Å
 *   of these), the Fm-3m average of the orientationally disordered phase; rigid B10H10 cages (rigidAnions.ts)
 *   in random (seeded) overlap-free orientations.
 * - `na3obh4` — antiperovskite Na3OBH4 (Sun et al., J. Am. Chem. Soc. 141, 5640 (2019): cubic, rotating BH4),
 *   Pm-3m, Z = 1: O 1a (0,0,0), Na 3d (½,0,0)…, BH4 centred on 1b (½,½,½), a = 4.57 Å from Li 2025's VASP input
 *   (KeouLee/Analysis defect/POSCAR: a 3 × 3 × 3 cell of 13.71 Å with these sites; `latticeSource:
 *   'simulation'`). Rigid BH4 (B–H 1.22 Å; 1.22–1.23 Å there) in random (seeded) overlap-free orientations.
 *   Default supercell 2 × 2 × 2 (8 BH4).
 *
 * Lattice values and where they were checked (issue 16 review): tetragonal Na3PS4 a = 6.952, c = 7.076 Å
 * (Jansen & Henseler) and Chu's sites/cell are as printed in Chu et al. 2016, Table 3 (PMC5028709); Bohnsack
 * 1997's abstract gives P-3m1 Li3ErCl6 a = 11.177, c = 6.036 Å (isotypic Li3YCl6) and Pnma Li3YbCl6 a = 12.866,
 * b = 11.132, c = 6.0295 Å, consistent with, but not the source of, the Li3YCl6 cell 11.21/6.04 Å (Asano 2018,
 * not readable here); γ-Li3PS4: ICSD 180318 (Homma 2011) lists 297 K, enargite type, density 1.93 g/cm³, which the
 * cell reproduces (test). Not re-checked against a readable copy of the paper: cubic Na3PS4 6.9965 Å and
 * x(S) = 0.1695, LiBH4 4.27631/6.94844 Å and z(Li, B), Li2B12H12 9.5771 Å; Na2B12H12's 7.98 Å is Kweon's
 * cell as quoted in PAPERS.md.
 *
 * Random choices (substitution, partial sites, anion orientations) all draw from one seed (`seed`, default 1).
 * Every built cell is checked for charge neutrality with formal charges (`charges`, rigid-anion `charge`).
 * Not built (atomic sites of these phases were not found in a readable source; searched: public CIF/POSCAR
 * files and papers for ICSD/COD entries, Materials Project-derived sets, the papers' SI repositories): Pnma
 * Li3YCl6 (Li3YbCl6 type; Bohnsack 1997 gives the cell only in its abstract), α-Li3PS4 (Pbcn, Homma 2010 at
 * 906 K: a = 8.6125, b = 9.0211, c = 8.42621 Å, abstract only; Li 2025's MD cells are equilibrated snapshots,
 * not sites), β-Li3PS4 (Pnma; only its Li sites were found, in a third-party analysis script).
 *
 * Each builder is checked by relaxing with CHGNet (test/simulate/mlPotential.test.ts; README table): atoms stay
 * on their sites and the lattice of a cell relaxation is reported beside experiment.
 */
import { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import { Random } from '../core/random.js';
import { topologyFromSymbols } from '../core/topology.js';
import { findMolecules, wholeMoleculePositions } from '../geometry/molecules.js';
import type { MDSystem } from './mdSystem.js';
import { placeRigidUnits, rigidUnit, type AnionOrientation, type RigidUnitName } from './rigidAnions.js';
import { substituteSpecies } from './speciesSubstitution.js';

/** A crystal: lattice parameters and the atoms of its conventional cell in fractional coordinates. */
export interface CrystalDescription {
  name: string;
  spaceGroup: string;
  /** Lattice a, b, c (Å) and α, β, γ (degrees), experimental. */
  lattice: [number, number, number, number, number, number];
  sites: { species: string; frac: [number, number, number] }[];
  /** Species forming polyatomic anions (e.g. ['P', 'S']) and their bond cutoffs, Å. */
  anions?: { species: string[]; cutoffs: Record<string, number> };
  reference: string;
  /** Seeded random substitution applied after the supercell is built (mixed-anion materials). */
  substitution?: { from: string; to: string; fraction: number };
  /** Supercell used when the caller gives none (default [1, 1, 1]). */
  defaultSupercell?: [number, number, number];
  /**
   * Sites of which only some are occupied (disordered cations): `countPerCell` × (number of cells) of them,
   * chosen at random (seed) over the whole supercell, no two closer than `minSeparation_A`.
   */
  partialSites?: { species: string; sites: [number, number, number][]; countPerCell: number; minSeparation_A: number };
  /** Rigid polyatomic anions at fractional centres with seeded random orientations (rigidAnions.ts). */
  rigidAnions?: {
    unit: RigidUnitName;
    centres: [number, number, number][];
    orientation: AnionOrientation;
    minDistance: Record<string, number>;
    charge: number;
  };
  /** Formal charges of the atoms outside rigid anions (e), for the neutrality check. */
  charges?: Record<string, number>;
  /** What the lattice is: a measured cell ('experiment', default) or a published simulation cell ('simulation'). */
  latticeSource?: 'experiment' | 'simulation';
}

export interface MaterialOptions {
  /** Replications along a, b, c (default [1, 1, 1]; a number means n × n × n). */
  supercell?: number | [number, number, number];
  /** Scale all lattice vectors (e.g. to start from a relaxed volume; default 1). */
  scale?: number;
  /** Seed of a material's random choices: substitution, partial-site occupation, anion orientations (default 1). */
  seed?: number;
}

/** Cell matrix (rows a, b, c) from lattice parameters, a along x, b in the xy plane. */
export function latticeMatrix(a: number, b: number, c: number, alpha: number, beta: number, gamma: number): number[] {
  const r = Math.PI / 180,
    ca = Math.cos(alpha * r),
    cb = Math.cos(beta * r),
    cg = Math.cos(gamma * r),
    sg = Math.sin(gamma * r);
  const cx = c * cb,
    cy = (c * (ca - cb * cg)) / sg,
    cz = Math.sqrt(Math.max(0, c * c - cx * cx - cy * cy));
  const clean = (v: number) => (Math.abs(v) < 1e-12 ? 0 : v);
  return [a, 0, 0, clean(b * cg), clean(b * sg), 0, clean(cx), clean(cy), cz];
}

function li3ycl6(): CrystalDescription {
  const sites: CrystalDescription['sites'] = [];
  // Cl: ideal hcp, layer A at z = 1/4 ((1/3, 2/3) of the small hcp cell), layer B at z = 3/4 ((2/3, 1/3)).
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) {
      sites.push({ species: 'Cl', frac: [(i + 1 / 3) / 3, (j + 2 / 3) / 3, 0.25] });
      sites.push({ species: 'Cl', frac: [(i + 2 / 3) / 3, (j + 1 / 3) / 3, 0.75] });
    }
  sites.push({ species: 'Y', frac: [0, 0, 0] }, { species: 'Y', frac: [1 / 3, 2 / 3, 0.5] }, { species: 'Y', frac: [2 / 3, 1 / 3, 0.5] });
  // Li 6g (x, 0, 0), x = 1/3: the orbit under P-3m1.
  for (const [x, y] of [
    [1 / 3, 0],
    [0, 1 / 3],
    [2 / 3, 2 / 3],
    [2 / 3, 0],
    [0, 2 / 3],
    [1 / 3, 1 / 3],
  ])
    sites.push({ species: 'Li', frac: [x, y, 0] });
  // Li on half of 6h (x, 0, 1/2): the threefold-related three.
  for (const [x, y] of [
    [1 / 3, 0],
    [0, 1 / 3],
    [2 / 3, 2 / 3],
  ])
    sites.push({ species: 'Li', frac: [x, y, 0.5] });
  return {
    name: 'li3ycl6',
    spaceGroup: 'P-3m1',
    lattice: [11.21, 11.21, 6.04, 90, 90, 120],
    sites,
    reference: 'Bohnsack et al., Z. Anorg. Allg. Chem. 623, 1067 (1997); Asano et al., Adv. Mater. 30, 1803075 (2018)',
  };
}

function na3ps4Cubic(): CrystalDescription {
  const x = 0.1695;
  const sites: CrystalDescription['sites'] = [];
  for (const t of [
    [0, 0, 0],
    [0.5, 0.5, 0.5],
  ]) {
    const add = (species: string, f: number[]) =>
      sites.push({ species, frac: [f[0] + t[0], f[1] + t[1], f[2] + t[2]].map((v) => v - Math.floor(v)) as [number, number, number] });
    for (const f of [
      [0, 0.5, 0.5],
      [0.5, 0, 0.5],
      [0.5, 0.5, 0],
    ])
      add('Na', f);
    add('P', [0, 0, 0]);
    for (const f of [
      [x, x, x],
      [-x, -x, x],
      [-x, x, -x],
      [x, -x, -x],
    ])
      add('S', f);
  }
  return {
    name: 'na3ps4-cubic',
    spaceGroup: 'I-43m',
    lattice: [6.9965, 6.9965, 6.9965, 90, 90, 90],
    sites,
    anions: { species: ['P', 'S'], cutoffs: { 'P-S': 2.6, 'S-S': 0, 'P-P': 0 } },
    reference: 'Jansen & Henseler, J. Solid State Chem. 99, 110 (1992); Hayashi et al., Nat. Commun. 3, 856 (2012)',
  };
}

/** Apply space-group operations ("x,y,z" strings) to an asymmetric unit; duplicates (within 1e-6) dropped. */
export function expandSites(ops: string[], asym: { species: string; frac: [number, number, number] }[]): CrystalDescription['sites'] {
  const out: CrystalDescription['sites'] = [];
  const wrap = (v: number) => {
    const w = v - Math.floor(v);
    return w > 1 - 1e-9 ? 0 : w;
  };
  const parsed = ops.map((o) =>
    o.split(',').map((c) => (x: number, y: number, z: number) => {
      // Components such as "-y+1/2": a linear form in x, y, z plus a fraction.
      let v = 0;
      for (const m of c.replace(/\s+/g, '').matchAll(/([+-]?)(\d+\/\d+|[xyz])/g)) {
        const sgn = m[1] === '-' ? -1 : 1;
        v += sgn * (m[2] === 'x' ? x : m[2] === 'y' ? y : m[2] === 'z' ? z : Number(m[2].split('/')[0]) / Number(m[2].split('/')[1]));
      }
      return v;
    }),
  );
  for (const a of asym) {
    for (const op of parsed) {
      const f = op.map((g) => wrap(g(...a.frac))) as [number, number, number];
      const dup = out.some(
        (b) =>
          b.species === a.species &&
          f.every((v, k) => {
            const d = Math.abs(v - b.frac[k]);
            return Math.min(d, 1 - d) < 1e-6;
          }),
      );
      if (!dup) out.push({ species: a.species, frac: f });
    }
  }
  return out;
}

/** The eight operations of P-421c (No. 114). */
const P_4BAR_21C = [
  'x,y,z',
  '-x,-y,z',
  'y,-x,-z',
  '-y,x,-z',
  '-x+1/2,y+1/2,-z+1/2',
  'x+1/2,-y+1/2,-z+1/2',
  '-y+1/2,-x+1/2,z+1/2',
  'y+1/2,x+1/2,z+1/2',
];

function na3ps4Tetragonal(): CrystalDescription {
  const sites = expandSites(P_4BAR_21C, [
    { species: 'Na', frac: [0, 0.5, 0.426] },
    { species: 'Na', frac: [0, 0, 0] },
    { species: 'P', frac: [0, 0, 0.5] },
    { species: 'S', frac: [0.315, 0.345, 0.167] },
  ]);
  return {
    name: 'na3ps4-tetragonal',
    spaceGroup: 'P-421c',
    lattice: [6.952, 6.952, 7.076, 90, 90, 90],
    sites,
    anions: { species: ['P', 'S'], cutoffs: { 'P-S': 2.6, 'S-S': 0, 'P-P': 0 } },
    reference: 'Jansen & Henseler, J. Solid State Chem. 99, 110 (1992) (lattice); Chu et al., Sci. Rep. 6, 33733 (2016), Table 3 (sites)',
  };
}

function li3ybr15cl45(): CrystalDescription {
  return {
    ...li3ycl6(),
    name: 'li3ybr1.5cl4.5',
    substitution: { from: 'Cl', to: 'Br', fraction: 0.25 },
    defaultSupercell: [1, 1, 2],
    reference: 'Wang 2023 Fig. 4 (25 % of Cl randomly replaced by Br) on the Li3YCl6 cell of Bohnsack et al. (1997) / Asano et al. (2018)',
  };
}

/** The four operations of Pmn21 (No. 31). */
const PMN21 = ['x,y,z', '-x+1/2,-y,z+1/2', 'x+1/2,-y,z+1/2', '-x,y,z'];

function li3ps4Gamma(): CrystalDescription {
  // Enargite (Cu3AsS4) type = ordered wurtzite superstructure: orthohexagonal a = 2a_w, b = √3 a_w, c = c_w.
  // Ideal wurtzite sites: cations (x, y, 0) and (x, y + 1/3, ½) rows, anions 3/8 c above each cation.
  const cations = expandSites(PMN21, [
    { species: 'P', frac: [0, 1 / 3, 0] },
    { species: 'Li', frac: [0, 2 / 3, 0.5] },
    { species: 'Li', frac: [0.25, 5 / 6, 0] },
  ]);
  const lattice: CrystalDescription['lattice'] = [7.70829, 6.53521, 6.1365, 90, 90, 90];
  const sites: CrystalDescription['sites'] = [...cations];
  const sulfur = cations.map((c) => [c.frac[0], c.frac[1], (c.frac[2] + 3 / 8) % 1]);
  // Each S belongs to one PS4: pull the four S of each P onto the refined P–S length (2.05 Å), keeping directions.
  const m = latticeMatrix(...lattice),
    PS = 2.05;
  const cart = (f: number[]) => [0, 1, 2].map((r) => f[0] * m[r] + f[1] * m[3 + r] + f[2] * m[6 + r]);
  for (const p of cations.filter((c) => c.species === 'P')) {
    const near = sulfur
      .map((f, k) => {
        const df = f.map((v, r) => v - p.frac[r] - Math.round(v - p.frac[r]));
        return { k, df, d: Math.hypot(...cart(df)) };
      })
      .sort((a, b) => a.d - b.d)
      .slice(0, 4);
    for (const n of near) sulfur[n.k] = n.df.map((v, r) => p.frac[r] + (v * PS) / n.d).map((v) => v - Math.floor(v));
  }
  for (const f of sulfur) sites.push({ species: 'S', frac: f as [number, number, number] });
  return {
    name: 'li3ps4-gamma',
    spaceGroup: 'Pmn21',
    lattice,
    sites,
    anions: { species: ['P', 'S'], cutoffs: { 'P-S': 2.6, 'S-S': 0, 'P-P': 0 } },
    charges: { Li: 1, P: 5, S: -2 },
    reference:
      'Homma et al., Solid State Ionics 182, 53 (2011) (γ-Li3PS4, enargite type, 297 K lattice); ideal wurtzite-superstructure sites with P–S set to 2.05 Å',
  };
}

/** The twelve operations of P63mc (No. 186). */
const P63MC = [
  'x,y,z',
  '-y,x-y,z',
  '-x+y,-x,z',
  '-x,-y,z+1/2',
  'y,-x+y,z+1/2',
  'x-y,x,z+1/2',
  '-y,-x,z',
  '-x+y,y,z',
  'x,x-y,z',
  'y,x,z+1/2',
  'x-y,-y,z+1/2',
  '-x,-x+y,z+1/2',
];

function libh4HT(): CrystalDescription {
  const sites = expandSites(P63MC, [{ species: 'Li', frac: [1 / 3, 2 / 3, 0.1047] }]);
  const centres = expandSites(P63MC, [{ species: 'B', frac: [1 / 3, 2 / 3, 0.5526] }]).map((x) => x.frac);
  return {
    name: 'libh4-ht',
    spaceGroup: 'P63mc',
    lattice: [4.27631, 4.27631, 6.94844, 90, 90, 120],
    sites,
    defaultSupercell: [2, 2, 1],
    rigidAnions: {
      unit: 'BH4',
      centres,
      orientation: { mode: 'axial', axis: [0, 0, -1] },
      minDistance: { 'H-Li': 1.75, 'H-H': 1.9, 'B-Li': 2.2 },
      charge: -1,
    },
    anions: { species: ['B', 'H'], cutoffs: { 'B-H': 1.5, 'B-B': 0, 'H-H': 0 } },
    charges: { Li: 1 },
    reference:
      'Soulié et al., J. Alloys Compd. 346, 200 (2002) (HT LiBH4, P63mc, 408 K: lattice, Li and B 2b sites); BH4 as rigid tetrahedra (B–H 1.22 Å), one B–H along −c as refined, random spin about c (seeded)',
  };
}

const FCC: [number, number, number][] = [
  [0, 0, 0],
  [0.5, 0.5, 0],
  [0.5, 0, 0.5],
  [0, 0.5, 0.5],
];

function li2b12h12(): CrystalDescription {
  const sites: CrystalDescription['sites'] = [];
  for (const x of [0.25, 0.75]) for (const y of [0.25, 0.75]) for (const z of [0.25, 0.75]) sites.push({ species: 'Li', frac: [x, y, z] });
  return {
    name: 'li2b12h12',
    spaceGroup: 'Pa-3',
    lattice: [9.5771, 9.5771, 9.5771, 90, 90, 90],
    sites,
    rigidAnions: {
      unit: 'B12H12',
      centres: FCC,
      orientation: { mode: 'uniform' },
      minDistance: { 'H-Li': 1.9, 'B-Li': 2.4, 'H-H': 2.0 },
      charge: -2,
    },
    anions: { species: ['B', 'H'], cutoffs: { 'B-H': 1.5, 'B-B': 2.0, 'H-H': 0 } },
    charges: { Li: 1 },
    reference:
      'Her et al., Inorg. Chem. 47, 9757 (2008) (α-Li2B12H12, Pa-3, room-temperature lattice; B12H12 centres on 4a); Li on the 8c line at the tetrahedral centre x = ¼; anions rigid (B–B 1.78, B–H 1.20 Å), orientations uniformly random (seeded) then redrawn until free of overlaps (the two cubic orientations of the disordered Fm-3m phases clash at this lattice: H–H 1.2–1.8 Å along <110>)',
  };
}

function na2b12h12(): CrystalDescription {
  // bcc tetrahedral interstices (12d type): (½, ¼, 0) and permutations, plus the body-centring translation.
  const tet: [number, number, number][] = [];
  for (const [a, b] of [
    [0.25, 0],
    [0.75, 0],
  ]) {
    for (const f of [
      [0.5, a, b],
      [b, 0.5, a],
      [a, b, 0.5],
    ]) {
      tet.push(f as [number, number, number]);
      tet.push(f.map((v) => (v + 0.5) % 1) as [number, number, number]);
    }
  }
  return {
    name: 'na2b12h12',
    spaceGroup: 'Im-3m',
    lattice: [7.98, 7.98, 7.98, 90, 90, 90],
    sites: [],
    latticeSource: 'simulation',
    partialSites: { species: 'Na', sites: tet, countPerCell: 4, minSeparation_A: 3.5 },
    rigidAnions: {
      unit: 'B12H12',
      centres: [
        [0, 0, 0],
        [0.5, 0.5, 0.5],
      ],
      orientation: { mode: 'uniform' },
      minDistance: { 'H-Na': 1.9, 'B-Na': 2.6, 'H-H': 1.8 },
      charge: -2,
    },
    anions: { species: ['B', 'H'], cutoffs: { 'B-H': 1.5, 'B-B': 2.0, 'H-H': 0 } },
    charges: { Na: 1 },
    reference:
      'Kweon et al., Chem. Mater. 29, 9142 (2017) (superionic bcc Na2B12H12, their cell a = 7.98 Å; Na mostly on tetrahedral sites, Table 1); 4 of the 12 tetrahedral sites per cell occupied at random (seeded, ≥ 3.5 Å apart); anions rigid (B–B 1.78, B–H 1.20 Å), orientations uniformly random (seeded) then redrawn until free of overlaps (with Na on tetrahedral sites only one of the two cubic orientations of Verdal et al., J. Solid State Chem. 184, 3110 (2011) fits each Na, so those two alone cannot be combined with random Na)',
  };
}

/** Fcc tetrahedral interstices (8c of Fm-3m): (¼, ¼, ¼) and the seven sign combinations. */
const FCC_TETRAHEDRAL: [number, number, number][] = [];
for (const x of [0.25, 0.75]) for (const y of [0.25, 0.75]) for (const z of [0.25, 0.75]) FCC_TETRAHEDRAL.push([x, y, z]);

function na2b10h10(): CrystalDescription {
  // Li 2025's Na2B10H10 start cell: CP2K CELL 29.61 × 19.74 × 19.74 Å = 3 × 2 × 2 cubic cells of 9.87 Å, 4 B10H10
  // per cell near the fcc 4a sites and 8 Na per cell near the 8c tetrahedral sites (within 0.2–0.9 Å).
  return {
    name: 'na2b10h10',
    spaceGroup: 'Fm-3m',
    lattice: [9.87, 9.87, 9.87, 90, 90, 90],
    sites: FCC_TETRAHEDRAL.map((f) => ({ species: 'Na', frac: f })),
    latticeSource: 'simulation',
    rigidAnions: {
      unit: 'B10H10',
      centres: FCC,
      orientation: { mode: 'uniform' },
      minDistance: { 'H-Na': 1.9, 'B-Na': 2.6, 'H-H': 2.0 },
      charge: -2,
    },
    anions: { species: ['B', 'H'], cutoffs: { 'B-H': 1.5, 'B-B': 2.0, 'H-H': 0 } },
    charges: { Na: 1 },
    reference:
      'Li 2025 simulation cell of Na2B10H10 (their published CP2K inputs, github.com/KeouLee/Analysis MD_init_final_inp/Na2B10H10/*/run.inp: 3×2×2 cubic cells of a = 9.87 Å, B10H10 on the fcc 4a sites, Na on the 8c tetrahedral sites; not an experimental cell); anions rigid (Dobrott & Lipscomb 1962 B10H10, matches Li 2025: apex–ring 1.69–1.71, other B–B 1.79–1.84, B–H 1.19–1.21 Å), orientations uniformly random (seeded) then redrawn until free of overlaps',
  };
}

function na3obh4(): CrystalDescription {
  // Antiperovskite Na3OBH4 (Sun et al. 2019): O on the cube corner (1a), Na on the edge centres (3d) forming the
  // NaO6 octahedron, BH4 in the 12-Na cage at the body centre (1b); cell of Li 2025's VASP defect input (3×3×3, 13.71 Å).
  return {
    name: 'na3obh4',
    spaceGroup: 'Pm-3m',
    lattice: [4.57, 4.57, 4.57, 90, 90, 90],
    sites: [
      { species: 'O', frac: [0, 0, 0] },
      { species: 'Na', frac: [0.5, 0, 0] },
      { species: 'Na', frac: [0, 0.5, 0] },
      { species: 'Na', frac: [0, 0, 0.5] },
    ],
    latticeSource: 'simulation',
    defaultSupercell: [2, 2, 2],
    rigidAnions: {
      unit: 'BH4',
      centres: [[0.5, 0.5, 0.5]],
      orientation: { mode: 'uniform' },
      minDistance: { 'H-Na': 2.1, 'H-O': 2.3, 'H-H': 1.9 },
      charge: -1,
    },
    anions: { species: ['B', 'H'], cutoffs: { 'B-H': 1.5, 'B-B': 0, 'H-H': 0 } },
    charges: { Na: 1, O: -2 },
    reference:
      'Sun et al., J. Am. Chem. Soc. 141, 5640 (2019) (Na3OBH4, cubic antiperovskite with rotating BH4); sites and cell a = 13.71/3 = 4.57 Å from the Li 2025 simulation input (github.com/KeouLee/Analysis defect/POSCAR: O 1a, Na 3d, B 1b; not an experimental cell); BH4 rigid (B–H 1.22 Å; 1.22–1.23 Å in that input), orientations uniformly random (seeded) then redrawn until free of overlaps',
  };
}

/** The materials `buildMaterial` knows, by name. */
export const PAPER_MATERIALS: Record<string, () => CrystalDescription> = {
  li3ycl6: li3ycl6,
  'li3ybr1.5cl4.5': li3ybr15cl45,
  'na3ps4-cubic': na3ps4Cubic,
  'na3ps4-tetragonal': na3ps4Tetragonal,
  'li3ps4-gamma': li3ps4Gamma,
  'libh4-ht': libh4HT,
  li2b12h12,
  na2b12h12,
  na2b10h10,
  na3obh4,
};

/** The crystal description of a named material (experimental lattice, conventional cell). */
export function materialDescription(name: string): CrystalDescription {
  const f = PAPER_MATERIALS[name.toLowerCase()];
  if (!f) throw new InputError(`unknown material "${name}"; expected one of ${Object.keys(PAPER_MATERIALS).join(', ')}`);
  return f();
}

/** Build a material (supercell, polyatomic anions as molecules with bonds). */
export function buildMaterial(name: string, opts: MaterialOptions = {}): MDSystem {
  return buildCrystal(materialDescription(name), opts);
}

/** Replicate a crystal description into a supercell MDSystem. */
export function buildCrystal(d: CrystalDescription, opts: MaterialOptions = {}): MDSystem {
  const sc =
    opts.supercell === undefined
      ? (d.defaultSupercell ?? [1, 1, 1])
      : typeof opts.supercell === 'number'
        ? [opts.supercell, opts.supercell, opts.supercell]
        : opts.supercell;
  if (sc.length !== 3) throw new InputError(`supercell needs 3 repeats (a, b, c), got ${sc.length}`);
  for (const k of sc) if (!(Number.isInteger(k) && k >= 1)) throw new InputError(`supercell must be positive integers, got ${sc.join('×')}`);
  const s = opts.scale ?? 1;
  if (!(s > 0)) throw new InputError(`lattice scale must be > 0, got ${s}`);
  const m = latticeMatrix(...d.lattice).map((v) => v * s);
  const big = [0, 1, 2].flatMap((r) => [m[3 * r] * sc[r], m[3 * r + 1] * sc[r], m[3 * r + 2] * sc[r]]);
  const cell = new Cell(big);
  const symbols: string[] = [],
    pos: number[] = [];
  for (let i = 0; i < sc[0]; i++)
    for (let j = 0; j < sc[1]; j++)
      for (let k = 0; k < sc[2]; k++) {
        for (const site of d.sites) {
          const f = [site.frac[0] + i, site.frac[1] + j, site.frac[2] + k];
          symbols.push(site.species);
          pos.push(f[0] * m[0] + f[1] * m[3] + f[2] * m[6], f[0] * m[1] + f[1] * m[4] + f[2] * m[7], f[0] * m[2] + f[1] * m[5] + f[2] * m[8]);
        }
      }
  const nCells = sc[0] * sc[1] * sc[2];
  const rng = new Random(opts.seed ?? 1);
  const toCart = (f: number[]) => [0, 1, 2].map((r) => f[0] * m[r] + f[1] * m[3 + r] + f[2] * m[6 + r]);
  if (d.partialSites) {
    // Seeded choice of the occupied sites: shuffle all candidate sites, keep those far enough from the kept ones.
    const p = d.partialSites,
      cand: number[][] = [],
      t = [0, 0, 0];
    for (let i = 0; i < sc[0]; i++)
      for (let j = 0; j < sc[1]; j++) for (let k = 0; k < sc[2]; k++) for (const f of p.sites) cand.push(toCart([f[0] + i, f[1] + j, f[2] + k]));
    const want = p.countPerCell * nCells;
    let kept: number[][] = [];
    // Random sequential filling can jam below the wanted count: reshuffle (same stream) up to 1000 times.
    for (let attempt = 0; attempt < 1000 && kept.length < want; attempt++) {
      for (let q = cand.length - 1; q > 0; q--) {
        const r = rng.int(q + 1);
        [cand[q], cand[r]] = [cand[r], cand[q]];
      }
      kept = [];
      for (const x of cand) {
        if (kept.length === want) break;
        if (kept.every((y) => cell.minimumImage(x[0] - y[0], x[1] - y[1], x[2] - y[2], t) >= p.minSeparation_A ** 2)) kept.push(x);
      }
    }
    if (kept.length < want)
      throw new InputError(
        `${d.name}: could not place ${want} ${p.species} on ${cand.length} sites keeping ${p.minSeparation_A} Å apart in 1000 random fillings (seed ${opts.seed ?? 1}); try another seed or supercell`,
      );
    for (const x of kept) {
      symbols.push(p.species);
      pos.push(...x);
    }
  }
  if (d.rigidAnions) {
    const ra = d.rigidAnions,
      centres: number[][] = [];
    for (let i = 0; i < sc[0]; i++)
      for (let j = 0; j < sc[1]; j++)
        for (let k = 0; k < sc[2]; k++) for (const f of ra.centres) centres.push(toCart([f[0] + i, f[1] + j, f[2] + k]));
    const placed = placeRigidUnits(cell, { species: symbols, positions: pos }, rigidUnit(ra.unit), centres, ra.orientation, rng, {
      minDistance: ra.minDistance,
    });
    symbols.push(...placed.species);
    pos.push(...placed.positions);
  }
  if (d.charges) {
    // Charge neutrality of the built cell: formal charges of the free atoms plus the rigid anions' charges.
    let q = d.rigidAnions ? d.rigidAnions.charge * d.rigidAnions.centres.length * nCells : 0;
    const inUnits = new Set(d.rigidAnions ? rigidUnit(d.rigidAnions.unit).species : []);
    const nFree: Record<string, number> = {};
    for (const s of symbols) nFree[s] = (nFree[s] ?? 0) + 1;
    if (d.rigidAnions) for (const s of rigidUnit(d.rigidAnions.unit).species) nFree[s] -= d.rigidAnions.centres.length * nCells;
    for (const [s, k] of Object.entries(nFree)) {
      if (k === 0 && inUnits.has(s)) continue;
      if (d.charges[s] === undefined) throw new InputError(`${d.name}: no formal charge for ${s}`);
      q += d.charges[s] * k;
    }
    if (Math.abs(q) > 1e-9) throw new InputError(`${d.name}: the built cell is not neutral (formal charge ${q} e)`);
  }
  // Group by species (a stable order: species as first listed) so topologies read naturally.
  const order = [...new Set(symbols)];
  const idx = symbols.map((_, k) => k).sort((a, b) => order.indexOf(symbols[a]) - order.indexOf(symbols[b]) || a - b);
  const topology = topologyFromSymbols(idx.map((k) => symbols[k]));
  const positions = new Float64Array(3 * idx.length);
  idx.forEach((k, q) => positions.set(pos.slice(3 * k, 3 * k + 3), 3 * q));
  let sys: MDSystem = { topology, cell, positions };
  if (d.substitution) {
    const { from, to, fraction } = d.substitution;
    const nFrom = idx.filter((k) => symbols[k] === from).length;
    if (Math.abs(fraction * nFrom - Math.round(fraction * nFrom)) > 1e-9) {
      throw new InputError(
        `${d.name}: ${100 * fraction} % of ${nFrom} ${from} is not a whole number of atoms; choose a supercell with a multiple of ${Math.round(1 / fraction)} × ${nFrom / (sc[0] * sc[1] * sc[2])} ${from} (e.g. ${(d.defaultSupercell ?? [1, 1, 2]).join('×')})`,
      );
    }
    sys = substituteSpecies(sys, { from, to, fraction, seed: opts.seed ?? 1 });
  }
  if (d.anions) {
    const set = findMolecules(sys.topology, sys.positions, cell, { species: d.anions.species, cutoffs: d.anions.cutoffs });
    const multi: number[] = [];
    for (let q = 0; q < set.count; q++) if (set.offsets[q + 1] - set.offsets[q] > 1) multi.push(q);
    const whole = wholeMoleculePositions(sys.positions, cell, set);
    for (let a = 0; a < set.atoms.length; a++) sys.positions.set(whole.subarray(3 * a, 3 * a + 3), 3 * set.atoms[a]);
    const offsets = [0],
      atoms: number[] = [],
      bonds: number[] = [];
    for (const q of multi) {
      for (let a = set.offsets[q]; a < set.offsets[q + 1]; a++) {
        atoms.push(set.atoms[a]);
        if (set.parents[a] >= 0) bonds.push(set.parents[a], set.atoms[a]);
      }
      offsets.push(atoms.length);
    }
    sys.molecules = { count: multi.length, offsets: Int32Array.from(offsets), atoms: Int32Array.from(atoms) };
    sys.bonds = Int32Array.from(bonds);
  }
  return sys;
}
