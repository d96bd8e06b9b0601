/**
 * A rotor (polyatomic anion, molecule) made whole in one frame, its centre of mass and the
 * COM-relative positions. Whole by src/geometry/molecules.ts wholeMoleculeOffsets: along the bond
 * tree when the rotor has one (Rotor.parents, as findMolecules gives), else each atom at the minimum
 * image of the first atom (valid while every atom lies within half a cell width of it: always for
 * PS4, BH4, B12H12 in cells wider than twice their size). Positions are read in place and one Cell
 * serves every frame of an unchanged cell.
 */
import type { Cell } from '../core/cell.js';
import type { Trajectory } from '../core/trajectory.js';
import { wholeMoleculeOffsets } from '../geometry/molecules.js';

/**
 * The cell of frame f, or null when the trajectory has no cell. Pass the previous frame's cell as
 * `prev` to reuse it when the cell has not changed (fixed-cell runs build one Cell, not T).
 */
export function frameCell(traj: Trajectory, f: number, prev: Cell | null = null): Cell | null {
  const h = traj.cells;
  if (!h) return null;
  if (prev) {
    let same = true;
    for (let k = 0; k < 9 && same; k++) same = h[9 * f + k] === prev.matrix[k];
    if (same) return prev;
  }
  return traj.cell(f);
}

/**
 * Fill `rel` (3·atoms.length) with COM-relative positions of `atoms` in the frame whose positions
 * start at `x[base]`, and `com` (3) with the COM (in the image of the first atom, Å). `masses` are the
 * masses of `atoms` in order; `cell` the frame's cell (frameCell), null for no periodicity. `slots`
 * (parentSlots of the rotor's bond tree) makes it whole along its bonds; null: from the first atom.
 */
export function wholeRotorAt(
  x: Float64Array,
  base: number,
  cell: Cell | null,
  atoms: ArrayLike<number>,
  masses: ArrayLike<number>,
  rel: Float64Array,
  com: Float64Array,
  slots: ArrayLike<number> | null = null,
): void {
  wholeMoleculeOffsets(x, base, cell, atoms, slots, rel);
  let mt = 0,
    cx = 0,
    cy = 0,
    cz = 0;
  for (let k = 0; k < atoms.length; k++) {
    const mk = masses[k];
    mt += mk;
    cx += mk * rel[3 * k];
    cy += mk * rel[3 * k + 1];
    cz += mk * rel[3 * k + 2];
  }
  cx /= mt;
  cy /= mt;
  cz /= mt;
  for (let k = 0; k < atoms.length; k++) {
    rel[3 * k] -= cx;
    rel[3 * k + 1] -= cy;
    rel[3 * k + 2] -= cz;
  }
  const a0 = base + 3 * atoms[0];
  com[0] = x[a0] + cx;
  com[1] = x[a0 + 1] + cy;
  com[2] = x[a0 + 2] + cz;
}

/**
 * Fill `rel` (3·atoms.length) with COM-relative positions of `atoms` in frame f and `com` (3) with the
 * COM (in the image of the first atom, Å). Uses the frame's cell when the trajectory has one.
 * (Convenience form of wholeRotorAt for one rotor in one frame.)
 */
export function wholeRotorInFrame(traj: Trajectory, atoms: ArrayLike<number>, f: number, rel: Float64Array, com: Float64Array): void {
  const masses = Array.from(atoms, (a) => traj.topology.masses[a]);
  wholeRotorAt(traj.positions, f * 3 * traj.nAtoms, frameCell(traj, f), atoms, masses, rel, com);
}
