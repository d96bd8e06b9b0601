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
 * Each builder is checked by relaxing with CHGNet (test/simulate/mlPotential.test.ts; README table): atoms stay
 * on their sites and the lattice of a cell relaxation is reported beside experiment.
 */
import { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import { topologyFromSymbols } from '../core/topology.js';
import { findMolecules, wholeMoleculePositions } from '../geometry/molecules.js';
import type { MDSystem } from './mdSystem.js';

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
}

export interface MaterialOptions {
  /** Replications along a, b, c (default [1, 1, 1]; a number means n × n × n). */
  supercell?: number | [number, number, number];
  /** Scale all lattice vectors (e.g. to start from a relaxed volume; default 1). */
  scale?: number;
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

/** The materials `buildMaterial` knows, by name. */
export const PAPER_MATERIALS: Record<string, () => CrystalDescription> = {
  li3ycl6: li3ycl6,
  'na3ps4-cubic': na3ps4Cubic,
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
  const sc = typeof opts.supercell === 'number' || opts.supercell === undefined ? [opts.supercell ?? 1, opts.supercell ?? 1, opts.supercell ?? 1] : opts.supercell;
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
  const sys: MDSystem = { topology, cell, positions };
  if (d.anions) {
    const set = findMolecules(topology, positions, cell, { species: d.anions.species, cutoffs: d.anions.cutoffs });
    const multi: number[] = [];
    for (let q = 0; q < set.count; q++) if (set.offsets[q + 1] - set.offsets[q] > 1) multi.push(q);
    const whole = wholeMoleculePositions(positions, cell, set);
    for (let a = 0; a < set.atoms.length; a++) positions.set(whole.subarray(3 * a, 3 * a + 3), 3 * set.atoms[a]);
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
