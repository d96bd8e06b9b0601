/**
 * Molecules and polyatomic anions as bonded clusters (METHODS §2; Kweon 2017, Wood 2021).
 *
 * Two atoms are bonded when their periodic distance is ≤ the cutoff of their species pair; the
 * default cutoff is tolerance × (r_cov,a + r_cov,b) from the covalent radii (Cordero 2008), with
 * tolerance 1.2. The connected components of the bond graph are the molecules. Only the species
 * the caller names take part (mobile cations such as Li would otherwise "bond" to the anions).
 *
 * Each molecule keeps a spanning tree of its bonds (atoms in breadth-first order with a parent),
 * so it is made whole in any frame in O(atoms): r_child = r_parent + minimum-image(r_child − r_parent).
 * Its centre of mass (COM) is then Σ m r / Σ m, wrapped into the cell. Membership is found once
 * (from a reference frame) and kept: anions do not exchange atoms in the runs we analyse.
 */
import type { Cell } from '../core/cell.js';
import { covalentRadius, isElement } from '../core/elements.js';
import { InputError, InputErrorLocation } from '../core/errors.js';
import type { Topology } from '../core/topology.js';
import { neighborPairs } from './neighborList.js';

/** A set of molecules: compressed member lists, each in breadth-first bond order. */
export interface MoleculeSet {
  /** Number of molecules. */
  count: number;
  /** offsets[m]..offsets[m+1] index `atoms` for molecule m (length count + 1). */
  offsets: Int32Array;
  /** Atom indices of all molecules, molecule after molecule, each in breadth-first bond order (first = root). */
  atoms: Int32Array;
  /** For each entry of `atoms`: the atom index of its parent in the bond tree (−1 for the root). */
  parents: Int32Array;
  /** Composition label of each molecule in Hill order without carbon rule, e.g. "B12H12", "PS4", "Cl". */
  formulas: string[];
  /** Total mass of each molecule, amu. */
  masses: Float64Array;
}

export interface MoleculeOptions {
  /** Species that take part in the clusters (e.g. ["P", "S"] or ["B", "H"]). Default: all species. */
  species?: string[];
  /** Bond cutoffs in Å by species pair, "P-S": 2.5 (order does not matter); overrides the default. */
  cutoffs?: Record<string, number>;
  /** Factor on the sum of covalent radii for default cutoffs (default 1.2). */
  tolerance?: number;
  /** Where the positions came from, for error messages. */
  where?: InputErrorLocation;
}

/** Bond cutoff (Å) for a species pair from user cutoffs or covalent radii × tolerance. */
export function bondCutoff(a: string, b: string, opts: MoleculeOptions = {}): number {
  const user = opts.cutoffs?.[`${a}-${b}`] ?? opts.cutoffs?.[`${b}-${a}`];
  if (user !== undefined) {
    if (!(user >= 0) || !Number.isFinite(user)) {
      throw new InputError(`bond cutoff for ${a}-${b} must be a non-negative number of Å, got ${user}`, opts.where);
    }
    return user;
  }
  const tol = opts.tolerance ?? 1.2;
  if (!(tol > 0) || !Number.isFinite(tol)) throw new InputError(`bond tolerance must be a positive factor, got ${tol}`, opts.where);
  for (const s of [a, b]) {
    if (!isElement(s)) throw new InputError(`no covalent radius for species "${s}"; give a bond cutoff for ${a}-${b}`, opts.where);
  }
  return tol * (covalentRadius(a) + covalentRadius(b));
}

/**
 * Find the bonded clusters among the atoms of the chosen species in one frame.
 * Atoms with no bond are monatomic molecules (e.g. Cl⁻, S²⁻). Molecules are ordered by their root
 * atom (lowest index first).
 */
export function findMolecules(topology: Topology, positions: Float64Array, cell: Cell, opts: MoleculeOptions = {}): MoleculeSet {
  const where = opts.where ?? {};
  const nAtoms = topology.species.length;
  if (positions.length !== 3 * nAtoms) throw new InputError(`positions have ${positions.length / 3} atoms; topology has ${nAtoms}`, where);
  const speciesNames = opts.species ?? topology.symbols;
  const codes: number[] = [];
  for (const s of speciesNames) {
    const c = topology.symbols.indexOf(s);
    if (c < 0) throw new InputError(`no atoms of species "${s}"; the trajectory has ${topology.symbols.join(', ')}`, where);
    codes.push(c);
  }
  const chosen: number[] = [];
  for (let i = 0; i < nAtoms; i++) if (codes.includes(topology.species[i])) chosen.push(i);
  if (chosen.length === 0) throw new InputError(`no atoms of species ${speciesNames.join(', ')}`, where);

  // Cutoff table over species codes, and the largest one for the neighbour search.
  const nSp = topology.symbols.length;
  const cut2 = new Float64Array(nSp * nSp);
  let maxCut = 0;
  for (const a of codes)
    for (const b of codes) {
      const c = bondCutoff(topology.symbols[a], topology.symbols[b], opts);
      cut2[a * nSp + b] = c * c;
      maxCut = Math.max(maxCut, c);
    }
  const widths = cell.perpendicularWidths();
  if (2 * maxCut >= Math.min(...widths)) {
    throw new InputError(
      `bond cutoff ${maxCut.toFixed(3)} Å is not below half the cell width (${(Math.min(...widths) / 2).toFixed(3)} Å); molecules would bond to their own images`,
      where,
    );
  }

  // Adjacency lists from the neighbour pairs that are bonds.
  const adj: number[][] = Array.from({ length: nAtoms }, () => []);
  if (maxCut > 0) {
    const pairs = neighborPairs(positions, cell, maxCut, { centers: chosen, neighbors: chosen });
    for (let p = 0; p < pairs.count; p++) {
      const i = pairs.i[p],
        j = pairs.j[p];
      if (i === j) continue;
      const r = pairs.r[p];
      if (r * r <= cut2[topology.species[i] * nSp + topology.species[j]]) adj[i].push(j);
    }
  }

  // Breadth-first components.
  const seen = new Uint8Array(nAtoms);
  const atoms: number[] = [],
    parents: number[] = [],
    offsets: number[] = [0];
  const formulas: string[] = [],
    masses: number[] = [];
  for (const root of chosen) {
    if (seen[root]) continue;
    seen[root] = 1;
    const start = atoms.length;
    atoms.push(root);
    parents.push(-1);
    for (let q = start; q < atoms.length; q++) {
      const a = atoms[q];
      for (const b of adj[a]) {
        if (!seen[b]) {
          seen[b] = 1;
          atoms.push(b);
          parents.push(a);
        }
      }
    }
    offsets.push(atoms.length);
    const comp: Record<string, number> = {};
    let mass = 0;
    for (let q = start; q < atoms.length; q++) {
      const s = topology.symbols[topology.species[atoms[q]]];
      comp[s] = (comp[s] ?? 0) + 1;
      mass += topology.masses[atoms[q]];
    }
    formulas.push(formulaString(comp));
    masses.push(mass);
  }
  return {
    count: formulas.length,
    offsets: Int32Array.from(offsets),
    atoms: Int32Array.from(atoms),
    parents: Int32Array.from(parents),
    formulas,
    masses: Float64Array.from(masses),
  };
}

/** Parse a formula such as "B12H12", "PS4", "P2S6", "Cl" into counts {B: 12, H: 12}. */
export function parseFormula(formula: string, where: InputErrorLocation = {}): Record<string, number> {
  const out: Record<string, number> = {};
  const re = /([A-Z][a-z]?)(\d*)/g;
  let consumed = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(formula)) !== null) {
    if (m.index !== consumed || m[0] === '') break;
    consumed += m[0].length;
    const n = m[2] === '' ? 1 : Number(m[2]);
    if (!(n >= 1)) throw new InputError(`formula "${formula}": count of ${m[1]} must be ≥ 1`, where);
    out[m[1]] = (out[m[1]] ?? 0) + n;
  }
  if (consumed !== formula.length || consumed === 0) {
    throw new InputError(`"${formula}" is not a formula like B12H12, PS4 or Cl (element symbols each followed by an optional count)`, where);
  }
  return out;
}

/** Formula string in Hill-like order (alphabetical by symbol; C then H first when carbon is present). */
export function formulaString(comp: Record<string, number>): string {
  const keys = Object.keys(comp).sort();
  if (comp.C) {
    keys.splice(keys.indexOf('C'), 1);
    const h = keys.indexOf('H');
    if (h >= 0) keys.splice(h, 1);
    keys.unshift(...(comp.H ? ['C', 'H'] : ['C']));
  }
  return keys.map((k) => (comp[k] === 1 ? k : `${k}${comp[k]}`)).join('');
}

/** The molecules of `set` whose composition equals `formula` (e.g. "PS4"), as a new set. */
export function selectMolecules(set: MoleculeSet, formula: string, where: InputErrorLocation = {}): MoleculeSet {
  const label = formulaString(parseFormula(formula, where));
  const keep: number[] = [];
  for (let m = 0; m < set.count; m++) if (set.formulas[m] === label) keep.push(m);
  return subsetMolecules(set, keep);
}

/** Molecules `keep` (indices into `set`, in that order) as a new set. */
export function subsetMolecules(set: MoleculeSet, keep: readonly number[]): MoleculeSet {
  const atoms: number[] = [],
    parents: number[] = [],
    offsets = [0];
  for (const m of keep) {
    for (let q = set.offsets[m]; q < set.offsets[m + 1]; q++) {
      atoms.push(set.atoms[q]);
      parents.push(set.parents[q]);
    }
    offsets.push(atoms.length);
  }
  return {
    count: keep.length,
    offsets: Int32Array.from(offsets),
    atoms: Int32Array.from(atoms),
    parents: Int32Array.from(parents),
    formulas: keep.map((m) => set.formulas[m]),
    masses: Float64Array.from(keep, (m) => set.masses[m]),
  };
}

/** Count of molecules per formula, e.g. {PS4: 32, S: 32, Cl: 32}. */
export function moleculeFormulaCounts(set: MoleculeSet): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of set.formulas) out[f] = (out[f] ?? 0) + 1;
  return out;
}

/** Atom indices of molecule m (a view, breadth-first order). */
export function moleculeAtoms(set: MoleculeSet, m: number): Int32Array {
  return set.atoms.subarray(set.offsets[m], set.offsets[m + 1]);
}

/**
 * Bond-tree parents as positions in the molecule's own atom list: slots[k] = index in `atoms` of
 * the parent of atoms[k], −1 for the root (k = 0). `parents` are atom indices, −1 for the root, as
 * in MoleculeSet.parents; every parent must come before its child (breadth-first order, as
 * findMolecules gives). Throws an InputError otherwise.
 */
export function parentSlots(atoms: ArrayLike<number>, parents: ArrayLike<number>, where: InputErrorLocation = {}): Int32Array {
  const n = atoms.length;
  if (parents.length !== n) throw new InputError(`${parents.length} bond parents given for a molecule of ${n} atoms`, where);
  const slots = new Int32Array(n);
  const seen = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    const p = parents[k];
    if (k === 0 ? p !== -1 : !seen.has(p)) {
      throw new InputError(
        k === 0
          ? `the first atom (${atoms[0]}) of a molecule must be its bond-tree root (parent −1), got parent ${p}`
          : `bond parent ${p} of atom ${atoms[k]} is not an earlier atom of its molecule (parents must precede children)`,
        where,
      );
    }
    slots[k] = k === 0 ? -1 : seen.get(p)!;
    seen.set(atoms[k], k);
  }
  return slots;
}

/**
 * One molecule made whole: out[o + 3k ..] = position of atoms[k] relative to the root atoms[0],
 * following the bond tree, r_k − r_root = (r_parent − r_root) + minimum-image(r_k − r_parent), so
 * no bond is split by the boundary. `slots` are the parents as positions in `atoms` (parentSlots);
 * null hangs every atom from the root (valid while all atoms lie within half a cell width of it, as
 * for PS4, BH4, B12H12 in cells wider than twice their size). Positions are read in place from
 * x[base + 3·atom]; `cell` null means no periodicity. The one mechanism for whole molecules:
 * wholeMoleculePositions and the rotors of src/dynamics (wholeRotor.ts) use it.
 */
export function wholeMoleculeOffsets(
  x: ArrayLike<number>,
  base: number,
  cell: Cell | null,
  atoms: ArrayLike<number>,
  slots: ArrayLike<number> | null,
  out: Float64Array,
  o = 0,
): void {
  const r = base + 3 * atoms[0];
  out[o] = 0;
  out[o + 1] = 0;
  out[o + 2] = 0;
  for (let k = 1; k < atoms.length; k++) {
    const pk = slots ? slots[k] : 0;
    const a = base + 3 * atoms[k],
      p = slots ? base + 3 * atoms[pk] : r;
    const q = o + 3 * k,
      qp = o + 3 * pk;
    const dx = x[a] - x[p],
      dy = x[a + 1] - x[p + 1],
      dz = x[a + 2] - x[p + 2];
    if (cell) cell.minimumImage(dx, dy, dz, out, q);
    else {
      out[q] = dx;
      out[q + 1] = dy;
      out[q + 2] = dz;
    }
    if (pk > 0) {
      out[q] += out[qp];
      out[q + 1] += out[qp + 1];
      out[q + 2] += out[qp + 2];
    }
  }
}

/**
 * Whole-molecule Cartesian coordinates: for each entry of `set.atoms` (same order), 3 numbers, with
 * every bond taken by the minimum image so no molecule is split by the boundary (wholeMoleculeOffsets).
 * Roots stay where they are in `positions`.
 */
export function wholeMoleculePositions(positions: Float64Array, cell: Cell, set: MoleculeSet, out?: Float64Array): Float64Array {
  const res = out ?? new Float64Array(3 * set.atoms.length);
  for (let m = 0; m < set.count; m++) {
    const o0 = set.offsets[m],
      o1 = set.offsets[m + 1];
    if (o1 === o0) continue;
    const atoms = set.atoms.subarray(o0, o1);
    wholeMoleculeOffsets(positions, 0, cell, atoms, parentSlots(atoms, set.parents.subarray(o0, o1)), res, 3 * o0);
    const r = 3 * atoms[0],
      rx = positions[r],
      ry = positions[r + 1],
      rz = positions[r + 2];
    for (let q = 3 * o0; q < 3 * o1; q += 3) {
      res[q] += rx;
      res[q + 1] += ry;
      res[q + 2] += rz;
    }
  }
  return res;
}

/**
 * Centre of mass of each molecule (3 per molecule, Å), from whole-molecule coordinates, wrapped
 * into the cell unless `wrap` is false.
 */
export function moleculeCentres(positions: Float64Array, cell: Cell, set: MoleculeSet, masses: Float64Array, wrap = true): Float64Array {
  const whole = wholeMoleculePositions(positions, cell, set);
  const com = new Float64Array(3 * set.count);
  for (let m = 0; m < set.count; m++) {
    let mx = 0,
      my = 0,
      mz = 0,
      mt = 0;
    for (let q = set.offsets[m]; q < set.offsets[m + 1]; q++) {
      const w = masses[set.atoms[q]];
      mx += w * whole[3 * q];
      my += w * whole[3 * q + 1];
      mz += w * whole[3 * q + 2];
      mt += w;
    }
    com[3 * m] = mx / mt;
    com[3 * m + 1] = my / mt;
    com[3 * m + 2] = mz / mt;
  }
  return wrap ? cell.wrap(com, com) : com;
}

/**
 * COM trajectory of the molecules over frames, continuous in time (each COM unwrapped frame to frame
 * by the minimum image with that frame's cell): nFrames × 3·count, frame-major. Feed frames in order.
 */
export class MoleculeCentreTrajectory {
  private readonly rows: Float64Array[] = [];
  private last: Float64Array | null = null;
  constructor(readonly set: MoleculeSet) {}

  addFrame(frame: { positions: Float64Array; cell: Cell | null; index: number }, topology: Topology): void {
    if (!frame.cell) throw new InputError('molecule centres need a periodic cell', { frame: frame.index });
    const com = moleculeCentres(frame.positions, frame.cell, this.set, topology.masses, false);
    if (this.last) {
      const d = [0, 0, 0];
      for (let m = 0; m < this.set.count; m++) {
        frame.cell.minimumImage(com[3 * m] - this.last[3 * m], com[3 * m + 1] - this.last[3 * m + 1], com[3 * m + 2] - this.last[3 * m + 2], d);
        com[3 * m] = this.last[3 * m] + d[0];
        com[3 * m + 1] = this.last[3 * m + 1] + d[1];
        com[3 * m + 2] = this.last[3 * m + 2] + d[2];
      }
    }
    this.last = com;
    this.rows.push(com);
  }

  /** Frame-major COMs, nFrames × 3·count (Å, unwrapped). */
  result(): { nFrames: number; count: number; centres_A: Float64Array } {
    const c = this.set.count,
      out = new Float64Array(this.rows.length * 3 * c);
    this.rows.forEach((r, f) => out.set(r, f * 3 * c));
    return { nFrames: this.rows.length, count: c, centres_A: out };
  }
}
