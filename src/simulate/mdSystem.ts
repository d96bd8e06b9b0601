/**
 * The system an engine simulates: atoms (topology, unwrapped positions, optional velocities), a periodic
 * cell, and optional molecules (polyatomic anions) with their bonds and angles.
 *
 * Positions are kept **unwrapped** (continuous in time) and every molecule whole, so bonded displacements
 * are plain differences and trajectories can go straight into an MSD.
 */
import type { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import type { Topology } from '../core/topology.js';
import { parseFormula } from '../geometry/molecules.js';

/** Molecules as compressed member lists (same layout as geometry's MoleculeSet). */
export interface MoleculeList {
  count: number;
  /** offsets[m]..offsets[m+1] index `atoms` for molecule m. */
  offsets: Int32Array;
  atoms: Int32Array;
}

export interface MDSystem {
  topology: Topology;
  cell: Cell;
  /** Cartesian positions, Å, 3N (unwrapped; molecules whole). */
  positions: Float64Array;
  /** Velocities, Å/fs, 3N (optional; the engine draws Maxwell–Boltzmann velocities if absent). */
  velocities?: Float64Array;
  /** Polyatomic anions (the rotors constraint modes act on). */
  molecules?: MoleculeList;
  /** Bonded atom pairs, 2 per bond. */
  bonds?: Int32Array;
  /** Angles a–centre–b, 3 per angle (centre in the middle). */
  angles?: Int32Array;
}

/** Molecule index per atom (−1 outside any molecule). */
export function moleculeIndexOfAtoms(system: MDSystem): Int32Array {
  const n = system.topology.species.length;
  const mol = new Int32Array(n).fill(-1);
  const ms = system.molecules;
  if (ms) {
    for (let m = 0; m < ms.count; m++) {
      for (let k = ms.offsets[m]; k < ms.offsets[m + 1]; k++) {
        const a = ms.atoms[k];
        if (mol[a] >= 0) throw new InputError(`atom ${a} belongs to two molecules (${mol[a]} and ${m})`);
        mol[a] = m;
      }
    }
  }
  return mol;
}

/**
 * Indices of the molecules of `system` whose composition is `formula` (element counts in any order:
 * "SO4" = "O4S"), or of every molecule for "all" — the anions an anion-mode constraint acts on.
 * @throws InputError when the system has no molecules or none has that composition.
 */
export function moleculesWithFormula(system: MDSystem, formula: string): number[] {
  const ms = system.molecules;
  if (!ms || ms.count === 0) throw new InputError('the system has no molecules (anions) to select');
  if (formula === 'all') return Array.from({ length: ms.count }, (_, k) => k);
  const want = parseFormula(formula);
  const out: number[] = [];
  for (let k = 0; k < ms.count; k++) {
    const have: Record<string, number> = {};
    for (let q = ms.offsets[k]; q < ms.offsets[k + 1]; q++) {
      const s = system.topology.symbols[system.topology.species[ms.atoms[q]]];
      have[s] = (have[s] ?? 0) + 1;
    }
    const names = Object.keys(want);
    if (names.length === Object.keys(have).length && names.every((s) => have[s] === want[s])) out.push(k);
  }
  if (out.length === 0) throw new InputError(`no molecule has the composition ${formula}`);
  return out;
}

/** Number of atoms in the molecules `indices` of `system`. */
export function atomsInMolecules(system: MDSystem, indices: readonly number[]): number {
  const ms = system.molecules;
  if (!ms) return 0;
  return indices.reduce((k, m) => k + (ms.offsets[m + 1] - ms.offsets[m]), 0);
}

/** Check array sizes and finiteness; throws InputError naming what is wrong. */
export function validateSystem(system: MDSystem): void {
  const n = system.topology.species.length;
  if (n === 0) throw new InputError('system has no atoms');
  if (system.positions.length !== 3 * n) throw new InputError(`positions have ${system.positions.length} values; expected 3 × ${n} atoms`);
  if (system.velocities && system.velocities.length !== 3 * n)
    throw new InputError(`velocities have ${system.velocities.length} values; expected 3 × ${n} atoms`);
  for (let k = 0; k < 3 * n; k++) {
    if (!Number.isFinite(system.positions[k])) throw new InputError(`position of atom ${Math.floor(k / 3)} is not finite (${system.positions[k]})`);
  }
  for (const [name, arr, w] of [
    ['bonds', system.bonds, 2],
    ['angles', system.angles, 3],
  ] as const) {
    if (!arr) continue;
    if (arr.length % w !== 0) throw new InputError(`${name} must have ${w} atom indices each`);
    for (let k = 0; k < arr.length; k++)
      if (!(arr[k] >= 0 && arr[k] < n)) throw new InputError(`${name} entry ${Math.floor(k / w)} names atom ${arr[k]}, outside 0..${n - 1}`);
  }
  moleculeIndexOfAtoms(system);
}

/** A deep copy of a system (positions, velocities and arrays are new). */
export function cloneSystem(s: MDSystem): MDSystem {
  return {
    topology: s.topology,
    cell: s.cell,
    positions: s.positions.slice(),
    velocities: s.velocities?.slice(),
    molecules: s.molecules ? { count: s.molecules.count, offsets: s.molecules.offsets.slice(), atoms: s.molecules.atoms.slice() } : undefined,
    bonds: s.bonds?.slice(),
    angles: s.angles?.slice(),
  };
}
