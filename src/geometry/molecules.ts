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
  for (const a of codes) for (const b of codes) {
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
      const i = pairs.i[p], j = pairs.j[p];
      if (i === j) continue;
      const r = pairs.r[p];
      if (r * r <= cut2[topology.species[i] * nSp + topology.species[j]]) adj[i].push(j);
    }
  }

  // Breadth-first components.
  const seen = new Uint8Array(nAtoms);
  const atoms: number[] = [], parents: number[] = [], offsets: number[] = [0];
  const formulas: string[] = [], masses: number[] = [];
  for (const root of chosen) {
    if (seen[root]) continue;
    seen[root] = 1;
    const start = atoms.length;
    atoms.push(root); parents.push(-1);
    for (let q = start; q < atoms.length; q++) {
      const a = atoms[q];
      for (const b of adj[a]) {
        if (!seen[b]) { seen[b] = 1; atoms.push(b); parents.push(a); }
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
  const atoms: number[] = [], parents: number[] = [], offsets = [0];
  for (const m of keep) {
    for (let q = set.offsets[m]; q < set.offsets[m + 1]; q++) { atoms.push(set.atoms[q]); parents.push(set.parents[q]); }
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
 * Whole-molecule Cartesian coordinates: for each entry of `set.atoms` (same order), 3 numbers, with
 * every bond taken by the minimum image so no molecule is split by the boundary. Roots stay where
 * they are in `positions`.
 */
export function wholeMoleculePositions(positions: Float64Array, cell: Cell, set: MoleculeSet, out?: Float64Array): Float64Array {
  const n = set.atoms.length;
  const res = out ?? new Float64Array(3 * n);
  const slot = new Map<number, number>();
  const d = [0, 0, 0];
  for (let m = 0; m < set.count; m++) {
    slot.clear();
    for (let q = set.offsets[m]; q < set.offsets[m + 1]; q++) {
      const a = set.atoms[q], p = set.parents[q];
      slot.set(a, q);
      if (p < 0) {
        res[3 * q] = positions[3 * a]; res[3 * q + 1] = positions[3 * a + 1]; res[3 * q + 2] = positions[3 * a + 2];
        continue;
      }
      const qp = slot.get(p)!;
      cell.minimumImage(positions[3 * a] - positions[3 * p], positions[3 * a + 1] - positions[3 * p + 1], positions[3 * a + 2] - positions[3 * p + 2], d);
      res[3 * q] = res[3 * qp] + d[0]; res[3 * q + 1] = res[3 * qp + 1] + d[1]; res[3 * q + 2] = res[3 * qp + 2] + d[2];
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
    let mx = 0, my = 0, mz = 0, mt = 0;
    for (let q = set.offsets[m]; q < set.offsets[m + 1]; q++) {
      const w = masses[set.atoms[q]];
      mx += w * whole[3 * q]; my += w * whole[3 * q + 1]; mz += w * whole[3 * q + 2]; mt += w;
    }
    com[3 * m] = mx / mt; com[3 * m + 1] = my / mt; com[3 * m + 2] = mz / mt;
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
        com[3 * m] = this.last[3 * m] + d[0]; com[3 * m + 1] = this.last[3 * m + 1] + d[1]; com[3 * m + 2] = this.last[3 * m + 2] + d[2];
      }
    }
    this.last = com;
    this.rows.push(com);
  }

  /** Frame-major COMs, nFrames × 3·count (Å, unwrapped). */
  result(): { nFrames: number; count: number; centres_A: Float64Array } {
    const c = this.set.count, out = new Float64Array(this.rows.length * 3 * c);
    this.rows.forEach((r, f) => out.set(r, f * 3 * c));
    return { nFrames: this.rows.length, count: c, centres_A: out };
  }
}
