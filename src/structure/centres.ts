/**
 * What a structural analysis measures from: the atoms of one species ("Li", "Cl") or the centres of
 * mass of polyatomic anions named by formula ("PS4", "B12H12", "P2S6"), found as bonded clusters
 * (src/geometry/molecules.ts) in the first frame and followed whole across boundaries (METHODS §2).
 *
 * A name that is a species of the trajectory means its atoms; any other name is read as a formula
 * and matched to the composition of the clusters formed by the formula's species.
 */
import type { Cell } from '../core/cell.js';
import { InputError, InputErrorLocation } from '../core/errors.js';
import type { Topology } from '../core/topology.js';
import { indicesOf } from '../core/topology.js';
import {
  findMolecules,
  moleculeCentres,
  MoleculeOptions,
  MoleculeSet,
  moleculeFormulaCounts,
  parseFormula,
  selectMolecules,
} from '../geometry/molecules.js';

/** A resolved group of centres: atoms of a species or molecule COMs. */
export interface CentreGroup {
  /** The name as given ("Li", "PS4"). */
  label: string;
  kind: 'atoms' | 'molecules';
  /** Number of centres. */
  count: number;
  /** Atom indices (kind "atoms"). */
  atoms?: Int32Array;
  /** The molecules (kind "molecules"). */
  molecules?: MoleculeSet;
}

/** Options for naming anions by formula. */
export interface CentreOptions extends Omit<MoleculeOptions, 'species' | 'where'> {
  where?: InputErrorLocation;
}

/**
 * Resolve a species or anion formula against a topology (molecules are found in `positions`/`cell`,
 * usually the first frame).
 */
export function resolveCentres(name: string, topology: Topology, positions: Float64Array, cell: Cell | null, opts: CentreOptions = {}): CentreGroup {
  const where = opts.where ?? {};
  if (topology.symbols.includes(name)) {
    const atoms = indicesOf(topology, name, where);
    return { label: name, kind: 'atoms', count: atoms.length, atoms };
  }
  let comp: Record<string, number>;
  try {
    comp = parseFormula(name, where);
  } catch {
    throw new InputError(
      `"${name}" is neither a species of the trajectory (${topology.symbols.join(', ')}) nor an anion formula such as PS4 or B12H12`,
      where,
    );
  }
  const species = Object.keys(comp);
  for (const s of species) {
    if (!topology.symbols.includes(s)) {
      throw new InputError(`anion "${name}" needs species ${s}, but the trajectory has only ${topology.symbols.join(', ')}`, where);
    }
  }
  if (!cell) throw new InputError(`finding "${name}" anions as bonded clusters needs a periodic cell`, where);
  const all = findMolecules(topology, positions, cell, { ...opts, species, where });
  const sel = selectMolecules(all, name, where);
  if (sel.count === 0) {
    const found = Object.entries(moleculeFormulaCounts(all))
      .map(([f, n]) => `${n}×${f}`)
      .join(', ');
    throw new InputError(
      `no "${name}" anions found among the bonded clusters of ${species.join(', ')} (found ${found}); check the bond cutoffs`,
      where,
    );
  }
  return { label: name, kind: 'molecules', count: sel.count, molecules: sel };
}

/** Positions of the centres in one frame (3 per centre, Å; molecule COMs wrapped into the cell). */
export function centrePositions(group: CentreGroup, positions: Float64Array, cell: Cell | null, masses: Float64Array): Float64Array {
  if (group.kind === 'atoms') {
    const a = group.atoms!,
      out = new Float64Array(3 * a.length);
    for (let k = 0; k < a.length; k++) {
      out[3 * k] = positions[3 * a[k]];
      out[3 * k + 1] = positions[3 * a[k] + 1];
      out[3 * k + 2] = positions[3 * a[k] + 2];
    }
    return out;
  }
  return moleculeCentres(positions, cell!, group.molecules!, masses);
}

/** Atom indices that make up the centres (for excluding self pairs). */
export function centreMemberAtoms(group: CentreGroup): Int32Array {
  return group.kind === 'atoms' ? group.atoms! : group.molecules!.atoms;
}

/**
 * The species a reader must keep for centres named `names` (species or anion formulas): the name itself
 * for a species ("Li"), the elements of a formula ("PS4" → P, S); each once, in order of first mention.
 * (What `superionic rdf/coordination/angles` select from the file before resolving the centres.)
 */
export function speciesForCentres(names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const name of names) {
    if (/^[A-Z][a-z]?$/.test(name)) out.add(name);
    else for (const s of Object.keys(parseFormula(name))) out.add(s);
  }
  return [...out];
}
