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
 * Each builder is checked by relaxing with CHGNet (test/simulate/mlPotential.test.ts; README table): atoms stay
 * on their sites and the lattice of a cell relaxation is reported beside experiment.
 */
import { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import { topologyFromSymbols } from '../core/topology.js';
import { findMolecules, wholeMoleculePositions } from '../geometry/molecules.js';
import type { MDSystem } from './mdSystem.js';
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
}

export interface MaterialOptions {
  /** Replications along a, b, c (default [1, 1, 1]; a number means n × n × n). */
  supercell?: number | [number, number, number];
  /** Scale all lattice vectors (e.g. to start from a relaxed volume; default 1). */
  scale?: number;
  /** Seed of a material's random substitution (default 1). */
  seed?: number;
}

/** Cell matrix (rows a, b, c) from lattice parameters, a along x, b in the xy plane. */
export function latticeMatrix(a: number, b: number, c: number, alpha: number, beta: number, gamma: number): number[] {
  const r = Math.PI / 180, ca = Math.cos(alpha * r), cb = Math.cos(beta * r), cg = Math.cos(gamma * r), sg = Math.sin(gamma * r);
  const cx = c * cb, cy = (c * (ca - cb * cg)) / sg, cz = Math.sqrt(Math.max(0, c * c - cx * cx - cy * cy));
  const clean = (v: number) => (Math.abs(v) < 1e-12 ? 0 : v);
  return [a, 0, 0, clean(b * cg), clean(b * sg), 0, clean(cx), clean(cy), cz];
}

function li3ycl6(): CrystalDescription {
  const sites: CrystalDescription['sites'] = [];
  // Cl: ideal hcp, layer A at z = 1/4 ((1/3, 2/3) of the small hcp cell), layer B at z = 3/4 ((2/3, 1/3)).
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
    sites.push({ species: 'Cl', frac: [(i + 1 / 3) / 3, (j + 2 / 3) / 3, 0.25] });
    sites.push({ species: 'Cl', frac: [(i + 2 / 3) / 3, (j + 1 / 3) / 3, 0.75] });
  }
  sites.push({ species: 'Y', frac: [0, 0, 0] }, { species: 'Y', frac: [1 / 3, 2 / 3, 0.5] }, { species: 'Y', frac: [2 / 3, 1 / 3, 0.5] });
  // Li 6g (x, 0, 0), x = 1/3: the orbit under P-3m1.
  for (const [x, y] of [[1 / 3, 0], [0, 1 / 3], [2 / 3, 2 / 3], [2 / 3, 0], [0, 2 / 3], [1 / 3, 1 / 3]]) sites.push({ species: 'Li', frac: [x, y, 0] });
  // Li on half of 6h (x, 0, 1/2): the threefold-related three.
  for (const [x, y] of [[1 / 3, 0], [0, 1 / 3], [2 / 3, 2 / 3]]) sites.push({ species: 'Li', frac: [x, y, 0.5] });
  return {
    name: 'li3ycl6', spaceGroup: 'P-3m1', lattice: [11.21, 11.21, 6.04, 90, 90, 120], sites,
    reference: 'Bohnsack et al., Z. Anorg. Allg. Chem. 623, 1067 (1997); Asano et al., Adv. Mater. 30, 1803075 (2018)',
  };
}

function na3ps4Cubic(): CrystalDescription {
  const x = 0.1695;
  const sites: CrystalDescription['sites'] = [];
  for (const t of [[0, 0, 0], [0.5, 0.5, 0.5]]) {
    const add = (species: string, f: number[]) => sites.push({ species, frac: [f[0] + t[0], f[1] + t[1], f[2] + t[2]].map((v) => v - Math.floor(v)) as [number, number, number] });
    for (const f of [[0, 0.5, 0.5], [0.5, 0, 0.5], [0.5, 0.5, 0]]) add('Na', f);
    add('P', [0, 0, 0]);
    for (const f of [[x, x, x], [-x, -x, x], [-x, x, -x], [x, -x, -x]]) add('S', f);
  }
  return {
    name: 'na3ps4-cubic', spaceGroup: 'I-43m', lattice: [6.9965, 6.9965, 6.9965, 90, 90, 90], sites,
    anions: { species: ['P', 'S'], cutoffs: { 'P-S': 2.6, 'S-S': 0, 'P-P': 0 } },
    reference: 'Jansen & Henseler, J. Solid State Chem. 99, 110 (1992); Hayashi et al., Nat. Commun. 3, 856 (2012)',
  };
}

/** Apply space-group operations ("x,y,z" strings) to an asymmetric unit; duplicates (within 1e-6) dropped. */
export function expandSites(ops: string[], asym: { species: string; frac: [number, number, number] }[]): CrystalDescription['sites'] {
  const out: CrystalDescription['sites'] = [];
  const wrap = (v: number) => { const w = v - Math.floor(v); return w > 1 - 1e-9 ? 0 : w; };
  const parsed = ops.map((o) => o.split(',').map((c) => (x: number, y: number, z: number) => {
    // Components such as "-y+1/2": a linear form in x, y, z plus a fraction.
    let v = 0;
    for (const m of c.replace(/\s+/g, '').matchAll(/([+-]?)(\d+\/\d+|[xyz])/g)) {
      const sgn = m[1] === '-' ? -1 : 1;
      v += sgn * (m[2] === 'x' ? x : m[2] === 'y' ? y : m[2] === 'z' ? z : Number(m[2].split('/')[0]) / Number(m[2].split('/')[1]));
    }
    return v;
  }));
  for (const a of asym) {
    for (const op of parsed) {
      const f = op.map((g) => wrap(g(...a.frac))) as [number, number, number];
      const dup = out.some((b) => b.species === a.species && f.every((v, k) => { const d = Math.abs(v - b.frac[k]); return Math.min(d, 1 - d) < 1e-6; }));
      if (!dup) out.push({ species: a.species, frac: f });
    }
  }
  return out;
}

/** The eight operations of P-421c (No. 114). */
const P_4BAR_21C = ['x,y,z', '-x,-y,z', 'y,-x,-z', '-y,x,-z', '-x+1/2,y+1/2,-z+1/2', 'x+1/2,-y+1/2,-z+1/2', '-y+1/2,-x+1/2,z+1/2', 'y+1/2,x+1/2,z+1/2'];

function na3ps4Tetragonal(): CrystalDescription {
  const sites = expandSites(P_4BAR_21C, [
    { species: 'Na', frac: [0, 0.5, 0.426] }, { species: 'Na', frac: [0, 0, 0] },
    { species: 'P', frac: [0, 0, 0.5] }, { species: 'S', frac: [0.315, 0.345, 0.167] },
  ]);
  return {
    name: 'na3ps4-tetragonal', spaceGroup: 'P-421c', lattice: [6.952, 6.952, 7.076, 90, 90, 90], sites,
    anions: { species: ['P', 'S'], cutoffs: { 'P-S': 2.6, 'S-S': 0, 'P-P': 0 } },
    reference: 'Jansen & Henseler, J. Solid State Chem. 99, 110 (1992) (lattice); Chu et al., Sci. Rep. 6, 33733 (2016), Table 3 (sites)',
  };
}

function li3ybr15cl45(): CrystalDescription {
  return {
    ...li3ycl6(), name: 'li3ybr1.5cl4.5', substitution: { from: 'Cl', to: 'Br', fraction: 0.25 }, defaultSupercell: [1, 1, 2],
    reference: 'Wang 2023 Fig. 4 (25 % of Cl randomly replaced by Br) on the Li3YCl6 cell of Bohnsack et al. (1997) / Asano et al. (2018)',
  };
}

/** The materials `buildMaterial` knows, by name. */
export const PAPER_MATERIALS: Record<string, () => CrystalDescription> = {
  li3ycl6: li3ycl6,
  'li3ybr1.5cl4.5': li3ybr15cl45,
  'na3ps4-cubic': na3ps4Cubic,
  'na3ps4-tetragonal': na3ps4Tetragonal,
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
  const sc = opts.supercell === undefined ? d.defaultSupercell ?? [1, 1, 1] : typeof opts.supercell === 'number' ? [opts.supercell, opts.supercell, opts.supercell] : opts.supercell;
  if (sc.length !== 3) throw new InputError(`supercell needs 3 repeats (a, b, c), got ${sc.length}`);
  for (const k of sc) if (!(Number.isInteger(k) && k >= 1)) throw new InputError(`supercell must be positive integers, got ${sc.join('×')}`);
  const s = opts.scale ?? 1;
  if (!(s > 0)) throw new InputError(`lattice scale must be > 0, got ${s}`);
  const m = latticeMatrix(...d.lattice).map((v) => v * s);
  const big = [0, 1, 2].flatMap((r) => [m[3 * r] * sc[r], m[3 * r + 1] * sc[r], m[3 * r + 2] * sc[r]]);
  const cell = new Cell(big);
  const symbols: string[] = [], pos: number[] = [];
  for (let i = 0; i < sc[0]; i++) for (let j = 0; j < sc[1]; j++) for (let k = 0; k < sc[2]; k++) {
    for (const site of d.sites) {
      const f = [site.frac[0] + i, site.frac[1] + j, site.frac[2] + k];
      symbols.push(site.species);
      pos.push(f[0] * m[0] + f[1] * m[3] + f[2] * m[6], f[0] * m[1] + f[1] * m[4] + f[2] * m[7], f[0] * m[2] + f[1] * m[5] + f[2] * m[8]);
    }
  }
  // Group by species (a stable order: species as first listed) so topologies read naturally.
  const order = [...new Set(d.sites.map((x) => x.species))];
  const idx = symbols.map((_, k) => k).sort((a, b) => order.indexOf(symbols[a]) - order.indexOf(symbols[b]) || a - b);
  const topology = topologyFromSymbols(idx.map((k) => symbols[k]));
  const positions = new Float64Array(3 * idx.length);
  idx.forEach((k, q) => positions.set(pos.slice(3 * k, 3 * k + 3), 3 * q));
  let sys: MDSystem = { topology, cell, positions };
  if (d.substitution) {
    const { from, to, fraction } = d.substitution;
    const nFrom = idx.filter((k) => symbols[k] === from).length;
    if (Math.abs(fraction * nFrom - Math.round(fraction * nFrom)) > 1e-9) {
      throw new InputError(`${d.name}: ${100 * fraction} % of ${nFrom} ${from} is not a whole number of atoms; choose a supercell with a multiple of ${Math.round(1 / fraction)} × ${nFrom / (sc[0] * sc[1] * sc[2])} ${from} (e.g. ${(d.defaultSupercell ?? [1, 1, 2]).join('×')})`);
    }
    sys = substituteSpecies(sys, { from, to, fraction, seed: opts.seed ?? 1 });
  }
  if (d.anions) {
    const set = findMolecules(sys.topology, sys.positions, cell, { species: d.anions.species, cutoffs: d.anions.cutoffs });
    const multi: number[] = [];
    for (let q = 0; q < set.count; q++) if (set.offsets[q + 1] - set.offsets[q] > 1) multi.push(q);
    const whole = wholeMoleculePositions(sys.positions, cell, set);
    for (let a = 0; a < set.atoms.length; a++) sys.positions.set(whole.subarray(3 * a, 3 * a + 3), 3 * set.atoms[a]);
    const offsets = [0], atoms: number[] = [], bonds: number[] = [];
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
