/**
 * Topology: which species each atom is, with masses (amu) and optional static charges (e).
 * Species are small integer codes into `symbols`; never arrays of per-atom objects.
 */
import { atomicMass, isElement } from './elements.js';
import { InputError, InputErrorLocation } from './errors.js';

export interface Topology {
  /** Symbol of each species code (usually element symbols, e.g. ["Li", "P", "S"]). */
  readonly symbols: string[];
  /** Species code per atom (index into `symbols`). */
  readonly species: Uint16Array;
  /** Mass per atom, amu. */
  readonly masses: Float64Array;
  /** Optional static charge per atom, e. */
  readonly charges?: Float64Array;
}

/**
 * Build a topology from per-atom symbols. Masses come from the element table unless given per
 * symbol in `masses` (use this for labels that are not element symbols).
 */
export function topologyFromSymbols(atomSymbols: ArrayLike<string>, masses: Record<string, number> = {}, where: InputErrorLocation = {}): Topology {
  const symbols: string[] = [];
  const code = new Map<string, number>();
  const species = new Uint16Array(atomSymbols.length);
  const m = new Float64Array(atomSymbols.length);
  const massOf = new Map<string, number>();
  for (let i = 0; i < atomSymbols.length; i++) {
    const s = atomSymbols[i];
    let c = code.get(s);
    if (c === undefined) {
      c = symbols.length;
      symbols.push(s);
      code.set(s, c);
      let mass = masses[s];
      if (mass === undefined) {
        if (!isElement(s)) throw new InputError(`unknown species "${s}" (atom ${i}); expected an element symbol or a mass for it`, where);
        mass = atomicMass(s);
      }
      massOf.set(s, mass);
    }
    species[i] = c;
    m[i] = massOf.get(s)!;
  }
  return { symbols, species, masses: m };
}

/** Number of atoms of each species, e.g. {Li: 20, P: 4, S: 24}, in order of first appearance. */
export function speciesCounts(top: Topology): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of top.symbols) counts[s] = 0;
  for (let i = 0; i < top.species.length; i++) counts[top.symbols[top.species[i]]]++;
  return counts;
}

/** Per-atom symbol list. */
export function atomSymbols(top: Topology): string[] {
  return Array.from(top.species, (c) => top.symbols[c]);
}

/**
 * Indices of the atoms of one or more species ("Li" or ["P", "S"]).
 * Throws an InputError naming the available species if one is absent.
 */
export function indicesOf(top: Topology, species: string | string[], where: InputErrorLocation = {}): Int32Array {
  const wanted = Array.isArray(species) ? species : [species];
  const codes = new Set<number>();
  for (const s of wanted) {
    const c = top.symbols.indexOf(s);
    if (c < 0) {
      throw new InputError(`no atoms of species "${s}"; the trajectory has ${top.symbols.join(', ')}`, where);
    }
    codes.add(c);
  }
  const out: number[] = [];
  for (let i = 0; i < top.species.length; i++) if (codes.has(top.species[i])) out.push(i);
  return Int32Array.from(out);
}

/** The sub-topology of the given atoms (in that order); species codes are kept as in `top`. */
export function subsetTopology(top: Topology, atoms: ArrayLike<number>): Topology {
  const idx = Array.from(atoms);
  return {
    symbols: top.symbols.slice(),
    species: Uint16Array.from(idx, (i) => top.species[i]),
    masses: Float64Array.from(idx, (i) => top.masses[i]),
    charges: top.charges ? Float64Array.from(idx, (i) => top.charges![i]) : undefined,
  };
}
